#include "frontends/terraform/test_allocations.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<size_t> counted{0};

}  // namespace

namespace bw::frontends::terraform::testing {

size_t allocations() {
  return counted.load(std::memory_order_relaxed);
}

}  // namespace bw::frontends::terraform::testing

// The replaceable global allocation functions; the array and nothrow forms
// call these by default, and aligned allocations are rare enough to leave.
void* operator new(std::size_t size) {
  counted.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}

void operator delete(void* p) noexcept {
  std::free(p);
}

void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
