#pragma once
// Values with alternatives (ir OneOf: a conditional whose condition is
// unknown). Evaluation takes one alternative of each such value it reads, the
// same one every time within one run, and the predicate is run once per
// combination: True when every combination is, False when none is, Unknown
// otherwise. A predicate that reads no OneOf runs once and pays nothing.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "compiler/expr/expr.h"
#include "ir/model.h"

namespace bw::compiler::expr {

struct Program;

// More combinations than this make the outcome Unknown.
inline constexpr size_t kMaxWorlds = 64;

// The alternatives one run (a "world") has taken, and the plan for the next:
// choice points are met in a fixed order for fixed earlier choices, because
// evaluation is deterministic, so the next world replays the first ones and
// advances the last that has alternatives left, like a depth-first search.
class World {
 public:
  struct Choice {
    const ir::Value* one_of;
    ir::ResourceId resource;  // read through it, for naming the value
    uint32_t taken;
  };

  // The alternative of `one_of` (which has some) this world takes.
  const ir::Value& choose(const ir::Value& one_of, ir::ResourceId resource);
  // Plans the next world; false when every combination has been run.
  bool next();

  // The choices of the world just run, in the order they were met.
  std::vector<Choice> taken() const {
    return {choices_.begin(), choices_.begin() + static_cast<std::ptrdiff_t>(met_)};
  }
  bool branched() const { return met_ > 0; }
  // This world alone met enough alternatives that more than kMaxWorlds
  // worlds are certain; it stopped recording them.
  bool overflowed() const { return branches_ >= kMaxWorlds; }

 private:
  std::vector<Choice> choices_;  // [0, met_) this world's; beyond, the plan
  size_t met_ = 0;
  size_t branches_ = 0;  // alternatives beyond the first, summed over choices met
};

// Evaluates `program` for `self` once per world and combines the outcomes.
Outcome evaluate_worlds(const Program& program, const ir::Model& model, ir::ResourceId self);

}  // namespace bw::compiler::expr
