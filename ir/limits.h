#pragma once
// blastwall's own limits: the work any one input may cost. Every budget
// counts work (bytes, steps, items, instances), never time, so a result never
// depends on the machine's load or on `--jobs`. Each is charged where the
// work happens and checked before the allocation it guards. A value that
// needs more than its budget is unknown with the budget named (DESIGN.md,
// "Unknown or unanalyzable"); a whole file or unit that cannot be produced
// within one is `unanalyzable`, naming it. `.blastwall.yaml` may set each
// under `limits:` by the name below (docs/LIMITS.md lists them).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bw::ir {

struct Limits {
  // Any one file read (input, configuration, rule, ignore file), checked
  // before a byte is read: on disk from its size, in a revision from the
  // blob's size.
  uint64_t file_bytes = 16 * 1024 * 1024;
  // Evaluation steps for one value (a Terraform attribute, local or output):
  // a value that needs more is unknown; the module's other values are not.
  uint64_t evaluation_steps = 5'000'000;
  // Evaluation steps one unit (a root module and the modules it calls) may
  // take over all its values: past it, each further value gets a small
  // budget of its own (10,000 steps), so cheap values (literals, references)
  // are still known and expensive ones are unknown, naming this limit. It
  // bounds a unit's work however many expensive values it holds.
  uint64_t unit_evaluation_steps = 20'000'000;
  // Module instances one root module may expand to (calls × count/for_each,
  // at every level): past it, the calls not expanded are unanalyzable.
  uint64_t module_instances = 10'000;
  // The largest string an evaluation may build, in bytes.
  uint64_t string_bytes = 16 * 1024 * 1024;
  // The most items (list elements, object keys) an evaluated value may hold.
  uint64_t collection_items = 100'000;
  // .gitignore patterns applied in one scan, over every .gitignore: each
  // path the walk meets may be tried against each. Past it, the rest are
  // not applied (so more is read, never less) and a warning says so.
  uint64_t ignore_patterns = 10'000;
};

// The defaults above.
const Limits& default_limits();

// A limit's name in `limits:` and in messages ("evaluation_steps"), and the
// member it sets; nullptr for an unknown name.
uint64_t Limits::*limit_named(std::string_view name);
// How every message words a limit reached: "evaluation_steps limit (5000000)
// reached". The text summary counts limits by the name this puts first.
std::string limit_reached(std::string_view name, uint64_t value);

// Every limit's name, in declaration order, for errors and docs.
inline constexpr std::string_view kLimitNames[] = {
    "file_bytes",   "evaluation_steps", "unit_evaluation_steps", "module_instances",
    "string_bytes", "collection_items", "ignore_patterns"};

}  // namespace bw::ir
