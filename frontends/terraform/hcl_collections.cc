// Collections of the Grammar: function calls (provider functions and `...`
// included), tuples, objects and `for` expressions. Items are parsed straight
// into their node's children, sized by a look at the tokens ahead.

#include <algorithm>

#include "frontends/terraform/hcl_diagnostics.h"
#include "frontends/terraform/hcl_grammar.h"

namespace bw::frontends::terraform::hcl {

Grammar::ItemCount Grammar::count_items() const {
  // Items are parsed straight into their node's children; counting them
  // first sizes that vector once. Only a hint, so it looks only so far.
  constexpr size_t kLookahead = 256;
  ItemCount count;
  int depth = 0;
  for (size_t i = pos_; i < tokens_.size() && i < pos_ + kLookahead; ++i) {
    switch (tokens_[i].type) {
      case Tok::OBrace:
      case Tok::OBrack:
      case Tok::OParen:
      case Tok::OQuote:
      case Tok::OHeredoc:
      case Tok::TemplateInterp:
      case Tok::TemplateControl:
        ++depth;
        break;
      case Tok::CBrace:
      case Tok::CBrack:
      case Tok::CParen:
      case Tok::CQuote:
      case Tok::CHeredoc:
      case Tok::TemplateSeqEnd:
        if (--depth < 0) return count;
        break;
      case Tok::Comma:
        count.separators += depth == 0;
        break;
      case Tok::Equal:
      case Tok::Colon:
        count.pairs += depth == 0;
        break;
      case Tok::Eof:
        return count;
      default:
        break;
    }
  }
  return count;
}

Expr Grammar::call(const Token& name) {
  Expr expr;
  expr.kind = Expr::Kind::Call;
  expr.text = text(name);
  // Provider functions: `provider::aws::arn_parse(...)`.
  const Token* open = &next();
  while (open->type == Tok::DoubleColon) {
    const Token& part = next();
    if (part.type != Tok::Ident)
      return fail_found(part, "Missing function name", "expected a name after '::'");
    expr.text += "::";
    expr.text += text(part);
    open = &next();
  }
  if (open->type != Tok::OParen)
    return fail_found(*open, "Missing open parenthesis", "expected '(' after the function name");
  NewlineScope scope(*this, false);
  if (peek().type != Tok::CParen) expr.children.reserve(count_items().separators + 1);
  const Token* close = nullptr;
  while (!close) {
    if (peek().type == Tok::CParen) {
      close = &next();
      break;
    }
    expr.children.push_back(expression());
    if (stopped_) return {};
    const Token& separator = next();
    switch (separator.type) {
      case Tok::CParen:
        close = &separator;
        break;
      case Tok::Ellipsis:
        expr.flag = true;
        if (peek().type != Tok::CParen)
          return fail(separator, "Missing closing parenthesis",
                      "an argument expanded with '...' must be the last");
        close = &next();
        break;
      case Tok::Comma:
        if (peek().type == Tok::CParen) close = &next();
        break;
      case Tok::Eof:
        return fail(span(name.begin, end_of(*open)), "Unterminated function call",
                    "no ')' for this call before the end of the file");
      default:
        return fail_found(separator, "Missing argument separator", "expected ',' or ')'");
    }
  }
  expr.span = span(name.begin, end_of(*close));
  finish(expr);
  return expr;
}

Expr Grammar::tuple() {
  const Token& open = next();
  NewlineScope scope(*this, false);
  if (is_keyword(peek(), "for")) return for_expression(open);
  Expr expr;
  expr.kind = Expr::Kind::Tuple;
  if (peek().type != Tok::CBrack)
    expr.children.reserve(std::min(count_items().separators + 1, max_items_ + 1));
  const Token* close = nullptr;
  size_t items = 0;
  while (!close) {
    if (peek().type == Tok::CBrack) {
      close = &next();
      break;
    }
    // Past max_items_, items are parsed (their syntax is checked) but not
    // kept: the tuple's value would be unknown for the limit anyway, and a
    // long literal list would otherwise cost a node per item.
    if (++items > max_items_) {
      Expr dropped = expression();
      expr.flag = true;
    } else {
      expr.children.push_back(expression());
    }
    if (stopped_) return {};
    const Token& after = peek();
    if (after.type == Tok::CBrack) {
      close = &next();
    } else if (after.type == Tok::Comma) {
      next();
    } else if (after.type == Tok::Eof) {
      return fail(open, "Unterminated tuple constructor expression",
                  "no ']' for this '[' before the end of the file");
    } else {
      return fail_found(after, "Missing item separator", "expected ',' or ']'");
    }
  }
  expr.span = span(open.begin, end_of(*close));
  if (expr.flag) expr.number = static_cast<double>(max_items_);
  finish(expr);
  return expr;
}

Expr Grammar::object() {
  const Token& open = next();
  bool is_for = false;
  {
    NewlineScope scope(*this, false);
    is_for = is_keyword(peek(), "for");
  }
  if (is_for) return for_expression(open);
  NewlineScope scope(*this, true);
  Expr expr;
  expr.kind = Expr::Kind::Object;
  expr.children.reserve(2 * count_items().pairs);
  const Token* close = nullptr;
  while (!close) {
    const Token& first = peek();
    if (first.type == Tok::Newline) {
      next();
      continue;
    }
    if (first.type == Tok::CBrace) {
      close = &next();
      break;
    }
    Expr& key = expr.children.emplace_back(expression());
    if (stopped_) return {};
    // A bare name is the key itself; `(name)` is evaluated.
    if (first.type != Tok::OParen && key.kind == Expr::Kind::Variable)
      key.kind = Expr::Kind::String;
    const Token& separator = peek();
    if (separator.type != Tok::Equal && separator.type != Tok::Colon) {
      switch (separator.type) {
        case Tok::Newline:
        case Tok::Comma:
          return fail(separator, "Missing attribute value",
                      "expected '=' and a value after the key");
        case Tok::Eof:
          return fail(open, "Unterminated object constructor expression",
                      "no '}' for this '{' before the end of the file");
        case Tok::Ident:
          return fail(separator, "Missing key/value separator",
                      "expected '=' after the key; quote a key that holds spaces or dots");
        default:
          return fail_found(separator, "Missing key/value separator", "expected '='");
      }
    }
    next();
    expr.children.push_back(expression());
    if (stopped_) return {};
    const Token& after = peek();
    if (after.type == Tok::CBrace) {
      close = &next();
    } else if (after.type == Tok::Comma || after.type == Tok::Newline) {
      next();
    } else if (after.type == Tok::Eof) {
      return fail(open, "Unterminated object constructor expression",
                  "no '}' for this '{' before the end of the file");
    } else {
      return fail_found(after, "Missing attribute separator", "expected a newline or ','");
    }
  }
  expr.span = span(open.begin, end_of(*close));
  finish(expr);
  return expr;
}

Expr Grammar::for_expression(const Token& open) {
  NewlineScope scope(*this, false);
  bool is_object = open.type == Tok::OBrace;
  Tok close_type = is_object ? Tok::CBrace : Tok::CBrack;
  std::string_view summary = "Invalid 'for' expression";
  next();  // for
  auto expect_name = [&](std::string_view expected) -> const Token* {
    const Token& token = peek();
    if (token.type != Tok::Ident) {
      fail_found(token, summary, expected);
      return nullptr;
    }
    return &next();
  };
  const Token* value_name = expect_name("expected a variable name after 'for'");
  if (!value_name) return {};
  const Token* key_name = nullptr;
  if (peek().type == Tok::Comma) {
    next();
    key_name = value_name;
    value_name = expect_name("expected the value variable's name after ','");
    if (!value_name) return {};
  }
  if (!is_keyword(peek(), "in"))
    return fail_found(peek(), summary, "expected 'in' after the variable names");
  next();
  size_t base = stack_.size();
  Expr collection = expression();
  if (stopped_) return collection;
  stack_.push_back(std::move(collection));
  if (peek().type != Tok::Colon)
    return fail_found(peek(), summary, "expected ':' after the collection");
  next();
  Expr first = expression();
  if (stopped_) return first;
  bool has_key = false;
  if (peek().type == Tok::FatArrow) {
    next();
    has_key = true;
    stack_.push_back(std::move(first));
    first = expression();
    if (stopped_) return first;
  }
  ir::Span value_span = first.span;
  stack_.push_back(std::move(first));
  const Token* ellipsis = nullptr;
  if (peek().type == Tok::Ellipsis) ellipsis = &next();
  bool has_condition = false;
  if (is_keyword(peek(), "if")) {
    next();
    Expr condition = expression();
    if (stopped_) return condition;
    stack_.push_back(std::move(condition));
    has_condition = true;
  }
  const Token& close = peek();
  if (close.type != close_type)
    return fail_found(close, summary,
                      is_object ? "expected '}' after the 'for' expression"
                                : "expected ']' after the 'for' expression");
  next();
  if (!is_object && has_key)
    return fail(stack_[base + 1].span, summary,
                "a key (key => value) is only for building an object");
  if (!is_object && ellipsis)
    return fail(*ellipsis, summary, "grouping with '...' is only for building an object");
  if (is_object && !has_key)
    return fail(value_span, summary, "building an object needs a key: key => value");
  Expr expr =
      make(is_object ? Expr::Kind::ForObject : Expr::Kind::ForTuple, open.begin, end_of(close));
  expr.text = text(*value_name);
  if (key_name) expr.key_name = text(*key_name);
  expr.flag = ellipsis != nullptr;
  expr.has_condition = has_condition;
  take_children(expr, base);
  finish(expr);
  return expr;
}

}  // namespace bw::frontends::terraform::hcl
