#include "frontends/terraform/tree_sitter_oracle/syntax_errors.h"

#include <string>
#include <string_view>
#include <vector>

#include "frontends/terraform/tree_sitter_oracle/ast_builder.h"

namespace bw::frontends::terraform::oracle {

namespace {

std::string_view type_of(TSNode node) {
  return ts_node_type(node);
}

// The first ERROR or MISSING node in document order. Iterative, and only
// descends into subtrees that contain an error.
std::optional<TSNode> first_error(TSNode root) {
  if (!ts_node_has_error(root)) return std::nullopt;
  if (ts_node_is_error(root) || ts_node_is_missing(root)) return root;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  std::optional<TSNode> found;
  bool descend = ts_tree_cursor_goto_first_child(&cursor);
  while (descend && !found) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_error(node) || ts_node_is_missing(node)) {
      found = node;
      break;
    }
    if (ts_node_has_error(node) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        descend = false;
        break;
      }
    }
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

// Turns one ERROR or MISSING node into a message, looking at what surrounds it.
class Describer {
 public:
  explicit Describer(const ir::SourceFile& file) : file_(file) {}

  SyntaxError describe(TSNode node) {
    return ts_node_is_missing(node) ? missing(node) : unexpected(node);
  }

 private:
  SyntaxError at(TSNode node, std::string message) const {
    return {span_of(file_.id, node), std::move(message)};
  }

  std::string_view text(TSNode node) const {
    uint32_t begin = ts_node_start_byte(node), end = ts_node_end_byte(node);
    if (begin >= end || end > file_.text.size()) return {};
    return std::string_view(file_.text).substr(begin, end - begin);
  }

  // What the user wrote at a node: its text, or for the zero-width tokens
  // tree-sitter invents while recovering, the characters that are there.
  std::string shown(TSNode node) const {
    std::string_view written = text(node);
    if (written.empty()) {
      uint32_t begin = ts_node_start_byte(node);
      if (begin >= file_.text.size()) return "";
      written = std::string_view(file_.text).substr(begin);
      size_t end = written.find_first_of(" \t\r\n");
      written = written.substr(0, end);
    }
    size_t line_end = written.find('\n');
    if (line_end != std::string_view::npos) written = written.substr(0, line_end);
    if (written.size() > 30) return std::string(written.substr(0, 30)) + "...";
    return std::string(written);
  }

  // A block's header as written, for messages: `resource "aws_s3_bucket" "b"`.
  std::string header_text(TSNode block) const {
    std::string header;
    for (TSNode part : children_of(block)) {
      std::string_view type = type_of(part);
      if (type != "identifier" && type != "string_lit") break;
      if (!header.empty()) header += ' ';
      header += text(part);
    }
    if (header.size() > 60) header = header.substr(0, 60) + "...";
    return header;
  }

  std::optional<TSNode> ancestor(TSNode node, std::string_view type) const {
    for (TSNode parent = ts_node_parent(node); !ts_node_is_null(parent);
         parent = ts_node_parent(parent))
      if (type_of(parent) == type) return parent;
    return std::nullopt;
  }

  std::optional<TSNode> child_of_type(TSNode node, std::string_view type) const {
    for (TSNode child : children_of(node))
      if (type_of(child) == type) return child;
    return std::nullopt;
  }

  SyntaxError missing(TSNode node) const {
    std::string_view type = type_of(node);
    TSNode parent = ts_node_parent(node);
    std::string_view parent_type = ts_node_is_null(parent) ? "" : type_of(parent);
    TSNode owner = ts_node_is_null(parent) ? parent : ts_node_parent(parent);
    bool has_owner = !ts_node_is_null(owner);

    if (type == "}" && parent_type == "block_end" && has_owner) {
      ir::Span span = span_of(file_.id, owner);
      if (auto open = child_of_type(owner, "block_start"))
        span = span_between(file_.id, owner, *open);
      return {span, "unclosed block '" + header_text(owner) + "' (missing '}')"};
    }
    if (type == "]" && parent_type == "tuple_end" && has_owner) {
      TSNode open = owner;
      if (auto start = child_of_type(owner, "tuple_start")) open = *start;
      return at(open, "unclosed '[' (missing ']')");
    }
    if (type == "}" && parent_type == "object_end" && has_owner) {
      TSNode open = owner;
      if (auto start = child_of_type(owner, "object_start")) open = *start;
      return at(open, "unclosed '{' (missing '}')");
    }
    if (type == ")" && !ts_node_is_null(parent)) {
      if (auto open = child_of_type(parent, "(")) return at(*open, "unclosed '(' (missing ')')");
    }
    if (type == "quoted_template_end" && !ts_node_is_null(parent))
      return {span_of(file_.id, parent), "unterminated string"};
    if (type == "heredoc_identifier" && !ts_node_is_null(parent))
      return {span_of(file_.id, parent), "unterminated heredoc (missing its closing marker)"};
    // An absent value makes tree-sitter invent a token where the value should
    // start: an empty name, or the `{` of an empty object.
    if (auto attribute = ancestor(node, "attribute")) {
      std::vector<TSNode> parts = children_of(*attribute);
      if (parts.size() >= 3 && type_of(parts[1]) == "=" &&
          ts_node_start_byte(parts[2]) == ts_node_start_byte(node))
        return {span_between(file_.id, parts[0], parts[1]),
                "missing value after '" + std::string(text(parts[0])) + " ='"};
    }
    if (type == "{" && parent_type == "object_start") {
      // With no `=` before it, the `}` that closes the invented object is stray.
      if (!ts_node_is_null(owner))
        if (auto close = child_of_type(owner, "object_end")) return at(*close, "unexpected '}'");
      return at(node, "expected a value");
    }
    return at(node, "missing '" + std::string(type) + "'");
  }

