// The expression half of the Grammar: hclsyntax's precedence levels and
// terms (traversals are in hcl_traversals.cc, collections and calls in
// hcl_collections.cc). The nodes are the ones the evaluator reads
// (hcl_ast.h): a parenthesised expression is its inner node with the
// parentheses' span, `-5` is a number.

#include <cmath>
#include <cstdlib>

#include "frontends/terraform/hcl_diagnostics.h"
#include "frontends/terraform/hcl_grammar.h"

namespace bw::frontends::terraform::hcl {

namespace {

// hclsyntax's binary operator levels, loosest first; 0: not an operator.
int precedence(Tok type) {
  switch (type) {
    case Tok::Or:
      return 1;
    case Tok::And:
      return 2;
    case Tok::EqualOp:
    case Tok::NotEqual:
      return 3;
    case Tok::Less:
    case Tok::LessEqual:
    case Tok::Greater:
    case Tok::GreaterEqual:
      return 4;
    case Tok::Plus:
    case Tok::Minus:
      return 5;
    case Tok::Star:
    case Tok::Slash:
    case Tok::Percent:
      return 6;
    default:
      return 0;
  }
}

const char* operator_text(Tok type) {
  switch (type) {
    case Tok::Or:
      return "||";
    case Tok::And:
      return "&&";
    case Tok::EqualOp:
      return "==";
    case Tok::NotEqual:
      return "!=";
    case Tok::Less:
      return "<";
    case Tok::LessEqual:
      return "<=";
    case Tok::Greater:
      return ">";
    case Tok::GreaterEqual:
      return ">=";
    case Tok::Plus:
      return "+";
    case Tok::Minus:
      return "-";
    case Tok::Star:
      return "*";
    case Tok::Slash:
      return "/";
    default:
      return "%";
  }
}

}  // namespace

void Grammar::take_children(Expr& expr, size_t base) {
  expr.children.reserve(stack_.size() - base);
  for (size_t i = base; i < stack_.size(); ++i) expr.children.push_back(std::move(stack_[i]));
  stack_.resize(base);
}

// The functions on the path of every nested expression (expression, binary,
// operand, term) keep their frames small: rarer shapes are built out of line.
Expr Grammar::expression() {
  NestingGuard guard(*this);
  if (guard.too_deep()) return fail_too_deep(span(peek()));
  // One named result, returned from every path, is built in the caller's place.
  Expr result = binary(1);
  if (!stopped_ && peek().type == Tok::Question) conditional(result);
  return result;
}

void Grammar::conditional(Expr& condition) {
  next();
  wrap(condition, Expr::Kind::Conditional, condition.span.end, 3);
  condition.children.push_back(expression());
  if (stopped_) return;
  const Token& colon = peek();
  if (colon.type != Tok::Colon) {
    fail_found(colon, "Missing false expression in conditional", "expected ':' and a value");
    return;
  }
  next();
  // The false branch is a whole expression: `a ? b : c ? d : e` nests right.
  const Expr& otherwise = condition.children.emplace_back(expression());
  if (stopped_) return;
  condition.span.end = otherwise.span.end;
  finish(condition);
}

Expr Grammar::binary(int min_precedence) {
  Expr left = operand();
  size_t operators = 0;
  while (!stopped_) {
    const Token& op = peek();
    int level = precedence(op.type);
    if (level == 0 || level < min_precedence) break;
    if (++operators > kMaxOperatorChain) return fail_too_long(span(op));
    next();
    left = combine(std::move(left), op.type, binary(level + 1));
  }
  return left;
}

Expr Grammar::combine(Expr&& left, Tok op, Expr&& right) {
  if (stopped_) return {};
  Expr combined = make(Expr::Kind::Binary, left.span.begin, right.span.end);
  combined.text = operator_text(op);
  combined.children.reserve(2);
  combined.children.push_back(std::move(left));
  combined.children.push_back(std::move(right));
  finish(combined);
  return combined;
}

Expr Grammar::operand() {
  const Token& first = peek();
  if (first.type == Tok::Minus || first.type == Tok::Bang) return unary(first);
  Expr base = term();
  if (!stopped_) traversals(base);
  return base;
}

Expr Grammar::unary(const Token& first) {
  NestingGuard guard(*this);
  if (guard.too_deep()) return fail_too_deep(span(first));
  next();
  Expr value = operand();
  if (stopped_) return value;
  // `-5` is a number written literally, not arithmetic; `-(5)` stays an operation.
  if (first.type == Tok::Minus && value.kind == Expr::Kind::Number &&
      file_->text[value.span.begin.offset] != '(') {
    value.number = -value.number;
    value.span.begin = first.begin;
    return value;
  }
  Expr result = make(Expr::Kind::Unary, first.begin, value.span.end);
  result.text = first.type == Tok::Minus ? "-" : "!";
  result.children.push_back(std::move(value));
  finish(result);
  return result;
}

Expr Grammar::term() {
  const Token& token = peek();
  switch (token.type) {
    case Tok::OParen: {
      next();
      NewlineScope scope(*this, false);
      Expr inner = expression();
      if (stopped_) return inner;
      const Token& close = peek();
      if (close.type != Tok::CParen)
        return fail_found(close, "Unbalanced parentheses", "expected ')'");
      next();
      inner.span = span(token.begin, end_of(close));
      return inner;
    }
    case Tok::NumberLit:
      next();
      return number(token);
    case Tok::Ident: {
      next();
      Tok after = peek().type;
      if (after == Tok::OParen || after == Tok::DoubleColon) return call(token);
      std::string_view name = text(token);
      if (name == "true" || name == "false") {
        Expr expr = make(Expr::Kind::Bool, token.begin, end_of(token));
        expr.flag = name == "true";
        return expr;
      }
      if (name == "null") return make(Expr::Kind::Null, token.begin, end_of(token));
      Expr expr = make(Expr::Kind::Variable, token.begin, end_of(token));
      expr.text = name;
      return expr;
    }
    case Tok::OQuote:
      return quoted_template();
    case Tok::OHeredoc:
      return heredoc_template();
    case Tok::OBrack:
      return tuple();
    case Tok::OBrace:
      return object();
    case Tok::Eof:
      return fail(token, "Missing expression", "expected a value before the end of the file");
    default:
      return fail_found(token, "Invalid expression", "expected a value");
  }
}

Expr Grammar::number(const Token& token) {
  std::string_view digits = text(token);
  Expr expr = make(Expr::Kind::Number, token.begin, end_of(token));
  if (!is_valid_number(digits)) {
    complain(span(token), "Invalid number literal", "this is not a number HCL can read");
    return expr;
  }
  // Whole numbers that a double holds exactly, the common case, without strtod.
  if (digits.size() <= 15 && digits.find_first_not_of("0123456789") == std::string_view::npos) {
    uint64_t value = 0;
    for (char c : digits) value = value * 10 + static_cast<uint64_t>(c - '0');
    expr.number = static_cast<double>(value);
    return expr;
  }
  std::string copy(digits);
  expr.number = std::strtod(copy.c_str(), nullptr);
  // Terraform's numbers are arbitrary-precision: a literal the double does
  // not hold exactly (past 1e308, or a whole number past 2^53 whose last
  // digits are lost) is marked, and evaluates to an unknown.
  if (!std::isfinite(expr.number)) {
    expr.flag = true;
  } else if (std::fabs(expr.number) >= 9007199254740992.0) {
    if (digits.size() <= 38 && digits.find_first_not_of("0123456789") == std::string_view::npos) {
      unsigned __int128 written = 0;
      for (char c : digits) written = written * 10 + static_cast<unsigned>(c - '0');
      expr.flag = static_cast<unsigned __int128>(expr.number) != written;
    } else {
      expr.flag = static_cast<long double>(expr.number) != std::strtold(copy.c_str(), nullptr);
    }
  }
  return expr;
}

}  // namespace bw::frontends::terraform::hcl
