#include "engine/engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "engine/discover.h"
#include "engine/environment.h"
#include "engine/evaluate.h"
#include "engine/glob.h"
#include "engine/link.h"
#include "engine/normalise.h"
#include "engine/suppress.h"
#include "frontends/terraform/terraform_frontend.h"
#include "rules/embedded.h"

namespace bw::engine {

namespace fs = std::filesystem;

// Every frontend, in the order they are offered files. Each analysing thread
// makes its own set: frontends keep parser state.
static std::vector<std::unique_ptr<frontends::Frontend>> make_frontends() {
  std::vector<std::unique_ptr<frontends::Frontend>> all;
  all.push_back(frontends::terraform::make_terraform_frontend());
  return all;
}

Engine::Engine() : frontends_(make_frontends()) {}
Engine::~Engine() = default;

static bool is_yaml(const fs::path& p) {
  return p.extension() == ".yaml" || p.extension() == ".yml";
}

static std::vector<fs::path> yaml_files(const fs::path& directory) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && is_yaml(it->path())) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

bool Engine::load_rule_directory(const std::string& directory,
                                 std::vector<compiler::CompileError>& errors, bool kinds_only) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    errors.push_back({display_path(directory), 0, 0, "rule directory does not exist"});
    return false;
  }
  bool ok = true;
  // A rule directory may bring its own kinds in kinds/, compiled before any rule.
  const fs::path source = kinds_only ? fs::path(directory) / "kinds" : fs::path(directory);
  for (const fs::path& file : yaml_files(source)) {
    compiler::SourceText text{display_path(file.string()), ""};
    if (!read_file(file.string(), text.text)) {
      errors.push_back({text.path, 0, 0, "cannot read rule file"});
      ok = false;
      continue;
    }
    ok &= kinds_only ? pack_.add_kinds(text, errors) : pack_.add_rule(text, false, errors);
  }
  return ok;
}

bool Engine::load(const Options& options, std::vector<compiler::CompileError>& errors) {
  options_ = options;
  bool ok = true;

  std::string config_path = options.config_path;
  if (config_path.empty() && !options.paths.empty()) config_path = find_config(options.paths[0]);
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

  // Kinds first, built-in then the user's, because rules compile against all of them.
  const auto& embedded = rules::embedded_files();
  for (const auto& file : embedded)
    if (rules::is_kinds_file(file.path)) ok &= pack_.add_kinds({file.path, file.text}, errors);
  for (const std::string& d : directories) {
    std::error_code ec;
    if (fs::is_directory(fs::path(d) / "kinds", ec)) ok &= load_rule_directory(d, errors, true);
  }
  ok &= pack_.check_kinds(errors);
  if (options.builtin_rules)
    for (const auto& file : embedded)
      if (!rules::is_kinds_file(file.path))
        ok &= pack_.add_rule({file.path, file.text}, true, errors);
  for (const std::string& d : directories) ok &= load_rule_directory(d, errors, false);

  for (const std::string& id : config_.disabled_rules) {
    if (!pack_.find(id))
      errors.push_back({config_.path, 0, 0, "rules.disable names unknown rule " + id});
    pack_.disable(id);
  }
  for (const auto& [id, severity] : config_.severity_overrides)
    if (!pack_.set_severity(id, severity))
      errors.push_back({config_.path, 0, 0, "rules.severity names unknown rule " + id});
  pack_.finish();
  return ok && errors.empty();
}

// The configuration's environment globs first, then the path's own words.
static void assign_environment(ir::SourceFile& file, const Config& config) {
  if (!config.environments.empty()) {
    std::error_code ec;
    std::string relative =
        fs::absolute(file.path, ec)
            .lexically_normal()
            .lexically_relative(fs::absolute(config.directory, ec).lexically_normal())
            .generic_string();
    for (const auto& [environment, globs] : config.environments)
      for (const std::string& glob : globs)
        if (glob_match(glob, relative) || glob_match(glob + "/**", relative)) {
          file.environment = environment;
          file.environment_reason = "configuration " + config.path;
          return;
        }
  }
  EnvironmentGuess guess = classify_path(file.path);
  file.environment = guess.environment;
  file.environment_reason = guess.reason;
}

