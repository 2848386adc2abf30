#pragma once
// The one registry of derivations: transformations a kinds mapping may apply
// to a raw attribute before it becomes a property (`derive: base64`). The
// compiler checks names and result types against it; the engine applies it.

#include <string_view>
#include <vector>

#include "ir/value.h"

namespace bw::derive {

struct Derivation {
  std::string_view name;
  std::string_view doc;
  // The property type the result has ("string", "list<string>", "any"); a
  // mapping must declare its property with a type that accepts it.
  std::string_view result_type;
  // Applied to a known value or a partial string; unknown values are passed
  // through by the caller. Never throws: bad input gives an unknown value.
  ir::Value (*apply)(const ir::Value& raw);
};

const std::vector<Derivation>& derivations();
// nullptr when no derivation has that name.
const Derivation* find_derivation(std::string_view name);

}  // namespace bw::derive
