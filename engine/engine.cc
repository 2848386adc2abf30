#include "engine/engine.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>
#include <tuple>

#include "engine/analyse.h"
#include "engine/discover.h"
#include "engine/evaluate.h"
#include "engine/parallel.h"
#include "engine/repository.h"
#include "engine/scope.h"
#include "engine/suppress.h"
#include "rules/embedded.h"

namespace bw::engine {

namespace fs = std::filesystem;

Engine::Engine() = default;
Engine::~Engine() = default;

namespace {

std::vector<fs::path> yaml_files(const fs::path& directory) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    std::string ext = it->path().extension().string();
    if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The built-in pack parsed as YAML on two threads: parsing is most of what
// start-up costs, and the files are independent. A file that does not parse
// is left to the compiler, which reports it.
std::vector<std::shared_ptr<const YAML::Node>> parse_embedded(
    const std::vector<rules::EmbeddedFile>& files) {
  std::vector<std::shared_ptr<const YAML::Node>> parsed(files.size());
  auto parse = [&](size_t first, size_t step) {
    for (size_t i = first; i < files.size(); i += step) {
      try {
        parsed[i] = std::make_shared<const YAML::Node>(YAML::Load(files[i].text));
      } catch (const YAML::Exception&) {
      }
    }
  };
  std::thread other(parse, 1, 2);
  parse(0, 2);
  other.join();
  return parsed;
}

}  // namespace

// A rule directory in three passes, like the built-in pack: kinds/, shared/, then rules.
bool Engine::load_rule_directory(const std::string& directory,
                                 std::vector<compiler::CompileError>& errors, int pass) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    if (pass == 0)
      errors.push_back({display_path(directory), 0, 0, "rule directory does not exist"});
    return false;
  }
  static const char* kFolders[] = {"kinds", "shared", ""};
  fs::path folder = pass == 2 ? fs::path(directory) : fs::path(directory) / kFolders[pass];
  bool ok = true;
  for (const fs::path& file : yaml_files(folder)) {
    compiler::SourceText text{display_path(file.string()), ""};
    if (!read_file(file.string(), text.text)) {
      errors.push_back({text.path, 0, 0, "cannot read rule file"});
      ok = false;
      continue;
    }
    ok &= pass == 0   ? pack_.add_kinds(text, errors)
          : pass == 1 ? pack_.add_shared(text, errors)
                      : pack_.add_rule(text, false, errors);
  }
  return ok;
}

// The configuration's parameter values, checked against their declarations.
bool Engine::apply_parameters(std::vector<compiler::CompileError>& errors) {
  bool ok = true;
  for (const Config::Parameter& p : config_.parameters) {
    compiler::Global* declared = pack_.globals().parameter(p.name);
    if (!declared) {
      std::string hint = compiler::closest_match(p.name, pack_.globals().parameter_names());
      errors.push_back({config_.path, p.line, p.column,
                        "no rule reads a parameter '" + p.name + "'" +
                            (hint.empty() ? "" : "; did you mean '" + hint + "'?")});
      ok = false;
      continue;
    }
    auto value = compiler::value_of_type(p.value, declared->type, ir::Provenance::Literal);
    if (!value) {
      errors.push_back({config_.path, p.line, p.column,
                        "parameter '" + p.name + "' must be a " + declared->type.describe()});
      ok = false;
      continue;
    }
    declared->value = std::move(*value);
  }
  return ok;
}

