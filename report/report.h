#pragma once
// Writers for what a run found: text for people (like a compiler: location,
// severity, message, the source line with a caret, the fix) and the JSON
// contract of DESIGN.md for machines.

#include <ostream>

#include "engine/engine.h"

namespace bw::report {

struct TextOptions {
  bool color = false;
  bool show_fix = true;
  bool phases = false;  // --stats: a table of time per phase and peak memory after the summary
};

struct JsonOptions {
  bool timing = true;   // false writes elapsed_ms as 0, for output compared byte for byte
  bool phases = false;  // --stats: time per phase and peak memory in `stats`
};

// The process's peak resident memory so far, in KiB.
size_t peak_memory_kib();

void write_text(std::ostream& out, const engine::Result& result, const TextOptions& options);
void write_json(std::ostream& out, const engine::Result& result, const JsonOptions& options = {});

}  // namespace bw::report
