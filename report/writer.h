#pragma once
// One interface for every output format, as ruff's emitters: a writer renders
// a check run, or the rule pack, to a stream. Formats are chosen by name from
// the table in report/writers.h; a new format is one file and one line there,
// never an `if` in the CLI. The language server renders from the same `Run`.

#include <array>
#include <chrono>
#include <memory>
#include <ostream>
#include <string_view>

#include "compiler/rule_pack.h"
#include "engine/engine.h"

namespace bw::report {

// How the user asked for output, the same for every format; a format reads
// what applies to it.
struct WriterOptions {
  bool color = false;    // ANSI colour: the CLI sets it only for text to a terminal
  bool show_fix = true;  // the rule's fix under each finding
  bool stats = false;    // --stats: time per phase, bytes, peak memory
  bool timing = true;    // false writes elapsed_ms as 0, for output compared byte for byte
  // --unknown=report (or the configuration's `unknown: report`): the text
  // format shows each value past a limit where it is, not only their count.
  bool report_unknown = false;
};

// What a check run hands every writer.
struct Run {
  const engine::Result& result;
  // Rule metadata beyond what a finding carries: docs, fix, kinds (SARIF's
  // `tool.driver.rules`, a step summary's links).
  const compiler::RulePack& pack;
  // The repository root, absolute. Findings' files carry their root-relative
  // path (`ir::SourceFile::relative`) for SARIF, annotations and baselines.
  std::string_view root;
};

class Writer {
 public:
  explicit Writer(const WriterOptions& options) : options_(options) {}
  virtual ~Writer() = default;

  // Findings, errors, warnings and what the run covered. The stream is the
  // writer's alone: standard output or a file of its own.
  virtual void write(std::ostream& out, const Run& run) const = 0;

  // Whether `write_rules` renders the rule pack (`blastwall rules --format`).
  virtual bool lists_rules() const { return false; }
  virtual void write_rules(std::ostream& out, const compiler::RulePack& pack) const {}

 protected:
  const WriterOptions& options() const { return options_; }

 private:
  WriterOptions options_;
};

// The process's peak resident memory so far, in KiB.
size_t peak_memory_kib();

// The run's time per phase with the report phase's share, from `report_start`
// to now, added: each writer renders the report in its own time.
std::array<double, static_cast<size_t>(ir::Phase::Count)> phase_ms_with_report(
    const engine::Stats& stats, std::chrono::steady_clock::time_point report_start);

}  // namespace bw::report
