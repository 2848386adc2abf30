#include "engine/analyse.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "engine/glob.h"
#include "engine/link.h"
#include "engine/normalise.h"
#include "engine/repository.h"
#include "frontends/terraform/terraform_frontend.h"
#include "ir/environment.h"

namespace bw::engine {

std::vector<std::unique_ptr<frontends::Frontend>> make_frontends() {
  std::vector<std::unique_ptr<frontends::Frontend>> all;
  all.push_back(frontends::terraform::make_terraform_frontend());
  return all;
}

namespace {

// The configuration's globs first, then the words of the root-relative path,
// so the directory blastwall runs from never changes a file's environment.
void assign_environment(ir::SourceFile& file, const AnalyseContext& context) {
  if (auto relative = config_relative(file.relative, context.config_prefix)) {
    for (const auto& [environment, globs] : context.config.environments)
      for (const std::string& glob : globs)
        if (glob_match(glob, *relative) || glob_match(glob + "/**", *relative)) {
          file.environment = environment;
          file.environment_reason = "configuration " + context.config.path;
          return;
        }
  }
  ir::EnvironmentGuess guess = ir::classify_path(file.relative);
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
        if (!relative) return {ir::kNoFile, "outside the repository root"};
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
        if (!relative) return {{}, "outside the repository root"};
        std::vector<DirEntry> entries;
        std::string error;
        if (!context.source.list(*relative, entries, error)) return {{}, error};
        frontends::Listed listed;
        for (const DirEntry& e : entries)
          if (e.type == DirEntry::Type::File && (!e.link || !e.target.empty()))
            listed.names.push_back(e.name);
        return listed;
      }};
}

// Each problem that hides hazards becomes a resource of kind diagnostic, so
// that reporting it is an ordinary rule (BW001) users can see and configure.
void add_diagnostic_resources(ir::Model& model) {
  for (const ir::Diagnostic& d : model.diagnostics) {
    if (!d.unanalyzable || d.level != ir::DiagnosticLevel::Error || !d.span.valid()) continue;
    const ir::SourceFile& file = model.sources.file(d.span.file);
    ir::Resource r;
    r.frontend = "engine";
    r.provider_type = "blastwall_diagnostic";
    r.name = file.path;
    r.file = d.span.file;
    r.span = r.header_span = d.span;
    r.environment = file.environment;
    r.attributes.set("message", ir::Value::string(d.message, d.span));
    r.attributes.set("unanalyzable", ir::Value::boolean(true, d.span));
    model.add(std::move(r));
  }
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
  ir::PhaseTimer timer(context.timings, ir::Phase::Repository);
  index_unit(run.model, context.pack.kinds());
}

bool is_named(const ir::SourceFile& file, const std::vector<std::string>& named) {
  if (file.relative.empty()) return false;
  return std::any_of(named.begin(), named.end(),
                     [&](const std::string& n) { return path_within(file.relative, n); });
}

// Appends a unit's resources, edges and diagnostics to the run's model,
// moving its resource and edge indexes past what is already there.
void merge(UnitRun& run, std::string_view frontend, ir::Model& model) {
  ir::UnitId unit = static_cast<ir::UnitId>(model.units.size());
  ir::ResourceId offset = static_cast<ir::ResourceId>(model.resources.size());
  size_t edge_offset = model.edges.size();
  for (ir::Edge& edge : run.model.edges) {
    edge.from += offset;
    edge.to += offset;
    model.edges.push_back(std::move(edge));
  }
  for (ir::Resource& resource : run.model.resources) {
    resource.unit = unit;
    for (size_t& index : resource.edges) index += edge_offset;
    model.resources.push_back(std::move(resource));
  }
  for (ir::Diagnostic& d : run.model.diagnostics) {
    d.unit = unit;
    model.diagnostics.push_back(std::move(d));
  }
  for (auto& [literal, uses] : run.model.repository.literals) {
    std::vector<ir::LiteralUse>& all = model.repository.literals[literal];
    for (ir::LiteralUse& use : uses) {
      use.resource += offset;
      all.push_back(std::move(use));
    }
  }
  ir::UnitInfo info;
  info.frontend = std::string(frontend);
  info.instance = run.unit.instance;
  info.files = run.unit.files;
  info.reached.assign(run.reached.begin(), run.reached.end());
  info.begin = offset;
  info.end = static_cast<ir::ResourceId>(model.resources.size());
  info.selected = run.selected;
  model.units.push_back(std::move(info));
}

}  // namespace

ir::FileId register_file(ir::SourceManager& sources, const AnalyseContext& context,
                         const std::string& relative, std::string text) {
  ir::SourceFile file;
  file.path = context.workspace.display(relative);
  file.relative = relative;
  file.text = std::move(text);
  assign_environment(file, context);
  return sources.add(std::move(file));
}

void analyse_units(const AnalyseContext& context, std::vector<DiscoveredFile> files,
                   ir::Model& model) {
  auto planners = make_frontends();
  std::vector<std::vector<ir::FileId>> claimed(planners.size());
  for (DiscoveredFile& f : files)
    claimed[f.frontend].push_back(
        register_file(model.sources, context, f.relative, std::move(f.text)));

  std::vector<std::unique_ptr<UnitRun>> runs;
  ir::PhaseTimer plan_timer(context.timings, ir::Phase::Plan);
  for (size_t i = 0; i < planners.size(); ++i) {
    if (claimed[i].empty()) continue;
    for (frontends::Unit& unit : planners[i]->plan_units(claimed[i], model.sources)) {
      auto run = std::make_unique<UnitRun>();
      run->frontend = i;
      run->unit = std::move(unit);
      run->model.sources = model.sources.share();
      for (ir::FileId id : run->unit.files)
        if (is_named(model.sources.file(id), context.named)) run->selected = true;
      runs.push_back(std::move(run));
    }
  }

  plan_timer.stop();

  // Units are independent: analyse them in parallel, each thread with its own frontends.
  unsigned jobs =
      std::max(1u, std::min<unsigned>(context.jobs, static_cast<unsigned>(runs.size())));
  std::atomic<size_t> next{0};
  auto worker = [&] {
    auto frontends = make_frontends();
    for (size_t i; (i = next++) < runs.size();) {
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
        run.model.error(span, std::string("internal error while analysing this unit: ") + e.what());
      }
      finish_unit(run, context);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();

  // Reserved once, and each unit's model freed as soon as it is merged: the
  // run's resources are never held twice, nor copied by a growing vector.
  size_t resources = model.resources.size(), edges = model.edges.size();
  for (const auto& run : runs) {
    resources += run->model.resources.size();
    edges += run->model.edges.size();
  }
  model.resources.reserve(resources);
  model.edges.reserve(edges);
  for (auto& run : runs) {
    merge(*run, planners[run->frontend]->name(), model);
    run.reset();
  }
}

void add_walk_unit(const AnalyseContext& context, std::vector<ir::Diagnostic> diagnostics,
                   ir::Model& model) {
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
  merge(run, "engine", model);
}

}  // namespace bw::engine
