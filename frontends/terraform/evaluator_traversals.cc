// The traversal half of the Evaluator: what a name means (`var.x`,
// `local.y`, `aws_s3_bucket.b.arn`, `count.index`, ...), attribute and index
// steps into the value it names, and splats.

#include <algorithm>
#include <cmath>
#include <optional>

#include "frontends/terraform/evaluator.h"
#include "frontends/terraform/value_ops.h"

namespace bw::frontends::terraform {

using ir::Provenance;
using ir::Value;

// A traversal such as `var.tags["env"]` or `aws_s3_bucket.b.arn`: its root
// name decides what the first steps mean; the rest index into the value.
Value Evaluator::traversal(const Expr& expr) {
  std::vector<const Expr*> steps;
  const Expr* root = &expr;
  while ((root->kind == Expr::Kind::GetAttr || root->kind == Expr::Kind::Index) &&
         !root->children.empty()) {
    steps.push_back(root);
    root = &root->children[0];
  }
  std::reverse(steps.begin(), steps.end());
  size_t consumed = 0;
  bool from_scope = false;
  Value current = root->kind == Expr::Kind::Variable
                      ? root_reference(*root, steps, consumed, expr, from_scope)
                      : evaluate(*root);
  for (size_t i = consumed; i < steps.size(); ++i)
    current = apply_step(std::move(current), *steps[i]);
  if (from_scope) mark_derived(current, expr.span);
  return current;
}

Value Evaluator::root_reference(const Expr& root, const std::vector<const Expr*>& steps,
                                size_t& consumed, const Expr& whole, bool& from_scope) {
  const std::string& name = root.text;
  for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it)
    if (it->first == name) return it->second;

  auto attribute = [&](size_t i) -> const std::string* {
    if (i < steps.size() && steps[i]->kind == Expr::Kind::GetAttr) return &steps[i]->text;
    return nullptr;
  };
  const std::string* first = attribute(0);
  // Only unknown values need the written text, for their reason.
  auto written = [&] { return source_text(whole.span); };

  if (name == "var" || name == "local") {
    if (!first) return fail(name + " must be followed by a name", root.span);
    consumed = 1;
    if (!scope_) return fail(name + "." + *first + " cannot be used here", steps[0]->span);
    from_scope = true;
    return name == "var" ? scope_->variable(*first, steps[0]->span, *this)
                         : scope_->local(*first, steps[0]->span, *this);
  }
  if (name == "count") {
    consumed = 1;
    if (first && *first == "index" && repetition_ == Repetition::Count) {
      if (instance_.known) return instance_.key;
      return Value::unknown("count.index differs per instance (" + instance_.reason + ")",
                            whole.span);
    }
    return undeclared(
        "Reference to \"count\" in non-counted context: the \"count\" object can only be used "
        "in \"module\", \"resource\", and \"data\" blocks, and only when the \"count\" argument "
        "is set",
        written() + " is only valid in a block with count", whole.span);
  }
  if (name == "each") {
    consumed = 1;
    if (first && (*first == "key" || *first == "value") && repetition_ == Repetition::ForEach) {
      if (instance_.known) {
        from_scope = *first == "value";
        return *first == "key" ? instance_.key : instance_.value;
      }
      return Value::unknown("each." + *first + " differs per instance (" + instance_.reason + ")",
                            whole.span);
    }
    return undeclared(
        "Reference to \"each\" in context without for_each: the \"each\" object can be used "
        "only in \"module\" or \"resource\" blocks, and only when the \"for_each\" argument is "
        "set",
        written() + " is only valid in a block with for_each", whole.span);
  }
  if (name == "path" && first) {
    consumed = 1;
    if (scope_) return scope_->path(*first, steps[0]->span);
    return Value::unknown("path." + *first + " depends on where Terraform runs", whole.span);
  }
  if (name == "terraform" && first) {
    consumed = steps.size();
    return Value::unknown(written() + " is chosen when Terraform runs", whole.span);
  }
  if (name == "self") {
    consumed = steps.size();
    return Value::unknown(written() + " is known only after apply", whole.span);
  }
  // Terraform's words for where a name is looked up.
  auto in_module = [&] {
    if (address_prefix_.empty()) return std::string("the root module");
    return address_prefix_.substr(0, address_prefix_.size() - 1);
  };
  if (name == "module" && first) {
    consumed = steps.size();
    // The address in the module, once: for the declaration and the reference.
    std::string address = "module." + *first;
    if (declared_ && !declared_->count(address))
      return undeclared("Reference to undeclared module: no module call named \"" + *first +
                            "\" is declared in " + in_module(),
                        "module \"" + *first + "\" is not declared", whole.span);
    if (scope_) {
      // `module.NAME`, then an instance key and an output name if written.
      size_t next = 1;
      Value key;
      bool has_key = false;
      if (next < steps.size() && steps[next]->kind == Expr::Kind::Index &&
          steps[next]->children.size() == 2) {
        key = evaluate(steps[next]->children[1]);
        has_key = true;
        ++next;
      }
      const std::string* output = attribute(next);
      ModuleReference reference{*first, has_key ? &key : nullptr, output, whole.span, written()};
      if (std::optional<Value> value = scope_->module(reference, *this)) {
        consumed = 1 + reference.used;
        from_scope = !value->is_unknown();
        return std::move(*value);
      }
    }
    Value value = Value::unknown(
        written() + " is an output of module \"" + *first + "\", which is not evaluated",
        whole.span);
    value.add_reference(address_prefix_ + address);
    return value;
  }
  if ((name == "data" || name == "ephemeral") && first) {
    const std::string* data_name = attribute(1);
    if (!data_name) return fail(name + "." + *first + " must be followed by a name", whole.span);
    consumed = steps.size();
    std::string address = name + "." + *first + "." + *data_name;
    if (declared_ && !declared_->count(address))
      return undeclared("Reference to undeclared resource: a" +
                            std::string(name == "data" ? " data" : "n ephemeral") + " resource \"" +
                            *first + "\" \"" + *data_name + "\" has not been declared in " +
                            in_module(),
                        written() + " is not declared", whole.span);
    Value value =
        Value::unknown(written() + " is known only when the data source is read", whole.span);
    value.add_reference(address_prefix_ + address + instance_suffix(steps, 2));
    return value;
  }
  if (first) {
    consumed = steps.size();
    std::string address = name + "." + *first;
    if (declared_ && !declared_->count(address))
      return undeclared("Reference to undeclared resource: a managed resource \"" + name + "\" \"" +
                            *first + "\" has not been declared in " + in_module(),
                        written() + " is not declared", whole.span);
    Value value = Value::unknown(written() + " is known only after apply", whole.span);
    value.add_reference(address_prefix_ + address + instance_suffix(steps, 1));
    return value;
  }
  return undeclared(
      "Invalid reference: a reference to a resource type must be followed by at least one "
      "attribute access, specifying the resource name",
      "\"" + name + "\" is not a valid reference", root.span);
}