namespace {

// One unit's analysis: its own model over the run's shared files, and the
// directories it read local modules from.
struct UnitWork {
  size_t frontend = 0;
  frontends::Unit unit;
  std::string root;  // the scanned path the unit was found under
  ir::Model output;
  std::set<std::string> module_directories;
};

// Frontends reach other files (local modules) only through these callbacks,
// and only below the scanned root, never through a link.
frontends::Context context_for(UnitWork& work) {
  auto inside = [root = work.root](const std::string& path, fs::path& resolved) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    if (ec) return false;
    resolved = fs::weakly_canonical(absolute, ec);
    if (ec) return false;
    std::string text = resolved.string();
    return text == root || text.rfind(root + "/", 0) == 0;
  };
  ir::Model& model = work.output;
  std::set<std::string>& modules = work.module_directories;
  return frontends::Context{
      model,
      [&model, &modules, inside](const std::string& path) -> std::optional<ir::FileId> {
        fs::path resolved;
        std::error_code ec;
        if (!inside(path, resolved) || fs::is_symlink(path, ec) ||
            !fs::is_regular_file(resolved, ec))
          return std::nullopt;
        std::string shown = display_path(resolved.string());
        modules.insert(fs::path(shown).parent_path().generic_string());
        // A file the scan already read is the same file: one copy, one set of suppressions.
        if (auto existing = model.sources.find(shown)) return existing;
        std::string text;
        if (!read_file(resolved.string(), text)) return std::nullopt;
        return model.sources.add(shown, std::move(text));
      },
      [inside](const std::string& directory) {
        std::vector<std::string> names;
        fs::path resolved;
        if (!inside(directory, resolved)) return names;
        std::error_code ec;
        for (fs::directory_iterator it(resolved, ec), end; !ec && it != end; it.increment(ec))
          if (!it->is_symlink() && it->is_regular_file())
            names.push_back(it->path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
      }};
}

}  // namespace

