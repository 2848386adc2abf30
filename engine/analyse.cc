#include "engine/analyse.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "engine/link.h"
#include "engine/normalise.h"
#include "engine/parallel.h"
#include "engine/repository.h"
#include "engine/scope.h"
#include "frontends/registry.h"
#include "ir/environment.h"
#include "ir/glob.h"

namespace bw::engine {

namespace {

// What a unit reads outside the root is refused; the user chooses the root.
constexpr const char* kOutsideRoot =
    "outside the repository root (to analyse it, choose a root that holds it with --root, or "
    "put a .blastwall.yaml there)";

// The configuration's globs first, then the words of the root-relative path,
// then (outside git, without configuration) the root's own name, so the
// directory blastwall runs from never changes a file's environment.
void assign_environment(ir::SourceFile& file, const AnalyseContext& context) {
  if (auto relative = config_relative(file.relative, context.config_prefix)) {
    for (const auto& [environment, globs] : context.config.environments)
      for (const std::string& glob : globs)
        if (ir::match_path_glob_or_below(glob, *relative)) {
          file.environment = environment;
          file.environment_reason = "configuration " + context.config.path;
          return;
        }
  }
  ir::EnvironmentGuess guess = ir::classify_path(file.relative);
  // Outside a repository, the root is only the scanned directory: its own
  // name counts, so scanning envs/prod from inside it still means prod.
  if (guess.environment.empty() && context.config.path.empty())
    guess = context.workspace.root_environment();
  file.environment = guess.environment;
  file.environment_reason = guess.reason;
}

// One unit's analysis: its own model over the run's shared files.
struct UnitRun {
  size_t frontend = 0;
  frontends::Unit unit;
  ir::Model model;
  std::set<ir::FileId> reached;
  bool selected = false;
  std::vector<ir::Finding> findings;  // of the unit rules
  size_t reported = 0;                // resources whose findings the run reports on
};

frontends::Context context_for(UnitRun& run, const AnalyseContext& context) {
  ir::Model& model = run.model;
  auto note = [&run](ir::FileId id) {
    if (std::find(run.unit.files.begin(), run.unit.files.end(), id) == run.unit.files.end())
      run.reached.insert(id);
  };
  return frontends::Context{
      model,
      [&model, &context, note](const std::string& path) -> frontends::Loaded {
        std::optional<std::string> relative = normalize_relative(path);
        if (!relative) return {ir::kNoFile, kOutsideRoot};
        if (std::optional<ir::FileId> known = model.sources.find(*relative)) {
          note(*known);
          return {*known, ""};
        }
        std::string text, error;
        if (!context.source.read(*relative, text, error)) return {ir::kNoFile, error};
        ir::FileId id = register_file(model.sources, context, *relative, std::move(text));
        note(id);
        return {id, ""};
      },
      [&context](const std::string& directory) -> frontends::Listed {
        std::optional<std::string> relative = normalize_relative(directory);
        if (!relative) return {{}, kOutsideRoot};
        if (context.listed)
          if (auto known = context.listed->find(*relative); known != context.listed->end())
            return {known->second, ""};
        std::vector<DirEntry> entries;
        std::string error;
        if (!context.source.list(*relative, entries, error)) return {{}, error};
        frontends::Listed listed;
        for (const DirEntry& e : entries)
          if (e.type == DirEntry::Type::File && (!e.link || !e.target.empty()))
            listed.names.push_back(e.name);
        return listed;
      },
      nullptr,
      context.config.limits,
      context.data};
}

// At most this many unanalyzable findings per file: past a few, more say
// nothing new, and the errors list still has every one.
constexpr size_t kMaxUnanalyzablePerFile = 10;

// Each problem that hides hazards becomes a resource of kind diagnostic, so
// that reporting it is an ordinary rule (BW001) users can see and configure:
// one per file, line and kind of error (a message's summary, before its
// first ": "), at most kMaxUnanalyzablePerFile per file, the last of which
// counts the rest.
void add_diagnostic_resources(ir::Model& model) {
  struct Group {
    const ir::Diagnostic* first;
    size_t more = 0;  // others of its kind on its line
  };
  std::vector<Group> groups;
  std::map<std::tuple<ir::FileId, uint32_t, std::string_view>, size_t> index;
  std::map<ir::FileId, size_t> per_file;                 // groups so far
  std::map<ir::FileId, std::pair<size_t, size_t>> over;  // last group kept; errors left out
  for (const ir::Diagnostic& d : model.diagnostics) {
    if (!d.unanalyzable || d.level != ir::DiagnosticLevel::Error || !d.span.valid()) continue;
    std::string_view kind = std::string_view(d.message).substr(0, d.message.find(": "));
    auto [at, added] = index.try_emplace({d.span.file, d.span.begin.line, kind}, groups.size());
    if (!added) {
      if (at->second != SIZE_MAX)
        ++groups[at->second].more;
      else
        ++over[d.span.file].second;
      continue;
    }
    if (per_file[d.span.file]++ >= kMaxUnanalyzablePerFile) {
      at->second = SIZE_MAX;
      ++over[d.span.file].second;
      continue;
    }
    over[d.span.file].first = groups.size();
    groups.push_back({&d});
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    const ir::Diagnostic& d = *groups[g].first;
    const ir::SourceFile& file = model.sources.file(d.span.file);
    std::string message = d.message;
    if (groups[g].more)
      message += " (and " + std::to_string(groups[g].more) + " more like it on this line)";
    auto [last, left_out] = over[d.span.file];
    if (left_out && last == g)
      message += " (and " + std::to_string(left_out) + " more errors in this file)";
    ir::Resource r;
    r.frontend = std::string(kWalkFrontend);
    r.provider_type = "blastwall_diagnostic";
    r.name = file.path;
    r.file = d.span.file;
    r.span = r.header_span = d.span;
    r.environment = file.environment;
    r.attributes.set("message", ir::Value::string(std::move(message), d.span));
    r.attributes.set("unanalyzable", ir::Value::boolean(true, d.span));
    model.add(std::move(r));
  }
}

// The unit's rules, in its thread: the unit is unit 0 of its own model, as
// the run will know it (its instance, files and whether it was named), and
// its findings are made only where the run reports.
void evaluate_unit(UnitRun& run, const AnalyseContext& context) {
  ir::Model& model = run.model;
  ir::UnitInfo self;
  self.instance = run.unit.instance;
  self.files = run.unit.files;
  self.selected = run.selected;
  self.end = static_cast<ir::ResourceId>(model.resources.size());
  model.units.push_back(std::move(self));
  for (ir::Resource& resource : model.resources) resource.unit = 0;
  Scope scope{context.named, model};
  EvaluateOptions options = *context.unit_rules;
  options.reports = [&scope](ir::FileId file, ir::UnitId unit) {
    return scope.reports(file, unit);
  };
  ir::PhaseTimer timer(context.timings, ir::Phase::Rules);
  evaluate_resources(model, context.pack, options, 0, self.end, run.findings);
  run.findings.shrink_to_fit();
  for (const ir::Resource& resource : model.resources)
    if (resource.frontend != kWalkFrontend && scope.reports(resource.file, 0)) ++run.reported;
  model.units.clear();
}

void finish_unit(UnitRun& run, const AnalyseContext& context) {
  add_diagnostic_resources(run.model);
  {
    ir::PhaseTimer timer(context.timings, ir::Phase::Normalise);
    normalise(run.model, context.pack.kinds());
  }
  {
    ir::PhaseTimer timer(context.timings, ir::Phase::Link);
    link(run.model, context.pack.kinds());
  }
  if (context.unit_rules) evaluate_unit(run, context);
  ir::PhaseTimer timer(context.timings, ir::Phase::Repository);
  if (context.needs) {
    const RepositoryNeeds& needs = *context.needs;
    index_unit(run.model, context.pack.kinds(),
               [&needs](const ir::Resource& resource) { return needs.keeps(resource); });
  } else {
    index_unit(run.model, context.pack.kinds());
  }
}

bool is_named(const ir::SourceFile& file, const std::vector<std::string>& named) {
  if (file.relative.empty()) return false;
  return std::any_of(named.begin(), named.end(),
                     [&](const std::string& n) { return path_within(file.relative, n); });
}

// Where a unit's resources and edges go in the run's model.
struct Placement {
  ir::ResourceId resources = 0;
  size_t edges = 0;
  size_t findings = 0;
};

// Moves a unit's findings, resources and edges into their places, already
// made in the run's, shifting their indexes; then frees the unit's. Units
// are placed in parallel: each writes only its own ranges.
void place(UnitRun& run, ir::UnitId unit, Placement at, ir::Model& model,
           std::vector<ir::Finding>& findings) {
  for (size_t i = 0; i < run.findings.size(); ++i) {
    run.findings[i].unit = unit;
    findings[at.findings + i] = std::move(run.findings[i]);
  }
  std::vector<ir::Finding>().swap(run.findings);
  for (size_t i = 0; i < run.model.edges.size(); ++i) {
    ir::Edge& edge = run.model.edges[i];
    edge.from += at.resources;
    edge.to += at.resources;
    model.edges[at.edges + i] = std::move(edge);
  }
  for (size_t i = 0; i < run.model.resources.size(); ++i) {
    ir::Resource& resource = run.model.resources[i];
    resource.unit = unit;
    for (size_t& index : resource.edges) index += at.edges;
    model.resources[at.resources + i] = std::move(resource);
  }
  std::vector<ir::Resource>().swap(run.model.resources);
  std::vector<ir::Edge>().swap(run.model.edges);
}

// What the unit adds to the run's model besides its resources: diagnostics,
// its share of the repository index, and its description. Serial, in unit order.
void record(UnitRun& run, std::string_view frontend, Placement at, size_t resources,
            ir::Model& model) {
  ir::UnitId unit = static_cast<ir::UnitId>(model.units.size());
  for (ir::Diagnostic& d : run.model.diagnostics) {
    d.unit = unit;
    model.diagnostics.push_back(std::move(d));
  }
  ir::RepositoryIndex& from = run.model.repository;
  ir::RepositoryIndex& to = model.repository;
  for (auto& [kind, ids] : from.by_kind) {
    std::vector<ir::ResourceId>& all = to.by_kind[kind];
    for (ir::ResourceId id : ids) all.push_back(id + at.resources);
  }
  for (auto& [literal, uses] : from.literals) {
    std::vector<ir::LiteralUse>& all = to.literals[literal];
    for (ir::LiteralUse& use : uses) all.push_back(std::move(use));
  }
  for (ir::ResourceId id : from.cross_unit_links) to.cross_unit_links.push_back(id + at.resources);
  ir::UnitInfo info;
  info.frontend = std::string(frontend);
  info.instance = run.unit.instance;
  info.files = run.unit.files;
  info.reached.assign(run.reached.begin(), run.reached.end());
  info.begin = at.resources;
  info.end = static_cast<ir::ResourceId>(at.resources + resources);
  info.selected = run.selected;
  info.reported = run.reported;
  model.units.push_back(std::move(info));
}

// Appends units to the run's model in order: places first (in parallel), then
// what is serial.
void merge(std::vector<std::unique_ptr<UnitRun>>& runs,
           const std::vector<std::string_view>& frontends, unsigned jobs, ir::Model& model,
           std::vector<ir::Finding>& findings) {
  std::vector<Placement> placements;
  std::vector<size_t> counts;
  Placement next{static_cast<ir::ResourceId>(model.resources.size()), model.edges.size(),
                 findings.size()};
  for (const auto& run : runs) {
    placements.push_back(next);
    counts.push_back(run->model.resources.size());
    next.resources += static_cast<ir::ResourceId>(run->model.resources.size());
    next.edges += run->model.edges.size();
    next.findings += run->findings.size();
  }
  model.resources.resize(next.resources);
  model.edges.resize(next.edges);
  findings.resize(next.findings);
  ir::UnitId first = static_cast<ir::UnitId>(model.units.size());
  parallel_for(runs.size(), jobs, [&](size_t i) {
    place(*runs[i], first + static_cast<ir::UnitId>(i), placements[i], model, findings);
  });
  for (size_t i = 0; i < runs.size(); ++i)
    record(*runs[i], frontends[i], placements[i], counts[i], model);
}

// A file ready to add to the sources: display path, environment, lines.
ir::SourceFile prepare_file(const AnalyseContext& context, const std::string& relative,
                            std::string text) {
  ir::SourceFile file;
  file.path = context.workspace.display(relative);
  file.relative = relative;
  file.text = std::move(text);
  assign_environment(file, context);
  file.index_lines();
  return file;
}

}  // namespace

ir::FileId register_file(ir::SourceManager& sources, const AnalyseContext& context,
                         const std::string& relative, std::string text) {
  return sources.add(prepare_file(context, relative, std::move(text)));
}

void analyse_units(const AnalyseContext& context, std::vector<DiscoveredFile> files,
                   ir::Model& model, std::vector<ir::Finding>& findings) {
  // Files are prepared in parallel and added in path order, so ids never
  // depend on scheduling.
  std::vector<ir::SourceFile> prepared(files.size());
  parallel_for(files.size(), context.jobs, [&](size_t i) {
    prepared[i] = prepare_file(context, files[i].relative, std::move(files[i].text));
  });
  auto planners = frontends::make_frontends();
  std::vector<std::vector<ir::FileId>> claimed(planners.size());
  for (size_t i = 0; i < files.size(); ++i)
    claimed[files[i].frontend].push_back(model.sources.add(std::move(prepared[i])));
  std::vector<ir::SourceFile>().swap(prepared);

  // Frontends plan in name order, so units (and what follows from their
  // order) never depend on the order frontends were registered in.
  std::vector<size_t> by_name(planners.size());
  for (size_t i = 0; i < by_name.size(); ++i) by_name[i] = i;
  std::sort(by_name.begin(), by_name.end(),
            [&](size_t a, size_t b) { return planners[a]->name() < planners[b]->name(); });
  std::vector<std::unique_ptr<UnitRun>> runs;
  ir::PhaseTimer plan_timer(context.timings, ir::Phase::Plan);
  for (size_t i : by_name) {
    if (claimed[i].empty()) continue;
    if (context.settings) {
      // Checked when the engine loaded: what is refused here was refused then.
      std::vector<frontends::SettingError> refused;
      planners[i]->configure(context.settings(planners[i]->name()), refused);
    }
    for (frontends::Unit& unit : planners[i]->plan_units(claimed[i], model.sources)) {
      auto run = std::make_unique<UnitRun>();
      run->frontend = i;
      run->unit = std::move(unit);
      run->model.sources = model.sources.share();
      for (ir::FileId id : run->unit.files)
        if (is_named(model.sources.file(id), context.named)) run->selected = true;
      runs.push_back(std::move(run));
    }
    if (context.unused_settings)
      for (std::string& problem : planners[i]->unused_settings())
        context.unused_settings->push_back(std::move(problem));
  }
  plan_timer.stop();

  // Units are independent: analyse them in parallel, each thread with its own frontends.
  parallel_for_each_thread(
      runs.size(), context.jobs, frontends::make_frontends, [&](auto& frontends, size_t i) {
        UnitRun& run = *runs[i];
        frontends::Context unit_context = context_for(run, context);
        unit_context.timings = context.timings;
        try {
          // Parse time is the frontend's to add; the rest of this is evaluation.
          ir::PhaseTimer timer(context.timings, ir::Phase::Evaluate);
          frontends[run.frontend]->analyze(run.unit, unit_context);
        } catch (const std::exception& e) {
          // A frontend bug must not cost the other units their results.
          ir::Span span = run.model.sources.file(run.unit.files.front()).span(0, 0);
          run.model.error(span,
                          std::string("internal error while analysing this unit: ") + e.what());
        }
        finish_unit(run, context);
      });

  std::vector<std::string_view> names;
  for (const auto& run : runs) names.push_back(planners[run->frontend]->name());
  merge(runs, names, context.jobs, model, findings);
}

void add_walk_unit(const AnalyseContext& context, std::vector<ir::Diagnostic> diagnostics,
                   ir::Model& model, std::vector<ir::Finding>& findings) {
  UnitRun run;
  run.model.sources = model.sources.share();
  for (ir::Diagnostic& d : diagnostics) {
    if (!d.span.valid()) {
      // Registered after every unit ran, so a unit that loads the path reads it
      // itself and reports its own error at the place that needed it.
      std::string relative = d.path;
      ir::FileId id = register_file(model.sources, context, relative, "");
      d.span = model.sources.file(id).span(0, 0);
      d.path = model.sources.file(id).path;
      run.unit.files.push_back(id);
      if (is_named(model.sources.file(id), context.named)) run.selected = true;
    }
    run.model.diagnostics.push_back(std::move(d));
  }
  run.unit.instance = "";
  finish_unit(run, context);
  std::vector<std::unique_ptr<UnitRun>> runs;
  runs.push_back(std::make_unique<UnitRun>(std::move(run)));
  merge(runs, {kWalkFrontend}, 1, model, findings);
}

std::vector<std::string_view> frontend_of_files(const ir::Model& model) {
  std::vector<std::string_view> frontend(model.sources.size());
  for (bool own : {true, false})
    for (const ir::UnitInfo& unit : model.units) {
      if (unit.frontend == kWalkFrontend) continue;
      for (ir::FileId id : own ? unit.files : unit.reached)
        if (id < frontend.size() && frontend[id].empty()) frontend[id] = unit.frontend;
    }
  return frontend;
}

}  // namespace bw::engine
