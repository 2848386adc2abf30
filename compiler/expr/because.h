#pragma once
// Words for outcomes: which value an Unknown hinged on and why
// (`deletion_protection is unknown: variable "protect" has no value`), how a
// value reads in a run-time error ("engine is 5, a number"), and how a value
// reads in a message binding.

#include <string>

#include "compiler/expr/runtime_value.h"
#include "ir/model.h"

namespace bw::compiler::expr {

// Where `value` lives under the resource it was read through: a property
// path ("block_devices[0].encrypted"), or "change.actions"; with the
// resource's address first when it is not `self`. "" when it is not there.
// Costs a walk of the resource's properties, so only for messages.
std::string subject_of(const ir::Model& model, ir::ResourceId self, ir::ResourceId resource,
                       const ir::Value* value);

// `unknown` is a Val of kind Unknown: a run-time error's own reason, or the
// unknown model value it holds, named by its path.
std::string describe_unknown(const ir::Model& model, ir::ResourceId self, const Val& unknown);

// A known value as a message quotes it: 5, "abc", true, null, [2 items],
// {2 keys}, or a resource's address.
std::string describe_value(const ir::Model& model, const Val& value);

// "a number", "a string", "a bool", "a list", "an object", "a resource"; ""
// for null, which needs no explaining.
std::string_view type_phrase(const Val& value);

// A value as a message shows it: strings bare, numbers as 7 or 0.5, lists as
// "a, b", resources by address, objects as {2 keys}, null as null.
std::string render(const ir::Model& model, const Val& value, World& world);

}  // namespace bw::compiler::expr
