#include "frontends/terraform/module_scope.h"

#include <algorithm>

#include "frontends/terraform/value_ops.h"

namespace bw::frontends::terraform {

using ir::Value;

std::string ModuleScope::where(const ir::Span& span) const {
  if (span.file == ir::kNoFile || span.file >= model_.sources.size()) return "?";
  return model_.sources.file(span.file).path + ":" + std::to_string(span.begin.line);
}

void ModuleScope::declare_variable(const Block& block) {
  if (block.labels.size() != 1) {
    model_.diagnostics.push_back({ir::DiagnosticLevel::Error, block.header_span, "",
                                  "Missing name for variable: all variable blocks must have 1 "
                                  "labels (name)"});
    return;
  }
  const std::string& name = block.labels[0];
  auto [it, inserted] = variables_.try_emplace(name);
  if (!inserted) {
    model_.diagnostics.push_back({ir::DiagnosticLevel::Error, block.header_span, "",
                                  "Duplicate variable declaration: a variable named \"" + name +
                                      "\" was already declared at " + where(it->second.declared)});
    return;
  }
  Variable& variable = it->second;
  variable.declared = block.header_span;
  for (const Attribute& attribute : block.body.attributes) {
    if (attribute.name != "default") continue;
    variable.has_value = true;
    variable.value.expr = &attribute.value;
    variable.value.declared = attribute.span;
  }
}

void ModuleScope::declare_locals(const Block& block) {
  for (const Attribute& attribute : block.body.attributes) {
    auto [it, inserted] = locals_.try_emplace(attribute.name);
    if (!inserted) {
      model_.diagnostics.push_back({ir::DiagnosticLevel::Error, attribute.name_span, "",
                                    "Duplicate local value definition: a local value named \"" +
                                        attribute.name + "\" was already defined at " +
                                        where(it->second.declared)});
      continue;
    }
    it->second.expr = &attribute.value;
    it->second.declared = attribute.name_span;
  }
}

bool ModuleScope::set_variable_value(const Attribute& attribute) {
  auto it = variables_.find(attribute.name);
  if (it == variables_.end()) return false;
  it->second.has_value = true;
  it->second.value = Lazy{};
  it->second.value.expr = &attribute.value;
  it->second.value.declared = attribute.span;
  return true;
}

bool ModuleScope::set_variable_value(const std::string& name, Value value) {
  auto it = variables_.find(name);
  if (it == variables_.end()) return false;
  it->second.has_value = true;
  it->second.value = Lazy{};
  it->second.value.declared = value.span();
  it->second.value.size = value_size(value);
  it->second.value.value = std::move(value);
  it->second.value.state = Lazy::State::Done;
  return true;
}

bool ModuleScope::set_variable_argument(const std::string& name, const ir::Span& declared,
                                        std::function<Value()> compute) {
  auto it = variables_.find(name);
  if (it == variables_.end()) return false;
  it->second.has_value = true;
  it->second.value = Lazy{};
  it->second.value.declared = declared;
  it->second.value.compute = std::move(compute);
  return true;
}

Value ModuleScope::argument(const std::string& name, Evaluator& evaluator) {
  auto it = variables_.find(name);
  if (it == variables_.end() || !it->second.has_value)
    return Value::unknown("variable \"" + name + "\" has no value");
  return resolve(it->second.value, "var." + name, evaluator);
}

void ModuleScope::declare_output(const Block& block) {
  if (block.labels.size() != 1) {
    model_.diagnostics.push_back({ir::DiagnosticLevel::Error, block.header_span, "",
                                  "Missing name for output: all output blocks must have 1 labels "
                                  "(name)"});
    return;
  }
  const std::string& name = block.labels[0];
  auto [it, inserted] = outputs_.try_emplace(name);
  if (!inserted) {
    model_.diagnostics.push_back({ir::DiagnosticLevel::Error, block.header_span, "",
                                  "Duplicate output definition: an output named \"" + name +
                                      "\" was already defined at " + where(it->second.declared)});
    return;
  }
  output_order_.push_back(name);
  it->second.declared = block.header_span;
  for (const Attribute& attribute : block.body.attributes)
    if (attribute.name == "value") it->second.expr = &attribute.value;
}

Value ModuleScope::output(const std::string& name, Evaluator& evaluator) {
  auto it = outputs_.find(name);
  if (it == outputs_.end()) return Value::unknown("output \"" + name + "\" is not declared");
  if (!it->second.expr && it->second.state == Lazy::State::Pending) {
    // Terraform requires `value`; the parser or the walk reports its absence.
    it->second.state = Lazy::State::Done;
    it->second.value = Value::unknown("output \"" + name + "\" has no value", it->second.declared);
  }
  return resolve(it->second, "output." + name, evaluator);
}

Value ModuleScope::outputs(const ir::Span& use, Evaluator& evaluator) {
  Value object = Value::object(use, ir::Provenance::Derived);
  object.reserve(output_order_.size());
  for (const std::string& name : output_order_) object.set(name, output(name, evaluator));
  return object;
}

std::optional<Value> ModuleScope::module(ModuleReference& reference, Evaluator& evaluator) {
  if (!modules_) return std::nullopt;
  return modules_(reference, evaluator);
}

std::vector<std::string> ModuleScope::variables_without_value() const {
  std::vector<std::string> names;
  for (const auto& [name, variable] : variables_)
    if (!variable.has_value) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

Value ModuleScope::resolve(Lazy& lazy, const std::string& label, Evaluator& evaluator) {
  switch (lazy.state) {
    case Lazy::State::Done:
      evaluator.charge(lazy.size);
      if (lazy.failed) evaluator.count_failure();
      return lazy.value;
    case Lazy::State::Evaluating: {
      std::string name = prefix_ + label;
      auto start = std::find(evaluating_->begin(), evaluating_->end(), name);
      std::string cycle;
      for (auto it = start; it != evaluating_->end(); ++it) cycle += *it + " -> ";
      cycle += name;
      evaluator.report(ir::DiagnosticLevel::Error, lazy.declared,
                       "Cycle: " + name + " refers to itself: " + cycle);
      return evaluator.fail(name + " is part of a cycle (" + cycle + ")", lazy.declared);
    }
    case Lazy::State::Pending:
      break;
  }
  lazy.state = Lazy::State::Evaluating;
  evaluating_->push_back(prefix_ + label);
  size_t failures_before = evaluator.failures();
  Value value = lazy.compute ? lazy.compute()
                : lazy.expr  ? evaluator.evaluate_detached(*lazy.expr)
                             : Value::null();
  lazy.compute = nullptr;
  lazy.failed = evaluator.failures() != failures_before;
  evaluating_->pop_back();
  lazy.value = std::move(value);
  lazy.size = value_size(lazy.value);
  lazy.state = Lazy::State::Done;
  return lazy.value;
}

Value ModuleScope::variable(const std::string& name, const ir::Span& use, Evaluator& evaluator) {
  auto it = variables_.find(name);
  if (it == variables_.end()) {
    return evaluator.undeclared(
        "Reference to undeclared input variable: an input variable "
        "with the name \"" +
            name + "\" has not been declared",
        "variable \"" + name + "\" is not declared", use);
  }
  if (!it->second.has_value) {
    std::string why =
        caller_.empty() ? "no default and no tfvars" : "not set by " + caller_ + " and no default";
    return Value::unknown("variable \"" + name + "\" has no value (" + why + ")", use);
  }
  return resolve(it->second.value, "var." + name, evaluator);
}

Value ModuleScope::local(const std::string& name, const ir::Span& use, Evaluator& evaluator) {
  auto it = locals_.find(name);
  if (it == locals_.end()) {
    return evaluator.undeclared(
        "Reference to undeclared local value: a local value with the "
        "name \"" +
            name + "\" has not been declared",
        "local value \"" + name + "\" is not declared", use);
  }
  return resolve(it->second, "local." + name, evaluator);
}

Value ModuleScope::path(const std::string& name, const ir::Span& use) {
  if (name == "module") return Value::string(module_path_, use, ir::Provenance::Derived);
  return Value::unknown("path." + name + " depends on where Terraform runs", use);
}

}  // namespace bw::frontends::terraform
