#pragma once
// Gives each resource its kind and the kind's properties: reads every mapped
// property from the attributes, applies platform defaults for what is absent,
// and derives what a rule needs from raw text (decoded user data, the
// container images a boot script starts).

#include "compiler/kinds.h"
#include "ir/model.h"

namespace bw::engine {

void normalise(ir::Model& model, const compiler::Kinds& kinds);

// Exposed for tests.
std::vector<std::string> container_images(std::string_view script);
bool decode_base64(std::string_view text, std::string& out);

}  // namespace bw::engine
