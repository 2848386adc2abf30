#pragma once
// The one pipeline the CLI and the language server share: find the
// repository root, load the configuration and compile the rule pack (load);
// then, for given inputs, walk the root, plan units, analyse them, build the
// repository index, evaluate, keep what the named paths reach, suppress
// (run, whose phases engine/phases.h lists). Neither caller holds analysis
// logic of its own.

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/rule_pack.h"
#include "engine/config.h"
#include "engine/evaluate.h"
#include "engine/source.h"
#include "engine/workspace.h"
#include "frontends/frontend.h"
#include "ir/finding.h"
#include "ir/model.h"
#include "ir/timings.h"

namespace bw::engine {

struct Options {
  std::vector<std::string> paths;  // what will be scanned: finds the root and configuration
  std::string config_path;         // --config; "" to search upward from the first path
  std::string root;                // --root; "" to find it (see find_workspace)
  std::vector<std::string> rule_directories;  // --rules, on top of the configuration's
  // Where the configuration and rules the repository holds are read, and the
  // inputs when Inputs::source is null: a git revision (--revision), say.
  // Null for the working tree under the root. The engine sets its file limit
  // from the configuration.
  Source* source = nullptr;
  std::optional<bool> report_unknown;  // --unknown; overrides the configuration
  bool builtin_rules = true;
  unsigned jobs = 0;  // threads analysing units; 0: one per core
  // Command-line options addressed to one frontend, by frontend name:
  // (option, value) in command-line order (the CLI's --var-file and --var
  // are the terraform frontend's). Passed on unread (frontends::Settings).
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> frontend_arguments;
};

// What one run reads and reports.
struct Inputs {
  // Where files are read: null for Options::source (the working tree under
  // the root, or the revision given there); an overlay of editor buffers.
  const Source* source = nullptr;
  // What to report, as the user wrote them (relative to the current
  // directory, or absolute); empty for the whole root. Everything in the root
  // is read; findings are kept when they lie in these paths or are reached
  // from a unit whose own files lie in them.
  std::vector<std::string> paths;
};

struct Stats {
  size_t files = 0;      // files read whose findings could be reported
  size_t resources = 0;  // resources whose findings could be reported
  size_t rules = 0;      // enabled rules
  size_t units = 0;      // units analysed, across the whole root
  // Files claimed per frontend, by frontend name, in name order (`--stats`, JSON
  // `stats.frontends`).
  std::vector<std::pair<std::string, size_t>> frontend_files;
  double elapsed_ms = 0;
  // Time per phase, summed over the threads that ran it (`--stats`); the
  // report phase is the writers' to add.
  std::array<double, static_cast<size_t>(ir::Phase::Count)> phase_ms{};
  size_t bytes = 0;   // bytes of the files read
  unsigned jobs = 1;  // the threads the run used, which the writers use too
};

struct Result {
  ir::Model model;
  std::vector<ir::Finding> findings;   // sorted by path, line, column, rule, instance
  std::vector<ir::Diagnostic> errors;  // what could not be read or parsed
  std::vector<ir::Diagnostic>
      warnings;  // suppressions without reason or effect, links not followed
  // Values that needed more than one of blastwall's limits and are unknown
  // for it, each naming the limit: counted in every summary.
  std::vector<ir::Diagnostic> limits;
  // Parts of the input outside what the repository and blastwall's tables
  // hold (a remote module neither installed nor in the module table), each
  // saying which and the remedy: counted in every summary, by group.
  std::vector<ir::Diagnostic> not_analysed;
  Stats stats;
  // A named path does not exist or lies outside the root: nothing was checked there.
  bool usage_error = false;
};

class Engine {
 public:
  Engine();
  ~Engine();

  // Finds the root, reads the configuration and compiles the rule pack.
  // False on any error, which `errors` then describes (path:line:col). What
  // the repository holds (.blastwall.yaml, .blastwall/rules, the
  // configuration's rule directories) is read through the source, so it
  // cannot lead outside the root; what the user typed (--config, --rules) is
  // read as given.
  bool load(const Options& options, std::vector<compiler::CompileError>& errors);
  Result run(const Inputs& inputs) const;

  const compiler::RulePack& pack() const { return pack_; }
  const Config& config() const { return config_; }
  const Workspace& workspace() const { return workspace_; }
  const Options& options() const { return options_; }
  // The configuration's directory, root-relative ("" for the root).
  const std::string& config_prefix() const { return config_prefix_; }
  // What the repository rules of pack() read.
  const RepositoryNeeds& needs() const { return repository_needs_; }
  // What the user set for the frontend `name` (its section of the
  // configuration, its command-line options), with `named` the run's named
  // paths; the engine reads none of it.
  frontends::Settings frontend_settings(std::string_view name,
                                        const std::vector<std::string>& named) const;
  // The frontends' data files (Frontend::data_folders), built-in then the user's.
  const frontends::DataFiles& data() const { return data_; }

 private:
  // A directory of user rules: root-relative in the source, or a path on
  // disk the user typed (or a configuration the user typed named).
  struct RuleDirectory {
    std::string path;
    bool in_source = false;
  };
  struct RuleFile {
    std::string path;   // as the directory's: root-relative, or on disk
    std::string shown;  // as the user sees it
  };
  std::optional<std::string> find_source_config() const;
  bool load_config(std::vector<compiler::CompileError>& errors);
  bool source_directory(const std::string& relative, const std::string& shown,
                        std::vector<compiler::CompileError>& errors) const;
  bool rule_directories(std::vector<RuleDirectory>& directories,
                        std::vector<compiler::CompileError>& errors) const;
  std::vector<RuleFile> rule_files(const RuleDirectory& directory, const std::string& folder,
                                   std::vector<compiler::CompileError>& errors) const;
  bool load_rule_directory(const RuleDirectory& directory,
                           std::vector<compiler::CompileError>& errors, int pass);
  bool apply_parameters(std::vector<compiler::CompileError>& errors);
  bool configure_frontends(std::vector<compiler::CompileError>& errors) const;
  void load_data_folder(const RuleDirectory& directory, const std::string& folder,
                        std::vector<compiler::CompileError>& errors);

  Options options_;
  Config config_;
  std::string config_prefix_;      // the configuration's directory, root-relative
  bool config_in_source_ = false;  // found in the repository, not typed with --config
  Workspace workspace_;
  std::unique_ptr<DiskSource> own_source_;  // when Options::source is null
  Source* source_ = nullptr;
  compiler::RulePack pack_;
  RepositoryNeeds repository_needs_;  // of pack_, once it is finished
  frontends::DataFiles data_;
};

}  // namespace bw::engine
