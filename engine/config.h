#pragma once
// .blastwall.yaml: found upward from the first scanned path, or named with
// --config. Paths in it are relative to the directory that holds it.

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/compile_error.h"
#include "compiler/rule_pack.h"
#include "ir/finding.h"
#include "ir/limits.h"

namespace bw::engine {

struct Config {
  std::string path;       // "" when no file was found
  std::string directory;  // the file's directory, as given to the user
  // environment name → globs; a file matching one takes that environment.
  std::vector<std::pair<std::string, std::vector<std::string>>> environments;
  std::vector<std::string> disabled_rules;
  std::map<std::string, ir::Severity> severity_overrides;
  // Where each was written, for errors: disabled_place[i] is disabled_rules[i]'s.
  struct Place {
    int line = 0;
    int column = 0;
  };
  std::vector<Place> disabled_place;
  std::map<std::string, Place> severity_place;
  std::vector<std::string> rule_directories;  // relative to `directory`
  std::vector<std::string> exclude;           // globs relative to `directory`
  // `frontends:` maps a frontend's name to globs (relative to `directory`,
  // like `exclude`) whose files it reads whatever the frontends' scores
  // (`cloudformation: ["infra/**/*.yaml"]`). The first entry, in the file's
  // order, with a glob that matches a file decides.
  struct ForcedFrontend {
    std::string frontend;
    std::vector<std::string> globs;
    int line = 0;  // of the name, for errors
    int column = 0;
  };
  std::vector<ForcedFrontend> forced_frontends;
  // A top-level key named after a frontend (`terraform:`): that frontend's
  // settings, handed to it unread (frontends::Settings::section); the
  // frontend checks them.
  struct FrontendSection {
    std::string frontend;
    YAML::Node node;
  };
  std::vector<FrontendSection> frontend_sections;
  std::optional<ir::Severity> fail_on;
  std::optional<bool> report_unknown;
  // Values for the rule pack's parameters (`parameters:`; `test-identifiers:`
  // sets `test_identifiers`), checked against their declarations at load.
  struct Parameter {
    std::string name;
    YAML::Node value;
    int line = 0;
    int column = 0;
  };
  std::vector<Parameter> parameters;
  // `limits:` (ir/limits.h): each key a limit's name, each value a positive
  // integer (docs/LIMITS.md).
  ir::Limits limits = ir::default_limits();
};

// The severity a finding that an input could not be analysed (BW001, the
// `unanalyzable` category) has at least, whatever the configuration: it
// must fail the run at the default --fail-on.
inline constexpr ir::Severity kUnanalyzableFloor = ir::Severity::High;

// Parses `text` as the configuration at `path`. Errors carry line and column.
// A top-level key that names one of `frontends` is that frontend's section.
Config parse_config(const std::string& path, const std::string& text,
                    std::vector<compiler::CompileError>& errors,
                    const std::vector<std::string>& frontends = {});

// The section of `.blastwall.yaml` for `frontend`; undefined when there is none.
YAML::Node frontend_section(const Config& config, std::string_view frontend);

// An error (path:line:col) for each `frontends:` entry that names no
// frontend in `registered`, suggesting the closest name.
bool check_forced_frontends(const Config& config, const std::vector<std::string>& registered,
                            std::vector<compiler::CompileError>& errors);

// Applies `rules.disable` and `rules.severity` to the pack: an error
// (path:line:col) for a rule the pack does not have, and for any that would
// silence an unanalyzable input — disabling a rule of the `unanalyzable`
// category, or lowering its severity below the configuration's fail-on
// (default high), so that its findings no longer fail the run. Raising it
// is allowed, and so is a higher --fail-on or `fail-on:`, which the user
// chose for the whole run (the text summary still counts the files with
// errors).
bool apply_rule_selection(const Config& config, compiler::RulePack& pack,
                          std::vector<compiler::CompileError>& errors);

// The frontend `.blastwall.yaml` forces for a path relative to its
// directory, or "" when none does.
std::string forced_frontend(const Config& config, std::string_view config_relative_path);

// The nearest .blastwall.yaml at or above `start` (a file or directory), or "".
std::string find_config(const std::string& start);

}  // namespace bw::engine
