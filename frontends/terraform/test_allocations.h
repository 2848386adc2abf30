#pragma once
// Tests only: counts the heap allocations this test binary makes, a measure
// of work that, unlike time, does not depend on the machine's load or on a
// sanitizer: analysing twice the input must cost about twice as many.

#include <cstddef>

namespace bw::frontends::terraform::testing {

// Allocations made through operator new since the program started.
size_t allocations();

}  // namespace bw::frontends::terraform::testing
