#pragma once
// Evaluates HCL expressions into ir::Values the way Terraform would at plan
// time, as far as that is possible without providers: what cannot be known
// becomes an unknown value that says why and which resources it depends on.

#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "frontends/terraform/hcl_ast.h"
#include "ir/limits.h"
#include "ir/model.h"

namespace bw::frontends::terraform {

class Evaluator;
struct TemplateParts;

// How an instance key appears in an address: `[0]` for a count index,
// `["logs"]` for a for_each key; "" for a key that is not a known number or
// string.
std::string instance_address(const ir::Value& key);

// Building a string charges one evaluation step per this many bytes, so
// work on long strings counts toward the value's budget.
inline constexpr size_t kBytesPerStep = 64;

// Deeper evaluation than this gives an unknown: bounds the stack on any input.
// A chain of binary operators (`1 + 1 + ...`) is evaluated along its length
// without going deeper, so only real nesting counts.
inline constexpr int kMaxEvaluationDepth = 200;

// A reference to a module call: `module.NAME`, then an optional instance
// key (`[0]`, `["b"]`) and an optional output name, as written.
struct ModuleReference {
  const std::string& name;
  const ir::Value* key = nullptr;       // null when no index step follows the name
  const std::string* output = nullptr;  // null when no attribute step follows
  ir::Span span;                        // the whole reference
  std::string written;                  // its text, for reasons
  // Set by the scope: how many of the key and the output its value took
  // (0 to 2); the steps after them index into the value.
  size_t used = 0;
};

// What `var.*`, `local.*`, `path.*` and `module.*` mean where an expression
// is evaluated.
class Scope {
 public:
  virtual ~Scope() = default;
  virtual ir::Value variable(const std::string& name, const ir::Span& use,
                             Evaluator& evaluator) = 0;
  virtual ir::Value local(const std::string& name, const ir::Span& use, Evaluator& evaluator) = 0;
  virtual ir::Value path(const std::string& name, const ir::Span& use) = 0;
  // The value a module reference names, when the scope knows its module
  // calls; nullopt when it does not (the reference is then unknown).
  virtual std::optional<ir::Value> module(ModuleReference& /*reference*/,
                                          Evaluator& /*evaluator*/) {
    return std::nullopt;
  }
};

// Whether the block being evaluated is repeated: count.index and each.* are
// only meaningful inside a resource with count or for_each.
enum class Repetition : uint8_t { None, Count, ForEach };

// The instance of a repeated block being evaluated: its count.index, or its
// each.key and each.value; or why which instance is not known (the count or
// the for_each keys are unknown).
struct InstanceKey {
  bool known = false;
  ir::Value key;       // count.index (a number) or each.key (a string)
  ir::Value value;     // each.value
  std::string reason;  // when not known: why
};

// Evaluates the expressions of one module instance. It keeps the state an
// evaluation needs across expressions: the work budget of the value being
// evaluated, the names `for` expressions bind, whether count.index and each.*
// are meaningful.
//
// Budgets (ir::Limits) are per value: each attribute, local, variable value
// and output gets `evaluation_steps` of its own, so one expensive value is
// unknown — with the limit named in a Limit diagnostic — and the module's
// other values are not. Sizes (`collection_items`, `string_bytes`) are
// checked before what they bound is built.
class Evaluator {
 public:
  // `scope` may be null where no names are defined (tfvars files).
  Evaluator(ir::Model& model, Scope* scope, const ir::Limits& limits = ir::default_limits())
      : model_(model), scope_(scope), limits_(limits), budget_(limits.evaluation_steps) {}

  // One value — an attribute, an output — with a budget of its own.
  ir::Value evaluate_value(const Expr& expr);
  // A part of the value being evaluated, charged to its budget.
  ir::Value evaluate(const Expr& expr);
  // Evaluates as if at the top of the module, not inside the resource or
  // `for` expression currently being evaluated: for locals and variables,
  // each a value with a budget of its own.
  ir::Value evaluate_detached(const Expr& expr);
  // For arguments that name things rather than reference them, such as
  // `ignore_changes = [tags]` or `provider = aws.west`: traversals become
  // the strings written. A value with a budget of its own.
  ir::Value evaluate_keyword(const Expr& expr);

