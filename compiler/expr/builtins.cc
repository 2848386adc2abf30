#include "compiler/expr/builtins.h"

#include <array>

namespace bw::compiler::expr {

namespace {

constexpr std::array<BuiltinField, 8> kBuiltinFields = {{
    {"type", Field::Type, ExprType::String},
    {"name", Field::Name, ExprType::String},
    {"address", Field::Address, ExprType::String},
    {"kind", Field::Kind, ExprType::String},
    {"environment", Field::Environment, ExprType::String},
    {"frontend", Field::Frontend, ExprType::String},
    {"path", Field::Path, ExprType::String},
    {"is_data", Field::IsData, ExprType::Bool},
}};

constexpr std::array<FunctionInfo, 14> kFunctions = {{
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
}};

}  // namespace

const BuiltinField* find_builtin_field(std::string_view name) {
  for (const BuiltinField& field : kBuiltinFields)
    if (name == field.name) return &field;
  return nullptr;
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

}  // namespace bw::compiler
