#pragma once
// The names one Terraform module defines: input variables with their
// defaults and tfvars values, locals, and the module's path. Each is
// evaluated on first use and remembered; a local that depends on itself is
// reported once and is unknown.

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontends/terraform/evaluator.h"

namespace bw::frontends::terraform {

// Answers var.*, local.*, path.* and module.* for one module instance, and
// evaluates its outputs when its caller asks for them.
class ModuleScope : public Scope {
 public:
  // `caller` names the module block that calls this module ("" for the root),
  // to say why a variable has no value.
  ModuleScope(ir::Model& model, std::string module_path, std::string caller = "")
      : model_(model), module_path_(std::move(module_path)), caller_(std::move(caller)) {}

  // `variable "name" { default = ... }`. The block must outlive the scope.
  void declare_variable(const Block& block);
  // Every attribute of a `locals` block.
  void declare_locals(const Block& block);
  // A `name = value` of a tfvars file; later calls win, as later files do.
  // False when no such variable is declared.
  bool set_variable_value(const Attribute& attribute);
  // A value given from outside (a module block's argument), already evaluated.
  bool set_variable_value(const std::string& name, ir::Value value);
  // A module block's argument, evaluated by the caller when first asked
  // for: `declared` is the argument in the call. False when no such variable
  // is declared.
  bool set_variable_argument(const std::string& name, const ir::Span& declared,
                             std::function<ir::Value()> compute);
  bool declares_variable(const std::string& name) const { return variables_.count(name) != 0; }
  // A variable's value, as its caller's argument or its default gives it.
  ir::Value argument(const std::string& name, Evaluator& evaluator);
  // `output "name" { value = ... }`. The block must outlive the scope.
  void declare_output(const Block& block);
  bool has_output(const std::string& name) const { return outputs_.count(name) != 0; }
  // An output's value, evaluated once.
  ir::Value output(const std::string& name, Evaluator& evaluator);
  const std::vector<std::string>& output_names() const { return output_order_; }
  // Every output by name, in declaration order, as `module.NAME` reads.
  ir::Value outputs(const ir::Span& use, Evaluator& evaluator);
  // Names cycles by this prefix ("module.db."), on a stack shared by every
  // module instance of the unit, so a cycle through several modules is named
  // whole.
  void set_cycle_names(std::string prefix, std::vector<std::string>* evaluating) {
    prefix_ = std::move(prefix);
    if (evaluating) evaluating_ = evaluating;
  }
  // Answers module.* references; unset, they are unknown.
  void set_modules(std::function<std::optional<ir::Value>(ModuleReference&, Evaluator&)> modules) {
    modules_ = std::move(modules);
  }
  // Declared variables with no default and no value given, by name: in a
  // called module, each is an argument its caller must set.
  std::vector<std::string> variables_without_value() const;

  ir::Value variable(const std::string& name, const ir::Span& use, Evaluator& evaluator) override;
  ir::Value local(const std::string& name, const ir::Span& use, Evaluator& evaluator) override;
  ir::Value path(const std::string& name, const ir::Span& use) override;
  std::optional<ir::Value> module(ModuleReference& reference, Evaluator& evaluator) override;

 private:
  // A name whose value is computed once, when first asked for.
  struct Lazy {
    const Expr* expr = nullptr;          // nullptr when `value` was given directly
    std::function<ir::Value()> compute;  // evaluates it elsewhere (a caller's argument)
    ir::Span declared;                   // where the name is declared, for messages
    enum class State : uint8_t { Pending, Evaluating, Done } state = State::Pending;
    ir::Value value;
    size_t size = 0;      // value_size(value): what each copy costs
    bool failed = false;  // evaluating it met an expression Terraform would reject
  };
  // A declared input variable and the value it gets, if any.
  struct Variable {
    ir::Span declared;
    bool has_value = false;  // a default, a tfvars value or a module argument
    Lazy value;
    const Expr* type = nullptr;  // its type constraint, if written
    bool typed = false;          // the value has had the constraint's defaults applied
    // `nullable = false`: a null value given for it (a caller's argument)
    // means its default, as Terraform substitutes it.
    bool nullable = true;
    Lazy fallback;  // the default, for a null given to a non-nullable variable
  };

  // The value of a declared variable, its type constraint's optional
  // attribute defaults applied.
  ir::Value typed_value(Variable& variable, const std::string& name, Evaluator& evaluator);

  ir::Value resolve(Lazy& lazy, const std::string& label, Evaluator& evaluator);
  std::string where(const ir::Span& span) const;

  ir::Model& model_;
  std::string module_path_;
  std::string caller_;
  std::unordered_map<std::string, Variable> variables_;
  std::unordered_map<std::string, Lazy> locals_;
  std::unordered_map<std::string, Lazy> outputs_;
  std::vector<std::string> output_order_;
  std::function<std::optional<ir::Value>(ModuleReference&, Evaluator&)> modules_;
  std::string prefix_;
  // Names being evaluated, outermost first, to name a cycle's members.
  std::vector<std::string> own_evaluating_;
  std::vector<std::string>* evaluating_ = &own_evaluating_;
};

}  // namespace bw::frontends::terraform
