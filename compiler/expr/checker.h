#pragma once
// The compile-time half of the rule language: resolves every name in a
// parsed program (self, macro variables, lets, lists and parameters,
// properties, fields, functions) against the kind schemas and the pack's
// globals, checks the static types it can know, and compiles regular
// expressions and CIDR blocks. It reports every error it finds, not just the
// first; a sub-expression in error has type Any, so one mistake is reported
// once.

#include <string>
#include <vector>

#include "compiler/expr/expr.h"
#include "compiler/expr/program.h"

namespace bw::compiler::expr {

// Checks `program`'s lets in order (a let whose root is null failed to parse
// and is taken as Any) and then its predicate, over resources of `kinds`
// (every kind of `schema` when empty), filling in the nodes' resolution
// fields and the program's slot count. `globals` may be null.
void check_program(Program& program, const std::vector<std::string>& kinds,
                   const KindSchema& schema, const Globals* globals,
                   std::vector<ExprError>& errors);

// Resolves the names the rule's messages use that are no property: each is
// a let, or the variable of an exists() that can make the predicate true
// (see bindings.cc). Fills program.bindings and the exists() witness slots.
void bind_message_names(Program& program, const std::vector<std::string>& names,
                        std::vector<ExprError>& errors);

}  // namespace bw::compiler::expr
