// The template half of AstBuilder: quoted strings with interpolations,
// heredocs, `%{ if }` and `%{ for }` directives and `~` strip markers.
//
// tree-sitter gives a tree of clauses; Terraform (hclsyntax) reads a template
// as a flat run of parts first: literal text (in a heredoc, one part per
// line), interpolations and directive markers. A `~` trims only the literal
// part next to it, so in a heredoc only to the end of its line; `<<-` removes
// the least indentation of the lines with content, across directive bodies
// too, and leaves lines of only spaces alone. This builder flattens the
// tree-sitter nodes into such parts, applies those rules, then matches the
// directives back into a tree.

#include <algorithm>
#include <climits>
#include <string>
#include <utility>

#include "frontends/terraform/tree_sitter_oracle/ast_builder.h"
#include "frontends/terraform/tree_sitter_oracle/template_text.h"

namespace bw::frontends::terraform::oracle {

namespace {

enum class PartKind { Literal, Interpolation, If, Else, EndIf, For, EndFor };

// A literal stretch (one line of a heredoc), an interpolation or a directive
// marker of a flattened template.
struct Part {
  PartKind kind = PartKind::Literal;
  std::string text;
  Expr expr;
  std::vector<std::string> names;  // for: [key,] value
  bool strip_before = false;
  bool strip_after = false;
  ir::Position begin, end;
};

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Whether a template piece such as `%{ if x ~}` carries a `~` right after its
// opening token (front) or right before its closing one (back).
bool has_strip_marker(TSNode node, bool front) {
  std::vector<TSNode> parts = children_of(node);
  if (parts.size() < 2) return false;
  TSNode candidate = front ? parts[1] : parts[parts.size() - 2];
  return std::string_view(ts_node_type(candidate)) == "strip_marker";
}

}  // namespace

Expr AstBuilder::quoted_template(TSNode node) {
  std::vector<TSNode> parts = children_of(node);
  if (parts.size() < 2) return invalid(node, "malformed string");
  std::vector<TSNode> items(parts.begin() + 1, parts.end() - 1);
  return template_content(items, ts_node_end_byte(parts.front()), ts_node_start_byte(parts.back()),
                          false, false, span(node));
}

Expr AstBuilder::heredoc(TSNode node) {
  std::vector<TSNode> parts = children_of(node);
  if (parts.size() < 3) return invalid(node, "malformed heredoc");
  bool flush = text(parts[0]) == "<<-";
  // The content starts on the line after `<<EOT` and ends before the line
  // holding the closing marker; its last newline belongs to the value.
  const std::string& source = file_.text;
  size_t begin = source.find('\n', ts_node_end_byte(parts[1]));
  begin = begin == std::string::npos ? source.size() : begin + 1;
  size_t end = ts_node_start_byte(parts.back());
  while (end > begin && source[end - 1] != '\n') --end;
  if (end < begin) end = begin;
  std::vector<TSNode> items(parts.begin() + 2, parts.end() - 1);
  return template_content(items, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), true,
                          flush, span(node));
}

