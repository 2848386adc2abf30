#include "engine/config.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iterator>

#include "ir/environment.h"
#include "ir/glob.h"

namespace bw::engine {

namespace fs = std::filesystem;

static std::vector<std::string> string_list(const YAML::Node& node, compiler::ErrorSink& sink,
                                            const std::string& what) {
  std::vector<std::string> out;
  if (!node) return out;
  if (!node.IsSequence()) {
    sink.at(node, what + " must be a list");
    return out;
  }
  for (const auto& item : node) {
    if (!item.IsScalar())
      sink.at(item, what + " must list strings");
    else
      out.push_back(item.Scalar());
  }
  return out;
}

static std::optional<ir::Severity> severity_at(const YAML::Node& node, compiler::ErrorSink& sink) {
  auto severity = ir::parse_severity(node.IsScalar() ? node.Scalar() : "");
  if (!severity) sink.at(node, "severity must be critical, high, medium, low or info");
  return severity;
}

static Config::Place place(const YAML::Node& node) {
  YAML::Mark mark = node.Mark();
  if (mark.line < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

// What a node holds, for an error that says what was expected instead.
static std::string describe_node(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  if (!node.IsScalar()) return "nothing";
  std::string text = node.Scalar();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return "the text '" + text + "'";
}

// Every limit's name, for errors.
static std::string limit_names() {
  std::string names;
  for (std::string_view name : ir::kLimitNames) {
    if (!names.empty()) names += ", ";
    names += name;
  }
  return names;
}

// A plain (unquoted) scalar of decimal digits, at most what uint64_t holds.
static std::optional<uint64_t> positive_integer(const YAML::Node& node) {
  if (!node.IsScalar() || node.Tag() == "!") return std::nullopt;
  const std::string& text = node.Scalar();
  if (text.empty() || text.size() > 20) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  if (value == 0) return std::nullopt;
  return value;
}

// `limits:` maps limit names (ir/limits.h) to positive integers.
static void parse_limits(const YAML::Node& limits, Config& config, compiler::ErrorSink& sink) {
  if (!limits.IsMap()) {
    sink.at(limits, "'limits' maps a limit's name to a positive integer (the limits are " +
                        limit_names() + "; docs/LIMITS.md)");
    return;
  }
  std::vector<std::string> names(std::begin(ir::kLimitNames), std::end(ir::kLimitNames));
  for (const auto& entry : limits) {
    std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "";
    uint64_t ir::Limits::*member = ir::limit_named(name);
    if (!member) {
      std::string hint = compiler::closest_match(name, names);
      sink.at(entry.first, "unknown limit '" + name + "'" +
                               (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                               " (the limits are " + limit_names() + "; docs/LIMITS.md)");
      continue;
    }
    std::optional<uint64_t> value = positive_integer(entry.second);
    if (!value) {
      sink.at(entry.second, "limit '" + name + "' must be a positive whole number, like " +
                                std::to_string(ir::default_limits().*member) +
                                " (its default), not " + describe_node(entry.second));
      continue;
    }
    config.limits.*member = *value;
  }
}

static void parse_config_yaml(const std::string& text, Config& config, compiler::ErrorSink& sink,
                              const std::vector<std::string>& frontends);

Config parse_config(const std::string& path, const std::string& text,
                    std::vector<compiler::CompileError>& errors,
                    const std::vector<std::string>& frontends) {
  Config config;
  config.path = path;
  config.directory = fs::path(path).parent_path().string();
  if (config.directory.empty()) config.directory = ".";
  compiler::ErrorSink sink(path, errors);
  compiler::guard_yaml(sink, [&] {
    parse_config_yaml(text, config, sink, frontends);
    return true;
  });
  return config;
}

static void parse_config_yaml(const std::string& text, Config& config, compiler::ErrorSink& sink,
                              const std::vector<std::string>& frontends) {
  YAML::Node root = compiler::parse_yaml(text, sink);
  if (!root.IsDefined() || root.IsNull()) return;
  if (!root.IsMap()) {
    sink.at(root,
            "the configuration must be a mapping of settings (such as 'rules:' or "
            "'exclude:'), but this file holds " +
                describe_node(root));
    return;
  }
  std::vector<std::string> keys = {"environments",     "rules",      "exclude",
                                   "frontends",        "fail-on",    "unknown",
                                   "test-identifiers", "parameters", "limits"};
  keys.insert(keys.end(), frontends.begin(), frontends.end());
  compiler::check_keys(root, keys, sink, "configuration");
  for (const std::string& frontend : frontends)
    if (YAML::Node section = root[frontend])
      config.frontend_sections.push_back({frontend, section});

  if (YAML::Node envs = root["environments"]) {
    if (!envs.IsMap()) sink.at(envs, "'environments' maps an environment name to path globs");
    for (const auto& entry : envs) {
      std::string name = entry.first.Scalar();
      std::string normal = ir::environment_from_word(name);
      if (normal.empty()) normal = name;
      config.environments.push_back(
          {normal, string_list(entry.second, sink, "environment '" + name + "'")});
    }
  }
  if (YAML::Node rules = root["rules"]) {
    compiler::check_keys(rules, {"disable", "severity", "directories"}, sink, "'rules'");
    config.disabled_rules = string_list(rules["disable"], sink, "'rules.disable'");
    if (YAML::Node disable = rules["disable"]; disable && disable.IsSequence())
      for (const auto& item : disable)
        if (item.IsScalar()) config.disabled_place.push_back(place(item));
    config.rule_directories = string_list(rules["directories"], sink, "'rules.directories'");
    if (YAML::Node overrides = rules["severity"]) {
      if (!overrides.IsMap()) sink.at(overrides, "'rules.severity' maps rule ids to severities");
      for (const auto& entry : overrides)
        if (auto severity = severity_at(entry.second, sink)) {
          config.severity_overrides[entry.first.Scalar()] = *severity;
          config.severity_place[entry.first.Scalar()] = place(entry.first);
        }
    }
  }
  config.exclude = string_list(root["exclude"], sink, "'exclude'");
  if (YAML::Node frontends = root["frontends"]) {
    if (!frontends.IsMap())
      sink.at(frontends, "'frontends' maps a frontend's name to path globs");
    else
      for (const auto& entry : frontends) {
        std::string name = entry.first.Scalar();
        config.forced_frontends.push_back(
            {name, string_list(entry.second, sink, "frontend '" + name + "'"),
             entry.first.Mark().line + 1, entry.first.Mark().column + 1});
      }
  }
  auto parameter = [&](const std::string& name, const YAML::Node& value) {
    config.parameters.push_back({name, value, value.Mark().line + 1, value.Mark().column + 1});
  };
  if (YAML::Node ids = root["test-identifiers"]) parameter("test_identifiers", ids);
  if (YAML::Node parameters = root["parameters"]) {
    if (!parameters.IsMap()) sink.at(parameters, "'parameters' maps parameter names to values");
    for (const auto& entry : parameters) parameter(entry.first.Scalar(), entry.second);
  }
  if (YAML::Node fail_on = root["fail-on"]) config.fail_on = severity_at(fail_on, sink);
  if (YAML::Node limits = root["limits"]) parse_limits(limits, config, sink);
  if (YAML::Node unknown = root["unknown"]) {
    std::string value = unknown.IsScalar() ? unknown.Scalar() : "";
    if (value == "report" || value == "ignore")
      config.report_unknown = value == "report";
    else
      sink.at(unknown, "'unknown' is report or ignore");
  }
}

bool check_forced_frontends(const Config& config, const std::vector<std::string>& registered,
                            std::vector<compiler::CompileError>& errors) {
  bool ok = true;
  for (const Config::ForcedFrontend& forced : config.forced_frontends) {
    if (std::find(registered.begin(), registered.end(), forced.frontend) != registered.end())
      continue;
    std::string hint = compiler::closest_match(forced.frontend, registered);
    errors.push_back({config.path, forced.line, forced.column,
                      "no frontend is called '" + forced.frontend + "'" +
                          (hint.empty() ? "" : "; did you mean '" + hint + "'?")});
    ok = false;
  }
  return ok;
}

bool apply_rule_selection(const Config& config, compiler::RulePack& pack,
                          std::vector<compiler::CompileError>& errors) {
  bool ok = true;
  auto error = [&](Config::Place at, std::string message) {
    errors.push_back({config.path, at.line, at.column, std::move(message)});
    ok = false;
  };
  std::vector<std::string> ids;
  for (const auto& rule : pack.rules()) ids.push_back(rule->id);
  auto unknown_rule = [&](Config::Place at, const char* where, const std::string& id) {
    // A suggestion costs the id's length times each rule id's: only for ids a person wrote.
    std::string hint = id.size() <= 32 ? compiler::closest_match(id, ids) : "";
    error(at, std::string(where) + " names unknown rule " + id +
                  (hint.empty() ? "" : "; did you mean " + hint + "?"));
  };
  for (size_t i = 0; i < config.disabled_rules.size(); ++i) {
    const std::string& id = config.disabled_rules[i];
    Config::Place at =
        i < config.disabled_place.size() ? config.disabled_place[i] : Config::Place{};
    const compiler::Rule* rule = pack.find(id);
    if (!rule) {
      unknown_rule(at, "rules.disable", id);
    } else if (rule->category == "unanalyzable") {
      error(at,
            "rules.disable cannot disable " + id +
                ": it reports the inputs blastwall could not analyse, and without it their "
                "errors would pass silently; fix those inputs, or leave them out with 'exclude:'");
      continue;
    }
    pack.disable(id);
  }
  ir::Severity threshold =
      std::min(config.fail_on.value_or(ir::Severity::High), kUnanalyzableFloor);
  for (const auto& [id, severity] : config.severity_overrides) {
    auto found = config.severity_place.find(id);
    Config::Place at = found != config.severity_place.end() ? found->second : Config::Place{};
    const compiler::Rule* rule = pack.find(id);
    if (!rule) {
      unknown_rule(at, "rules.severity", id);
      continue;
    }
    if (rule->category == "unanalyzable" && severity < threshold) {
      error(at, "rules.severity cannot make " + id + " " + std::string(ir::to_string(severity)) +
                    ": it reports the inputs blastwall could not analyse, which must fail the run "
                    "at fail-on " +
                    std::string(ir::to_string(threshold)) + "; it may be " +
                    std::string(ir::to_string(threshold)) + " or above");
      continue;
    }
    pack.set_severity(id, severity);
  }
  return ok;
}

YAML::Node frontend_section(const Config& config, std::string_view frontend) {
  for (const Config::FrontendSection& section : config.frontend_sections)
    if (section.frontend == frontend) return section.node;
  return YAML::Node(YAML::NodeType::Undefined);
}

std::string forced_frontend(const Config& config, std::string_view config_relative_path) {
  for (const Config::ForcedFrontend& forced : config.forced_frontends)
    for (const std::string& glob : forced.globs)
      if (ir::match_path_glob_or_below(glob, config_relative_path)) return forced.frontend;
  return "";
}

std::string find_config(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return "";
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  const char* home = std::getenv("HOME");
  for (; !dir.empty(); dir = dir.parent_path()) {
    // Whatever it is: a link or a FIFO there is still the configuration,
    // which reading it then refuses, with its name.
    fs::path candidate = dir / ".blastwall.yaml";
    if (fs::exists(fs::symlink_status(candidate, ec))) return candidate.string();
    // Never above the repository, nor above the home directory.
    if (fs::exists(fs::symlink_status(dir / ".git", ec))) break;
    if (home && *home && dir == fs::path(home)) break;
    if (dir == dir.root_path()) break;
  }
  return "";
}

}  // namespace bw::engine
