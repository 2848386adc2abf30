#pragma once
// Turns the references frontends recorded (aws_launch_template.app.id inside
// an Auto Scaling group) into edges between resources, so rules can follow
// them: self.edges("launch-template").

#include "ir/model.h"

namespace bw::engine {

void link(ir::Model& model);

}  // namespace bw::engine
