#include "engine/phases.h"

#include <algorithm>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "engine/analyse.h"
#include "engine/duplicates.h"
#include "engine/repository.h"
#include "engine/suppress.h"
#include "frontends/registry.h"

namespace bw::engine {

Run::Run(const Engine& engine, const Source& source)
    : engine(engine), source(source), start(std::chrono::steady_clock::now()) {
  const Options& options = engine.options();
  jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  evaluate.report_unknown =
      options.report_unknown.value_or(engine.config().report_unknown.value_or(false));
  evaluate.jobs = jobs;
  evaluate.timings = &timings;
}

namespace {

// The files the run reports on: named, or reached by a unit that was.
// Worked out once, the first time a phase asks: units no longer change then.
const std::vector<ir::FileId>& reported_files(Run& run) {
  if (run.reported) return *run.reported;
  const ir::Model& model = run.result.model;
  Scope scope = run.scope();
  std::vector<char> reached(model.sources.size(), 0);
  for (const ir::UnitInfo& unit : model.units)
    if (unit.selected && unit.frontend != kWalkFrontend)
      for (ir::FileId id : unit.reached) reached[id] = 1;
  std::vector<ir::FileId> files;
  for (ir::FileId id = 0; id < model.sources.size(); ++id)
    if (reached[id] || scope.named_file(id)) files.push_back(id);
  return *(run.reported = std::move(files));
}

// By path, line, column, rule and instance. Findings are large: the order is
// worked out on small keys (a file's rank among the paths stands for its
// path), then each finding is moved once.
void sort_findings(const ir::Model& model, std::vector<ir::Finding>& findings) {
  std::vector<ir::FileId> by_path;
  std::vector<uint32_t> rank(model.sources.size(), 0);  // 0: no file, shown as ""
  for (const ir::Finding& f : findings)
    if (f.span.file != ir::kNoFile && !rank[f.span.file]) {
      rank[f.span.file] = 1;
      by_path.push_back(f.span.file);
    }
  std::sort(by_path.begin(), by_path.end(), [&](ir::FileId a, ir::FileId b) {
    return model.sources.file(a).path < model.sources.file(b).path;
  });
  for (size_t i = 0; i < by_path.size(); ++i) {
    // Two files shown with the same path (never expected) share a rank.
    bool same =
        i > 0 && model.sources.file(by_path[i]).path == model.sources.file(by_path[i - 1]).path;
    rank[by_path[i]] = same ? rank[by_path[i - 1]] : static_cast<uint32_t>(i + 1);
  }
  struct Key {
    uint32_t file, line, column;
    std::string_view rule, instance;
    size_t index;
  };
  std::vector<Key> keys;
  keys.reserve(findings.size());
  for (size_t i = 0; i < findings.size(); ++i) {
    const ir::Finding& f = findings[i];
    uint32_t file = f.span.file == ir::kNoFile ? 0 : rank[f.span.file];
    keys.push_back({file, f.span.begin.line, f.span.begin.column, f.rule, f.instance, i});
  }
  std::stable_sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.file, a.line, a.column, a.rule, a.instance) <
           std::tie(b.file, b.line, b.column, b.rule, b.instance);
  });
  // In place, cycle by cycle: a second vector of findings would be the
  // largest allocation of the run.
  std::vector<char> placed(findings.size(), 0);
  for (size_t start = 0; start < findings.size(); ++start) {
    if (placed[start] || keys[start].index == start) continue;
    ir::Finding held = std::move(findings[start]);
    size_t at = start;
    while (keys[at].index != start) {
      findings[at] = std::move(findings[keys[at].index]);
      placed[at] = 1;
      at = keys[at].index;
    }
    findings[at] = std::move(held);
    placed[at] = 1;
  }
}

}  // namespace

