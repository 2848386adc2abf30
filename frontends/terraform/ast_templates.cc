// The template half of AstBuilder: quoted strings with interpolations,
// heredocs, `%{ if }` and `%{ for }` directives and `~` strip markers.

#include <string>
#include <utility>

#include "frontends/terraform/ast_builder.h"
#include "frontends/terraform/template_text.h"

namespace bw::frontends::terraform {

namespace {

bool is_template_part(TSNode node) {
  std::string_view type = ts_node_type(node);
  return type == "template_interpolation" || type == "template_directive";
}

// Whether a template piece such as `%{ if x ~}` carries a `~` right after its
// opening token (front) or right before its closing one (back).
bool has_strip_marker(TSNode node, bool front) {
  std::vector<TSNode> parts = children_of(node);
  if (parts.size() < 2) return false;
  TSNode candidate = front ? parts[1] : parts[parts.size() - 2];
  return std::string_view(ts_node_type(candidate)) == "strip_marker";
}

void trim_back(std::string& text) {
  size_t end = text.find_last_not_of(" \t\r\n");
  text.erase(end == std::string::npos ? 0 : end + 1);
}

void trim_front(std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  text.erase(0, begin == std::string::npos ? text.size() : begin);
}

}  // namespace

Expr AstBuilder::quoted_template(TSNode node) {
  std::vector<TSNode> parts = children_of(node);
  if (parts.size() < 2) return invalid(node, "malformed string");
  std::vector<TSNode> pieces;
  for (TSNode part : parts)
    if (is_template_part(part)) pieces.push_back(part);
  return template_parts(pieces, ts_node_end_byte(parts.front()), ts_node_start_byte(parts.back()),
                        false, false, false, false, span(node));
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
  std::vector<TSNode> pieces;
  for (TSNode part : parts)
    if (is_template_part(part)) pieces.push_back(part);
  return template_parts(pieces, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), true,
                        flush, false, false, span(node));
}

Expr AstBuilder::template_parts(const std::vector<TSNode>& parts, uint32_t begin, uint32_t end,
                                bool heredoc, bool flush, bool strip_start, bool strip_end,
                                const ir::Span& whole) {
  // A stretch of literal text, or an interpolation or directive, with the
  // `~` markers that trim the text next to it.
  struct Piece {
    bool literal = true;
    std::string text;
    Expr expr;
    bool strip_before = false;
    bool strip_after = false;
  };
  std::vector<Piece> pieces;
  std::string_view source(file_.text);
  auto add_literal = [&](uint32_t from, uint32_t to) {
    Piece piece;
    if (from < to && to <= source.size()) {
      std::string_view raw = source.substr(from, to - from);
      piece.text = heredoc ? unescape_heredoc(raw) : unescape_quoted(raw);
    }
    pieces.push_back(std::move(piece));
  };

  uint32_t position = begin;
  for (TSNode part : parts) {
    uint32_t part_begin = ts_node_start_byte(part);
    if (part_begin < position) continue;
    add_literal(position, part_begin);
    Piece piece;
    piece.literal = false;
    if (type_of(part) == "template_interpolation") {
      piece.expr = invalid(part, "empty interpolation");
      for (TSNode inner : children_of(part))
        if (type_of(inner) == "expression") piece.expr = convert(inner);
      piece.strip_before = has_strip_marker(part, true);
      piece.strip_after = has_strip_marker(part, false);
    } else {
      piece.expr = template_directive(part, heredoc);
      std::vector<TSNode> inner = children_of(part);
      if (inner.size() == 1) {
        std::vector<TSNode> clauses = children_of(inner[0]);
        if (!clauses.empty()) {
          piece.strip_before = has_strip_marker(clauses.front(), true);
          piece.strip_after = has_strip_marker(clauses.back(), false);
        }
      }
    }
    pieces.push_back(std::move(piece));
    position = ts_node_end_byte(part);
  }
  add_literal(position, end);

  if (flush) {
    std::vector<std::string> segments;
    std::vector<bool> literal;
    for (Piece& piece : pieces) {
      segments.push_back(std::move(piece.text));
      literal.push_back(piece.literal);
    }
    strip_heredoc_indentation(segments, literal);
    for (size_t i = 0; i < pieces.size(); ++i) pieces[i].text = std::move(segments[i]);
  }
  // Literal and other pieces alternate, so a marker's neighbour is at i +/- 1.
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].literal) continue;
    if (pieces[i].strip_before && i > 0) trim_back(pieces[i - 1].text);
    if (pieces[i].strip_after && i + 1 < pieces.size()) trim_front(pieces[i + 1].text);
  }
  if (strip_start && !pieces.empty() && pieces.front().literal) trim_front(pieces.front().text);
  if (strip_end && !pieces.empty() && pieces.back().literal) trim_back(pieces.back().text);

  Expr result = make(Expr::Kind::Template, whole);
  bool only_literals = true;
  for (Piece& piece : pieces) {
    if (piece.literal) {
      if (piece.text.empty()) continue;
      Expr literal = make(Expr::Kind::String, whole);
      literal.text = std::move(piece.text);
      result.children.push_back(std::move(literal));
    } else {
      only_literals = false;
      result.children.push_back(std::move(piece.expr));
    }
  }
  if (only_literals) {
    Expr literal = make(Expr::Kind::String, whole);
    for (Expr& child : result.children) literal.text += child.text;
    return literal;
  }
  return result;
}

