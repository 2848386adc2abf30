#pragma once
// The one pipeline the CLI and the language server share: load the rule pack,
// discover files, run the frontends, normalise, link, evaluate, suppress.
// Neither caller holds analysis logic of its own.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/rule_pack.h"
#include "engine/config.h"
#include "frontends/frontend.h"
#include "ir/finding.h"
#include "ir/model.h"

namespace bw::engine {

struct Options {
  std::vector<std::string> paths;             // what to scan
  std::string config_path;                    // --config; "" to search upward from the first path
  std::vector<std::string> rule_directories;  // --rules, on top of the configuration's
  std::optional<bool> report_unknown;         // --unknown; overrides the configuration
  bool builtin_rules = true;
  unsigned jobs = 0;  // threads analysing units; 0: one per core
};

struct Stats {
  size_t files = 0;
  size_t resources = 0;
  size_t rules = 0;
  double elapsed_ms = 0;
};

struct Result {
  ir::Model model;
  std::vector<ir::Finding> findings;   // sorted by path, line, column, rule
  std::vector<ir::Diagnostic> errors;  // what could not be read or parsed, and warnings
  Stats stats;
};

class Engine {
 public:
  Engine();
  ~Engine();

  // Reads the configuration and compiles the rule pack. False on any error,
  // which `errors` then describes (path:line:col).
  bool load(const Options& options, std::vector<compiler::CompileError>& errors);
  Result run();

  const compiler::RulePack& pack() const { return pack_; }
  const Config& config() const { return config_; }

 private:
  bool load_rule_directory(const std::string& directory,
                           std::vector<compiler::CompileError>& errors, bool kinds_only);
  void analyse(ir::Model& model, std::vector<struct DiscoveredFile> files);

  Options options_;
  Config config_;
  compiler::RulePack pack_;
  std::vector<std::unique_ptr<frontends::Frontend>> frontends_;  // for discovery
};

}  // namespace bw::engine
