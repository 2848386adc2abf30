#pragma once
// The names one Terraform module defines: input variables with their
// defaults and tfvars values, locals, and the module's path. Each is
// evaluated on first use and remembered; a local that depends on itself is
// reported once and is unknown.

#include <string>
#include <unordered_map>
#include <vector>

#include "frontends/terraform/evaluator.h"

namespace bw::frontends::terraform {

// Answers var.*, local.* and path.* for one module instance.
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
  // Declared variables with no default and no value given, by name: in a
  // called module, each is an argument its caller must set.
  std::vector<std::string> variables_without_value() const;

  ir::Value variable(const std::string& name, const ir::Span& use, Evaluator& evaluator) override;
  ir::Value local(const std::string& name, const ir::Span& use, Evaluator& evaluator) override;
  ir::Value path(const std::string& name, const ir::Span& use) override;

 private:
  // A name whose value is computed once, when first asked for.
  struct Lazy {
    const Expr* expr = nullptr;  // nullptr when `value` was given directly
    ir::Span declared;           // where the name is declared, for messages
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
  };

  ir::Value resolve(Lazy& lazy, const std::string& label, Evaluator& evaluator);
  std::string where(const ir::Span& span) const;

  ir::Model& model_;
  std::string module_path_;
  std::string caller_;
  std::unordered_map<std::string, Variable> variables_;
  std::unordered_map<std::string, Lazy> locals_;
  // Locals being evaluated, outermost first, to name a cycle's members.
  std::vector<std::string> evaluating_;
};

}  // namespace bw::frontends::terraform
