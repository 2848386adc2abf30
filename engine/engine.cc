#include "engine/engine.h"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "engine/phases.h"
#include "frontends/registry.h"
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
    check_forced_frontends(config_, frontends::Registry::global().names(), errors);
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

  apply_rule_selection(config_, pack_, errors);
  pack_.finish();
  repository_needs_ = repository_needs(pack_);
  return ok && errors.empty();
}

// The phases in their order; each is in engine/phases.cc.
Result Engine::run(const Inputs& inputs) const {
  std::unique_ptr<DiskSource> disk;
  const Source* source = inputs.source;
  if (!source) {
    disk = std::make_unique<DiskSource>(workspace_.root);
    source = disk.get();
  }
  Run run(*this, *source);
  if (!phases::resolve(run, inputs.paths)) return std::move(run.result);
  Discovery discovery = phases::discover(run);
  phases::analyse_units(run, std::move(discovery));
  phases::repository(run);
  phases::repository_rules(run);
  phases::diagnostics_to_findings(run);
  phases::suppress(run);
  phases::sort(run);
  phases::stats(run);
  return std::move(run.result);
}

}  // namespace bw::engine
