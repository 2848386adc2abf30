#include "compiler/expr/operations.h"

#include <cmath>

namespace bw::compiler::expr {

namespace {

Val equals_at(const Val& a, const Val& b, uint32_t depth);

// Unknown as soon as one member is, unless another is known to differ.
Val lists_equal(const Val& a, const Val& b, uint32_t depth) {
  size_t size = collection_size(a);
  if (size != collection_size(b)) return Val::of_bool(false);
  std::optional<Val> unknown;
  for (size_t i = 0; i < size; ++i) {
    Val same = equals_at(collection_element(a, i), collection_element(b, i), depth + 1);
    if (same.is(Val::Kind::Error)) return same;
    if (same.is_false()) return same;
    if (same.is(Val::Kind::Unknown) && !unknown) unknown = same;
  }
  return unknown ? *unknown : Val::of_bool(true);
}

Val maps_equal(const Val& a, const Val& b, uint32_t depth) {
  size_t size = collection_size(a);
  if (size != collection_size(b)) return Val::of_bool(false);
  std::optional<Val> unknown;
  for (size_t i = 0; i < size; ++i) {
    std::optional<Val> other = map_get(b, collection_element(a, i).string);
    if (!other) return Val::of_bool(false);
    Val same = equals_at(map_value(a, i), *other, depth + 1);
    if (same.is(Val::Kind::Error)) return same;
    if (same.is_false()) return same;
    if (same.is(Val::Kind::Unknown) && !unknown) unknown = same;
  }
  return unknown ? *unknown : Val::of_bool(true);
}

Val equals_at(const Val& a, const Val& b, uint32_t depth) {
  if (a.is(Val::Kind::Error) || a.is(Val::Kind::Unknown)) return a;
  if (b.is(Val::Kind::Error) || b.is(Val::Kind::Unknown)) return b;
  if (depth > kMaxValueDepth) return Val::error();
  if (is_list(a) && is_list(b)) return lists_equal(a, b, depth);
  if (is_map(a) && is_map(b)) return maps_equal(a, b, depth);
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

Val equals(const Val& a, const Val& b) {
  return equals_at(a, b, 0);
}

Val compare(BinaryOp op, const Val& a, const Val& b) {
  if (a.is(Val::Kind::Error) || a.is(Val::Kind::Unknown)) return a;
  if (b.is(Val::Kind::Error) || b.is(Val::Kind::Unknown)) return b;
  int order = 0;
  if (a.is(Val::Kind::Number) && b.is(Val::Kind::Number)) {
    if (std::isnan(a.number) || std::isnan(b.number)) return Val::of_bool(false);
    order = a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  } else if (a.is(Val::Kind::String) && b.is(Val::Kind::String)) {
    int c = a.string.compare(b.string);
    order = c < 0 ? -1 : c > 0 ? 1 : 0;
  } else {
    return Val::error();
  }
  switch (op) {
    case BinaryOp::Less:
      return Val::of_bool(order < 0);
    case BinaryOp::LessEqual:
      return Val::of_bool(order <= 0);
    case BinaryOp::Greater:
      return Val::of_bool(order > 0);
    case BinaryOp::GreaterEqual:
      return Val::of_bool(order >= 0);
    default:
      return Val::error();
  }
}

Val arithmetic(BinaryOp op, const Val& a, const Val& b, Arena& arena) {
  if (a.is(Val::Kind::Error) || a.is(Val::Kind::Unknown)) return a;
  if (b.is(Val::Kind::Error) || b.is(Val::Kind::Unknown)) return b;
  if (op == BinaryOp::Add) {
    if (a.is(Val::Kind::String) && b.is(Val::Kind::String)) {
      std::string joined;
      joined.reserve(a.string.size() + b.string.size());
      joined.append(a.string).append(b.string);
      return Val::of_string(arena.keep(std::move(joined)));
    }
    if (is_list(a) && is_list(b)) {
      ValList& joined = arena.new_list();
      size_t a_size = collection_size(a);
      size_t b_size = collection_size(b);
      joined.items.reserve(a_size + b_size);
      for (size_t i = 0; i < a_size; ++i) joined.items.push_back(collection_element(a, i));
      for (size_t i = 0; i < b_size; ++i) joined.items.push_back(collection_element(b, i));
      return Val::of_list(joined);
    }
  }
  if (!a.is(Val::Kind::Number) || !b.is(Val::Kind::Number)) return Val::error();
  switch (op) {
    case BinaryOp::Add:
      return Val::of_number(a.number + b.number);
    case BinaryOp::Subtract:
      return Val::of_number(a.number - b.number);
    case BinaryOp::Multiply:
      return Val::of_number(a.number * b.number);
    case BinaryOp::Divide:
      if (b.number == 0) return Val::error();
      return Val::of_number(a.number / b.number);
    case BinaryOp::Modulo:
      if (b.number == 0) return Val::error();
      return Val::of_number(std::fmod(a.number, b.number));
    default:
      return Val::error();
  }
}

}  // namespace bw::compiler::expr
