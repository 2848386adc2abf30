#pragma once
// Terraform's conversion rules and the whole-value walks that the evaluator
// and the built-in functions share.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/value.h"

namespace bw::frontends::terraform {

// A number as Terraform prints it: 3, 0.5, 100000000000000000000.
std::string number_to_string(double number);

// Terraform's automatic conversions: strings, numbers and bools to a string;
// a number or numeric string to a number; a bool or "true"/"false" to a bool.
// Nothing when the value is unknown, null or of another type.
std::optional<std::string> to_text(const ir::Value& value);
std::optional<double> to_number(const ir::Value& value);
std::optional<bool> to_bool(const ir::Value& value);

// The first unknown value inside `value` (itself included), or nullptr.
using ir::first_unknown;

// Copies every reference found anywhere inside `source` onto `target`,
// alternatives of a OneOf and parts of a partial string included.
void add_deep_references(ir::Value& target, const ir::Value& source);

// An unknown result computed from `inputs`: it says why the first unknown
// input is unknown and carries the references of all of them.
ir::Value unknown_from(const std::vector<const ir::Value*>& inputs, const ir::Span& span);

// One of `candidates`, for a conditional whose condition is unknown:
// alternatives that are OneOfs themselves are flattened into one list, and
// known alternatives equal to an earlier one dropped. When a single known
// alternative remains, it is the result, derived. References are the
// caller's to add.
ir::Value choice(const std::vector<ir::Value>& candidates, std::string reason,
                 const ir::Span& span);

// An unknown that keeps nothing of a OneOf's alternatives or a partial
// string's parts but their references: for operations that would have to
// look inside to do better. Other values are returned as they are.
ir::Value plain_unknown(const ir::Value& value);

// Marks a value reached through a variable, local or function as derived and
// points it, and everything inside it, at `span`: the place that used it.
void mark_derived(ir::Value& value, const ir::Span& span);

// Marks a value and everything inside it as derived, keeping their spans.
// Alternatives of a OneOf and known parts of a partial string are values in
// their own right and marked like list items; unknowns stay unknown.
void mark_derived(ir::Value& value);

// How many values `value` holds, itself included, alternatives and string
// parts counted like list items: the cost of copying it.
size_t value_size(const ir::Value& value);

// Objects larger than this are not built: ir::Value::set looks keys up one
// by one, so building a huge object would take quadratic time.
inline constexpr size_t kMaxObjectKeys = 5000;
// Lists, templates and function results are bounded by ir::Limits
// (collection_items, string_bytes), checked before they are built.

// Collects the members of an object, later keys replacing earlier ones, in
// linear time; `build` refuses objects over kMaxObjectKeys.
class ObjectBuilder {
 public:
  void set(std::string key, ir::Value value);
  void reserve(size_t members) {
    keys_.reserve(members);
    values_.reserve(members);
  }
  bool has(std::string_view key) const;
  size_t size() const { return keys_.size(); }
  ir::Value build(const ir::Span& span, ir::Provenance provenance);

 private:
  std::vector<std::string> keys_;
  std::vector<ir::Value> values_;
  // Built only once the object is large; small objects search `keys_`.
  std::unordered_map<std::string, size_t> index_;
};

// Whether `value` is a list or an object (both hold items).
inline bool is_collection(const ir::Value& value) {
  return value.is_list() || value.is_object();
}

}  // namespace bw::frontends::terraform

namespace bw::frontends::terraform {

// Terraform's type unification, as far as it changes values: what a list,
// set or map made of `values` (or a conditional's two results) becomes.
enum class Unified : uint8_t {
  Same,      // one type already (nulls fit any): the values stay as they are
  ToString,  // primitives with a string among them: all become strings
  Fail,      // no single type (a number and a bool, a string and a list)
  Unknown,   // collections of different shapes, or an unknown: not decided here
};
Unified unify(const std::vector<const ir::Value*>& values);
// Applies Unified::ToString to a primitive (nulls stay null).
ir::Value as_unified_string(const ir::Value& value);

}  // namespace bw::frontends::terraform

namespace bw::frontends::terraform {

// `a op b` (op one of + - * / %) as Terraform's arbitrary-precision decimal
// arithmetic prints it, when a double can hold that: 0.1 + 0.2 is 0.3, not
// 0.30000000000000004. nullopt when the exact result has more digits than
// a double keeps (1 / 3), so it is never guessed at.
std::optional<double> exact_decimal(double a, double b, char op);
// The sum of `numbers` likewise.
std::optional<double> exact_sum(const std::vector<double>& numbers);

}  // namespace bw::frontends::terraform
