#include "frontends/terraform/module_scope.h"

#include <algorithm>
#include <optional>

#include "frontends/terraform/value_ops.h"

namespace bw::frontends::terraform {

using ir::Value;

namespace {

// The name an object type's attribute key gives (`create` or `"create"`).
std::optional<std::string> type_key(const Expr& key) {
  if ((key.kind == Expr::Kind::Variable || key.kind == Expr::Kind::String) && key.children.empty())
    return key.text;
  return std::nullopt;
}

// `value` as a variable of type `type` holds it: attributes an object type
// marks `optional(T, default)` and the value lacks are added, with the
// default (null without one), at every level of maps, lists, sets, tuples
// and objects. Nothing else is converted; a value that does not fit the
// type is left as it is.
Value apply_type(const Expr& type, Value value, Evaluator& evaluator) {
  if (type.kind != Expr::Kind::Call || value.is_unknown() || value.is_null()) return value;
  const std::string& name = type.text;
  const std::vector<Expr>& args = type.children;
  if (name == "optional" && !args.empty()) return apply_type(args[0], std::move(value), evaluator);
  if ((name == "map" || name == "list" || name == "set") && args.size() == 1) {
    if (!value.is_object() && !value.is_list()) return value;
    for (Value& item : value.items()) item = apply_type(args[0], std::move(item), evaluator);
    return value;
  }
  if (name == "tuple" && args.size() == 1 && args[0].kind == Expr::Kind::Tuple) {
    if (!value.is_list() || value.items().size() != args[0].children.size()) return value;
    for (size_t i = 0; i < args[0].children.size(); ++i)
      value.items()[i] = apply_type(args[0].children[i], std::move(value.items()[i]), evaluator);
    return value;
  }
  if (name != "object" || args.size() != 1 || args[0].kind != Expr::Kind::Object ||
      !value.is_object())
    return value;
  const std::vector<Expr>& members = args[0].children;
  for (size_t i = 0; i + 1 < members.size(); i += 2) {
    std::optional<std::string> key = type_key(members[i]);
    if (!key) continue;
    const Expr& member_type = members[i + 1];
    if (const Value* member = value.get(*key)) {
      Value typed = apply_type(member_type, *member, evaluator);
      value.set(*key, std::move(typed));
      continue;
    }
    if (member_type.kind != Expr::Kind::Call || member_type.text != "optional" ||
        member_type.children.empty())
      continue;  // a required attribute missing: Terraform rejects the value
    Value fallback = member_type.children.size() > 1
                         ? evaluator.evaluate_detached(member_type.children[1])
                         : Value::null(member_type.span, ir::Provenance::Derived);
    value.set(*key, apply_type(member_type.children[0], std::move(fallback), evaluator));
  }
  return value;
}

}  // namespace

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
    if (attribute.name == "type") variable.type = &attribute.value;
    if (attribute.name == "nullable" && attribute.value.kind == Expr::Kind::Bool &&
        !attribute.value.flag)
      variable.nullable = false;
    if (attribute.name != "default") continue;
    variable.fallback.expr = &attribute.value;
    variable.fallback.declared = attribute.span;
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
  it->second.typed = false;
  it->second.value.expr = &attribute.value;
  it->second.value.declared = attribute.span;
  return true;
}

bool ModuleScope::set_variable_value(const std::string& name, Value value) {
  auto it = variables_.find(name);
  if (it == variables_.end()) return false;
  it->second.has_value = true;
  it->second.value = Lazy{};
  it->second.typed = false;
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
  it->second.typed = false;
  it->second.value.declared = declared;
  it->second.value.compute = std::move(compute);
  return true;
}

Value ModuleScope::argument(const std::string& name, Evaluator& evaluator) {
  auto it = variables_.find(name);
  if (it == variables_.end() || !it->second.has_value)
    return Value::unknown("variable \"" + name + "\" has no value");
  return typed_value(it->second, name, evaluator);
}

Value ModuleScope::typed_value(Variable& variable, const std::string& name, Evaluator& evaluator) {
  Value value = resolve(variable.value, "var." + name, evaluator);
  if (!variable.type || variable.typed || variable.value.state != Lazy::State::Done) return value;
  variable.typed = true;
  variable.value.value = apply_type(*variable.type, std::move(value), evaluator);
  variable.value.size = value_size(variable.value.value);
  return variable.value.value;
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
  Value value = typed_value(it->second, name, evaluator);
  if (value.is_null() && !it->second.nullable && it->second.fallback.expr)
    return resolve(it->second.fallback, "var." + name, evaluator);
  return value;
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
