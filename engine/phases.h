#pragma once
// Engine::run, phase by phase. Each phase is a function over one Run, so that
// the baseline, --new-since and the language server can call, wrap or
// replace one of them; Engine::run lists them in order:
//
//   resolve → discover → analyse units → repository phase → repository rules
//   → diagnostics to findings → suppress → sort → stats

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "engine/discover.h"
#include "engine/engine.h"
#include "engine/evaluate.h"
#include "engine/scope.h"
#include "engine/source.h"
#include "ir/timings.h"

namespace bw::engine {

// What a run carries from phase to phase: the loaded engine, where it reads,
// and the result the phases build.
struct Run {
  Run(const Engine& engine, const Source& source);
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  const Engine& engine;
  const Source& source;
  std::chrono::steady_clock::time_point start;
  unsigned jobs = 1;               // --jobs, or one thread per core
  std::vector<std::string> named;  // root-relative paths reported on ("" is the root); by resolve
  ir::Timings timings;
  EvaluateOptions evaluate;  // --unknown, jobs and timings, for every rule
  Result result;
  // The files reported on (named, or reached by a unit that was), worked
  // out once units are analysed: suppress and stats both read them.
  std::optional<std::vector<ir::FileId>> reported;

  // What the named paths report on, once units are analysed.
  Scope scope() const { return {named, result.model}; }
};

namespace phases {

// The paths the user named, root-relative in Run::named (the root when none).
// False, with a usage error in the result, when one does not exist or lies
// outside the root: nothing is analysed then.
bool resolve(Run& run, const std::vector<std::string>& paths);

// Walks the whole root and gives each file to the frontend that claims it.
Discovery discover(Run& run);

// Plans every frontend's units and analyses them in parallel (each unit
// runs the rules that read only its unit), then adds what the walk could
// not read as a unit of its own.
void analyse_units(Run& run, Discovery discovery);

// What crosses units: links by ARN and tags, resources by kind.
void repository(Run& run);

// The rules that ask the repository, over what the units kept, where the
// named paths reach.
void repository_rules(Run& run);

// A problem several units report (a syntax error in a shared module) is
// reported once, and so is a resource that several units report with the
// same rule at the same file and instance (its HCL and a plan of it,
// engine/duplicates.h); diagnostics the named paths reach become the run's errors
// and warnings.
void diagnostics_to_findings(Run& run);

// Removes what suppression comments in the reported files cover, and warns
// of suppressions without a reason or an effect.
void suppress(Run& run);

// Findings by path, line, column, rule and instance.
void sort(Run& run);

// Counts (files, resources, rules, units, files per frontend) and times.
void stats(Run& run);

}  // namespace phases

}  // namespace bw::engine
