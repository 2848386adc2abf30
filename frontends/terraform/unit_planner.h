#pragma once
// Which Terraform directories are analysed as units: the root modules. A
// directory another directory calls as a local module is analysed through
// each caller, with the caller's arguments and environment, never alone.

#include <vector>

#include "frontends/frontend.h"

namespace bw::frontends::terraform {

// One Unit per root module, in directory order: a directory of `files` that
// no other of their directories calls, and, so that modules calling each
// other in a cycle are still analysed, the first directory (by path) still
// unreached from the roots taken so far, repeatedly. A unit's files are its
// directory's `.tf` and `.tfvars` files in path order.
std::vector<Unit> plan_root_modules(const std::vector<ir::FileId>& files,
                                    const ir::SourceManager& sources);

}  // namespace bw::frontends::terraform
