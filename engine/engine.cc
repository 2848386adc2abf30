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

// The built-in pack parsed as YAML on two threads: parsing is most of what
// start-up costs, and the files are independent. A file that does not parse
// is left to the compiler, which reports it.
template <typename Skip>
std::vector<std::shared_ptr<const YAML::Node>> parse_embedded(
    const std::vector<rules::EmbeddedFile>& files, Skip skip) {
  std::vector<std::shared_ptr<const YAML::Node>> parsed(files.size());
  auto parse = [&](size_t first, size_t step) {
    for (size_t i = first; i < files.size(); i += step) {
      if (skip(files[i].path)) continue;
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

// Whether a root-relative directory exists in the source, each component
// checked on the way: a link that leads outside the root, or anything not a
// directory, is an error naming it (`shown`: the path as the user knows it).
bool Engine::source_directory(const std::string& relative, const std::string& shown,
                              std::vector<compiler::CompileError>& errors) const {
  std::string path;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t slash = relative.find('/', start);
    if (slash == std::string::npos) slash = relative.size();
    path = join_relative(path, relative.substr(start, slash - start));
    start = slash + 1;
    std::optional<DirEntry> entry = source_->entry(path);
    if (!entry) return false;
    std::string problem =
        entry->link && entry->target.empty() ? "symbolic link " + entry->problem
        : entry->type != DirEntry::Type::Directory
            ? "not a directory" + (entry->problem.empty() ? "" : " (" + entry->problem + ")")
            : "";
    if (!problem.empty()) {
      errors.push_back(
          {shown, 0, 0,
           (path == relative ? "" : workspace_.display(path) + ": ") + problem + "; not read"});
      return false;
    }
  }
  return true;
}

// The YAML files of a directory, sorted: root-relative paths in the source
// when `directory.in_source`, else paths on disk the user typed. A link that
// leads outside the root, or anything not a regular file, is an error naming it.
std::vector<Engine::RuleFile> Engine::rule_files(
    const RuleDirectory& directory, const std::string& folder,
    std::vector<compiler::CompileError>& errors) const {
  auto yaml = [](std::string_view name) {
    return name.ends_with(".yaml") || name.ends_with(".yml");
  };
  std::vector<RuleFile> files;
  if (!directory.in_source) {
    fs::path path = folder.empty() ? fs::path(directory.path) : fs::path(directory.path) / folder;
    std::error_code ec;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file() && yaml(it->path().filename().string()))
        files.push_back({it->path().string(), display_path(it->path().string())});
    std::sort(files.begin(), files.end(),
              [](const RuleFile& a, const RuleFile& b) { return a.path < b.path; });
    return files;
  }
  std::string path = join_relative(directory.path, folder);
  if (!folder.empty() && !source_directory(path, workspace_.display(path), errors)) return files;
  std::vector<DirEntry> entries;
  std::string error;
  if (!source_->list(path, entries, error)) {
    errors.push_back({workspace_.display(path), 0, 0, "cannot list rule directory: " + error});
    return files;
  }
  for (const DirEntry& entry : entries) {
    if (!yaml(entry.name) || entry.type == DirEntry::Type::Directory) continue;
    std::string relative = join_relative(path, entry.name);
    std::string shown = workspace_.display(relative);
    if (entry.link && entry.target.empty())
      errors.push_back(
          {shown, 0, 0, "rule file is a symbolic link that " + entry.problem + "; not read"});
    else if (entry.type != DirEntry::Type::File)
      errors.push_back(
          {shown, 0, 0, "rule file is not a regular file (" + entry.problem + "); not read"});
    else
      files.push_back({relative, shown});
  }
  return files;
}

// A rule directory in three passes, like the built-in pack: kinds/, shared/, then rules.
bool Engine::load_rule_directory(const RuleDirectory& directory,
                                 std::vector<compiler::CompileError>& errors, int pass) {
  static const char* kFolders[] = {"kinds", "shared", ""};
  size_t before = errors.size();
  std::vector<RuleFile> files = rule_files(directory, kFolders[pass], errors);
  bool ok = errors.size() == before;
  for (const RuleFile& file : files) {
    compiler::SourceText text{file.shown, ""};
    std::string error;
    bool read = directory.in_source
                    ? source_->read(file.path, text.text, error)
                    : read_file(file.path, text.text, &error, config_.limits.file_bytes);
    if (!read) {
      errors.push_back({text.path, 0, 0, "cannot read rule file: " + error});
      ok = false;
      continue;
    }
    ok &= pass == 0   ? pack_.add_kinds(text, errors)
          : pass == 1 ? pack_.add_shared(text, errors)
                      : pack_.add_rule(text, false, errors);
  }
  return ok;
}

// A frontend's data folder of a rule directory (terraform-modules/), its
// YAML files read like rule files and kept for the frontends as they are.
void Engine::load_data_folder(const RuleDirectory& directory, const std::string& folder,
                              std::vector<compiler::CompileError>& errors) {
  for (const RuleFile& file : rule_files(directory, folder, errors)) {
    frontends::DataFile data{file.shown, ""};
    std::string error;
    bool read = directory.in_source
                    ? source_->read(file.path, data.text, error)
                    : read_file(file.path, data.text, &error, config_.limits.file_bytes);
    if (!read)
      errors.push_back({file.shown, 0, 0, "cannot read data file: " + error});
    else
      data_[folder].push_back(std::move(data));
  }
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

// The nearest .blastwall.yaml in the source, from the directory of the first
// named path up to the root, whatever it is (a link or a FIFO there is still
// the configuration, refused when read); "" when there is none.
std::optional<std::string> Engine::find_source_config() const {
  std::string directory;
  if (!options_.paths.empty())
    if (std::optional<std::string> named = workspace_.relative(options_.paths.front())) {
      directory = *named;
      if (source_->type_of(directory) != DirEntry::Type::Directory) {
        size_t slash = directory.rfind('/');
        directory.resize(slash == std::string::npos ? 0 : slash);
      }
    }
  while (true) {
    std::string candidate = join_relative(directory, ".blastwall.yaml");
    if (source_->entry(candidate)) return candidate;
    if (directory.empty()) return std::nullopt;
    size_t slash = directory.rfind('/');
    directory.resize(slash == std::string::npos ? 0 : slash);
  }
}

// Reads the configuration the user named, or the one the repository holds:
// that one through the source, so it never leads outside the root, is never
// anything but a regular file, and is the revision's own under --revision.
bool Engine::load_config(std::vector<compiler::CompileError>& errors) {
  std::string text, error, shown;
  if (!options_.config_path.empty()) {
    // Typed by the user: trusted as given.
    shown = display_path(options_.config_path);
    if (!read_file(options_.config_path, text, &error)) {
      errors.push_back({shown, 0, 0, "cannot read configuration file: " + error});
      return false;
    }
    std::error_code ec;
    std::string directory =
        fs::weakly_canonical(fs::absolute(options_.config_path, ec).parent_path(), ec)
            .generic_string();
    fs::path prefix = fs::path(directory).lexically_relative(workspace_.root);
    config_prefix_ = prefix.generic_string() == "." ? "" : prefix.generic_string();
  } else {
    std::optional<std::string> found = find_source_config();
    if (!found) return true;
    shown = workspace_.display(*found);
    std::optional<DirEntry> entry = source_->entry(*found);
    if (entry && entry->link && entry->target.empty())
      error = "the configuration is a symbolic link that " + entry->problem + "; not read";
    else if (entry && entry->type != DirEntry::Type::File)
      error = "the configuration is not a regular file" +
              (entry->problem.empty() ? "" : " (" + entry->problem + ")") + "; not read";
    else if (!source_->read(*found, text, error))
      error = "cannot read configuration file: " + error;
    if (!error.empty()) {
      errors.push_back({shown, 0, 0, error});
      return false;
    }
    size_t slash = found->rfind('/');
    config_prefix_ = slash == std::string::npos ? "" : found->substr(0, slash);
    config_in_source_ = true;
  }
  size_t before = errors.size();
  config_ = parse_config(shown, text, errors, frontends::Registry::global().names());
  config_.directory = config_in_source_
                          ? workspace_.display(config_prefix_)
                          : display_path(fs::path(options_.config_path).parent_path().string());
  check_forced_frontends(config_, frontends::Registry::global().names(), errors);
  return errors.size() == before;
}

// Where user rules come from: `.blastwall/rules` at the root (with or without
// a configuration) and beside the configuration, the configuration's
// `rules.directories` (inside the root, unless the user typed --config), then --rules.
bool Engine::rule_directories(std::vector<RuleDirectory>& directories,
                              std::vector<compiler::CompileError>& errors) const {
  bool ok = true;
  auto in_source = [&](const std::string& relative) {
    if (std::none_of(directories.begin(), directories.end(),
                     [&](const RuleDirectory& d) { return d.in_source && d.path == relative; }))
      directories.push_back({relative, true});
  };
  size_t before = errors.size();
  if (source_directory(".blastwall/rules", workspace_.display(".blastwall/rules"), errors))
    in_source(".blastwall/rules");
  if (config_in_source_ && !config_prefix_.empty()) {
    std::string local = join_relative(config_prefix_, ".blastwall/rules");
    if (source_directory(local, workspace_.display(local), errors)) in_source(local);
  }
  ok &= errors.size() == before;
  if (!config_.path.empty() && !config_in_source_) {
    // Beside a configuration the user named, and what it names: trusted.
    std::error_code ec;
    fs::path local = fs::path(config_.directory) / ".blastwall" / "rules";
    fs::path at_root = fs::path(workspace_.root) / ".blastwall" / "rules";
    if (fs::is_directory(local, ec) &&
        fs::weakly_canonical(local, ec) != fs::weakly_canonical(at_root, ec))
      directories.push_back({local.string(), false});
    for (const std::string& d : config_.rule_directories) {
      fs::path path = fs::path(config_.directory) / d;
      if (!fs::is_directory(path, ec)) {
        errors.push_back({display_path(path.string()), 0, 0, "rule directory does not exist"});
        ok = false;
        continue;
      }
      directories.push_back({path.string(), false});
    }
  }
  if (config_in_source_)
    for (const std::string& d : config_.rule_directories) {
      std::optional<std::string> relative =
          fs::path(d).is_absolute() ? std::nullopt
                                    : normalize_relative(join_relative(config_prefix_, d));
      if (!relative) {
        errors.push_back({config_.path, 0, 0,
                          "rules.directories names '" + d +
                              "', which lies outside the repository root; not read"});
        ok = false;
        continue;
      }
      size_t seen = errors.size();
      std::string shown = workspace_.display(*relative);
      if (source_directory(*relative, shown, errors)) {
        in_source(*relative);
      } else if (errors.size() == seen) {
        errors.push_back({shown, 0, 0, "rule directory does not exist"});
        ok = false;
      } else {
        ok = false;
      }
    }
  for (const std::string& d : options_.rule_directories) {
    std::error_code ec;
    if (!fs::is_directory(d, ec)) {
      errors.push_back({display_path(d), 0, 0, "rule directory does not exist"});
      ok = false;
      continue;
    }
    directories.push_back({d, false});
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
  // What the repository holds is read through one source: the revision's
  // when given, else the working tree under the root.
  source_ = options.source;
  if (!source_) {
    own_source_ = std::make_unique<DiskSource>(workspace_.root);
    source_ = own_source_.get();
  }
  if (!load_config(errors)) return false;
  // Every later read, rules and inputs alike, is capped by the configured limit.
  source_->set_file_limit(config_.limits.file_bytes);

  std::vector<RuleDirectory> directories;
  bool ok = rule_directories(directories, errors);

  // The folders frontends read as data (terraform-modules/): built-in
  // files first, then each rule directory's; the frontends check them.
  std::vector<std::string> data_folders = frontends::data_folders();
  auto data_folder_of = [&data_folders](std::string_view path) -> const std::string* {
    for (const std::string& folder : data_folders)
      if (rules::in_folder(path, folder)) return &folder;
    return nullptr;
  };
  const auto& embedded = rules::embedded_files();
  for (const auto& file : embedded)
    if (const std::string* folder = data_folder_of(file.path))
      data_[*folder].push_back({file.path, file.text});
  for (const RuleDirectory& d : directories)
    for (const std::string& folder : data_folders) load_data_folder(d, folder, errors);
  for (const auto& frontend : frontends::make_frontends())
    for (const frontends::DataError& e : frontend->check_data(data_)) {
      errors.push_back({e.path, e.line, e.column, e.message});
      ok = false;
    }

  // Built-in files first, then the user's; in each, kinds, shared, rules.
  std::vector<std::shared_ptr<const YAML::Node>> parsed = parse_embedded(
      embedded, [&](std::string_view path) { return data_folder_of(path) != nullptr; });
  for (int pass = 0; pass < 3; ++pass) {
    for (size_t i = 0; i < embedded.size(); ++i) {
      const auto& file = embedded[i];
      rules::FileRole role = rules::role_of(file.path, data_folders);
      compiler::SourceText text{file.path, file.text, parsed[i]};
      if (pass == 0 && role == rules::FileRole::Kinds) ok &= pack_.add_kinds(text, errors);
      if (pass == 1 && role == rules::FileRole::Shared) ok &= pack_.add_shared(text, errors);
      if (pass == 2 && role == rules::FileRole::Rule && options.builtin_rules)
        ok &= pack_.add_rule(text, true, errors);
    }
    for (const RuleDirectory& d : directories) ok &= load_rule_directory(d, errors, pass);
    if (pass == 0) ok &= pack_.check_kinds(errors);
    if (pass == 1) ok &= apply_parameters(errors);
  }

  apply_rule_selection(config_, pack_, errors);
  ok &= configure_frontends(errors);
  pack_.finish();
  repository_needs_ = repository_needs(pack_);
  return ok && errors.empty();
}

frontends::Settings Engine::frontend_settings(std::string_view name,
                                              const std::vector<std::string>& named) const {
  frontends::Settings settings;
  settings.section = frontend_section(config_, name);
  settings.config_path = config_.path;
  settings.config_directory = config_prefix_;
  if (auto found = options_.frontend_arguments.find(std::string(name));
      found != options_.frontend_arguments.end())
    settings.arguments = found->second;
  settings.named = named;
  const Workspace* workspace = &workspace_;
  settings.from_user = [workspace](const std::string& path) { return workspace->relative(path); };
  const Source* source = source_;
  settings.type_of = [source](const std::string& relative) -> std::string {
    std::optional<DirEntry::Type> type = source->type_of(relative);
    if (!type) return "";
    if (*type == DirEntry::Type::File) return "file";
    return *type == DirEntry::Type::Directory ? "directory" : "other";
  };
  return settings;
}

// Each frontend checks its settings once, before anything is read: an error
// in them is a configuration or usage error, and nothing is checked.
bool Engine::configure_frontends(std::vector<compiler::CompileError>& errors) const {
  bool ok = true;
  std::vector<std::string> registered = frontends::Registry::global().names();
  for (const auto& [name, arguments] : options_.frontend_arguments)
    if (std::find(registered.begin(), registered.end(), name) == registered.end()) {
      errors.push_back({"", 0, 0, "no frontend is called '" + name + "'"});
      ok = false;
    }
  for (const auto& frontend : frontends::make_frontends()) {
    std::vector<frontends::SettingError> refused;
    if (frontend->configure(frontend_settings(frontend->name(), {}), refused)) continue;
    ok = false;
    for (frontends::SettingError& e : refused)
      errors.push_back({e.in_configuration ? config_.path : std::string("blastwall"), e.line,
                        e.column, std::move(e.message)});
  }
  return ok;
}

// The phases in their order; each is in engine/phases.cc.
Result Engine::run(const Inputs& inputs) const {
  Run run(*this, inputs.source ? *inputs.source : *source_);
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
