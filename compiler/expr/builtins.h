#pragma once
// The names the language predefines: the fields every resource has besides
// its kind's properties (their name, type and value: predicates and message
// placeholders both read them here), and the functions and macros.

#include <string>
#include <string_view>
#include <vector>

#include "compiler/expr/ast.h"
#include "compiler/expr/expr.h"

namespace bw::compiler::expr {

// What `self.environment` is when no environment is known: a word a message
// can show ("production-only check skipped: environment unknown") and that no
// environment is called (ir/environment.h), so `== "prod"` stays false.
inline constexpr std::string_view kUnknownEnvironment = "unknown";

// A builtin field's value for one resource, by the field's type: `string`
// (viewing the model, or a literal), `boolean`, or for `change` the model's
// `value`.
struct FieldValue {
  std::string_view string;
  bool boolean = false;
  const ir::Value* value = nullptr;
};

struct BuiltinField {
  const char* name;
  ResourceField field;
  ExprType type;
  FieldValue (*read)(const ir::Model& model, const ir::Resource& resource);
};

// nullptr when `name` is not a builtin field.
const BuiltinField* find_builtin_field(std::string_view name);
// The row of `field`, which is not ResourceField::Property.
const BuiltinField& builtin_field(ResourceField field);

// The declared type of a builtin field: `change` is an object whose members
// are declared (actions, replace_paths), the others are scalars.
PropertyType builtin_field_type(const BuiltinField& field);

inline constexpr int kNotAvailable = -1;

// A function of the language and how many arguments it takes as a method
// (x.f(...)) and as a global function (f(...)); kNotAvailable when it cannot
// be called that way.
struct FunctionInfo {
  const char* name;
  Function function;
  int method_arguments;
  int global_arguments;
};

// nullptr when no function has that name.
const FunctionInfo* find_function(std::string_view name);

// Every function callable as a method (or, with `method` false, globally).
std::vector<std::string> function_names(bool method);

// exists, all, exists_one, filter and map bind a variable.
bool is_macro(Function function);

// Whether `name` is a function or macro of the language, so a let may not
// take it.
bool is_function_name(std::string_view name);

}  // namespace bw::compiler::expr