Expr AstBuilder::template_directive(TSNode node, bool heredoc) {
  DepthGuard guard(depth_);
  if (depth_ > kMaxSyntaxDepth) return invalid(node, "template too deeply nested");
  std::vector<TSNode> inner = children_of(node);
  if (inner.size() != 1) return invalid(node, "malformed template directive");
  TSNode directive = inner[0];
  std::vector<TSNode> clauses = children_of(directive);
  if (clauses.size() < 2) return invalid(node, "malformed template directive");

  // The pieces between two clauses (`%{ if }` ... `%{ else }`) form a template.
  auto body_between = [&](size_t first, size_t last) {
    std::vector<TSNode> pieces;
    for (size_t i = first + 1; i < last; ++i)
      if (is_template_part(clauses[i])) pieces.push_back(clauses[i]);
    return template_parts(
        pieces, ts_node_end_byte(clauses[first]), ts_node_start_byte(clauses[last]), heredoc, false,
        has_strip_marker(clauses[first], false), has_strip_marker(clauses[last], true),
        span_between(file_.id, clauses[first], clauses[last]));
  };

  if (type_of(directive) == "template_if") {
    Expr expr = make(Expr::Kind::TemplateIf, span(node));
    Expr condition = invalid(clauses[0], "missing condition");
    for (TSNode part : children_of(clauses[0]))
      if (type_of(part) == "expression") condition = convert(part);
    expr.children.push_back(std::move(condition));
    size_t else_at = 0;
    for (size_t i = 1; i + 1 < clauses.size(); ++i)
      if (type_of(clauses[i]) == "template_else_intro") else_at = i;
    size_t last = clauses.size() - 1;
    expr.children.push_back(body_between(0, else_at ? else_at : last));
    if (else_at) expr.children.push_back(body_between(else_at, last));
    return expr;
  }
  if (type_of(directive) == "template_for") {
    Expr expr = make(Expr::Kind::TemplateFor, span(node));
    std::vector<std::string> names;
    Expr collection = invalid(clauses[0], "missing collection");
    for (TSNode part : children_of(clauses[0])) {
      if (type_of(part) == "identifier") names.emplace_back(text(part));
      if (type_of(part) == "expression") collection = convert(part);
    }
    if (names.empty() || names.size() > 2) return invalid(node, "malformed template for");
    expr.text = names.back();
    if (names.size() == 2) expr.key_name = names.front();
    expr.children.push_back(std::move(collection));
    expr.children.push_back(body_between(0, clauses.size() - 1));
    return expr;
  }
  return invalid(node, "unsupported template directive");
}

}  // namespace bw::frontends::terraform
