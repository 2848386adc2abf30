#include "frontends/terraform/functions.h"

#include "frontends/terraform/function_support.h"
#include "frontends/terraform/value_ops.h"

namespace bw::frontends::terraform {

using ir::Value;

namespace {

const FunctionTable& functions() {
  static const FunctionTable table = [] {
    FunctionTable table;
    add_string_functions(table);
    add_collection_functions(table);
    add_regex_functions(table);
    add_list_functions(table);
    add_network_functions(table);
    return table;
  }();
  return table;
}

}  // namespace

CallResult call_function(const std::string& name, std::vector<Value> args, const ir::Span& span,
                         const ir::Limits& limits) {
  Call call{name, args, span, limits};
  auto it = functions().find(name);
  if (it == functions().end()) {
    Value result = Value::unknown("function \"" + name + "\" is not evaluated", span);
    for (const Value& arg : args) add_deep_references(result, arg);
    return {std::move(result), false};
  }
  const Signature& signature = it->second;
  if (args.size() < signature.min_args || args.size() > signature.max_args)
    return error(call, "wrong number of arguments (" + std::to_string(args.size()) + ")");
  if (signature.needs_known_args)
    for (const Value& arg : args)
      if (arg.is_unknown()) return unknown_result(call);
  CallResult result = signature.impl(call);
  if (!result.limit.empty()) return result;
  if (!result.value.is_unknown()) {
    mark_derived(result.value);
    // A scalar computed from references still depends on them.
    if (!is_collection(result.value))
      for (const Value& arg : args) add_deep_references(result.value, arg);
  }
  result.value.set_span(span);
  return result;
}

}  // namespace bw::frontends::terraform
