#include "frontends/terraform/hcl_json.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>

#include "ir/utf8.h"

namespace bw::frontends::terraform {

namespace {

// A JSON value with the byte range it covers.
struct JsonNode {
  enum class Kind : uint8_t { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  uint32_t begin = 0;           // offset of the first byte
  uint32_t end = 0;             // offset past the last byte
  bool flag = false;            // Bool: its value
  std::string text;             // String: unescaped; Number: as written
  std::vector<JsonNode> keys;   // Object: property names (Strings)
  std::vector<JsonNode> items;  // Array: elements; Object: property values
};

struct JsonError {
  uint32_t offset = 0;
  std::string message;
};

// RFC 8259 JSON with the offset of every value; nesting bounded by
// kMaxSyntaxDepth so no input exhausts the stack.
class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  std::optional<JsonNode> document(JsonError& error) {
    JsonNode root;
    skip_space();
    if (!value(root, 0)) {
      error = error_;
      return std::nullopt;
    }
    skip_space();
    if (pos_ != text_.size()) {
      error = {pos_, "Extraneous data after value: extra characters appear after the JSON value"};
      return std::nullopt;
    }
    return root;
  }

 private:
  bool fail(std::string message) {
    error_ = {pos_, std::move(message)};
    return false;
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }
  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += static_cast<uint32_t>(word.size());
    return true;
  }

  bool value(JsonNode& node, int depth) {
    if (depth > kMaxSyntaxDepth) return fail("Nesting too deep: JSON nested more than 500 levels");
    node.begin = pos_;
    if (pos_ >= text_.size())
      return fail("Missing value: the JSON text ends where a value is expected");
    char c = text_[pos_];
    bool ok = true;
    if (c == '{') {
      node.kind = JsonNode::Kind::Object;
      ok = object(node, depth);
    } else if (c == '[') {
      node.kind = JsonNode::Kind::Array;
      ok = array(node, depth);
    } else if (c == '"') {
      node.kind = JsonNode::Kind::String;
      ok = string(node.text);
    } else if (literal("true")) {
      node.kind = JsonNode::Kind::Bool;
      node.flag = true;
    } else if (literal("false")) {
      node.kind = JsonNode::Kind::Bool;
    } else if (literal("null")) {
      node.kind = JsonNode::Kind::Null;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      node.kind = JsonNode::Kind::Number;
      ok = number(node.text);
    } else {
      return fail(std::string("Invalid JSON value: unexpected character '") + c + "'");
    }
    node.end = pos_;
    return ok;
  }

  bool object(JsonNode& node, int depth) {
    ++pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    for (;;) {
      skip_space();
      if (pos_ >= text_.size())
        return fail("Unexpected end of file: the JSON text ends inside an object");
      if (text_[pos_] != '"')
        return fail("Invalid object property name: a JSON object property name must be a string");
      JsonNode key;
      key.kind = JsonNode::Kind::String;
      key.begin = pos_;
      if (!string(key.text)) return false;
      key.end = pos_;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':')
        return fail("Missing property value colon: a colon must appear after a property name");
      ++pos_;
      skip_space();
      JsonNode item;
      if (!value(item, depth + 1)) return false;
      node.keys.push_back(std::move(key));
      node.items.push_back(std::move(item));
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return fail(
          "Missing attribute seperator comma: a comma must appear between object properties");
    }
  }

  bool array(JsonNode& node, int depth) {
    ++pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    for (;;) {
      skip_space();
      JsonNode item;
      if (!value(item, depth + 1)) return false;
      node.items.push_back(std::move(item));
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return fail("Missing array element separator: a comma must appear between array elements");
    }
  }

