#include "compiler/expr/builtins.h"

#include <array>

namespace bw::compiler::expr {

namespace {

FieldValue text(std::string_view string) {
  return FieldValue{string, false, nullptr};
}

// In ResourceField order, so builtin_field() is an index.
constexpr std::array<BuiltinField, 10> kBuiltinFields = {{
    {"type", ResourceField::Type, ExprType::String,
     [](const ir::Model&, const ir::Resource& r) { return text(r.provider_type); }},
    {"name", ResourceField::Name, ExprType::String,
     [](const ir::Model&, const ir::Resource& r) { return text(r.name); }},
    {"address", ResourceField::Address, ExprType::String,
     [](const ir::Model&, const ir::Resource& r) { return text(r.address); }},
    {"kind", ResourceField::Kind, ExprType::String,
     [](const ir::Model&, const ir::Resource& r) { return text(r.kind); }},
    {"environment", ResourceField::Environment, ExprType::String,
     [](const ir::Model&, const ir::Resource& r) {
       return text(r.environment.empty() ? kUnknownEnvironment : std::string_view(r.environment));
     }},
    {"frontend", ResourceField::Frontend, ExprType::String,
     [](const ir::Model&, const ir::Resource& r) { return text(r.frontend); }},
    {"path", ResourceField::Path, ExprType::String,
     [](const ir::Model& m, const ir::Resource& r) {
       return text(r.file < m.sources.size() ? std::string_view(m.sources.file(r.file).relative)
                                             : std::string_view());
     }},
    {"is_data", ResourceField::IsData, ExprType::Bool,
     [](const ir::Model&, const ir::Resource& r) {
       return FieldValue{{}, r.is_data, nullptr};
     }},
    {"instance", ResourceField::Instance, ExprType::String,
     [](const ir::Model& m, const ir::Resource& r) {
       return text(r.unit < m.units.size() ? std::string_view(m.units[r.unit].instance)
                                           : std::string_view());
     }},
    {"change", ResourceField::Change, ExprType::Object,
     [](const ir::Model&, const ir::Resource& r) {
       return FieldValue{{}, false, &r.change};
     }},
}};

constexpr bool in_field_order() {
  for (size_t i = 0; i < kBuiltinFields.size(); ++i)
    if (static_cast<size_t>(kBuiltinFields[i].field) != i + 1) return false;
  return true;
}
static_assert(in_field_order(), "kBuiltinFields follows ResourceField, after Property");

constexpr std::array<FunctionInfo, 23> kFunctions = {{
    {"has", Function::Has, kNotAvailable, 1},
    {"size", Function::Size, 0, 1},
    {"matches", Function::Matches, 1, kNotAvailable},
    {"startsWith", Function::StartsWith, 1, kNotAvailable},
    {"endsWith", Function::EndsWith, 1, kNotAvailable},
    {"contains", Function::Contains, 1, kNotAvailable},
    {"lower", Function::Lower, 0, kNotAvailable},
    {"upper", Function::Upper, 0, kNotAvailable},
    {"edges", Function::Edges, 1, kNotAvailable},
    {"exists", Function::Exists, 2, kNotAvailable},
    {"all", Function::All, 2, kNotAvailable},
    {"exists_one", Function::ExistsOne, 2, kNotAvailable},
    {"filter", Function::Filter, 2, kNotAvailable},
    {"map", Function::Map, 2, kNotAvailable},
    {"glob", Function::Glob, 1, kNotAvailable},
    {"isIP", Function::IsIP, kNotAvailable, 1},
    {"inCIDR", Function::InCIDR, 1, kNotAvailable},
    {"host", Function::Host, kNotAvailable, 1},
    {"split", Function::Split, 1, kNotAvailable},
    {"replace", Function::Replace, 2, kNotAvailable},
    {"imageName", Function::ImageName, 0, kNotAvailable},
    {"resources", Function::Resources, kNotAvailable, 1},
    {"environments", Function::Environments, kNotAvailable, 1},
}};

}  // namespace

const BuiltinField* find_builtin_field(std::string_view name) {
  for (const BuiltinField& field : kBuiltinFields)
    if (name == field.name) return &field;
  return nullptr;
}

const BuiltinField& builtin_field(ResourceField field) {
  return kBuiltinFields[static_cast<size_t>(field) - 1];
}

PropertyType builtin_field_type(const BuiltinField& field) {
  if (field.field != ResourceField::Change) return PropertyType::of(field.type);
  PropertyType strings = PropertyType::list_of(PropertyType::of(ExprType::String));
  PropertyType change = PropertyType::of(ExprType::Object);
  change.fields = {
      {"actions", std::make_shared<const PropertyType>(strings),
       "what the plan does: create, delete, update, no-op, ..."},
      {"replace_paths", std::make_shared<const PropertyType>(strings),
       "attributes whose change forces replacement, dotted"},
  };
  return change;
}

const FunctionInfo* find_function(std::string_view name) {
  for (const FunctionInfo& function : kFunctions)
    if (name == function.name) return &function;
  return nullptr;
}

std::vector<std::string> function_names(bool method) {
  std::vector<std::string> names;
  for (const FunctionInfo& function : kFunctions)
    if ((method ? function.method_arguments : function.global_arguments) != kNotAvailable)
      names.push_back(function.name);
  return names;
}

bool is_macro(Function function) {
  return function == Function::Exists || function == Function::All ||
         function == Function::ExistsOne || function == Function::Filter ||
         function == Function::Map;
}

bool is_function_name(std::string_view name) {
  return find_function(name) != nullptr;
}

}  // namespace bw::compiler::expr

namespace bw::compiler {

const std::vector<std::string>& builtin_fields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> names;
    for (const expr::BuiltinField& field : expr::kBuiltinFields) names.push_back(field.name);
    return names;
  }();
  return fields;
}

std::optional<std::string> builtin_field_text(const ir::Model& model, const ir::Resource& resource,
                                              std::string_view name) {
  const expr::BuiltinField* field = expr::find_builtin_field(name);
  if (!field) return std::nullopt;
  expr::FieldValue value = field->read(model, resource);
  switch (field->type) {
    case ExprType::String:
      return std::string(value.string);
    case ExprType::Bool:
      return value.boolean ? "true" : "false";
    default:
      return value.value ? value.value->describe() : "null";
  }
}

}  // namespace bw::compiler
