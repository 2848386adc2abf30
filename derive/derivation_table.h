#pragma once
// The table of derivations: transformations a kinds mapping may apply to a
// raw attribute before it becomes a property (`derive: base64`), by name and
// result type. The compiler checks kinds files against this table alone, so
// it links neither the boot-script analyser nor a JSON parser; the engine
// applies a derivation through derive/derivations.h.

#include <string_view>
#include <vector>

namespace bw::derive {

// Which transformation an entry names; derive/derivations.cc implements each.
enum class DerivationId : uint8_t { Base64, ContainerImages, Json, IamStatements };

struct Derivation {
  DerivationId id;
  std::string_view name;
  std::string_view doc;
  // The property type the result has ("string", "list<string>", "any"); a
  // mapping must declare its property with a type that accepts it.
  std::string_view result_type;
  // Reads every value an attribute path finds, as one list (the statement
  // blocks of a policy document), rather than the first value found.
  bool reads_all = false;
};

const std::vector<Derivation>& derivations();
// nullptr when no derivation has that name.
const Derivation* find_derivation(std::string_view name);

}  // namespace bw::derive
