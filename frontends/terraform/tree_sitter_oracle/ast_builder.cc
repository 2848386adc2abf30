#include "frontends/terraform/tree_sitter_oracle/ast_builder.h"

#include <cstdlib>
#include <string>
#include <utility>

#include "frontends/terraform/tree_sitter_oracle/template_text.h"

namespace bw::frontends::terraform::oracle {

ir::Position start_position(TSNode node) {
  TSPoint point = ts_node_start_point(node);
  return {ts_node_start_byte(node), point.row + 1, point.column + 1};
}

ir::Position end_position(TSNode node) {
  TSPoint point = ts_node_end_point(node);
  return {ts_node_end_byte(node), point.row + 1, point.column + 1};
}

std::vector<TSNode> children_of(TSNode node) {
  // One cursor per thread, reset for each node: creating a cursor allocates,
  // and this runs for every node of every file.
  struct ReusedCursor {
    TSTreeCursor cursor;
    explicit ReusedCursor(TSNode node) : cursor(ts_tree_cursor_new(node)) {}
    ~ReusedCursor() { ts_tree_cursor_delete(&cursor); }
  };
  thread_local ReusedCursor reused(node);
  TSTreeCursor* cursor = &reused.cursor;
  ts_tree_cursor_reset(cursor, node);
  std::vector<TSNode> result;
  if (ts_tree_cursor_goto_first_child(cursor)) {
    do {
      TSNode child = ts_tree_cursor_current_node(cursor);
      if (std::string_view(ts_node_type(child)) != "comment") result.push_back(child);
    } while (ts_tree_cursor_goto_next_sibling(cursor));
  }
  return result;
}

ir::Span span_of(ir::FileId file, TSNode node) {
  return {file, start_position(node), end_position(node)};
}

ir::Span span_between(ir::FileId file, TSNode first, TSNode last) {
  return {file, start_position(first), end_position(last)};
}

std::string_view AstBuilder::type_of(TSNode node) {
  return ts_node_type(node);
}

Expr AstBuilder::make(Expr::Kind kind, ir::Span span) {
  Expr expr;
  expr.kind = kind;
  expr.span = span;
  return expr;
}

std::string_view AstBuilder::text(TSNode node) const {
  uint32_t begin = ts_node_start_byte(node);
  uint32_t end = ts_node_end_byte(node);
  if (begin > end || end > file_.text.size()) return {};
  return std::string_view(file_.text).substr(begin, end - begin);
}

Expr AstBuilder::invalid(TSNode node, std::string why) const {
  Expr expr = make(Expr::Kind::Invalid, span(node));
  expr.text = std::move(why);
  return expr;
}

Expr AstBuilder::invalid_span(const ir::Span& span, std::string why) const {
  Expr expr = make(Expr::Kind::Invalid, span);
  expr.text = std::move(why);
  return expr;
}

Block AstBuilder::block(TSNode node) {
  Block block;
  block.span = span(node);
  std::vector<TSNode> parts = children_of(node);
  TSNode last_header = node;
  bool have_type = false;
  for (TSNode part : parts) {
    std::string_view type = type_of(part);
    if (type == "identifier" && !have_type) {
      block.type = text(part);
      have_type = true;
      last_header = part;
    } else if (type == "identifier") {
      block.labels.emplace_back(text(part));
      last_header = part;
    } else if (type == "string_lit") {
      Expr label = string_literal(part);
      block.labels.push_back(label.kind == Expr::Kind::String ? label.text : "");
      last_header = part;
    } else if (type == "body") {
      block.body = body(part);
    }
  }
  block.header_span =
      parts.empty() ? span(node) : span_between(file_.id, parts.front(), last_header);
  return block;
}

Attribute AstBuilder::attribute(TSNode node) {
  Attribute attribute;
  attribute.span = span(node);
  for (TSNode part : children_of(node)) {
    std::string_view type = type_of(part);
    if (type == "identifier" && attribute.name.empty()) {
      attribute.name = text(part);
      attribute.name_span = span(part);
    } else if (type == "expression") {
      attribute.value = convert(part);
    }
  }
  return attribute;
}

Body AstBuilder::body(TSNode node) {
  DepthGuard guard(depth_);
  Body body;
  if (depth_ > kMaxConversionDepth) return body;
  for (TSNode item : children_of(node)) {
    std::string_view type = type_of(item);
    if (type == "attribute")
      body.attributes.push_back(attribute(item));
    else if (type == "block")
      body.blocks.push_back(block(item));
  }
  return body;
}

Expr AstBuilder::convert(TSNode node) {
  DepthGuard guard(depth_);
  if (depth_ > kMaxConversionDepth) return invalid(node, "expression too deeply nested");
  std::string_view type = type_of(node);
  if (type == "expression") {
    std::vector<TSNode> parts = children_of(node);
    return term_sequence(parts, 0, parts.size());
  }
  if (type == "conditional") return conditional(node);
  if (type == "literal_value") return literal_value(node);
  if (type == "template_expr" || type == "collection_value" || type == "for_expr" ||
      type == "operation") {
    std::vector<TSNode> parts = children_of(node);
    if (parts.size() != 1) return invalid(node, "malformed expression");
    return convert(parts[0]);
  }
  if (type == "quoted_template") return quoted_template(node);
  if (type == "heredoc_template") return heredoc(node);
  if (type == "tuple") return tuple(node);
  if (type == "object") return object(node);
  if (type == "variable_expr") {
    Expr expr = make(Expr::Kind::Variable, span(node));
    expr.text = text(node);
    return expr;
  }
  if (type == "function_call") return function_call(node);
  if (type == "for_tuple_expr" || type == "for_object_expr") return for_expression(node);
  if (type == "binary_operation") return binary(node);
  if (type == "unary_operation") return unary(node);
  return invalid(node, "unsupported expression '" + std::string(type) + "'");
}

// tree-sitter-hcl makes `?:` left-associative, so `a ? b : c ? d : e`
// arrives as `(a ? b : c) ? d : e`; HCL's own parser, and so Terraform,
// reads `a ? b : (c ? d : e)`. The chain is taken apart along unparenthesised
// conditions and rebuilt from the right.
Expr AstBuilder::conditional(TSNode node) {
  std::vector<TSNode> operands;  // last first: e, d, c, b, a
  for (TSNode current = node;;) {
    std::vector<TSNode> named;
    for (TSNode part : children_of(current))
      if (ts_node_is_named(part)) named.push_back(part);
    if (named.size() != 3) return invalid(node, "malformed conditional");
    operands.push_back(named[2]);
    operands.push_back(named[1]);
    std::vector<TSNode> condition = children_of(named[0]);
    if (type_of(named[0]) == "expression" && condition.size() == 1 &&
        type_of(condition[0]) == "conditional") {
      current = condition[0];
      continue;
    }
    operands.push_back(named[0]);
    break;
  }
  if (depth_ + static_cast<int>(operands.size()) > kMaxConversionDepth)
    return invalid(node, "expression too deeply nested");
  Expr result = convert(operands[0]);
  for (size_t i = 1; i + 1 < operands.size(); i += 2) {
    Expr expr = make(Expr::Kind::Conditional, span_between(file_.id, operands[i + 1], node));
    expr.children.push_back(convert(operands[i + 1]));
    expr.children.push_back(convert(operands[i]));
    expr.children.push_back(std::move(result));
    result = std::move(expr);
  }
  return result;
}

// The grammar inlines `term.attr`, `term[i]`, `term[*]` and `(expr)` into the
// parent, so a term arrives as a run of sibling nodes.
Expr AstBuilder::term_sequence(const std::vector<TSNode>& nodes, size_t begin, size_t end) {
  if (begin >= end) return make(Expr::Kind::Invalid, {});
  size_t next = begin + 1;
  Expr base;
  if (type_of(nodes[begin]) == "(" && begin + 2 < end) {
    base = convert(nodes[begin + 1]);
    base.span = span_between(file_.id, nodes[begin], nodes[begin + 2]);
    next = begin + 3;
  } else {
    base = convert(nodes[begin]);
  }
  // Each step nests one level deeper; a very long chain must stay bounded too.
  if (depth_ + static_cast<int>(end - next) > kMaxConversionDepth)
    return invalid(nodes[begin], "expression too deeply nested");
  std::vector<TSNode> steps(nodes.begin() + static_cast<long>(next),
                            nodes.begin() + static_cast<long>(end));
  return apply_steps(std::move(base), steps, start_position(nodes[begin]));
}

// tree-sitter puts every step after `.*` or `[*]` into the splat node (and
// none after a second splat). Terraform reads them differently: `.*` takes
// only the `.name` and `.0` steps right after it, so `a.*.b[0]` indexes the
// list of b's; `[*]` takes every step after it, further splats included, so
// `a[*][*].b` is a list of lists. The steps are regrouped here as Terraform
// reads them.
Expr AstBuilder::apply_steps(Expr base, const std::vector<TSNode>& steps,
                             const ir::Position& origin) {
  for (size_t i = 0; i < steps.size(); ++i) {
    TSNode step = steps[i];
    if (type_of(step) != "splat") {
      base = postfix(std::move(base), step, {file_.id, origin, end_position(step)});
      continue;
    }
    std::vector<TSNode> parts = children_of(step);
    if (parts.size() != 1) return invalid(step, "malformed splat");
    std::vector<TSNode> inner = children_of(parts[0]);
    if (inner.empty()) return invalid(step, "malformed splat");
    bool full = type_of(parts[0]) == "full_splat";
    std::vector<TSNode> each_steps, after_steps;
    for (size_t k = 1; k < inner.size(); ++k) {
      std::string_view part_type = type_of(inner[k]);
      if (part_type != "get_attr" && part_type != "index") continue;
      bool new_index = part_type == "index" && !children_of(inner[k]).empty() &&
                       type_of(children_of(inner[k])[0]) == "new_index";
      if (!full && (new_index || !after_steps.empty()))
        after_steps.push_back(inner[k]);
      else
        each_steps.push_back(inner[k]);
    }
    if (full)
      each_steps.insert(each_steps.end(), steps.begin() + static_cast<long>(i) + 1, steps.end());
    ir::Position marker = start_position(parts[0]);
    Expr each = apply_steps(make(Expr::Kind::SplatItem, {file_.id, marker, end_position(inner[0])}),
                            each_steps, marker);
    Expr* item = &each;
    while (item->kind != Expr::Kind::SplatItem && !item->children.empty())
      item = &item->children[0];
    item->span.end = each.span.end;
    Expr splat = make(Expr::Kind::Splat, {file_.id, origin, each.span.end});
    splat.children.push_back(std::move(base));
    splat.children.push_back(std::move(each));
    if (full) return splat;
    base = apply_steps(std::move(splat), after_steps, origin);
  }
  return base;
}

Expr AstBuilder::postfix(Expr base, TSNode step, const ir::Span& whole) {
  std::string_view type = type_of(step);
  if (type == "get_attr") {
    Expr expr = make(Expr::Kind::GetAttr, whole);
    for (TSNode part : children_of(step))
      if (type_of(part) == "identifier") expr.text = text(part);
    expr.children.push_back(std::move(base));
    return expr;
  }
  if (type == "index") {
    std::vector<TSNode> parts = children_of(step);
    if (parts.size() != 1) return invalid(step, "malformed index");
    Expr expr = make(Expr::Kind::Index, whole);
    expr.children.push_back(std::move(base));
    if (type_of(parts[0]) == "legacy_index") {
      // `list.0`: the digits follow the dot.
      Expr key = make(Expr::Kind::Number, span(parts[0]));
      std::string digits(text(parts[0]).substr(1));
      key.number = std::strtod(digits.c_str(), nullptr);
      expr.children.push_back(std::move(key));
    } else {
      Expr key = invalid(parts[0], "malformed index");
      for (TSNode part : children_of(parts[0]))
        if (type_of(part) == "expression") key = convert(part);
      expr.children.push_back(std::move(key));
    }
    return expr;
  }
  return invalid(step, "unsupported expression '" + std::string(type) + "'");
}

Expr AstBuilder::literal_value(TSNode node) {
  std::vector<TSNode> parts = children_of(node);
  if (parts.size() != 1) return invalid(node, "malformed literal");
  TSNode literal = parts[0];
  std::string_view type = type_of(literal);
  if (type == "numeric_lit") {
    Expr expr = make(Expr::Kind::Number, span(literal));
    std::string digits(text(literal));
    expr.number = std::strtod(digits.c_str(), nullptr);
    return expr;
  }
  if (type == "bool_lit") {
    Expr expr = make(Expr::Kind::Bool, span(literal));
    expr.flag = text(literal) == "true";
    return expr;
  }
  if (type == "null_lit") return make(Expr::Kind::Null, span(literal));
  if (type == "string_lit") return string_literal(literal);
  return invalid(node, "unsupported literal '" + std::string(type) + "'");
}

Expr AstBuilder::string_literal(TSNode node) {
  std::vector<TSNode> parts = children_of(node);
  Expr expr = make(Expr::Kind::String, span(node));
  if (parts.size() < 2) return expr;
  uint32_t begin = ts_node_end_byte(parts.front());
  uint32_t end = ts_node_start_byte(parts.back());
  if (begin < end && end <= file_.text.size())
    expr.text = unescape_quoted(std::string_view(file_.text).substr(begin, end - begin));
  return expr;
}

Expr AstBuilder::tuple(TSNode node) {
  Expr expr = make(Expr::Kind::Tuple, span(node));
  for (TSNode part : children_of(node))
    if (type_of(part) == "expression") expr.children.push_back(convert(part));
  return expr;
}

Expr AstBuilder::object(TSNode node) {
  Expr expr = make(Expr::Kind::Object, span(node));
  for (TSNode element : children_of(node)) {
    if (type_of(element) != "object_elem") continue;
    std::vector<TSNode> sides;
    for (TSNode part : children_of(element))
      if (type_of(part) == "expression") sides.push_back(part);
    if (sides.size() != 2) continue;
    expr.children.push_back(object_key(sides[0]));
    expr.children.push_back(convert(sides[1]));
  }
  return expr;
}

// A bare name as an object key is the string itself; `(name)` is evaluated.
Expr AstBuilder::object_key(TSNode node) {
  std::vector<TSNode> parts = children_of(node);
  if (parts.size() == 1 && type_of(parts[0]) == "variable_expr") {
    Expr key = make(Expr::Kind::String, span(node));
    key.text = text(parts[0]);
    return key;
  }
  return convert(node);
}

Expr AstBuilder::function_call(TSNode node) {
  Expr expr = make(Expr::Kind::Call, span(node));
  for (TSNode part : children_of(node)) {
    std::string_view type = type_of(part);
    if (type == "identifier") {
      expr.text = text(part);
    } else if (type == "function_arguments") {
      for (TSNode argument : children_of(part)) {
        if (type_of(argument) == "expression") expr.children.push_back(convert(argument));
        if (type_of(argument) == "ellipsis") expr.flag = true;
      }
    }
  }
  return expr;
}

Expr AstBuilder::for_expression(TSNode node) {
  bool is_object = type_of(node) == "for_object_expr";
  Expr expr = make(is_object ? Expr::Kind::ForObject : Expr::Kind::ForTuple, span(node));
  std::vector<std::string> names;
  Expr collection = invalid(node, "missing collection");
  std::vector<Expr> results;
  Expr condition;
  for (TSNode part : children_of(node)) {
    std::string_view type = type_of(part);
    if (type == "for_intro") {
      for (TSNode intro : children_of(part)) {
        if (type_of(intro) == "identifier") names.emplace_back(text(intro));
        if (type_of(intro) == "expression") collection = convert(intro);
      }
    } else if (type == "expression") {
      results.push_back(convert(part));
    } else if (type == "ellipsis") {
      expr.flag = true;
    } else if (type == "for_cond") {
      for (TSNode inner : children_of(part))
        if (type_of(inner) == "expression") condition = convert(inner);
      expr.has_condition = true;
    }
  }
  if (names.empty() || names.size() > 2 || results.size() != (is_object ? 2u : 1u))
    return invalid(node, "malformed for expression");
  expr.text = names.back();
  if (names.size() == 2) expr.key_name = names.front();
  expr.children.push_back(std::move(collection));
  for (Expr& result : results) expr.children.push_back(std::move(result));
  if (expr.has_condition) expr.children.push_back(std::move(condition));
  return expr;
}

Expr AstBuilder::binary(TSNode node) {
  static constexpr std::string_view kOperators[] = {
      "+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"};
  std::vector<TSNode> parts = children_of(node);
  for (size_t i = 1; i + 1 < parts.size(); ++i) {
    if (ts_node_is_named(parts[i])) continue;
    std::string_view type = type_of(parts[i]);
    bool is_operator = false;
    for (std::string_view op : kOperators) is_operator = is_operator || op == type;
    if (!is_operator) continue;
    Expr expr = make(Expr::Kind::Binary, span(node));
    expr.text = std::string(type);  // not `= type`: GCC 12 -O3 warns falsely (-Wrestrict)
    expr.children.push_back(term_sequence(parts, 0, i));
    expr.children.push_back(term_sequence(parts, i + 1, parts.size()));
    return expr;
  }
  return invalid(node, "malformed operation");
}

Expr AstBuilder::unary(TSNode node) {
  std::vector<TSNode> parts = children_of(node);
  if (parts.size() < 2) return invalid(node, "malformed operation");
  Expr operand = term_sequence(parts, 1, parts.size());
  std::string_view op = type_of(parts[0]);
  // `-5` is a number written literally, not arithmetic.
  if (op == "-" && operand.kind == Expr::Kind::Number && parts.size() == 2) {
    operand.number = -operand.number;
    operand.span = span(node);
    return operand;
  }
  Expr expr = make(Expr::Kind::Unary, span(node));
  expr.text = op;
  expr.children.push_back(std::move(operand));
  return expr;
}

}  // namespace bw::frontends::terraform::oracle
