#include "compiler/expr/operations.h"

#include <cmath>

#include "compiler/expr/text.h"

namespace bw::compiler::expr {

namespace {

constexpr std::string_view kTooDeep = "values nested more than 256 levels deep cannot be compared";

Val equals_at(const Val& a, const Val& b, uint32_t depth, World& world);

// Unknown as soon as one member is, unless another is known to differ.
Val lists_equal(const Val& a, const Val& b, uint32_t depth, World& world) {
  size_t size = collection_size(a);
  if (size != collection_size(b)) return Val::of_bool(false);
  std::optional<Val> unknown;
  for (size_t i = 0; i < size; ++i) {
    Val same = equals_at(collection_element(a, i, world), collection_element(b, i, world),
                         depth + 1, world);
    if (same.is_false()) return same;
    if (same.is_unknown() && !unknown) unknown = same;
  }
  return unknown ? *unknown : Val::of_bool(true);
}

Val maps_equal(const Val& a, const Val& b, uint32_t depth, World& world) {
  size_t size = collection_size(a);
  if (size != collection_size(b)) return Val::of_bool(false);
  std::optional<Val> unknown;
  for (size_t i = 0; i < size; ++i) {
    std::optional<Val> other = map_get(b, collection_element(a, i, world).string, world);
    if (!other) return Val::of_bool(false);
    Val same = equals_at(map_value(a, i, world), *other, depth + 1, world);
    if (same.is_false()) return same;
    if (same.is_unknown() && !unknown) unknown = same;
  }
  return unknown ? *unknown : Val::of_bool(true);
}

// An unknown against anything: unknown, unless it is a partial string whose
// known parts cannot fit a known string.
Val unknown_equals(const Val& unknown, const Val& other) {
  if (unknown.is_partial_string() && other.is(Val::Kind::String) &&
      !could_be(*unknown.model, other.string))
    return Val::of_bool(false);
  return unknown.derived_unknown();
}

Val equals_at(const Val& a, const Val& b, uint32_t depth, World& world) {
  if (a.is_unknown()) return unknown_equals(a, b);
  if (b.is_unknown()) return unknown_equals(b, a);
  if (depth > kMaxValueDepth) return Val::failure(kTooDeep, a);
  if (is_list(a) && is_list(b)) return lists_equal(a, b, depth, world);
  if (is_map(a) && is_map(b)) return maps_equal(a, b, depth, world);
  if (a.kind != b.kind) return Val::of_bool(false);
  switch (a.kind) {
    case Val::Kind::Null:
      return Val::of_bool(true);
    case Val::Kind::Bool:
      return Val::of_bool(a.boolean == b.boolean);
    case Val::Kind::Number:
      return Val::of_bool(a.number == b.number);
    case Val::Kind::String:
      return Val::of_bool(a.string == b.string);
    case Val::Kind::Resource:
      return Val::of_bool(a.resource == b.resource);
    default:
      return Val::of_bool(false);  // a model list against a model object
  }
}

}  // namespace

Val equals(const Val& a, const Val& b, World& world) {
  return equals_at(a, b, 0, world);
}

bool comparable(const Val& a, const Val& b) {
  return (a.is(Val::Kind::Number) && b.is(Val::Kind::Number)) ||
         (a.is(Val::Kind::String) && b.is(Val::Kind::String));
}

bool computable(BinaryOp op, const Val& a, const Val& b) {
  if (op == BinaryOp::Add &&
      ((a.is(Val::Kind::String) && b.is(Val::Kind::String)) || (is_list(a) && is_list(b))))
    return true;
  return a.is(Val::Kind::Number) && b.is(Val::Kind::Number);
}

Val compare(BinaryOp op, const Val& a, const Val& b) {
  if (a.is_unknown()) return a.derived_unknown();
  if (b.is_unknown()) return b.derived_unknown();
  if (!comparable(a, b)) return Val::failure("these values cannot be compared", a);
  int order = 0;
  if (a.is(Val::Kind::Number)) {
    if (std::isnan(a.number) || std::isnan(b.number)) return Val::of_bool(false);
    order = a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  } else {
    int c = a.string.compare(b.string);
    order = c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  switch (op) {
    case BinaryOp::Less:
      return Val::of_bool(order < 0);
    case BinaryOp::LessEqual:
      return Val::of_bool(order <= 0);
    case BinaryOp::Greater:
      return Val::of_bool(order > 0);
    default:
      return Val::of_bool(order >= 0);
  }
}

Val arithmetic(BinaryOp op, const Val& a, const Val& b, Arena& arena, World& world) {
  if (a.is_unknown()) return a.derived_unknown();
  if (b.is_unknown()) return b.derived_unknown();
  if (!computable(op, a, b)) return Val::failure("these values cannot be combined", a);
  if (op == BinaryOp::Add && a.is(Val::Kind::String)) {
    std::string joined;
    joined.reserve(a.string.size() + b.string.size());
    joined.append(a.string).append(b.string);
    return Val::of_string(arena.keep(std::move(joined)));
  }
  if (op == BinaryOp::Add && is_list(a)) {
    ValList& joined = arena.new_list();
    size_t a_size = collection_size(a);
    size_t b_size = collection_size(b);
    joined.items.reserve(a_size + b_size);
    for (size_t i = 0; i < a_size; ++i) joined.items.push_back(collection_element(a, i, world));
    for (size_t i = 0; i < b_size; ++i) joined.items.push_back(collection_element(b, i, world));
    return Val::of_list(joined);
  }
  switch (op) {
    case BinaryOp::Add:
      return Val::of_number(a.number + b.number);
    case BinaryOp::Subtract:
      return Val::of_number(a.number - b.number);
    case BinaryOp::Multiply:
      return Val::of_number(a.number * b.number);
    case BinaryOp::Divide:
      if (b.number == 0) return Val::failure("division by zero", b);
      return Val::of_number(a.number / b.number);
    case BinaryOp::Modulo:
      if (b.number == 0) return Val::failure("remainder of a division by zero", b);
      return Val::of_number(std::fmod(a.number, b.number));
    default:
      return Val::failure("these values cannot be combined", a);
  }
}

}  // namespace bw::compiler::expr
