#include "report/writer.h"

#include <sys/resource.h>

namespace bw::report {

size_t peak_memory_kib() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<size_t>(usage.ru_maxrss);
}

std::array<double, static_cast<size_t>(ir::Phase::Count)> phase_ms_with_report(
    const engine::Stats& stats, std::chrono::steady_clock::time_point report_start) {
  auto phase_ms = stats.phase_ms;
  phase_ms[static_cast<size_t>(ir::Phase::Report)] +=
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - report_start)
          .count();
  return phase_ms;
}

}  // namespace bw::report
