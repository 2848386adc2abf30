#include "compiler/expr/parser.h"

#include <doctest/doctest.h>

#include <cstdio>

using namespace bw::compiler;
using namespace bw::compiler::expr;

namespace {

// The tree as an S-expression, to check its shape.
std::string render(const Node& node) {
  auto children = [&](size_t from) {
    std::string s;
    for (size_t i = from; i < node.children.size(); ++i) s += " " + render(*node.children[i]);
    return s;
  };
  switch (node.kind) {
    case NodeKind::Null:
      return "null";
    case NodeKind::Bool:
      return node.boolean ? "true" : "false";
    case NodeKind::Number: {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%g", node.number);
      return buffer;
    }
    case NodeKind::String:
      return "\"" + node.text + "\"";
    case NodeKind::List:
      return "[" + children(0) + " ]";
    case NodeKind::Map:
      return "{" + children(0) + " }";
    case NodeKind::Identifier:
    case NodeKind::Global:  // only the checker makes them
      return node.text;
    case NodeKind::Select:
      return "(. " + render(*node.children[0]) + " " + node.text + ")";
    case NodeKind::Index:
      return "([]" + children(0) + ")";
    case NodeKind::Call:
      return "(" + std::string(node.has_receiver ? "." : "") + node.text + children(0) + ")";
    case NodeKind::Not:
      return "(!" + children(0) + ")";
    case NodeKind::Negate:
      return "(neg" + children(0) + ")";
    case NodeKind::Binary:
      return "(" + std::string(to_string(node.op)) + children(0) + ")";
    case NodeKind::And:
      return "(&&" + children(0) + ")";
    case NodeKind::Or:
      return "(||" + children(0) + ")";
    case NodeKind::Conditional:
      return "(?" + children(0) + ")";
  }
  return "?";
}

std::unique_ptr<Node> parse_text(std::string_view text, std::vector<ExprError>& errors) {
  std::vector<Token> tokens = lex(text, errors);
  if (!errors.empty()) return nullptr;
  return parse(tokens, errors);
}

std::string tree(std::string_view text) {
  std::vector<ExprError> errors;
  std::unique_ptr<Node> root = parse_text(text, errors);
  for (const ExprError& e : errors) FAIL_CHECK(e.offset << ": " << e.message);
  return root ? render(*root) : "<error>";
}

ExprError syntax_error(std::string_view text) {
  std::vector<ExprError> errors;
  std::unique_ptr<Node> root = parse_text(text, errors);
  CHECK(root == nullptr);
  REQUIRE(errors.size() == 1);
  return errors[0];
}

}  // namespace

TEST_CASE("parser: CEL precedence") {
  CHECK(tree("a || b && c == d + e * !f") == "(|| a (&& b (== c (+ d (* e (! f))))))");
  CHECK(tree("a ? b : c || d") == "(? a b (|| c d))");
  CHECK(tree("a < b == c") == "(== (< a b) c)");
  CHECK(tree("x in y && z") == "(&& (in x y) z)");
  CHECK(tree("a - b % c / d") == "(- a (/ (% b c) d))");
  CHECK(tree("!a.b") == "(! (. a b))");
  CHECK(tree("-a.size()") == "(neg (.size a))");
  CHECK(tree("(a || b) && c") == "(&& (|| a b) c)");
}

TEST_CASE("parser: associativity and flat logical chains") {
  CHECK(tree("1 - 2 - 3") == "(- (- 1 2) 3)");
  CHECK(tree("a || b || c || d") == "(|| a b c d)");
  CHECK(tree("a && b && c") == "(&& a b c)");
  CHECK(tree("a ? b : c ? d : e") == "(? a b (? c d e))");
  CHECK(tree("!!a") == "(! (! a))");
  CHECK(tree("-5") == "-5");  // a negative literal, not a negation
  CHECK(tree("--5") == "5");
  CHECK(tree("-!5") == "(neg (! 5))");
}

TEST_CASE("parser: members, indexes, calls and literals") {
  CHECK(tree("self.a.b[0][\"k\"]") == "([] ([] (. (. self a) b) 0) \"k\")");
  CHECK(tree("has(self.x)") == "(has (. self x))");
  CHECK(tree("self.edges('lt').exists(t, t.ok)") == "(.exists (.edges self \"lt\") t (. t ok))");
  CHECK(tree("size(x) + x.size()") == "(+ (size x) (.size x))");
  CHECK(tree("f()") == "(f)");
  CHECK(tree("[1, 'a', null, true, false,]") == "[ 1 \"a\" null true false ]");
  CHECK(tree("[]") == "[ ]");
  CHECK(tree("{'k': 1, \"j\": [2]}") == "{ \"k\" 1 \"j\" [ 2 ] }");
  CHECK(tree("{}") == "{ }");
  CHECK(tree("1.5.size()") == "(.size 1.5)");
}