  void set_repetition(Repetition repetition, InstanceKey instance = {}) {
    repetition_ = repetition;
    instance_ = std::move(instance);
  }
  // Evaluates `expr` as an argument of one instance of a repeated block
  // (a module call's argument, asked for by the module), detached from what
  // is being evaluated now; `keyword` as evaluate_keyword does.
  ir::Value evaluate_instance(const Expr& expr, Repetition repetition, const InstanceKey& instance,
                              bool keyword = false);
  // While set, evaluate_value(expr) answers `value` without evaluating:
  // a block's count or for_each, evaluated once for all its instances.
  void set_given(const Expr* expr, ir::Value value) {
    given_expr_ = expr;
    given_value_ = std::move(value);
  }
  // Nesting of evaluation shared by every evaluator of a unit, so values
  // asked across modules (an output feeding another module) are bounded
  // together by kMaxEvaluationDepth; null: this evaluator's own.
  void set_shared_depth(int* depth) { depth_ = depth ? depth : &own_depth_; }
  // Binds `name` for what is evaluated until the matching `unbind`, as a
  // `for` expression binds its variables: a `dynamic` block's iterator.
  void bind(std::string name, ir::Value value) {
    bindings_.emplace_back(std::move(name), std::move(value));
  }
  void unbind() { bindings_.pop_back(); }
  // Inside a called module, references name `module.NAME.type.name`.
  void set_address_prefix(std::string prefix) { address_prefix_ = std::move(prefix); }
  // When the module had syntax errors, a missing declaration may be in the
  // unparsed part, so undeclared names are not reported.
  void set_lenient(bool lenient) { lenient_ = lenient; }
  bool lenient() const { return lenient_; }
  // The module's `resource`, `data`, `ephemeral` and `module` blocks by
  // address without the instance prefix (`aws_s3_bucket.b`, `data.T.N`,
  // `module.db`), so a reference to none of them is an error; null when
  // unknown (nothing is then reported).
  void set_declared(const std::unordered_set<std::string>* declared) { declared_ = declared; }

  // Diagnostics about the configuration (not syntax): undeclared names,
  // cycles. Errors are ones Terraform would refuse the configuration for, so
  // they are unanalyzable; their message is Terraform's summary, a colon and
  // the detail.
  void report(ir::DiagnosticLevel level, const ir::Span& span, std::string message);
  // A reference Terraform rejects whatever the values (an undeclared name):
  // reported, even inside try(), unless the module had syntax errors; the
  // value is unknown with `reason`.
  ir::Value undeclared(std::string message, std::string reason, const ir::Span& span);
  // An expression Terraform would reject: an unknown value that `try` skips.
  ir::Value fail(std::string reason, const ir::Span& span);
  // How many failures (see `fail`) evaluation has met so far, net of those
  // `try` and `can` absorbed; and one more, for a remembered value (a local)
  // whose evaluation failed, so a second use fails like the first.
  size_t failures() const { return failures_; }
  void count_failure() { ++failures_; }
  // A value past one of blastwall's limits (`limit` names it as ir/limits.h
  // does, `amount` is its value; `what` says what needed more): unknown with
  // the limit named, one Limit diagnostic for the value being evaluated, and
  // enclosing loops stop instead of building more of the same.
  ir::Value over_limit(std::string_view limit, uint64_t amount, const ir::Span& span,
                       const std::string& what = "");
  // A number beyond what exact arithmetic on doubles gives (an overflow, an
  // integer past 2^53 that lost its last digits): unknown, a Limit diagnostic.
  ir::Value inexact_number(const std::string& what, const ir::Span& span);
  const ir::Limits& limits() const { return limits_; }
  // The steps every evaluator of the unit has taken, against
  // ir::Limits::unit_evaluation_steps; null: no unit-wide bound.
  void set_unit_steps(uint64_t* steps) { unit_steps_ = steps; }
  // Charges the cost of copying a large value to the evaluation budget.
  void charge(size_t steps) {
    steps_ += steps;
    if (unit_steps_) *unit_steps_ += steps;
  }