  bool hex4(uint32_t& out) {
    if (pos_ + 4 > text_.size()) return fail("Invalid escape: \\u needs four hex digits");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char h = text_[pos_++];
      out <<= 4;
      if (h >= '0' && h <= '9')
        out |= static_cast<uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f')
        out |= static_cast<uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        out |= static_cast<uint32_t>(h - 'A' + 10);
      else
        return fail("Invalid escape: \\u needs four hex digits");
    }
    return true;
  }

  bool string(std::string& out) {
    ++pos_;  // the opening quote
    for (;;) {
      if (pos_ >= text_.size()) return fail("Unterminated string: a string has no closing quote");
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20)
        return fail("Invalid character in string: control characters must be escaped");
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      ++pos_;
      if (pos_ >= text_.size()) return fail("Unterminated string: a string has no closing quote");
      char e = text_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && text_.substr(pos_, 2) == "\\u") {
            pos_ += 2;
            uint32_t low = 0;
            if (!hex4(low)) return false;
            if (low >= 0xDC00 && low < 0xE000)
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            else
              cp = 0xFFFD;
          } else if (cp >= 0xD800 && cp < 0xE000) {
            cp = 0xFFFD;
          }
          ir::append_utf8(out, cp);
          break;
        }
        default:
          --pos_;
          return fail(std::string("Invalid escape sequence: \\") + e + " is not a JSON escape");
      }
    }
  }

  bool number(std::string& out) {
    uint32_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    auto digits = [&] {
      uint32_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ > from;
    };
    if (!digits()) return fail("Invalid number: a digit is expected");
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digits()) return fail("Invalid number: a digit is expected after the decimal point");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digits()) return fail("Invalid number: a digit is expected in the exponent");
    }
    out.assign(text_.substr(start, pos_ - start));
    return true;
  }

  std::string_view text_;
  uint32_t pos_ = 0;
  JsonError error_;
};

// How a JSON string is read where it stands.
enum class Mode : uint8_t { Template, Expression, Literal };

// Which properties of a body are blocks, and how its strings are read.
enum class Schema : uint8_t {
  Resource,  // resource, data, ephemeral, and dynamic content
  Module,
  Variable,
  Output,
  Locals,
  Lifecycle,
  Dynamic,
  Check,
  Address,  // moved, import, removed
  Generic,  // provider, terraform, validation, precondition, provisioner, ...
};

class Converter {
 public:
  Converter(const ir::SourceFile& file, HclParser& parser, size_t max_items, HclFile& out)
      : file_(file), parser_(parser), max_items_(max_items), out_(out) {}

  void top(const JsonNode& root) {
    if (root.kind != JsonNode::Kind::Object) {
      error(root, "Invalid JSON configuration: the root of a JSON configuration must be an object");
      return;
    }
    for (size_t i = 0; i < root.keys.size(); ++i) {
      const std::string& type = root.keys[i].text;
      const JsonNode& value = root.items[i];
      if (type == "//") continue;
      if (type == "resource" || type == "data" || type == "ephemeral")
        blocks(type, root.keys[i], value, 2, Schema::Resource, out_.body);
      else if (type == "module")
        blocks(type, root.keys[i], value, 1, Schema::Module, out_.body);
      else if (type == "variable")
        blocks(type, root.keys[i], value, 1, Schema::Variable, out_.body);
      else if (type == "output")
        blocks(type, root.keys[i], value, 1, Schema::Output, out_.body);
      else if (type == "provider")
        blocks(type, root.keys[i], value, 1, Schema::Generic, out_.body);
      else if (type == "locals")
        blocks(type, root.keys[i], value, 0, Schema::Locals, out_.body);
      else if (type == "terraform")
        blocks(type, root.keys[i], value, 0, Schema::Generic, out_.body);
      else if (type == "moved" || type == "import" || type == "removed")
        blocks(type, root.keys[i], value, 0, Schema::Address, out_.body);
      else if (type == "check")
        blocks(type, root.keys[i], value, 1, Schema::Check, out_.body);
      else
        error(root.keys[i],
              "Unsupported block type: blocks of type \"" + type + "\" are not expected here");
    }
  }

 private:
  ir::Span span(uint32_t begin, uint32_t end) const { return file_.span(begin, end); }
  ir::Span span(const JsonNode& node) const { return span(node.begin, node.end); }

  void error(const JsonNode& at, std::string message) {
    if (out_.errors.size() < kMaxSyntaxErrorsPerFile)
      out_.errors.push_back({span(at), std::move(message)});
  }

