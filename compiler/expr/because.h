#pragma once
// Words for an Unknown outcome: which value the predicate hinged on and why
// it is unknown, e.g. `deletion_protection is unknown: variable "protect" has
// no value`.

#include <string>

#include "compiler/expr/runtime_value.h"
#include "ir/model.h"

namespace bw::compiler::expr {

// `unknown` is a Val of kind Unknown. Its path is found by searching the
// properties of the resource it was read through, which costs a walk of
// them, but only when a predicate ends Unknown.
std::string describe_unknown(const ir::Model& model, ir::ResourceId self, const Val& unknown);

}  // namespace bw::compiler::expr