namespace phases {

bool resolve(Run& run, const std::vector<std::string>& paths) {
  const Workspace& workspace = run.engine.workspace();
  for (const std::string& path : paths) {
    std::optional<std::string> relative = workspace.relative(path);
    std::string problem;
    if (!relative)
      problem = "lies outside the repository root " + workspace.display("") + " (" + workspace.why +
                "); name a path inside it, or choose the root with --root";
    else if (!run.source.type_of(*relative) && !run.source.entry(*relative))
      // A link that leads outside the root, or nowhere, is there all the same:
      // the walk reports it as an input that could not be read.
      problem = "no such file or directory";
    if (!problem.empty()) {
      run.result.errors.push_back({ir::DiagnosticLevel::Error, {}, path, problem, false});
      run.result.usage_error = true;
      continue;
    }
    run.named.push_back(*relative);
  }
  if (paths.empty()) run.named.push_back("");
  return !run.result.usage_error;
}

Discovery discover(Run& run) {
  auto frontends = frontends::make_frontends();
  std::vector<frontends::Frontend*> offered;
  for (auto& f : frontends) offered.push_back(f.get());
  DiscoverOptions options{&run.engine.config(), run.engine.config_prefix(), run.named, run.jobs,
                          &run.timings};
  Discovery discovery = engine::discover(run.source, options, offered);
  for (const DiscoveredFile& f : discovery.files) run.result.stats.bytes += f.text.size();
  // A scan that reads nothing in what was named must not look like a clean one.
  bool read = std::any_of(discovery.files.begin(), discovery.files.end(), [&](const auto& f) {
    return std::any_of(run.named.begin(), run.named.end(),
                       [&](const std::string& named) { return path_within(f.relative, named); });
  });
  if (!read) {
    std::string why =
        discovery.skipped_named
            ? "everything here is excluded by the configuration or ignored by .gitignore"
        : std::any_of(discovery.errors.begin(), discovery.errors.end(),
                      [](const ir::Diagnostic& d) { return d.unanalyzable; })
            ? "what is here could not be read"
            : "nothing here is a file blastwall analyses";
    std::string shown;
    for (const std::string& named : run.named)
      shown += (shown.empty() ? "" : ", ") + run.engine.workspace().display(named);
    run.result.warnings.push_back(
        {ir::DiagnosticLevel::Warning, {}, shown, "no file was read: " + why, false});
  }
  return discovery;
}

void analyse_units(Run& run, Discovery discovery) {
  // Rules that read only their unit run in its thread; the unit then keeps
  // only what the repository rules may read. Findings are made only where
  // the named paths reach (elsewhere they are not even made).
  const RepositoryNeeds& needs = run.engine.needs();
  EvaluateOptions unit_rules = run.evaluate;
  if (!needs.rules.empty())  // else every rule is a unit rule: no lookup per evaluation
    unit_rules.runs = [&needs](const compiler::Rule& rule) { return !needs.repository_rule(rule); };
  const Engine& engine = run.engine;
  std::vector<std::string> unused;
  AnalyseContext context{
      run.source,
      engine.workspace(),
      engine.config(),
      engine.config_prefix(),
      engine.pack(),
      run.named,
      run.jobs,
      &run.timings,
      &unit_rules,
      &needs,
      &discovery.listed,
      [&run](std::string_view name) { return run.engine.frontend_settings(name, run.named); },
      &unused,
      &engine.data()};
  engine::analyse_units(context, std::move(discovery.files), run.result.model, run.result.findings);
  // A setting nothing used would pass silently: the run is a usage error.
  for (std::string& problem : unused) {
    run.result.errors.push_back(
        {ir::DiagnosticLevel::Error, {}, "blastwall", std::move(problem), false});
    run.result.usage_error = true;
  }
  add_walk_unit(context, std::move(discovery.errors), run.result.model, run.result.findings);
}

void repository(Run& run) {
  ir::Model& model = run.result.model;
  {
    ir::PhaseTimer timer(&run.timings, ir::Phase::Repository);
    build_repository(model, run.engine.pack().kinds());
  }
  // What rules read is properties: the few attributes left (those the
  // repository phase joined) are no longer needed.
  for (ir::ResourceId id : model.repository.cross_unit_links)
    model.resources[id].attributes = ir::Value();
}

void repository_rules(Run& run) {
  const RepositoryNeeds& needs = run.engine.needs();
  if (needs.rules.empty()) return;
  Scope scope = run.scope();
  EvaluateOptions options = run.evaluate;
  options.reports = [&scope](ir::FileId file, ir::UnitId unit) {
    return scope.reports(file, unit);
  };
  options.runs = [&needs](const compiler::Rule& rule) { return needs.repository_rule(rule); };
  std::vector<ir::Finding> wide = evaluate(run.result.model, run.engine.pack(), options);
  std::move(wide.begin(), wide.end(), std::back_inserter(run.result.findings));
}

void diagnostics_to_findings(Run& run) {
  ir::PhaseTimer timer(&run.timings, ir::Phase::Suppress);
  Result& result = run.result;
  // A file several units read reports a problem with itself (a syntax error) once.
  std::set<std::tuple<std::string_view, ir::FileId, uint32_t, std::string_view>> once;
  std::erase_if(result.findings, [&](const ir::Finding& f) {
    return f.category == "unanalyzable" &&
           !once.emplace(f.rule, f.span.file, f.span.begin.offset, f.message).second;
  });
  // A resource its configuration and a plan of it both report is one finding.
  merge_duplicate_findings(result.findings);
  Scope scope = run.scope();
  std::set<std::tuple<ir::FileId, uint32_t, std::string>> said;
  for (ir::Diagnostic& d : result.model.diagnostics) {
    if (!scope.reports(d.span.file, d.unit)) continue;
    if (!said.emplace(d.span.file, d.span.begin.offset, d.message).second) continue;
    (d.level == ir::DiagnosticLevel::Warning       ? result.warnings
     : d.level == ir::DiagnosticLevel::Limit       ? result.limits
     : d.level == ir::DiagnosticLevel::NotAnalysed ? result.not_analysed
                                                   : result.errors)
        .push_back(d);
  }
}

void suppress(Run& run) {
  ir::PhaseTimer timer(&run.timings, ir::Phase::Suppress);
  // Suppressions are read from the comments each file's frontend finds.
  auto frontends = frontends::make_frontends();
  apply_suppressions(run.result.model, reported_files(run),
                     comments_from_frontends(run.result.model, frontends), run.result.findings,
                     run.result.warnings);
}

void sort(Run& run) {
  ir::PhaseTimer timer(&run.timings, ir::Phase::Suppress);
  sort_findings(run.result.model, run.result.findings);
}

void stats(Run& run) {
  const ir::Model& model = run.result.model;
  Stats& stats = run.result.stats;
  // A file is counted when a frontend read it (not the walk's own errors).
  std::vector<std::string_view> frontend = frontend_of_files(model);
  std::map<std::string_view, size_t> per_frontend;
  for (ir::FileId id : reported_files(run))
    if (!frontend[id].empty()) {
      ++stats.files;
      ++per_frontend[frontend[id]];
    }
  for (const auto& [name, files] : per_frontend) stats.frontend_files.emplace_back(name, files);
  for (const ir::UnitInfo& unit : model.units) stats.resources += unit.reported;
  const compiler::RulePack& pack = run.engine.pack();
  for (const auto& rule : pack.rules())
    if (pack.enabled(*rule)) ++stats.rules;
  stats.units = model.units.size();
  stats.jobs = run.jobs;
  for (size_t p = 0; p < stats.phase_ms.size(); ++p)
    stats.phase_ms[p] = run.timings.milliseconds(static_cast<ir::Phase>(p));
  // The frontends' time includes their parsing, which they count apart.
  auto& evaluate_ms = stats.phase_ms[static_cast<size_t>(ir::Phase::Evaluate)];
  evaluate_ms = std::max(0.0, evaluate_ms - stats.phase_ms[static_cast<size_t>(ir::Phase::Parse)]);
  stats.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - run.start)
          .count();
}

}  // namespace phases

}  // namespace bw::engine
