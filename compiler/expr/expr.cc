// The public entry points: compile = lex, parse and check the lets and the
// predicate, then bind the message names; evaluate = run once per world.

#include "compiler/expr/expr.h"

#include <algorithm>

#include "compiler/expr/checker.h"
#include "compiler/expr/lexer.h"
#include "compiler/expr/parser.h"
#include "compiler/expr/program.h"
#include "compiler/expr/worlds.h"

namespace bw::compiler {

// A checked program, ready to evaluate against any number of resources.
class Expression {
 public:
  expr::Program program;
};

namespace {

// Lexes and parses one text; null after appending its errors, marked as
// coming from `source`.
std::unique_ptr<expr::Node> parse_text(std::string_view text, int source,
                                       std::vector<ExprError>& errors) {
  size_t errors_before = errors.size();
  std::unique_ptr<expr::Node> root;
  // Offsets are 32-bit; a predicate is a line or two of YAML.
  if (text.size() > UINT32_MAX / 2) {
    errors.push_back({0, 0, "expression is too long"});
  } else {
    std::vector<expr::Token> tokens = expr::lex(text, errors);
    if (errors.size() == errors_before) root = expr::parse(tokens, errors);
  }
  for (size_t i = errors_before; i < errors.size(); ++i) errors[i].source = source;
  return errors.size() == errors_before ? std::move(root) : nullptr;
}

}  // namespace

void destroy(const Expression* expression) {
  delete expression;
}

ExpressionPtr compile_expression(const ExpressionInput& input, const KindSchema& schema,
                                 const Globals* globals, std::vector<ExprError>& errors) {
  size_t errors_before = errors.size();
  auto expression = std::make_unique<Expression>();
  expr::Program& program = expression->program;
  for (size_t i = 0; i < input.lets.size(); ++i) {
    const Let& let = input.lets[i];
    program.lets.push_back({let.name, let.text, parse_text(let.text, static_cast<int>(i), errors)});
  }
  program.when_text = std::string(input.when);
  program.root = parse_text(program.when_text, -1, errors);
  // A let that did not parse is checked as Any, so its uses are not reported
  // again; the lets are checked even when the predicate did not parse.
  expr::check_program(program, input.kinds, schema, globals, errors);
  if (program.root) expr::bind_message_names(program, input.message_names, errors);
  if (errors.size() > errors_before) return nullptr;
  return ExpressionPtr(expression.release());
}

ExpressionPtr compile_expression(std::string_view text, const std::vector<std::string>& kinds,
                                 const KindSchema& schema, std::vector<ExprError>& errors) {
  ExpressionInput input;
  input.when = text;
  input.kinds = kinds;
  return compile_expression(input, schema, nullptr, errors);
}

namespace {

void collect_reach(const expr::Node& node, Reach& reach) {
  if (node.kind == expr::NodeKind::Call) {
    bool kind_argument =
        node.argument_count() == 1 && node.argument(0).kind == expr::NodeKind::String;
    if (node.function == expr::Function::Resources && kind_argument)
      reach.queried.push_back(node.argument(0).text);
    if (node.function == expr::Function::Edges && kind_argument)
      reach.edges.push_back(node.argument(0).text);
    if (node.function == expr::Function::Environments) reach.environments = true;
  }
  if (node.kind == expr::NodeKind::Select && node.field == expr::ResourceField::Change)
    reach.change = true;
  for (const auto& child : node.children) collect_reach(*child, reach);
}

void sort_unique(std::vector<std::string>& list) {
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
}

}  // namespace

Reach reach(const Expression& expression) {
  Reach reach;
  const expr::Program& program = expression.program;
  if (program.root) collect_reach(*program.root, reach);
  for (const expr::CompiledLet& let : program.lets)
    if (let.root) collect_reach(*let.root, reach);
  sort_unique(reach.queried);
  sort_unique(reach.edges);
  return reach;
}

Outcome evaluate(const Expression& expression, const ir::Model& model, ir::ResourceId self) {
  if (self >= model.resources.size() || !expression.program.root) return {};
  return expr::evaluate_worlds(expression.program, model, self);
}

}  // namespace bw::compiler
