#include "derive/derivation_table.h"

namespace bw::derive {

const std::vector<Derivation>& derivations() {
  static const std::vector<Derivation> all = {
      {DerivationId::Base64, "base64", "decodes base64-encoded text; other text is kept as it is",
       "string"},
      {DerivationId::ContainerImages, "container-images",
       "the container images a boot script starts (docker/podman/nerdctl run, compose image: "
       "lines), after base64 decoding",
       "list<string>"},
      {DerivationId::Json, "json", "parses a JSON document written as a string", "any"},
  };
  return all;
}

const Derivation* find_derivation(std::string_view name) {
  for (const Derivation& d : derivations())
    if (d.name == name) return &d;
  return nullptr;
}

}  // namespace bw::derive
