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
      {DerivationId::IamStatements, "iam-statements",
       "the statements of an IAM policy document (JSON text, an object, or policy-document "
       "statement blocks), each {label, sid, effect, actions, not_actions, resources, "
       "not_resources, principals, not_principals, conditions} as AWS reads it",
       "list<object>", true},
  };
  return all;
}

const Derivation* find_derivation(std::string_view name) {
  for (const Derivation& d : derivations())
    if (d.name == name) return &d;
  return nullptr;
}

}  // namespace bw::derive
