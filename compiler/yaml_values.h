#pragma once
// Typed values, types and attribute paths as kinds, shared and configuration
// files write them in YAML.

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/compile_error.h"
#include "compiler/expr/expr.h"
#include "ir/value.h"

namespace bw::compiler {

// Splits an attribute path into steps: dots separate, and a step in double
// quotes may hold dots and slashes (`metadata.annotations."helm.sh/x"`).
// nullopt when a quote is not closed or a step is empty.
std::optional<std::vector<std::string>> split_attribute_path(std::string_view path);

// Reads a YAML scalar, sequence or mapping as a value of `type` (nullopt when
// it is not one). A quoted scalar is a string; a plain one may be a bool or a
// number where the type asks for one.
std::optional<ir::Value> value_of_type(const YAML::Node& node, const PropertyType& type,
                                       ir::Provenance provenance);

// A type written as `type:` plus, for objects and lists of objects, `fields:`
// whose entries are a type string or {type, doc, fields}. Errors go to `sink`
// with `what` naming the thing typed.
std::optional<PropertyType> parse_type_spec(const YAML::Node& spec, const std::string& what,
                                            ErrorSink& sink, int depth = 0);

// A scalar or a sequence of scalars as strings; nothing for an absent node.
std::vector<std::string> string_list(const YAML::Node& node);

}  // namespace bw::compiler
