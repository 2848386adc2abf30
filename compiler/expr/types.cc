// Declared types (PropertyType) and the pack's shared values (Globals): what
// kinds files, named lists and parameters tell the checker.

#include <array>
#include <utility>

#include "compiler/expr/expr.h"

namespace bw::compiler {

std::string_view to_string(ExprType type) {
  switch (type) {
    case ExprType::Any:
      return "any";
    case ExprType::Null:
      return "null";
    case ExprType::Bool:
      return "bool";
    case ExprType::Number:
      return "number";
    case ExprType::String:
      return "string";
    case ExprType::List:
      return "list";
    case ExprType::Object:
      return "object";
    case ExprType::Resource:
      return "resource";
  }
  return "any";
}

const Field* PropertyType::field(std::string_view name) const {
  for (const Field& member : fields)
    if (member.name == name) return &member;
  return nullptr;
}

std::string PropertyType::describe() const {
  std::string text(to_string(type));
  if (type == ExprType::List && element && element->type != ExprType::Any)
    text += "<" + element->describe() + ">";
  if (type == ExprType::Object && !fields.empty()) {
    text += "{";
    for (size_t i = 0; i < fields.size(); ++i) text += (i ? ", " : "") + fields[i].name;
    text += "}";
  }
  return text;
}

namespace {

std::optional<ExprType> scalar(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, ExprType>, 6> kNames = {{
      {"any", ExprType::Any},
      {"bool", ExprType::Bool},
      {"number", ExprType::Number},
      {"string", ExprType::String},
      {"list", ExprType::List},
      {"object", ExprType::Object},
  }};
  for (const auto& [name, type] : kNames)
    if (name == text) return type;
  return std::nullopt;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<PropertyType> parse_property_type(std::string_view text) {
  text = trim(text);
  if (std::optional<ExprType> type = scalar(text)) return PropertyType::of(*type);
  constexpr std::string_view kList = "list<";
  if (text.substr(0, kList.size()) != kList || text.back() != '>') return std::nullopt;
  std::optional<ExprType> element =
      scalar(trim(text.substr(kList.size(), text.size() - kList.size() - 1)));
  // Nested lists are not declarable: no kind has needed one.
  if (!element || *element == ExprType::List) return std::nullopt;
  if (*element == ExprType::Any) return PropertyType::of(ExprType::List);
  return PropertyType::list_of(PropertyType::of(*element));
}

bool Globals::add_list(Global list) {
  std::string name = list.name;
  return lists_.emplace(std::move(name), std::move(list)).second;
}

bool Globals::add_parameter(Global parameter) {
  std::string name = parameter.name;
  return parameters_.emplace(std::move(name), std::move(parameter)).second;
}

const Global* Globals::list(std::string_view name) const {
  auto it = lists_.find(name);
  return it == lists_.end() ? nullptr : &it->second;
}

const Global* Globals::parameter(std::string_view name) const {
  auto it = parameters_.find(name);
  return it == parameters_.end() ? nullptr : &it->second;
}

Global* Globals::parameter(std::string_view name) {
  auto it = parameters_.find(name);
  return it == parameters_.end() ? nullptr : &it->second;
}

std::vector<std::string> Globals::list_names() const {
  std::vector<std::string> names;
  for (const auto& entry : lists_) names.push_back(entry.first);
  return names;
}

std::vector<std::string> Globals::parameter_names() const {
  std::vector<std::string> names;
  for (const auto& entry : parameters_) names.push_back(entry.first);
  return names;
}

}  // namespace bw::compiler