  // `{"L1": {"L2": body}}` with `labels` levels, or the body itself when
  // there are none; a body may be an array of bodies.
  void blocks(const std::string& type, const JsonNode& type_key, const JsonNode& value,
              size_t labels, Schema schema, Body& into) {
    std::vector<std::string> written;
    labelled(type, type_key, value, labels, schema, written, into);
  }

  void labelled(const std::string& type, const JsonNode& key, const JsonNode& value, size_t labels,
                Schema schema, std::vector<std::string>& written, Body& into) {
    if (written.size() == labels) {
      if (value.kind == JsonNode::Kind::Array) {
        for (const JsonNode& item : value.items)
          labelled(type, key, item, labels, schema, written, into);
        return;
      }
      if (value.kind != JsonNode::Kind::Object) {
        error(value, "Incorrect JSON value type: a JSON object is required for the body of a " +
                         type + " block");
        return;
      }
      Block block;
      block.type = type;
      block.labels = written;
      block.header_span = span(key);
      block.span = span(key.begin, value.end);
      body(value, schema, block.body);
      into.blocks.push_back(std::move(block));
      return;
    }
    if (value.kind != JsonNode::Kind::Object) {
      error(value, "Incorrect JSON value type: a JSON object is required, with a property per " +
                       type + " block label");
      return;
    }
    for (size_t i = 0; i < value.keys.size(); ++i) {
      if (value.keys[i].text == "//") continue;
      written.push_back(value.keys[i].text);
      labelled(type, value.keys[i], value.items[i], labels, schema, written, into);
      written.pop_back();
    }
  }

  // The nested block types a schema knows: type -> (labels, schema).
  static std::optional<std::pair<size_t, Schema>> nested_block(Schema schema,
                                                               const std::string& name) {
    switch (schema) {
      case Schema::Resource:
        if (name == "lifecycle") return std::make_pair(size_t{0}, Schema::Lifecycle);
        if (name == "dynamic") return std::make_pair(size_t{1}, Schema::Dynamic);
        if (name == "provisioner") return std::make_pair(size_t{1}, Schema::Generic);
        if (name == "connection") return std::make_pair(size_t{0}, Schema::Generic);
        return std::nullopt;
      case Schema::Variable:
        if (name == "validation") return std::make_pair(size_t{0}, Schema::Generic);
        return std::nullopt;
      case Schema::Output:
        if (name == "precondition") return std::make_pair(size_t{0}, Schema::Generic);
        return std::nullopt;
      case Schema::Lifecycle:
        if (name == "precondition" || name == "postcondition")
          return std::make_pair(size_t{0}, Schema::Generic);
        return std::nullopt;
      case Schema::Dynamic:
        if (name == "content") return std::make_pair(size_t{0}, Schema::Resource);
        return std::nullopt;
      case Schema::Check:
        if (name == "data") return std::make_pair(size_t{2}, Schema::Resource);
        if (name == "assert") return std::make_pair(size_t{0}, Schema::Generic);
        return std::nullopt;
      case Schema::Address:
        if (name == "lifecycle") return std::make_pair(size_t{0}, Schema::Generic);
        if (name == "provisioner") return std::make_pair(size_t{1}, Schema::Generic);
        if (name == "connection") return std::make_pair(size_t{0}, Schema::Generic);
        return std::nullopt;
      case Schema::Module:
      case Schema::Locals:
      case Schema::Generic:
        return std::nullopt;
    }
    return std::nullopt;
  }

  // How a schema's argument reads its strings.
  static Mode mode(Schema schema, const std::string& name) {
    if (name == "depends_on") return Mode::Expression;
    switch (schema) {
      case Schema::Resource:
        return name == "provider" ? Mode::Expression : Mode::Template;
      case Schema::Module:
        return name == "providers" ? Mode::Expression : Mode::Template;
      case Schema::Variable:
        if (name == "type") return Mode::Expression;
        return name == "default" ? Mode::Literal : Mode::Template;
      case Schema::Lifecycle:
        return name == "ignore_changes" || name == "replace_triggered_by" ? Mode::Expression
                                                                          : Mode::Template;
      case Schema::Dynamic:
        return name == "iterator" ? Mode::Expression : Mode::Template;
      case Schema::Address:
        return name == "from" || name == "to" || name == "provider" ? Mode::Expression
                                                                    : Mode::Template;
      default:
        return Mode::Template;
    }
  }