Expr AstBuilder::template_content(const std::vector<TSNode>& items, uint32_t begin, uint32_t end,
                                  bool heredoc, bool flush, const ir::Span& whole) {
  DepthGuard guard(depth_);
  if (depth_ > kMaxConversionDepth) return make(Expr::Kind::Invalid, whole);
  std::vector<Part> parts;
  std::string_view source(file_.text);
  uint32_t cursor = begin;
  auto literal_until = [&](uint32_t to) {
    // A heredoc's text is one part per line, as hclsyntax scans it.
    while (cursor < to && to <= source.size()) {
      uint32_t stop = to;
      if (heredoc) {
        size_t newline = source.find('\n', cursor);
        if (newline != std::string_view::npos && newline + 1 < to)
          stop = static_cast<uint32_t>(newline + 1);
      }
      Part part;
      std::string_view raw = source.substr(cursor, stop - cursor);
      part.text = heredoc ? unescape_heredoc(raw) : unescape_quoted(raw);
      parts.push_back(std::move(part));
      cursor = stop;
    }
  };
  // Flattens one interpolation or directive node into parts, in source order.
  auto walk = [&](auto& self, TSNode node) -> void {
    std::string_view type = type_of(node);
    if (type == "template_interpolation") {
      literal_until(ts_node_start_byte(node));
      Part part;
      part.kind = PartKind::Interpolation;
      part.expr = invalid(node, "empty interpolation");
      for (TSNode inner : children_of(node))
        if (type_of(inner) == "expression") part.expr = convert(inner);
      part.strip_before = has_strip_marker(node, true);
      part.strip_after = has_strip_marker(node, false);
      part.begin = start_position(node);
      part.end = end_position(node);
      parts.push_back(std::move(part));
      cursor = ts_node_end_byte(node);
      return;
    }
    if (type != "template_directive") return;
    for (TSNode directive : children_of(node)) {
      for (TSNode clause : children_of(directive)) {
        std::string_view clause_type = type_of(clause);
        PartKind kind;
        if (clause_type == "template_if_intro")
          kind = PartKind::If;
        else if (clause_type == "template_else_intro")
          kind = PartKind::Else;
        else if (clause_type == "template_if_end")
          kind = PartKind::EndIf;
        else if (clause_type == "template_for_start")
          kind = PartKind::For;
        else if (clause_type == "template_for_end")
          kind = PartKind::EndFor;
        else {
          self(self, clause);
          continue;
        }
        literal_until(ts_node_start_byte(clause));
        Part part;
        part.kind = kind;
        for (TSNode inner : children_of(clause)) {
          if (type_of(inner) == "expression") part.expr = convert(inner);
          if (type_of(inner) == "identifier") part.names.emplace_back(text(inner));
        }
        part.strip_before = has_strip_marker(clause, true);
        part.strip_after = has_strip_marker(clause, false);
        part.begin = start_position(clause);
        part.end = end_position(clause);
        parts.push_back(std::move(part));
        cursor = ts_node_end_byte(clause);
      }
    }
  };
  for (TSNode item : items) walk(walk, item);
  literal_until(end);

  // `~` trims the literal part right next to it.
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].kind == PartKind::Literal) continue;
    if (parts[i].strip_before && i > 0 && parts[i - 1].kind == PartKind::Literal) {
      std::string& t = parts[i - 1].text;
      while (!t.empty() && space(t.back())) t.pop_back();
    }
    if (parts[i].strip_after && i + 1 < parts.size() && parts[i + 1].kind == PartKind::Literal) {
      std::string& t = parts[i + 1].text;
      size_t n = 0;
      while (n < t.size() && space(t[n])) ++n;
      t.erase(0, n);
    }
  }
  if (flush) {
    size_t least = SIZE_MAX;
    std::vector<size_t> adjust;
    bool line_start = true;
    for (size_t i = 0; i < parts.size(); ++i) {
      bool literal = parts[i].kind == PartKind::Literal;
      const std::string& t = parts[i].text;
      if (line_start) {
        line_start = false;
        size_t spaces = 0;
        if (literal) {
          while (spaces < t.size() && space(t[spaces])) ++spaces;
          if (spaces == t.size() && !t.empty() && t.back() == '\n') {
            spaces = SIZE_MAX;  // a blank line: not counted, not changed
          } else {
            adjust.push_back(i);
          }
        }
        least = std::min(least, spaces);
      }
      if (literal && !t.empty() && t.back() == '\n') line_start = true;
    }
    if (least != SIZE_MAX)
      for (size_t i : adjust) parts[i].text.erase(0, std::min(least, parts[i].text.size()));
  }

  // Directives back into a tree. A body's literal pieces carry the span from
  // its opening directive to its closing one; text alone is a String.
  auto node_of = [&](std::vector<Expr>& pieces, const ir::Span& span) {
    bool only_text = true;
    for (const Expr& piece : pieces)
      only_text = only_text && piece.kind == Expr::Kind::String && piece.span.file == ir::kNoFile;
    if (only_text) {
      Expr literal = make(Expr::Kind::String, span);
      for (Expr& piece : pieces) literal.text += piece.text;
      return literal;
    }
    Expr result = make(Expr::Kind::Template, span);
    for (Expr& piece : pieces) {
      if (piece.kind == Expr::Kind::String && piece.span.file == ir::kNoFile) piece.span = span;
      result.children.push_back(std::move(piece));
    }
    return result;
  };
  size_t i = 0;
  bool broken = false;
  int nesting = 0;
  // Collects pieces up to a part that ends a body (else, endif, endfor).
  auto body = [&](auto& self, std::vector<Expr>& pieces) -> void {
    std::string run;
    auto end_run = [&] {
      if (!run.empty()) {
        Expr literal;
        literal.kind = Expr::Kind::String;
        literal.text = std::move(run);
        pieces.push_back(std::move(literal));
      }
      run.clear();
    };
    while (i < parts.size() && !broken) {
      Part& part = parts[i];
      if (part.kind == PartKind::Literal) {
        run += part.text;
        ++i;
      } else if (part.kind == PartKind::Interpolation) {
        end_run();
        pieces.push_back(std::move(part.expr));
        ++i;
      } else if (part.kind == PartKind::If || part.kind == PartKind::For) {
        end_run();
        if (++nesting > kMaxConversionDepth) {
          broken = true;
          return;
        }
        bool is_if = part.kind == PartKind::If;
        size_t intro = i++;
        Expr directive;
        directive.kind = is_if ? Expr::Kind::TemplateIf : Expr::Kind::TemplateFor;
        if (!is_if && (parts[intro].names.empty() || parts[intro].names.size() > 2)) broken = true;
        if (!is_if && !broken) {
          directive.text = parts[intro].names.back();
          if (parts[intro].names.size() == 2) directive.key_name = parts[intro].names.front();
        }
        directive.children.push_back(std::move(parts[intro].expr));
        std::vector<Expr> then_pieces;
        self(self, then_pieces);
        if (i >= parts.size()) {
          broken = true;
          return;
        }
        directive.children.push_back(
            node_of(then_pieces, {file_.id, parts[intro].begin, parts[i].end}));
        if (is_if && parts[i].kind == PartKind::Else) {
          size_t otherwise = i++;
          std::vector<Expr> else_pieces;
          self(self, else_pieces);
          if (i >= parts.size()) {
            broken = true;
            return;
          }
          directive.children.push_back(
              node_of(else_pieces, {file_.id, parts[otherwise].begin, parts[i].end}));
        }
        if (parts[i].kind != (is_if ? PartKind::EndIf : PartKind::EndFor)) {
          broken = true;
          return;
        }
        directive.span = {file_.id, parts[intro].begin, parts[i].end};
        --nesting;
        ++i;
        pieces.push_back(std::move(directive));
      } else {
        break;
      }
    }
    end_run();
  };
  std::vector<Expr> pieces;
  body(body, pieces);
  if (broken || i < parts.size()) return invalid_span(whole, "unbalanced template directives");
  return node_of(pieces, whole);
}

}  // namespace bw::frontends::terraform::oracle