// `[0]` or `["logs"]` when steps[at] indexes with a known key, so a
// reference names the instance it uses; "" otherwise (the link step then
// joins every instance of the address).
std::string Evaluator::instance_suffix(const std::vector<const Expr*>& steps, size_t at) {
  if (at >= steps.size() || steps[at]->kind != Expr::Kind::Index || steps[at]->children.size() != 2)
    return "";
  Value key = evaluate(steps[at]->children[1]);
  return instance_address(key);
}

Value Evaluator::apply_step(Value current, const Expr& step) {
  Value key;
  if (step.kind == Expr::Kind::Index) {
    if (step.children.size() < 2) return fail("malformed index", step.span);
    key = evaluate(step.children[1]);
  }
  if (current.is_one_of() && !key.is_unknown()) return step_each(current, step, key);
  return step_value(std::move(current), step, key);
}

Value Evaluator::step_value(Value current, const Expr& step, const Value& key) {
  if (step.kind == Expr::Kind::GetAttr) {
    if (current.is_unknown()) return plain_unknown(current);
    if (current.is_object()) {
      if (const Value* member = current.get(step.text)) return *member;
      return fail("object has no attribute \"" + step.text + "\"", step.span);
    }
    if (current.is_null()) return fail("cannot read \"" + step.text + "\" of null", step.span);
    return fail("cannot read attribute \"" + step.text + "\" of " + current.describe(), step.span);
  }
  if (current.is_unknown() || key.is_unknown()) return unknown_from({&current, &key}, step.span);
  if (current.is_list()) {
    std::optional<double> index = to_number(key);
    if (!index || std::floor(*index) != *index || *index < 0)
      return fail("list index must be a whole number, not " + key.describe(), step.span);
    if (*index >= static_cast<double>(current.items().size()))
      return fail("index " + key.describe() + " is out of range", step.span);
    return current.items()[static_cast<size_t>(*index)];
  }
  if (current.is_object()) {
    std::optional<std::string> name = to_text(key);
    if (!name) return fail("object key must be a string, not " + key.describe(), step.span);
    if (const Value* member = current.get(*name)) return *member;
    return fail("object has no element \"" + *name + "\"", step.span);
  }
  return fail("cannot index " + current.describe(), step.span);
}

// `(var.prod ? local.big : local.small).size` is one of the sizes. When the
// step fails in some alternative, the branches had types Terraform would
// not have unified; the result is then merely unknown.
Value Evaluator::step_each(const Value& one_of, const Expr& step, const Value& key) {
  size_t failures_before = failures_;
  std::vector<Value> alternatives;
  alternatives.reserve(one_of.alternatives().size());
  for (const Value& alternative : one_of.alternatives()) {
    alternatives.push_back(step_value(alternative, step, key));
    if (failures_ != failures_before) {
      failures_ = failures_before;
      Value unknown = plain_unknown(one_of);
      add_deep_references(unknown, key);
      return unknown;
    }
  }
  Value result = choice(alternatives, one_of.unknown_reason(), step.span);
  result.add_references_from(one_of);
  add_deep_references(result, key);
  return result;
}

Value Evaluator::splat(const Expr& expr) {
  if (expr.children.size() != 2) return fail("malformed splat", expr.span);
  Value source = evaluate(expr.children[0]);
  if (source.is_unknown()) return plain_unknown(source);
  if (source.is_null()) return Value::list({}, expr.span, Provenance::Derived);
  // A splat over a single value treats it as a list of one.
  if (!source.is_list()) source = Value::list({source}, source.span(), source.provenance());
  std::vector<Value> items;
  size_t result_size = 0;
  for (const Value& element : source.items()) {
    splat_items_.push_back(&element);
    Value item = evaluate(expr.children[1]);
    splat_items_.pop_back();
    result_size += value_size(item);
    if (result_size > limits_.collection_items)
      return over_limit("collection_items", limits_.collection_items, expr.span,
                        "a splat's result");
    items.push_back(std::move(item));
  }
  return Value::list(std::move(items), expr.span, Provenance::Derived);
}

}  // namespace bw::frontends::terraform