  void body(const JsonNode& object, Schema schema, Body& into) {
    std::unordered_set<std::string> seen;
    for (size_t i = 0; i < object.keys.size(); ++i) {
      const JsonNode& key = object.keys[i];
      const JsonNode& value = object.items[i];
      if (key.text == "//") continue;
      if (auto nested = nested_block(schema, key.text)) {
        blocks(key.text, key, value, nested->first, nested->second, into);
        continue;
      }
      if (!seen.insert(key.text).second) {
        error(key, "Duplicate argument: the argument \"" + key.text + "\" was already set");
        continue;
      }
      Attribute attribute;
      attribute.name = key.text;
      attribute.name_span = span(key);
      attribute.span = span(key.begin, value.end);
      attribute.value = expression(value, mode(schema, key.text));
      into.attributes.push_back(std::move(attribute));
    }
  }

  Expr expression(const JsonNode& node, Mode mode) {
    Expr expr;
    expr.span = span(node);
    switch (node.kind) {
      case JsonNode::Kind::Null:
        expr.kind = Expr::Kind::Null;
        break;
      case JsonNode::Kind::Bool:
        expr.kind = Expr::Kind::Bool;
        expr.flag = node.flag;
        break;
      case JsonNode::Kind::Number: {
        expr.kind = Expr::Kind::Number;
        expr.number = std::strtod(node.text.c_str(), nullptr);
        bool integral = node.text.find_first_of(".eE") == std::string::npos;
        expr.flag = !std::isfinite(expr.number) ||
                    (integral && std::fabs(expr.number) > 9007199254740992.0);
        break;
      }
      case JsonNode::Kind::String:
        return string(node, mode);
      case JsonNode::Kind::Array:
        expr.kind = Expr::Kind::Tuple;
        // As the HCL parser does: past max_items the tuple is marked, not
        // kept, and evaluates to an unknown naming collection_items.
        if (node.items.size() > max_items_) {
          expr.flag = true;
          expr.number = static_cast<double>(max_items_);
          break;
        }
        for (const JsonNode& item : node.items) {
          expr.children.push_back(expression(item, mode));
          expr.height = std::max<uint16_t>(expr.height, expr.children.back().height + 1);
        }
        break;
      case JsonNode::Kind::Object:
        expr.kind = Expr::Kind::Object;
        for (size_t i = 0; i < node.keys.size(); ++i) {
          // Keys are templates (literal in a variable's default), never expressions.
          expr.children.push_back(
              string(node.keys[i], mode == Mode::Literal ? Mode::Literal : Mode::Template));
          expr.children.push_back(expression(node.items[i], mode));
          expr.height = std::max<uint16_t>(expr.height, expr.children.back().height + 1);
        }
        break;
    }
    return expr;
  }

