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
};

struct JsonOptions {
  bool timing = true;  // false writes elapsed_ms as 0, for output compared byte for byte
};

void write_text(std::ostream& out, const engine::Result& result, const TextOptions& options);
void write_json(std::ostream& out, const engine::Result& result, const JsonOptions& options = {});

}  // namespace bw::report
