#pragma once
// One finding where two inputs say the same thing: a resource that both its
// configuration and a plan of it report (the HCL and `terraform show -json`
// of one root module) is one finding, not two. The engine knows no language
// here: findings of the same rule about the same resource address, pointing
// into the same file, in the same instance, from different units, are one.

#include <vector>

#include "ir/finding.h"

namespace bw::engine {

// Keeps one finding of each such group, in place and in order: a known one
// over an unknown one, then the one that points at a value over one at the
// resource's header, then the first. Findings without a resource (a syntax
// error) and findings of one unit are left alone.
void merge_duplicate_findings(std::vector<ir::Finding>& findings);

}  // namespace bw::engine