  // A string: literal text, a template, or an expression, by mode.
  Expr string(const JsonNode& node, Mode mode) {
    const std::string& text = node.text;
    bool is_template = text.find("${") != std::string::npos || text.find("%{") != std::string::npos;
    if (mode == Mode::Literal || (mode == Mode::Template && !is_template)) {
      Expr expr;
      expr.kind = Expr::Kind::String;
      expr.span = span(node);
      expr.text = text;
      return expr;
    }
    // Parsed as HCL: `x = "<template>"` or `x = <expression>` in a file of
    // its own, whose positions are then moved to where the string stands.
    ir::SourceFile scratch;
    scratch.id = file_.id;
    scratch.path = file_.path;
    std::string prefix = mode == Mode::Template ? "x = \"" : "x = ";
    std::string content = mode == Mode::Template ? hcl_quoted(text) : text;
    scratch.text = prefix + content + (mode == Mode::Template ? "\"\n" : "\n");
    scratch.index_lines();
    HclFile parsed = parser_.parse(scratch);
    if (!parsed.errors.empty() || parsed.body.attributes.size() != 1) {
      std::string message = parsed.errors.empty()
                                ? std::string("Invalid expression: the string holds more than one")
                                : parsed.errors[0].message;
      error(node, message);
      Expr invalid;
      invalid.kind = Expr::Kind::Invalid;
      invalid.span = span(node);
      invalid.text = "the string is not a valid " +
                     std::string(mode == Mode::Template ? "template" : "expression");
      return invalid;
    }
    Expr expr = std::move(parsed.body.attributes[0].value);
    // The JSON text holds the content byte for byte when nothing was
    // escaped, on either side: positions map one to one. Otherwise every
    // part points at the whole string.
    bool exact = node.end - node.begin == text.size() + 2 && content == text;
    uint32_t shift_from = static_cast<uint32_t>(prefix.size()) - (mode == Mode::Template ? 1 : 0);
    uint32_t shift_to = node.begin + (mode == Mode::Template ? 0 : 1);
    relocate(expr, exact, shift_from, shift_to, span(node));
    return expr;
  }

  // The text as the body of an HCL quoted string: what HCL would unescape,
  // escaped; template sequences kept.
  static std::string hcl_quoted(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (static_cast<unsigned char>(c) < 0x20) {
        static const char* kHex = "0123456789abcdef";
        out += "\\u00";
        out += kHex[(c >> 4) & 0xF];
        out += kHex[c & 0xF];
      } else {
        out += c;
      }
    }
    return out;
  }

  void relocate(Expr& expr, bool exact, uint32_t from, uint32_t to, const ir::Span& whole) {
    if (exact && expr.span.begin.offset >= from) {
      expr.span = span(expr.span.begin.offset - from + to, expr.span.end.offset - from + to);
      if (expr.span.end.offset > whole.end.offset) expr.span = whole;
    } else {
      expr.span = whole;
    }
    for (Expr& child : expr.children) relocate(child, exact, from, to, whole);
  }

  const ir::SourceFile& file_;
  HclParser& parser_;
  size_t max_items_;
  HclFile& out_;
};

}  // namespace

HclFile parse_json_configuration(const ir::SourceFile& file, HclParser& parser, size_t max_items) {
  HclFile out;
  out.file = file.id;
  JsonError error;
  std::optional<JsonNode> root = JsonReader(file.text).document(error);
  if (!root) {
    uint32_t end = std::min<uint32_t>(error.offset + 1, static_cast<uint32_t>(file.text.size()));
    out.errors.push_back({file.span(error.offset, std::max(end, error.offset)), error.message});
    return out;
  }
  Converter(file, parser, max_items, out).top(*root);
  return out;
}

std::vector<ModuleSource> scan_json_module_sources(std::string_view text) {
  std::vector<ModuleSource> calls;
  JsonError error;
  std::optional<JsonNode> root = JsonReader(text).document(error);
  if (!root || root->kind != JsonNode::Kind::Object) return calls;
  auto add = [&](const std::string& name, const JsonNode& body) {
    if (body.kind != JsonNode::Kind::Object) return;
    for (size_t i = 0; i < body.keys.size(); ++i)
      if (body.keys[i].text == "source" && body.items[i].kind == JsonNode::Kind::String &&
          body.items[i].text.find("${") == std::string::npos)
        calls.push_back({name, body.items[i].text});
  };
  for (size_t i = 0; i < root->keys.size(); ++i) {
    if (root->keys[i].text != "module") continue;
    const JsonNode& modules = root->items[i];
    if (modules.kind != JsonNode::Kind::Object) continue;
    for (size_t m = 0; m < modules.keys.size(); ++m) {
      const JsonNode& body = modules.items[m];
      if (body.kind == JsonNode::Kind::Array)
        for (const JsonNode& item : body.items) add(modules.keys[m].text, item);
      else
        add(modules.keys[m].text, body);
    }
  }
  return calls;
}

}  // namespace bw::frontends::terraform