  SyntaxError unexpected(TSNode error) const {
    std::vector<TSNode> parts = children_of(error);
    if (parts.empty()) {
      std::string what = shown(error);
      return at(error, what.empty() ? "unexpected end of file" : "unexpected '" + what + "'");
    }
    // Tree-sitter keeps the valid prefix (a block header, `name =`) inside the
    // ERROR; the problem is what follows it.
    size_t i = 0;
    while (i < parts.size()) {
      std::string_view part_type = type_of(parts[i]);
      if ((part_type == "body" || part_type == "attribute" || part_type == "block") &&
          !ts_node_has_error(parts[i])) {
        ++i;
        continue;
      }
      if (part_type != "identifier") break;
      size_t j = i + 1;
      while (j < parts.size() &&
             (type_of(parts[j]) == "string_lit" || type_of(parts[j]) == "identifier"))
        ++j;
      if (j < parts.size() && type_of(parts[j]) == "block_start") {
        i = j + 1;
        continue;
      }
      if (j > i + 1 && j < parts.size() && type_of(parts[j - 1]) == "identifier" &&
          type_of(parts[j]) == "=") {
        // `resource "a" "b"` then `name = ...` on the next line: no `{`.
        return {span_between(file_.id, parts[i], parts[j - 2]),
                "missing '{' after '" + std::string(text(parts[i])) + "' block header"};
      }
      if (j > i + 1 && j == parts.size()) {
        return {span_between(file_.id, parts[i], parts[j - 1]),
                "missing '{' after '" + std::string(text(parts[i])) + "' block header"};
      }
      if (j == i + 1 && j < parts.size() && type_of(parts[j]) == "=") {
        if (j + 1 == parts.size())
          return {span_between(file_.id, parts[i], parts[j]),
                  "missing value after '" + std::string(text(parts[i])) + " ='"};
        i = j + 1;
        break;
      }
      if (j == i + 1 && j < parts.size()) {
        return {span_of(file_.id, parts[i]),
                "missing '=' after '" + std::string(text(parts[i])) + "'"};
      }
      if (j == i + 2 && type_of(parts[i + 1]) == "identifier" && j < parts.size() &&
          type_of(parts[j]) != "=") {
        return {span_of(file_.id, parts[i]),
                "missing '=' after '" + std::string(text(parts[i])) + "'"};
      }
      break;
    }
    if (i >= parts.size()) return at(parts.back(), "unexpected end of block");
    for (size_t k = i; k < parts.size(); ++k) {
      if (type_of(parts[k]) != "template_interpolation_start") continue;
      bool closed = false;
      for (size_t m = k + 1; m < parts.size(); ++m)
        closed = closed || type_of(parts[m]) == "template_interpolation_end";
      if (!closed) return at(parts[k], "unclosed '${' (missing '}')");
    }
    TSNode offending = parts[i];
    std::string_view type = type_of(offending);
    bool opener = type == "(" || type == "[" || type == "{";
    if (opener) {
      std::string_view closer = type == "(" ? ")" : type == "[" ? "]" : "}";
      bool closed = false;
      for (size_t k = i + 1; k < parts.size(); ++k) closed = closed || type_of(parts[k]) == closer;
      if (!closed)
        return at(offending,
                  "unclosed '" + std::string(type) + "' (missing '" + std::string(closer) + "')");
    }
    static constexpr std::string_view kOperators[] = {
        "+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"};
    for (std::string_view op : kOperators)
      if (type == op && i + 1 == parts.size())
        return at(offending, "missing operand after '" + std::string(op) + "'");
    std::string what = shown(offending);
    if (what.empty()) return at(offending, "unexpected end of file");
    return at(offending, "unexpected '" + what + "'");
  }

  const ir::SourceFile& file_;
};

}  // namespace

std::optional<SyntaxError> describe_syntax_error(TSNode item, const ir::SourceFile& file) {
  std::optional<TSNode> error = first_error(item);
  if (!error) return std::nullopt;
  return Describer(file).describe(*error);
}

}  // namespace bw::frontends::terraform::oracle
