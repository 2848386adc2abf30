#pragma once
// The compile-time half of the rule language: resolves every name in a parsed
// predicate (self, macro variables, properties, functions) against the kind
// schemas, checks the static types it can know, and compiles regular
// expressions. It reports every error it finds, not just the first; a
// sub-expression in error has type Any, so one mistake is reported once.

#include <string>
#include <vector>

#include "compiler/expr/ast.h"
#include "compiler/expr/expr.h"

namespace bw::compiler::expr {

// Checks `root` as a predicate over resources of `kinds` (every kind of
// `schema` when empty), filling in the resolution fields of the nodes.
// Returns the number of macro-variable slots evaluation needs.
size_t check_predicate(Node& root, const std::vector<std::string>& kinds, const KindSchema& schema,
                       std::vector<ExprError>& errors);

}  // namespace bw::compiler::expr
