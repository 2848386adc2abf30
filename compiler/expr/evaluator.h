#pragma once
// The run-time half of the rule language: walks a checked syntax tree for one
// resource with three-valued logic (see operations.h for the operators).
//
// Run-time type errors (`.matches()` on a number where the schema said Any,
// `<` between a string and null, division by zero) are not exceptions: they
// make a Val of kind Error that every operator passes up, so the whole
// predicate is False, whatever surrounds the error. A linter must not report
// a hazard it could not establish, and `!` must not turn garbage into a
// finding. The one exception is evaluation order: `&&`, `||`, `?:` and the
// macros stop as soon as their result is decided, and what they do not
// evaluate cannot fail, so `has(self.x) && self.x.matches("a")` guards as
// a reader expects.

#include <cstddef>
#include <vector>

#include "compiler/expr/ast.h"
#include "compiler/expr/runtime_value.h"
#include "ir/model.h"

namespace bw::compiler::expr {

class Evaluator {
 public:
  Evaluator(const ir::Model& model, ir::ResourceId self, size_t slot_count);
  Evaluator(const Evaluator&) = delete;  // slots_ may point into the object itself
  Evaluator& operator=(const Evaluator&) = delete;

  Val evaluate(const Node& node);

 private:
  Val list_literal(const Node& node);
  Val map_literal(const Node& node);
  Val select(const Node& node);
  Val resource_member(ir::ResourceId id, const Node& node);
  Val index(const Node& node);
  Val logical(const Node& node, bool is_and);
  Val conditional(const Node& node);
  Val binary(const Node& node);
  Val in(const Node& node);
  Val call(const Node& node);
  Val has(const Node& node);
  Val size(const Node& node);
  Val string_test(const Node& node);
  Val change_case(const Node& node);
  Val edges(const Node& node);
  Val macro(const Node& node);

  const ir::Model& model_;
  ir::ResourceId self_;
  // Macro variables, by the slot the checker gave them; inline for the usual
  // few, so evaluating allocates nothing until something is built. The inline
  // storage is left uninitialised (zeroing it cost more than a simple
  // predicate): a macro constructs its slot before its body can read it.
  static constexpr size_t kInlineSlots = 4;
  union InlineSlots {
    InlineSlots() {}
    Val values[kInlineSlots];
  } inline_slots_;
  std::vector<Val> more_slots_;
  Val* slots_;
  Arena arena_;
};

}  // namespace bw::compiler::expr
