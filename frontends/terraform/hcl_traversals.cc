// Traversals of the Grammar: `.name`, `[key]`, the legacy `.0` index and
// splats, which hclsyntax reads differently: `.*` takes only the `.name` and
// `.0` steps right after it (`a.*.b[0]` indexes the list of b's), `[*]` takes
// every step after it, further splats too (`a[*][*].b` is a list of lists).

#include "frontends/terraform/hcl_diagnostics.h"
#include "frontends/terraform/hcl_grammar.h"

namespace bw::frontends::terraform::hcl {

namespace {

// The element placeholder a splat's steps start from: the leftmost leaf.
Expr& splat_item(Expr& each) {
  Expr* node = &each;
  while (node->kind != Expr::Kind::SplatItem && !node->children.empty()) node = &node->children[0];
  return *node;
}

}  // namespace

void Grammar::wrap(Expr& node, Expr::Kind kind, const ir::Position& end, size_t children) {
  // One move of the node into its new vector; what stays behind is emptied.
  std::vector<Expr> below;
  below.reserve(children);
  below.push_back(std::move(node));
  node.kind = kind;
  node.span = span(below[0].span.begin, end);
  node.text.clear();
  node.key_name.clear();
  node.number = 0;
  node.flag = false;
  node.has_condition = false;
  node.children = std::move(below);
}

// Steps change `base` in place: a chain of them costs no copies of it.
void Grammar::traversals(Expr& base) {
  while (!stopped_) {
    const Token& token = peek();
    if (token.type == Tok::Dot) {
      next();
      const Token& step = peek();
      if (step.type == Tok::Ident) {
        next();
        wrap(base, Expr::Kind::GetAttr, end_of(step), 1);
        base.text = text(step);
        finish(base);
      } else if (step.type == Tok::NumberLit) {
        // `list.0`, inherited from HIL: an index written as an attribute.
        next();
        std::string_view digits = text(step);
        if (digits.find('.') != std::string_view::npos)
          complain(span(step), "Invalid legacy index syntax",
                   "chain two indexes as [0][1], not .0.1");
        wrap(base, Expr::Kind::Index, end_of(step), 2);
        Expr& key = base.children.emplace_back(number(step));
        key.span.begin = token.begin;
        finish(base);
      } else if (step.type == Tok::Star) {
        const Token& star = next();
        base = attribute_splat(std::move(base), token, star);
      } else {
        fail_found(step, "Invalid attribute name", "expected a name after '.'");
        return;
      }
    } else if (token.type == Tok::OBrack) {
      next();
      if (peek().type == Tok::Star) {
        next();
        const Token& close = next();
        if (close.type != Tok::CBrack) {
          fail(close, "Missing close bracket on splat index", "expected ']' right after '[*'");
          return;
        }
        base = full_splat(std::move(base), token, close);
        return;
      }
      NewlineScope scope(*this, false);
      Expr key = expression();
      if (stopped_) return;
      const Token& close = next();
      if (close.type != Tok::CBrack) {
        fail_found(close, "Missing close bracket on index", "expected ']'");
        return;
      }
      wrap(base, Expr::Kind::Index, end_of(close), 2);
      base.children.push_back(std::move(key));
      finish(base);
    } else {
      break;
    }
  }
}

// `.*` applies only the `.name` and `.0` steps right after it to each
// element; a later `[i]` indexes the result (hclsyntax's attribute splat).
Expr Grammar::attribute_splat(Expr base, const Token& dot, const Token& star) {
  Expr each = make(Expr::Kind::SplatItem, dot.begin, end_of(star));
  ir::Position last = end_of(star);
  while (!stopped_ && peek().type == Tok::Dot) {
    const Token& step_dot = next();
    const Token& step = peek();
    if (step.type == Tok::NumberLit) {
      next();
      std::string_view digits = text(step);
      if (digits.find('.') != std::string_view::npos)
        complain(span(step), "Invalid legacy index syntax",
                 "chain two indexes as [0][1], not .0.1");
      Expr key = number(step);
      key.span.begin = step_dot.begin;
      Expr expr = make(Expr::Kind::Index, dot.begin, end_of(step));
      expr.children.reserve(2);
      expr.children.push_back(std::move(each));
      expr.children.push_back(std::move(key));
      finish(expr);
      each = std::move(expr);
    } else if (step.type == Tok::Ident) {
      next();
      Expr expr = make(Expr::Kind::GetAttr, dot.begin, end_of(step));
      expr.text = text(step);
      expr.children.push_back(std::move(each));
      finish(expr);
      each = std::move(expr);
    } else if (step.type == Tok::Star) {
      return fail(step, "Nested splat expression not allowed",
                  "a '.*' splat cannot hold another splat; use [*]");
    } else {
      return fail_found(step, "Invalid attribute name", "expected a name after '.'");
    }
    last = end_of(step);
  }
  splat_item(each).span.end = last;
  Expr splat = make(Expr::Kind::Splat, base.span.begin, last);
  splat.children.reserve(2);
  splat.children.push_back(std::move(base));
  splat.children.push_back(std::move(each));
  finish(splat);
  return splat;
}

// `[*]` applies every step after it, further splats too, to each element.
Expr Grammar::full_splat(Expr base, const Token& open, const Token& close) {
  NestingGuard guard(*this);
  if (guard.too_deep()) return fail_too_deep(span(open));
  Expr each = make(Expr::Kind::SplatItem, open.begin, end_of(close));
  traversals(each);
  if (stopped_) return each;
  splat_item(each).span.end = each.span.end;
  Expr splat = make(Expr::Kind::Splat, base.span.begin, each.span.end);
  splat.children.reserve(2);
  splat.children.push_back(std::move(base));
  splat.children.push_back(std::move(each));
  finish(splat);
  return splat;
}

}  // namespace bw::frontends::terraform::hcl