TEST_CASE("parser: spans cover what was written") {
  std::vector<ExprError> errors;
  std::unique_ptr<Node> root = parse_text("self.name == 'x' && !(a)", errors);
  REQUIRE(root);
  CHECK(root->offset == 0);
  CHECK(root->length == 24);
  const Node& equal = *root->children[0];
  CHECK(equal.offset == 0);
  CHECK(equal.length == 16);
  CHECK(equal.name_offset == 10);  // the operator
  const Node& select = *equal.children[0];
  CHECK(select.offset == 0);
  CHECK(select.length == 9);
  CHECK(select.name_offset == 5);
  CHECK(select.name_length == 4);
  const Node& negation = *root->children[1];
  CHECK(negation.offset == 20);
  CHECK(negation.length == 4);
  CHECK(negation.children[0]->offset == 21);  // parentheses included
  CHECK(negation.children[0]->length == 3);

  root = parse_text("  self.edges('x')  ", errors);
  REQUIRE(root);
  CHECK(root->offset == 2);
  CHECK(root->length == 15);
  CHECK(root->name_offset == 7);
  CHECK(root->name_length == 5);
}

TEST_CASE("parser: syntax errors say what was expected, and where") {
  ExprError e = syntax_error("size(self.x");
  CHECK(e.offset == 11);
  CHECK(e.length == 0);
  CHECK(e.message == "expected ')' after arguments, found end of expression");

  e = syntax_error("f(a b)");
  CHECK(e.offset == 4);
  CHECK(e.message == "expected ')' after arguments, found 'b'");

  e = syntax_error("(a || b");
  CHECK(e.offset == 7);
  CHECK(e.message == "expected ')' to close '(', found end of expression");

  e = syntax_error("a[0");
  CHECK(e.message == "expected ']' after index, found end of expression");

  e = syntax_error("[1, 2");
  CHECK(e.message == "expected ']' after list elements, found end of expression");

  e = syntax_error("{'a' 1}");
  CHECK(e.offset == 5);
  CHECK(e.message == "expected ':' after map key, found a number");

  e = syntax_error("{'a': 1 'b': 2}");
  CHECK(e.message == "expected '}' after map entries, found a string");

  e = syntax_error("a ? b");
  CHECK(e.message == "expected ':' in conditional expression, found end of expression");

  e = syntax_error("self.");
  CHECK(e.offset == 5);
  CHECK(e.message == "expected a field or method name after '.', found end of expression");

  e = syntax_error("self.1");
  CHECK(e.message == "expected a field or method name after '.', found a number");

  e = syntax_error("a && ");
  CHECK(e.offset == 5);
  CHECK(e.message == "expected an expression, found end of expression");

  e = syntax_error("");
  CHECK(e.offset == 0);
  CHECK(e.message == "expected an expression, found end of expression");

  e = syntax_error("a == == b");
  CHECK(e.offset == 5);
  CHECK(e.length == 2);
  CHECK(e.message == "expected an expression, found '=='");

  e = syntax_error("self.x true");
  CHECK(e.offset == 7);
  CHECK(e.length == 4);
  CHECK(e.message == "unexpected 'true' after the expression");

  e = syntax_error("a b");
  CHECK(e.message == "unexpected 'b' after the expression");
}

TEST_CASE("parser: nesting is bounded, never a stack overflow") {
  const std::string limit = "expression is nested too deeply (more than 128 levels)";
  auto repeat = [](std::string_view piece, size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += piece;
    return s;
  };
  CHECK(syntax_error(repeat("(", 10000) + "a" + repeat(")", 10000)).message == limit);
  CHECK(syntax_error(repeat("!", 10000) + "a").message == limit);
  CHECK(syntax_error(repeat("-", 10000) + "a").message == limit);
  CHECK(syntax_error("a" + repeat(" + a", 10000)).message == limit);
  CHECK(syntax_error("a" + repeat(".b", 10000)).message == limit);
  CHECK(syntax_error("a" + repeat("[0]", 10000)).message == limit);
  CHECK(syntax_error(repeat("[", 10000) + repeat("]", 10000)).message == limit);
  CHECK(syntax_error(repeat("f(", 10000) + repeat(")", 10000)).message == limit);
  CHECK(syntax_error(repeat("a ? b : ", 10000) + "c").message == limit);

  // The error points where the limit was crossed.
  ExprError e = syntax_error(repeat("(", 200) + "a" + repeat(")", 200));
  CHECK(e.offset == 128);

  // Under the limit is fine, and && / || chains are flat, so long ones are too.
  CHECK(tree(repeat("(", 100) + "a" + repeat(")", 100)) == "a");
  std::vector<ExprError> errors;
  std::unique_ptr<Node> root = parse_text("a" + repeat(" || a", 5000), errors);
  REQUIRE(root);
  CHECK(root->children.size() == 5001);
  CHECK(root->depth == 2);
}
