#include "compiler/yaml_values.h"

namespace bw::compiler {

using ir::Provenance;
using ir::Value;

std::optional<std::vector<std::string>> split_attribute_path(std::string_view path) {
  std::vector<std::string> steps;
  std::string step;
  bool quoted_step = false;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '.') {
      if (step.empty() && !quoted_step) return std::nullopt;
      steps.push_back(std::move(step));
      step.clear();
      quoted_step = false;
      continue;
    }
    if (path[i] == '"' && step.empty() && !quoted_step) {
      size_t close = path.find('"', i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      step = std::string(path.substr(i + 1, close - i - 1));
      quoted_step = true;
      i = close;
      if (i + 1 < path.size() && path[i + 1] != '.') return std::nullopt;
      continue;
    }
    step.push_back(path[i]);
  }
  return steps;
}

std::optional<Value> value_of_type(const YAML::Node& node, const PropertyType& type,
                                   Provenance provenance) {
  if (node.IsNull()) return Value::null({}, provenance);
  if (node.IsSequence()) {
    if (type.type != ExprType::List && type.type != ExprType::Any) return std::nullopt;
    PropertyType element = type.element ? *type.element : PropertyType{};
    std::vector<Value> items;
    for (const auto& item : node) {
      auto v = value_of_type(item, element, provenance);
      if (!v) return std::nullopt;
      items.push_back(*v);
    }
    return Value::list(std::move(items), {}, provenance);
  }
  if (node.IsMap()) {
    if (type.type != ExprType::Object && type.type != ExprType::Any) return std::nullopt;
    Value object = Value::object({}, provenance);
    for (const auto& entry : node) {
      const Field* field = type.field(entry.first.Scalar());
      if (!type.fields.empty() && !field) return std::nullopt;
      auto v = value_of_type(entry.second, field ? *field->type : PropertyType{}, provenance);
      if (!v) return std::nullopt;
      object.set(entry.first.Scalar(), *v);
    }
    return object;
  }
  if (!node.IsScalar()) return std::nullopt;
  const std::string& text = node.Scalar();
  // An untagged plain scalar says what it is; a quoted one is a string.
  bool plain = node.Tag() != "!";
  auto as_bool = [&]() -> std::optional<Value> {
    if (plain && (text == "true" || text == "false"))
      return Value::boolean(text == "true", {}, provenance);
    return std::nullopt;
  };
  auto as_number = [&]() -> std::optional<Value> {
    if (!plain || text.empty()) return std::nullopt;
    try {
      size_t used = 0;
      double n = std::stod(text, &used);
      if (used == text.size()) return Value::number(n, {}, provenance);
    } catch (...) {
    }
    return std::nullopt;
  };
  switch (type.type) {
    case ExprType::Bool:
      return as_bool();
    case ExprType::Number:
      return as_number();
    case ExprType::String:
      return Value::string(text, {}, provenance);
    case ExprType::Any:
      if (auto b = as_bool()) return b;
      if (auto n = as_number()) return n;
      return Value::string(text, {}, provenance);
    default:
      return std::nullopt;
  }
}

// A property's type written as `type:` plus, for objects and lists of
// objects, `fields:` whose entries are a type string or {type, doc, fields}.
std::optional<PropertyType> parse_type_spec(const YAML::Node& spec, const std::string& what,
                                            ErrorSink& sink, int depth) {
  std::string text = spec.IsScalar() ? spec.Scalar() : spec["type"] ? spec["type"].Scalar() : "";
  std::optional<PropertyType> type = parse_property_type(text);
  if (!type) {
    sink.at(spec.IsMap() && spec["type"] ? spec["type"] : spec,
            what + " needs a type: bool, number, string, list, list<T>, object or any");
    return std::nullopt;
  }
  if (!spec.IsMap() || !spec["fields"]) return type;
  if (depth > 16) {
    sink.at(spec["fields"], "fields nested too deeply");
    return std::nullopt;
  }
  PropertyType* object = type->type == ExprType::Object ? &*type : nullptr;
  PropertyType element;
  if (type->type == ExprType::List && type->element_type() == ExprType::Object) {
    element = *type->element;
    object = &element;
  }
  if (!object || !spec["fields"].IsMap()) {
    sink.at(spec["fields"],
            "'fields' declares the members of an object or list<object> as a "
            "mapping of names to types");
    return std::nullopt;
  }
  for (const auto& entry : spec["fields"]) {
    std::string name = entry.first.Scalar();
    if (entry.second.IsMap())
      check_keys(entry.second, {"type", "doc", "fields"}, sink, "field '" + name + "'");
    auto field_type = parse_type_spec(entry.second, "field '" + name + "'", sink, depth + 1);
    if (!field_type) continue;
    std::string doc =
        entry.second.IsMap() && entry.second["doc"] ? entry.second["doc"].Scalar() : "";
    object->fields.push_back({name, std::make_shared<const PropertyType>(*field_type), doc});
  }
  if (object == &element) type->element = std::make_shared<const PropertyType>(element);
  return type;
}

std::vector<std::string> string_list(const YAML::Node& node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node.IsScalar()) out.push_back(node.Scalar());
  if (node.IsSequence())
    for (const auto& item : node)
      if (item.IsScalar()) out.push_back(item.Scalar());
  return out;
}

}  // namespace bw::compiler
