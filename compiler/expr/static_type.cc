#include "compiler/expr/static_type.h"

#include <algorithm>
#include <memory>

namespace bw::compiler::expr {

namespace {

PropertyType unify_declared(const PropertyType& a, const PropertyType& b) {
  if (a.type == ExprType::Null) return b;
  if (b.type == ExprType::Null) return a;
  if (a.type != b.type || a.type == ExprType::Any) return {};
  PropertyType result = a;
  if (a.type == ExprType::List) {
    result.element = nullptr;
    if (a.element && b.element) {
      PropertyType element = unify_declared(*a.element, *b.element);
      if (element.type != ExprType::Any)
        result.element = std::make_shared<const PropertyType>(std::move(element));
    }
  }
  if (a.type == ExprType::Object && !same_type(a, b)) result.fields.clear();
  return result;
}

}  // namespace

StaticType StaticType::list_of(const StaticType& element) {
  return {PropertyType::list_of(element.type), element.kinds};
}

StaticType StaticType::resources(std::vector<std::string> kinds) {
  return {PropertyType::list_of(PropertyType::of(ExprType::Resource)), std::move(kinds)};
}

StaticType StaticType::element() const {
  if (type.type != ExprType::List || !type.element) return {};
  return {*type.element, kinds};
}

bool same_type(const PropertyType& a, const PropertyType& b) {
  if (a.type != b.type || a.fields.size() != b.fields.size()) return false;
  if (a.type == ExprType::List) {
    if (!a.element || !b.element) return a.element_type() == b.element_type();
    return same_type(*a.element, *b.element);
  }
  for (size_t i = 0; i < a.fields.size(); ++i) {
    const Field& x = a.fields[i];
    const Field& y = b.fields[i];
    if (x.name != y.name) return false;
    PropertyType any;
    if (!same_type(x.type ? *x.type : any, y.type ? *y.type : any)) return false;
  }
  return true;
}

StaticType unify(const StaticType& a, const StaticType& b) {
  if (a.empty_list && b.base() == ExprType::List) return b;
  if (b.empty_list && a.base() == ExprType::List) return a;
  StaticType result{unify_declared(a.type, b.type), a.kinds};
  if (!result.known()) return {};
  for (const std::string& kind : b.kinds)
    if (std::find(result.kinds.begin(), result.kinds.end(), kind) == result.kinds.end())
      result.kinds.push_back(kind);
  return result;
}

}  // namespace bw::compiler::expr
