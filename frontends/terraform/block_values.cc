#include "frontends/terraform/block_values.h"

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "frontends/terraform/value_ops.h"

namespace bw::frontends::terraform {

using ir::Value;

namespace {

bool names_things(BodyKind kind, const std::string& argument) {
  switch (kind) {
    case BodyKind::Resource:
      return argument == "provider";
    case BodyKind::Module:
      return argument == "provider" || argument == "providers";
    case BodyKind::Lifecycle:
      return argument == "ignore_changes";
    case BodyKind::Removed:
      return argument == "from";
    case BodyKind::Nested:
      return false;
  }
  return false;
}

// What one call of evaluate_body shares with the bodies nested in it: how
// many blocks `dynamic` has expanded so far, against collection_items, so
// nested dynamic blocks cannot multiply without bound.
struct Expansion {
  uint64_t blocks = 0;
};

Value evaluate_body(const Body& body, const ir::Span& span, BodyKind kind, Evaluator& evaluator,
                    Expansion& expansion);

const char* type_name(const Value& value) {
  if (value.is_bool()) return "bool";
  if (value.is_number()) return "number";
  if (value.is_string()) return "string";
  return "non-collection";
}

const Attribute* find_attribute(const Body& body, std::string_view name) {
  for (const Attribute& attribute : body.attributes)
    if (attribute.name == name) return &attribute;
  return nullptr;
}

// `dynamic "T" { for_each = ...  iterator = it  content { ... } }`: one
// nested block T per element, as Terraform expands it before plan. The list
// is unknown, with the reason, when the collection is.
Value expand_dynamic(const Block& block, Evaluator& evaluator, Expansion& expansion) {
  const std::string type = block.labels.empty() ? "dynamic" : block.labels[0];
  const std::string what = "dynamic \"" + type + "\"";
  auto invalid = [&](const ir::Span& where, const std::string& message, const std::string& reason) {
    evaluator.report(ir::DiagnosticLevel::Error, where, message);
    return Value::unknown(what + " " + reason, block.span);
  };
  if (block.labels.size() != 1)
    return invalid(block.header_span,
                   "Missing name for dynamic: a dynamic block must have 1 label (the type of the "
                   "blocks it makes)",
                   "has no block type");

  std::string iterator = type;
  const Block* content = nullptr;
  for (const Block& inner : block.body.blocks) {
    if (inner.type != "content")
      return invalid(inner.header_span,
                     "Unsupported block type: blocks of type \"" + inner.type +
                         "\" are not expected here (a dynamic block holds one content block)",
                     "is malformed");
    if (content)
      return invalid(inner.header_span,
                     "Duplicate content block: only one \"content\" block is allowed in " + what,
                     "is malformed");
    content = &inner;
  }
  for (const Attribute& attribute : block.body.attributes) {
    if (attribute.name == "iterator") {
      if (attribute.value.kind != Expr::Kind::Variable)
        return invalid(attribute.value.span,
                       "Invalid expression: a single static variable reference is required "
                       "for iterator",
                       "has an invalid iterator");
      iterator = attribute.value.text;
    } else if (attribute.name != "for_each" && attribute.name != "labels") {
      return invalid(attribute.name_span,
                     "Unsupported argument: an argument named \"" + attribute.name +
                         "\" is not expected in " + what,
                     "is malformed");
    }
  }
  const Attribute* for_each = find_attribute(block.body, "for_each");
  if (!for_each)
    return invalid(block.header_span,
                   "Missing required argument: the argument \"for_each\" is required in " + what,
                   "has no for_each");
  if (!content)
    return invalid(block.header_span,
                   "Missing required block: a \"content\" block is required in " + what,
                   "has no content block");

  Value collection = evaluator.evaluate_value(for_each->value);
  if (collection.is_unknown()) {
    Value unknown = Value::unknown(
        what + " blocks depend on its for_each, which is unknown: " + collection.unknown_reason(),
        block.span);
    // What the dynamic block iterates over still tells which resources it uses.
    add_deep_references(unknown, collection);
    return unknown;
  }
  if (collection.is_null())
    return invalid(for_each->value.span,
                   "Invalid dynamic for_each value: cannot use a null value in for_each",
                   "iterates over null");
  if (!is_collection(collection))
    return invalid(for_each->value.span,
                   std::string("Invalid dynamic for_each value: cannot use a ") +
                       type_name(collection) +
                       " value in for_each; an iterable collection is required",
                   "iterates over " + collection.describe());

  const uint64_t most = evaluator.limits().collection_items;
  const std::vector<Value>& items = collection.items();
  Value list = Value::list({}, block.span);
  for (size_t i = 0; i < items.size(); ++i) {
    if (++expansion.blocks > most)
      return evaluator.over_limit("collection_items", most, block.span,
                                  "the blocks dynamic blocks make in one resource");
    Value key = collection.is_list() ? Value::number(static_cast<double>(i), for_each->value.span)
                                     : Value::string(collection.keys()[i], for_each->value.span);
    key.set_provenance(ir::Provenance::Derived);
    Value value = items[i];
    ObjectBuilder bound;
    bound.set("key", std::move(key));
    bound.set("value", std::move(value));
    evaluator.charge(value_size(items[i]));
    evaluator.bind(iterator, bound.build(for_each->value.span, ir::Provenance::Derived));
    // Labels are evaluated for what is wrong in them; nested blocks keep none.
    if (const Attribute* labels = find_attribute(block.body, "labels"))
      evaluator.evaluate_value(labels->value);
    Value nested =
        evaluate_body(content->body, content->span, BodyKind::Nested, evaluator, expansion);
    evaluator.unbind();
    list.push(std::move(nested));
  }
  return list;
}

Value evaluate_body(const Body& body, const ir::Span& span, BodyKind kind, Evaluator& evaluator,
                    Expansion& expansion) {
  // The parser has already refused an argument set twice ("Attribute redefined").
  ObjectBuilder object;
  object.reserve(body.attributes.size() + body.blocks.size());
  for (const Attribute& attribute : body.attributes) {
    Value value = names_things(kind, attribute.name) ? evaluator.evaluate_keyword(attribute.value)
                                                     : evaluator.evaluate_value(attribute.value);
    value.set_span(attribute.value.span);
    object.set(attribute.name, std::move(value));
  }

  // Blocks of one type gather into one list, in source order; a dynamic
  // block adds the blocks it makes where it stands.
  std::vector<std::pair<std::string, Value>> lists;
  std::unordered_map<std::string, size_t> list_of;
  auto list_for = [&](const std::string& type, const ir::Span& first) -> Value& {
    auto [it, inserted] = list_of.emplace(type, lists.size());
    if (inserted) lists.emplace_back(type, Value::list({}, first));
    return lists[it->second].second;
  };
  for (const Block& block : body.blocks) {
    if (block.type == "dynamic" && kind != BodyKind::Lifecycle) {
      std::string type = block.labels.empty() ? "dynamic" : block.labels[0];
      Value made = expand_dynamic(block, evaluator, expansion);
      Value& list = list_for(type, block.span);
      if (list.is_unknown()) continue;
      if (made.is_unknown()) {
        list = std::move(made);
        continue;
      }
      for (const Value& item : made.items()) list.push(item);
      continue;
    }
    Value& list = list_for(block.type, block.span);
    BodyKind inner = block.type == "lifecycle" ? BodyKind::Lifecycle : BodyKind::Nested;
    Value nested = evaluate_body(block.body, block.span, inner, evaluator, expansion);
    if (!list.is_unknown()) list.push(std::move(nested));
  }
  for (auto& [type, list] : lists) {
    if (object.has(type))
      evaluator.report(ir::DiagnosticLevel::Error, list.span(),
                       "\"" + type + "\" is both an argument and a block");
    object.set(type, std::move(list));
  }
  if (object.size() > kMaxObjectKeys)
    return evaluator.over_limit(
        "collection_items", kMaxObjectKeys, span,
        "a block's arguments (objects hold at most " + std::to_string(kMaxObjectKeys) + " keys)");
  return object.build(span, ir::Provenance::Literal);
}

}  // namespace

Value evaluate_body(const Body& body, const ir::Span& span, BodyKind kind, Evaluator& evaluator) {
  Expansion expansion;
  return evaluate_body(body, span, kind, evaluator, expansion);
}

}  // namespace bw::frontends::terraform
