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

void write_text(std::ostream& out, const engine::Result& result, const TextOptions& options);
void write_json(std::ostream& out, const engine::Result& result);

}  // namespace bw::report