bool Engine::load(const Options& options, std::vector<compiler::CompileError>& errors) {
  options_ = options;
  std::string error;
  if (!find_workspace(options.paths, options.root, workspace_, error)) {
    errors.push_back({"", 0, 0, error});
    return false;
  }

  std::string config_path = options.config_path;
  if (config_path.empty()) config_path = find_config(workspace_.root);
  if (!config_path.empty()) {
    std::string text;
    if (!read_file(config_path, text)) {
      errors.push_back({display_path(config_path), 0, 0, "cannot read configuration file"});
      return false;
    }
    size_t before = errors.size();
    config_ = parse_config(display_path(config_path), text, errors);
    config_.directory = display_path(fs::path(config_path).parent_path().string());
    if (errors.size() > before) return false;
    std::error_code ec;
    std::string directory =
        fs::weakly_canonical(fs::absolute(config_path, ec).parent_path(), ec).generic_string();
    fs::path prefix = fs::path(directory).lexically_relative(workspace_.root);
    config_prefix_ = prefix.generic_string() == "." ? "" : prefix.generic_string();
  }

  std::vector<std::string> directories;
  if (!config_.path.empty()) {
    fs::path local = fs::path(config_.directory) / ".blastwall" / "rules";
    std::error_code ec;
    if (fs::is_directory(local, ec)) directories.push_back(local.string());
    for (const std::string& d : config_.rule_directories)
      directories.push_back((fs::path(config_.directory) / d).string());
  }
  directories.insert(directories.end(), options.rule_directories.begin(),
                     options.rule_directories.end());

  // Built-in files first, then the user's; in each, kinds, shared, rules.
  bool ok = true;
  const auto& embedded = rules::embedded_files();
  std::vector<std::shared_ptr<const YAML::Node>> parsed = parse_embedded(embedded);
  for (int pass = 0; pass < 3; ++pass) {
    for (size_t i = 0; i < embedded.size(); ++i) {
      const auto& file = embedded[i];
      rules::FileRole role = rules::role_of(file.path);
      compiler::SourceText text{file.path, file.text, parsed[i]};
      if (pass == 0 && role == rules::FileRole::Kinds) ok &= pack_.add_kinds(text, errors);
      if (pass == 1 && role == rules::FileRole::Shared) ok &= pack_.add_shared(text, errors);
      if (pass == 2 && role == rules::FileRole::Rule && options.builtin_rules)
        ok &= pack_.add_rule(text, true, errors);
    }
    for (const std::string& d : directories) ok &= load_rule_directory(d, errors, pass);
    if (pass == 0) ok &= pack_.check_kinds(errors);
    if (pass == 1) ok &= apply_parameters(errors);
  }

  for (const std::string& id : config_.disabled_rules) {
    if (!pack_.find(id))
      errors.push_back({config_.path, 0, 0, "rules.disable names unknown rule " + id});
    pack_.disable(id);
  }
  for (const auto& [id, severity] : config_.severity_overrides)
    if (!pack_.set_severity(id, severity))
      errors.push_back({config_.path, 0, 0, "rules.severity names unknown rule " + id});
  pack_.finish();
  repository_needs_ = repository_needs(pack_);
  return ok && errors.empty();
}