  // The source text of a span, whitespace collapsed and shortened, for messages.
  std::string source_text(const ir::Span& span) const;

 private:
  ir::Value evaluate_node(const Expr& expr);
  ir::Value keyword(const Expr& expr);
  ir::Value traversal(const Expr& expr);
  ir::Value root_reference(const Expr& root, const std::vector<const Expr*>& steps,
                           size_t& consumed, const Expr& whole, bool& from_scope);
  ir::Value apply_step(ir::Value current, const Expr& step);
  std::string instance_suffix(const std::vector<const Expr*>& steps, size_t at);
  // One traversal step on a known value, or an unknown one it passes on.
  ir::Value step_value(ir::Value current, const Expr& step, const ir::Value& key);
  // The step applied to each alternative of a OneOf.
  ir::Value step_each(const ir::Value& one_of, const Expr& step, const ir::Value& key);
  ir::Value splat(const Expr& expr);
  ir::Value template_value(const Expr& expr);
  void append_template(const Expr& part, TemplateParts& out);
  ir::Value tuple(const Expr& expr);
  ir::Value object(const Expr& expr);
  ir::Value call(const Expr& expr);
  // An unknown function or a wrong number of arguments: an error outside
  // try() and can(), which absorb it as Terraform's do; unknown either way.
  ir::Value invalid_call(const Expr& expr);
  ir::Value try_call(const Expr& expr, bool can);
  ir::Value conditional(const Expr& expr);
  // A conditional whose condition is unknown: one of its branches.
  ir::Value either(const Expr& expr, const ir::Value& condition, ir::Value then_value,
                   ir::Value else_value);
  ir::Value binary(const Expr& expr);
  // `left op right` on evaluated operands.
  ir::Value operate(const Expr& expr, ir::Value left, ir::Value right);
  ir::Value logical(const Expr& expr, const ir::Value& left, const ir::Value& right);
  ir::Value unary(const Expr& expr);
  ir::Value for_expression(const Expr& expr);
  // Calls `body` once per element of `collection` with the for variables
  // bound; stops early when `body` says so or a limit is hit.
  bool for_each_element(const ir::Value& collection, const std::string& key_name,
                        const std::string& value_name, const std::function<bool()>& body);

  // Starts a value with a budget of its own; `finish_value` restores the one
  // that was being evaluated.
  struct ValueBudget {
    size_t steps;
    size_t budget;
    bool unit_spent;
    bool reported;
    ir::Span span;
  };
  // One step of the value being evaluated; false when its budget is spent.
  bool step() {
    if (unit_steps_) ++*unit_steps_;
    return ++steps_ <= budget_;
  }
  // The value's budget is spent: unknown, naming the limit that set it.
  ir::Value out_of_steps(const ir::Span& span);
  ValueBudget start_value(const ir::Span& span);
  void finish_value(const ValueBudget& saved);

  ir::Model& model_;
  Scope* scope_;
  ir::Limits limits_;
  Repetition repetition_ = Repetition::None;
  std::string address_prefix_;
  bool lenient_ = false;
  const std::unordered_set<std::string>* declared_ = nullptr;
  InstanceKey instance_;
  const Expr* given_expr_ = nullptr;
  ir::Value given_value_;
  int own_depth_ = 0;
  int* depth_ = &own_depth_;
  int try_depth_ = 0;  // try() and can() calls being evaluated
  size_t steps_ = 0;   // of the value being evaluated
  size_t budget_ = 0;  // the value's: evaluation_steps, or less once the unit's are spent
  bool unit_spent_ = false;
  uint64_t* unit_steps_ = nullptr;
  size_t failures_ = 0;
  bool limit_reported_ = false;  // the value being evaluated has a Limit diagnostic
  ir::Span value_span_;          // the value being evaluated, where its Limit points
  size_t limits_hit_ = 0;
  std::string last_limit_ = "a limit was reached";  // the reason over_limit gave last
  // Names bound by `for` expressions, innermost last; splat elements likewise.
  std::vector<std::pair<std::string, ir::Value>> bindings_;
  std::vector<const ir::Value*> splat_items_;
};

}  // namespace bw::frontends::terraform
