#pragma once
// What the checker knows about a sub-expression's value: its declared type,
// recursively (list elements, object fields), and for resources and lists of
// resources, which kinds they may be, so their members can be checked.

#include <string>
#include <vector>

#include "compiler/expr/expr.h"

namespace bw::compiler::expr {

struct StaticType {
  PropertyType type;
  std::vector<std::string> kinds;  // Resource, or List of Resource
  bool empty_list = false;         // `[]`: goes with any list

  ExprType base() const { return type.type; }
  bool known() const { return type.type != ExprType::Any; }

  static StaticType of(ExprType base) { return {PropertyType::of(base), {}}; }
  static StaticType declared(PropertyType type) { return {std::move(type), {}}; }
  static StaticType list_of(const StaticType& element);
  static StaticType resources(std::vector<std::string> kinds);
  // A list's element (with the list's kinds); Any for anything else.
  StaticType element() const;
};

// Whether two declared types are the same, members and elements included.
bool same_type(const PropertyType& a, const PropertyType& b);

// The type two values share: both branches of a conditional, all elements
// of a list literal. Null goes with anything; what differs becomes Any.
StaticType unify(const StaticType& a, const StaticType& b);

}  // namespace bw::compiler::expr