namespace {

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

Result Engine::run(const Inputs& inputs) const {
  auto start = std::chrono::steady_clock::now();
  Result result;
  std::unique_ptr<DiskSource> disk;
  const Source* source = inputs.source;
  if (!source) {
    disk = std::make_unique<DiskSource>(workspace_.root);
    source = disk.get();
  }

  // The named paths, root-relative; each must exist and lie in the root.
  std::vector<std::string> named;
  for (const std::string& path : inputs.paths) {
    std::optional<std::string> relative = workspace_.relative(path);
    std::string problem;
    if (!relative)
      problem = "lies outside the repository root " + workspace_.root + " (" + workspace_.why +
                "); name a path inside it, or choose the root with --root";
    else if (!source->type_of(*relative))
      problem = "no such file or directory";
    if (!problem.empty()) {
      result.errors.push_back({ir::DiagnosticLevel::Error, {}, path, problem, false});
      result.usage_error = true;
      continue;
    }
    named.push_back(*relative);
  }
  if (inputs.paths.empty()) named.push_back("");
  if (result.usage_error) return result;

  unsigned jobs = options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
  ir::Timings timings;
  auto frontends = make_frontends();
  std::vector<frontends::Frontend*> offered;
  for (auto& f : frontends) offered.push_back(f.get());
  DiscoverOptions discover_options{&config_, config_prefix_, named, jobs, &timings};
  Discovery discovery = discover(*source, discover_options, offered);
  for (const DiscoveredFile& f : discovery.files) result.stats.bytes += f.text.size();

  // Rules that read only their unit run in its thread; the unit then keeps
  // only what the repository rules may read. Findings are made only where
  // the named paths reach (elsewhere they are not even made).
  EvaluateOptions evaluate_options;
  evaluate_options.report_unknown =
      options_.report_unknown.value_or(config_.report_unknown.value_or(false));
  evaluate_options.jobs = jobs;
  evaluate_options.timings = &timings;
  const RepositoryNeeds& needs = repository_needs_;
  EvaluateOptions unit_rules = evaluate_options;
  if (!needs.rules.empty())  // else every rule is a unit rule: no lookup per evaluation
    unit_rules.runs = [&needs](const compiler::Rule& rule) { return !needs.repository_rule(rule); };

  AnalyseContext context{*source, workspace_, config_,  config_prefix_, pack_,
                         named,   jobs,       &timings, &unit_rules,    &needs};
  ir::Model& model = result.model;
  analyse_units(context, std::move(discovery.files), model, result.findings);
  add_walk_unit(context, std::move(discovery.errors), model, result.findings);
  {
    ir::PhaseTimer timer(&timings, ir::Phase::Repository);
    build_repository(model, pack_.kinds());
  }

  Scope scope{named, model};
  // What rules read is properties: the few attributes left (those the
  // repository phase joined) are no longer needed.
  for (ir::ResourceId id : model.repository.cross_unit_links)
    model.resources[id].attributes = ir::Value();
  if (!needs.rules.empty()) {
    evaluate_options.reports = [&scope](ir::FileId file, ir::UnitId unit) {
      return scope.reports(file, unit);
    };
    evaluate_options.runs = [&needs](const compiler::Rule& rule) {
      return needs.repository_rule(rule);
    };
    std::vector<ir::Finding> wide = evaluate(model, pack_, evaluate_options);
    std::move(wide.begin(), wide.end(), std::back_inserter(result.findings));
  }
  ir::PhaseTimer suppress_timer(&timings, ir::Phase::Suppress);

  // A file several units read reports a problem with itself (a syntax error) once.
  std::set<std::tuple<std::string_view, ir::FileId, uint32_t, std::string_view>> once;
  std::erase_if(result.findings, [&](const ir::Finding& f) {
    return f.category == "unanalyzable" &&
           !once.emplace(f.rule, f.span.file, f.span.begin.offset, f.message).second;
  });
  std::set<std::tuple<ir::FileId, uint32_t, std::string>> said;
  for (ir::Diagnostic& d : model.diagnostics) {
    if (!scope.reports(d.span.file, d.unit)) continue;
    if (!said.emplace(d.span.file, d.span.begin.offset, d.message).second) continue;
    (d.level == ir::DiagnosticLevel::Warning ? result.warnings : result.errors).push_back(d);
  }

  // The files reported on: named, or reached by a unit that was.
  std::vector<char> reached(model.sources.size(), 0), analysed(model.sources.size(), 0);
  for (const ir::UnitInfo& unit : model.units) {
    if (unit.frontend == "engine") continue;
    for (ir::FileId id : unit.files) analysed[id] = 1;
    for (ir::FileId id : unit.reached) {
      analysed[id] = 1;
      if (unit.selected) reached[id] = 1;
    }
  }
  std::vector<ir::FileId> files;
  for (ir::FileId id = 0; id < model.sources.size(); ++id)
    if (reached[id] || scope.named_file(id)) files.push_back(id);
  apply_suppressions(model, files, comments_from_frontends(model, frontends), result.findings,
                     result.warnings);

  sort_findings(model, result.findings);

  for (ir::FileId id : files) result.stats.files += analysed[id];
  for (const ir::UnitInfo& unit : model.units) result.stats.resources += unit.reported;
  for (const auto& rule : pack_.rules())
    if (pack_.enabled(*rule)) ++result.stats.rules;
  result.stats.units = model.units.size();
  result.stats.jobs = jobs;
  suppress_timer.stop();
  for (size_t p = 0; p < result.stats.phase_ms.size(); ++p)
    result.stats.phase_ms[p] = timings.milliseconds(static_cast<ir::Phase>(p));
  // The frontends' time includes their parsing, which they count apart.
  auto& evaluate_ms = result.stats.phase_ms[static_cast<size_t>(ir::Phase::Evaluate)];
  evaluate_ms =
      std::max(0.0, evaluate_ms - result.stats.phase_ms[static_cast<size_t>(ir::Phase::Parse)]);
  result.stats.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace bw::engine
