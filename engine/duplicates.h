#pragma once
// One finding where two inputs say the same thing: a resource that both its
// configuration and a plan of it report (the HCL and `terraform show -json`
// of one root module) is one finding, not two. The engine knows no language
// here: findings of the same rule about the same resource address, pointing
// into the same file, in the same instance, from different units, are one;
// so are two findings, from two units, of a rule about resources defined at
// one header (`resource_span`) in one file and instance, when one address
// extends the other and neither has another such partner there: they differ
// in what one unit could not know (an index: `this` and `this[0]` when the
// configuration's count is unknown).

#include <vector>

#include "ir/finding.h"

namespace bw::engine {

// Keeps one finding of each such group, in place and in order: a known one
// over an unknown one, then the one that points at a value over one at the
// resource's header, then the first. Findings without a resource (a syntax
// error) and findings of one unit are left alone.
void merge_duplicate_findings(std::vector<ir::Finding>& findings);

}  // namespace bw::engine
