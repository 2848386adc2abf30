#pragma once
// Renders a long list — the findings of a large repository — on several
// threads and writes it in order: a window of chunks is rendered in
// parallel, then written, so the output is the same whatever the number of
// threads and no more than a window is held at once.

#include <algorithm>
#include <string>
#include <vector>

#include "engine/parallel.h"

namespace bw::report {

// render(begin, end, out) appends items [begin, end) to out; write(text)
// takes each rendered chunk in order.
template <typename Render, typename Write>
void render_in_order(size_t count, unsigned jobs, Render&& render, Write&& write) {
  constexpr size_t kChunk = 256;
  jobs = std::max(1u, jobs);
  size_t chunks = (count + kChunk - 1) / kChunk;
  size_t window = jobs * 4;
  std::vector<std::string> rendered(window);
  for (size_t first = 0; first < chunks; first += window) {
    size_t n = std::min(window, chunks - first);
    engine::parallel_for(n, jobs, [&](size_t k) {
      size_t begin = (first + k) * kChunk;
      rendered[k].clear();
      render(begin, std::min(count, begin + kChunk), rendered[k]);
    });
    for (size_t k = 0; k < n; ++k) write(rendered[k]);
  }
}

}  // namespace bw::report
