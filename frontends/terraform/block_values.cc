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
    case BodyKind::Nested:
      return false;
  }
  return false;
}

}  // namespace

Value evaluate_body(const Body& body, const ir::Span& span, BodyKind kind, Evaluator& evaluator) {
  // The parser has already refused an argument set twice ("Attribute redefined").
  ObjectBuilder object;
  object.reserve(body.attributes.size() + body.blocks.size());
  for (const Attribute& attribute : body.attributes) {
    Value value = names_things(kind, attribute.name) ? evaluator.evaluate_keyword(attribute.value)
                                                     : evaluator.evaluate_value(attribute.value);
    value.set_span(attribute.value.span);
    object.set(attribute.name, std::move(value));
  }

  // Blocks of one type gather into one list, in source order.
  std::vector<std::pair<std::string, Value>> lists;
  std::unordered_map<std::string, size_t> list_of;
  auto list_for = [&](const std::string& type, const ir::Span& first) -> Value& {
    auto [it, inserted] = list_of.emplace(type, lists.size());
    if (inserted) lists.emplace_back(type, Value::list({}, first));
    return lists[it->second].second;
  };
  for (const Block& block : body.blocks) {
    if (block.type == "dynamic") {
      std::string type = block.labels.empty() ? "dynamic" : block.labels[0];
      Value unknown =
          Value::unknown("dynamic \"" + type + "\" blocks are not expanded", block.span);
      // What the dynamic block iterates over still tells which resources it uses.
      for (const Attribute& attribute : block.body.attributes)
        if (attribute.name == "for_each")
          add_deep_references(unknown, evaluator.evaluate_value(attribute.value));
      list_for(type, block.span) = std::move(unknown);
      continue;
    }
    Value& list = list_for(block.type, block.span);
    BodyKind inner = block.type == "lifecycle" ? BodyKind::Lifecycle : BodyKind::Nested;
    Value nested = evaluate_body(block.body, block.span, inner, evaluator);
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

}  // namespace bw::frontends::terraform
