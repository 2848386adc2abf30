#pragma once
// Runs a body for every index below `count` on up to `jobs` threads (the
// calling thread among them), taking indexes in order as threads free up.
// What the body writes must be its own index's: results are then laid out
// the same whatever the scheduling.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace bw::engine {

// Each thread first makes a state with `make` (per-thread frontends, say)
// and passes it to the body for every index it takes.
template <typename Make, typename Body>
void parallel_for_each_thread(size_t count, unsigned jobs, Make&& make, Body&& body) {
  size_t threads = std::max<size_t>(1, std::min<size_t>(jobs, count));
  std::atomic<size_t> next{0};
  auto worker = [&] {
    auto state = make();
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) body(state, i);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
}

template <typename Body>
void parallel_for(size_t count, unsigned jobs, Body&& body) {
  parallel_for_each_thread(
      count, jobs, [] { return 0; }, [&](int, size_t i) { body(i); });
}

}  // namespace bw::engine
