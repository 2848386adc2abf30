#pragma once
// Turns the references frontends recorded (aws_launch_template.app.id inside
// an Auto Scaling group) into edges between resources, so rules can follow
// them: self.edges("launch-template").

#include "compiler/kinds.h"
#include "ir/model.h"

namespace bw::engine {

// Runs on one unit's model: addresses are unique within a unit. Also
// records, for each link the kinds expect, when it resolves to nothing.
void link(ir::Model& model, const compiler::Kinds& kinds);

}  // namespace bw::engine
