// The public entry points: compile = lex, parse, check; evaluate = walk.

#include "compiler/expr/expr.h"

#include "compiler/expr/ast.h"
#include "compiler/expr/because.h"
#include "compiler/expr/checker.h"
#include "compiler/expr/evaluator.h"
#include "compiler/expr/lexer.h"
#include "compiler/expr/parser.h"

namespace bw::compiler {

// A checked predicate, ready to evaluate against any number of resources.
class Expression {
 public:
  std::unique_ptr<expr::Node> root;
  size_t slot_count = 0;  // macro variables live at once
};

std::string_view to_string(ExprType type) {
  switch (type) {
    case ExprType::Any:
      return "any";
    case ExprType::Null:
      return "null";
    case ExprType::Bool:
      return "bool";
    case ExprType::Number:
      return "number";
    case ExprType::String:
      return "string";
    case ExprType::List:
      return "list";
    case ExprType::Object:
      return "object";
    case ExprType::Resource:
      return "resource";
  }
  return "any";
}

void destroy(const Expression* expression) {
  delete expression;
}

ExpressionPtr compile_expression(std::string_view text, const std::vector<std::string>& kinds,
                                 const KindSchema& schema, std::vector<ExprError>& errors) {
  size_t errors_before = errors.size();
  // Offsets are 32-bit; a predicate is a line or two of YAML.
  if (text.size() > UINT32_MAX / 2) {
    errors.push_back({0, 0, "expression is too long"});
    return nullptr;
  }
  std::vector<expr::Token> tokens = expr::lex(text, errors);
  if (errors.size() > errors_before) return nullptr;
  std::unique_ptr<expr::Node> root = expr::parse(tokens, errors);
  if (!root) return nullptr;
  size_t slot_count = expr::check_predicate(*root, kinds, schema, errors);
  if (errors.size() > errors_before) return nullptr;
  auto expression = new Expression{std::move(root), slot_count};
  return ExpressionPtr(expression);
}

Outcome evaluate(const Expression& expression, const ir::Model& model, ir::ResourceId self) {
  if (self >= model.resources.size() || !expression.root) return {};
  expr::Evaluator evaluator(model, self, expression.slot_count);
  expr::Val result = evaluator.evaluate(*expression.root);
  if (result.is(expr::Val::Kind::Bool))
    return {result.boolean ? Truth::True : Truth::False, {}, {}};
  if (!result.is(expr::Val::Kind::Unknown)) return {};  // an error, or a value that is not a bool
  Outcome outcome;
  outcome.truth = Truth::Unknown;
  outcome.because = expr::describe_unknown(model, self, result);
  if (result.model) outcome.span = result.model->span();
  return outcome;
}

}  // namespace bw::compiler
