#include "engine/config.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

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

static void parse_config_yaml(const std::string& text, Config& config, compiler::ErrorSink& sink);

Config parse_config(const std::string& path, const std::string& text,
                    std::vector<compiler::CompileError>& errors) {
  Config config;
  config.path = path;
  config.directory = fs::path(path).parent_path().string();
  if (config.directory.empty()) config.directory = ".";
  compiler::ErrorSink sink(path, errors);
  compiler::guard_yaml(sink, [&] {
    parse_config_yaml(text, config, sink);
    return true;
  });
  return config;
}

static void parse_config_yaml(const std::string& text, Config& config, compiler::ErrorSink& sink) {
  YAML::Node root = compiler::parse_yaml(text, sink);
  if (!root.IsDefined() || root.IsNull()) return;
  if (!root.IsMap()) {
    sink.at(root, "the configuration is a mapping");
    return;
  }
  compiler::check_keys(root,
                       {"environments", "rules", "exclude", "frontends", "fail-on", "unknown",
                        "test-identifiers", "parameters"},
                       sink, "configuration");

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
    config.rule_directories = string_list(rules["directories"], sink, "'rules.directories'");
    if (YAML::Node overrides = rules["severity"]) {
      if (!overrides.IsMap()) sink.at(overrides, "'rules.severity' maps rule ids to severities");
      for (const auto& entry : overrides)
        if (auto severity = severity_at(entry.second, sink))
          config.severity_overrides[entry.first.Scalar()] = *severity;
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
