#pragma once
// Gives each resource its kind and the kind's properties, as rules/kinds
// declares for its frontend and provider type: reads each property from the
// first of its attribute paths that is written, derives (base64, container
// images, JSON), translates through a value map, makes it the declared type
// (or unknown, saying why), and applies the platform default when absent —
// a default that may depend on the resource's other properties.

#include "compiler/kinds.h"
#include "ir/model.h"

namespace bw::engine {

void normalise(ir::Model& model, const compiler::Kinds& kinds);

}  // namespace bw::engine
