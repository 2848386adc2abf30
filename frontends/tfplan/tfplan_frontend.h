#pragma once
// The `tfplan` frontend: Terraform plans as `terraform show -json` writes
// them (frontends/tfplan/README.md).

#include <memory>

#include "frontends/frontend.h"

namespace bw::frontends::tfplan {

std::unique_ptr<Frontend> make_tfplan_frontend();

}  // namespace bw::frontends::tfplan
