#pragma once
// Time spent per phase of a run, summed over the threads that ran it, so
// `--stats` can say where a scan goes. Frontends add their parse time;
// the engine adds the rest. Cheap enough to keep on: a clock read per phase
// and unit, not per value.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string_view>

namespace bw::ir {

enum class Phase : uint8_t {
  Discover,    // walking the root, deciding which files to read
  Read,        // reading files
  Plan,        // frontends grouping files into units
  Parse,       // frontends parsing
  Evaluate,    // frontends evaluating what they parsed
  Normalise,   // kinds and properties
  Link,        // edges within a unit
  Repository,  // the repository phase
  Rules,       // evaluating rules
  Suppress,    // scope and suppressions
  Report,      // writing the output
  Count,
};

std::string_view to_string(Phase phase);

class Timings {
 public:
  void add(Phase phase, std::chrono::nanoseconds elapsed) {
    nanoseconds_[static_cast<size_t>(phase)].fetch_add(static_cast<uint64_t>(elapsed.count()),
                                                       std::memory_order_relaxed);
  }
  double milliseconds(Phase phase) const {
    return static_cast<double>(nanoseconds_[static_cast<size_t>(phase)].load()) / 1e6;
  }

 private:
  std::array<std::atomic<uint64_t>, static_cast<size_t>(Phase::Count)> nanoseconds_{};
};

// Adds the time from its construction to its destruction (or stop()) to a phase.
class PhaseTimer {
 public:
  PhaseTimer(Timings* timings, Phase phase)
      : timings_(timings), phase_(phase), start_(std::chrono::steady_clock::now()) {}
  ~PhaseTimer() { stop(); }
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;
  void stop() {
    if (!timings_) return;
    timings_->add(phase_, std::chrono::steady_clock::now() - start_);
    timings_ = nullptr;
  }

 private:
  Timings* timings_;
  Phase phase_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace bw::ir
