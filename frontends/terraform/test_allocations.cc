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

// The replaceable global allocation functions. The C++ library's array and
// nothrow forms call these by default, but a sanitizer runtime replaces every
// form itself, so they are all defined here: new and delete then always
// meet in pairs (ASan reports a nothrow new freed by this delete otherwise).
// Aligned allocations are rare enough to leave.
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

void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return ::operator new(size);
  } catch (...) {
    return nullptr;
  }
}

void* operator new[](std::size_t size) {
  return ::operator new(size);
}

void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return ::operator new(size, std::nothrow);
}

void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}

void operator delete[](void* p) noexcept {
  std::free(p);
}

void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