void Engine::analyse(ir::Model& model, std::vector<DiscoveredFile> files) {
  // Units: one per frontend and directory (a Terraform module is a directory).
  std::map<std::pair<size_t, std::string>, size_t> index;
  std::vector<std::unique_ptr<UnitWork>> work;
  for (DiscoveredFile& f : files) {
    ir::FileId id = model.sources.add(f.path, std::move(f.text));
    assign_environment(model.sources.file(id), config_);
    std::string directory = fs::path(f.path).parent_path().generic_string();
    if (directory.empty()) directory = ".";
    auto [it, fresh] = index.emplace(std::make_pair(f.frontend, directory), work.size());
    if (fresh) {
      work.push_back(std::make_unique<UnitWork>());
      work.back()->frontend = f.frontend;
      work.back()->unit.directory = directory;
      work.back()->root = f.root;
      work.back()->output.sources = model.sources.share();
    }
    work[it->second]->unit.files.push_back(id);
  }

  // Parsing dominates a scan, and units are independent: analyse them in parallel.
  unsigned jobs = options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, static_cast<unsigned>(work.size()));
  std::atomic<size_t> next{0};
  auto worker = [&] {
    auto frontends = make_frontends();
    for (size_t i; (i = next++) < work.size();) {
      UnitWork& w = *work[i];
      frontends::Context context = context_for(w);
      try {
        frontends[w.frontend]->analyze(w.unit, context);
      } catch (const std::exception& e) {
        // A frontend bug must not cost the other units their results.
        ir::Span span = w.output.sources.file(w.unit.files.front()).span(0, 0);
        w.output.error(span,
                       std::string("internal error while analysing this directory: ") + e.what());
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();

  // A directory another unit called as a local module is analysed there, with
  // the caller's arguments; analysed again on its own it would report twice.
  std::set<std::tuple<ir::FileId, uint32_t, std::string>> reported;
  std::set<std::string> called;
  for (const auto& w : work)
    for (const std::string& d : w->module_directories)
      if (d != w->unit.directory) called.insert(d);
  for (size_t i = 0; i < work.size(); ++i) {
    UnitWork& w = *work[i];
    if (called.count(w.unit.directory)) continue;
    for (ir::Resource& r : w.output.resources) {
      r.unit = static_cast<uint32_t>(i);
      model.resources.push_back(std::move(r));
    }
    // A module read by several units reports its syntax errors through each: keep one.
    for (ir::Diagnostic& d : w.output.diagnostics)
      if (reported.emplace(d.span.file, d.span.begin.offset, d.message).second)
        model.diagnostics.push_back(std::move(d));
  }
  // Files a frontend loaded itself take the environment of their own path.
  for (size_t id = 0; id < model.sources.size(); ++id) {
    ir::SourceFile& file = model.sources.file(static_cast<ir::FileId>(id));
    if (file.environment.empty() && file.environment_reason.empty())
      assign_environment(file, config_);
  }
}

// Each problem that hides hazards becomes a resource of kind diagnostic, so
// that reporting it is an ordinary rule (BW001) users can see and configure.
static void add_diagnostic_resources(ir::Model& model) {
  for (const ir::Diagnostic& d : model.diagnostics) {
    if (!d.unanalyzable || d.level != ir::DiagnosticLevel::Error) continue;
    ir::Span span = d.span;
    if (!span.valid()) {
      ir::FileId id = model.sources.add(d.path, "");
      span = model.sources.file(id).span(0, 0);
    }
    ir::Resource r;
    r.frontend = "engine";
    r.provider_type = "blastwall_diagnostic";
    r.name = model.sources.file(span.file).path;
    r.file = span.file;
    r.span = r.header_span = span;
    r.environment = model.sources.file(span.file).environment;
    r.attributes.set("message", ir::Value::string(d.message, span));
    r.attributes.set("unanalyzable", ir::Value::boolean(true, span));
    model.add(std::move(r));
  }
}

Result Engine::run() {
  auto start = std::chrono::steady_clock::now();
  Result result;
  std::vector<frontends::Frontend*> frontends;
  for (auto& f : frontends_) frontends.push_back(f.get());

  Discovery discovery = discover(options_.paths, config_, frontends);
  for (ir::Diagnostic& d : discovery.errors) result.model.diagnostics.push_back(std::move(d));
  result.stats.files = discovery.files.size();
  analyse(result.model, std::move(discovery.files));

  add_diagnostic_resources(result.model);
  normalise(result.model, pack_.kinds());
  link(result.model, pack_.kinds());

  EvaluateOptions evaluate_options;
  evaluate_options.report_unknown =
      options_.report_unknown.value_or(config_.report_unknown.value_or(false));
  result.findings = evaluate(result.model, pack_, evaluate_options);
  result.errors = result.model.diagnostics;
  apply_suppressions(result.model, result.findings, result.errors);

  static const std::string no_path;
  auto key = [&](const ir::Finding& f) {
    const std::string& path =
        f.span.file == ir::kNoFile ? no_path : result.model.sources.file(f.span.file).path;
    return std::tie(path, f.span.begin.line, f.span.begin.column, f.rule);
  };
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [&](const ir::Finding& a, const ir::Finding& b) { return key(a) < key(b); });

  for (const ir::Resource& r : result.model.resources)
    if (r.frontend != "engine") ++result.stats.resources;
  for (const auto& rule : pack_.rules())
    if (std::find(config_.disabled_rules.begin(), config_.disabled_rules.end(), rule->id) ==
        config_.disabled_rules.end())
      ++result.stats.rules;
  result.stats.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace bw::engine
