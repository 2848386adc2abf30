#pragma once
// Two frontends that live in the test tree, each registered with one line in
// its own file, to prove a language can be added without touching engine/,
// report/ or cli/, and that files go to the frontend that claims them most
// surely. Both want every YAML and JSON file:
//
// - `test-resources` reads documents shaped for it: a mapping with the marker
//   `test-resources:` (score 90) or, without it, `resources:` whose entries
//   each have a `type: test_…` (80). Each entry is a resource of that type
//   whose other keys are its attributes (`tests/test_frontend/rules/kinds`).
// - `test-settings` is a catch-all like the coming `config` frontend: any
//   YAML or JSON file (score 10), read as one resource `test_settings` whose
//   attributes are the document's top-level keys.
//
// Neither wants `.blastwall.yaml` or what lies in a `.blastwall/` directory:
// blastwall's own configuration is not an input.

#include <memory>

#include "frontends/frontend.h"

namespace bw::tests {

std::unique_ptr<frontends::Frontend> make_resources_frontend();
std::unique_ptr<frontends::Frontend> make_settings_frontend();

}  // namespace bw::tests
