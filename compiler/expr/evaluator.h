#pragma once
// The run-time half of the rule language: walks a checked program for one
// resource, in one world (see worlds.h), with three-valued logic (see
// operations.h for the operators).
//
// A run-time type error (`.matches()` on a number where the schema said Any,
// `<` between a string and null, division by zero) is not an exception and
// not False: it is Unknown with its reason, in words ("engine is 5, a
// number, so startsWith() cannot apply"), and behaves like any unknown, so
// `err || true` is True and `false && err` False. A linter must not hide a
// hazard behind a value it did not expect, and `!` must not turn garbage
// into a finding. `&&`, `||`, `?:` and the macros stop as soon as their
// result is decided, so `has(self.x) && self.x.matches("a")` guards as a
// reader expects.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/expr/program.h"
#include "compiler/expr/runtime_value.h"
#include "ir/model.h"

namespace bw::compiler::expr {

// Storage for a few values, inline when they fit, so that evaluating a
// simple predicate allocates nothing. The inline storage is left
// uninitialised (zeroing it cost more than a simple predicate): whoever
// reads an element writes it first.
template <typename T, size_t N>
class SmallBuffer {
 public:
  explicit SmallBuffer(size_t size) : data_(inline_.values) {
    if (size > N) {
      heap_.reset(new T[size]);
      data_ = heap_.get();
    }
  }
  SmallBuffer(const SmallBuffer&) = delete;  // data_ may point into the object itself
  SmallBuffer& operator=(const SmallBuffer&) = delete;

  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }

 private:
  union Inline {
    Inline() {}
    T values[N];
  } inline_;
  std::unique_ptr<T[]> heap_;
  T* data_;
};

class World;

// Evaluates one program for one resource, one world at a time; made once per
// evaluate() call and reset between worlds.
class Evaluator {
 public:
  // Inline: it is a fixed cost of every evaluation.
  Evaluator(const Program& program, const ir::Model& model, ir::ResourceId self, World& world)
      : program_(program),
        model_(model),
        self_(self),
        world_(world),
        slots_(program.value_count()) {
    if (program.value_count() > program.slot_count) reset();
  }

  // Forgets the lets and witnesses of the last run, before the next world.
  void reset();
  // The predicate's value: a Bool, or Unknown (a result that is not a bool
  // is Unknown, saying so).
  Val run() {
    source_ = -1;
    Val v = evaluate(*program_.root);
    return v.is(Val::Kind::Bool) || v.is_unknown() ? v : not_a_bool(v);
  }
  // The i-th let's value, evaluated at most once per run.
  Val let(size_t i);
  // The element the exists() of witness slot `i` found, if it found one.
  const Val* witness(size_t i) const;

 private:
  Val evaluate(const Node& node);
  Val not_a_bool(const Val& result);
  // A witness or let not yet set: an Unknown no evaluation makes, as it
  // has neither a model value nor a reason.
  static Val unset() { return Val::failure({}, Val()); }
  static bool is_unset(const Val& v) { return v.is_unknown() && !v.model && v.string.empty(); }
  Val unary(const Node& node);
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
  Val edges(const Node& node);
  Val macro(const Node& node);
  // The functions over strings, addresses and the repository (functions.cc).
  Val string_test(const Node& node);
  Val matches(const Node& node);
  Val change_case(const Node& node);
  Val glob(const Node& node);
  Val is_ip(const Node& node);
  Val in_cidr(const Node& node);
  Val host(const Node& node);
  Val split(const Node& node);
  Val replace(const Node& node);
  Val image_name(const Node& node);
  Val resources(const Node& node);
  Val environments(const Node& node);
  // What a function returns when `value`, the value of its operand `node`,
  // is not a string: the unknown itself, or the error.
  Val not_a_string(const Node& node, const Val& value, std::string_view function);

  // Unknown because `culprit`, the value of `at`, does not fit: "engine is
  // 5, a number, so startsWith() cannot apply".
  Val mismatch(const Node& at, const Val& culprit, std::string_view consequence);
  // The same for two operands that do not fit together.
  Val mismatch(const Node& left, const Val& a, const Node& right, const Val& b,
               std::string_view consequence);
  Val fail(std::string reason, const Val& culprit);
  // What to call the value of `at` in a message: its property path, else
  // the text of the sub-expression.
  std::string subject(const Node& at, const Val& value);
  std::string described(const Node& at, const Val& value);

  const Program& program_;
  const ir::Model& model_;
  ir::ResourceId self_;
  World& world_;
  int source_ = -1;  // the text being evaluated: -1 the predicate, i the i-th let
  // Macro variables by the slot the checker gave them, then the witnesses,
  // then the lets' values (unset() until set).
  SmallBuffer<Val, 6> slots_;
  Arena arena_;
};

}  // namespace bw::compiler::expr
