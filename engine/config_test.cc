#include "engine/config.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/engine.h"

namespace fs = std::filesystem;
using namespace bw;

TEST_CASE("frontends: maps a frontend to the globs it is forced on") {
  std::vector<compiler::CompileError> errors;
  engine::Config config = engine::parse_config(
      ".blastwall.yaml",
      "frontends:\n  cloudformation: [\"infra/**/*.yaml\"]\n  kubernetes: [deploy]\n", errors);
  REQUIRE(errors.empty());
  REQUIRE(config.forced_frontends.size() == 2);
  CHECK(config.forced_frontends[0].frontend == "cloudformation");
  CHECK(config.forced_frontends[0].globs == std::vector<std::string>{"infra/**/*.yaml"});
  CHECK(config.forced_frontends[0].line == 2);
  CHECK(config.forced_frontends[0].column == 3);
  CHECK(engine::forced_frontend(config, "infra/eu/stack.yaml") == "cloudformation");
  CHECK(engine::forced_frontend(config, "infra/stack.yaml") == "cloudformation");
  CHECK(engine::forced_frontend(config, "infra/stack.json") == "");
  // Like `exclude`, a directory's glob covers what it holds.
  CHECK(engine::forced_frontend(config, "deploy/app.yaml") == "kubernetes");
  CHECK(engine::forced_frontend(config, "apps/deploy.yaml") == "");
}

TEST_CASE("frontends: the first entry whose glob matches decides") {
  std::vector<compiler::CompileError> errors;
  engine::Config config = engine::parse_config(
      ".blastwall.yaml", "frontends:\n  kubernetes: [\"**/*.yaml\"]\n  config: [\"*.yaml\"]\n",
      errors);
  REQUIRE(errors.empty());
  CHECK(engine::forced_frontend(config, "values.yaml") == "kubernetes");
}

TEST_CASE("frontends: a malformed entry is an error at its place") {
  std::vector<compiler::CompileError> errors;
  engine::parse_config(".blastwall.yaml", "frontends: [terraform]\n", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].format() ==
        ".blastwall.yaml:1:12: error: 'frontends' maps a frontend's name to path globs");
  errors.clear();
  engine::parse_config(".blastwall.yaml", "frontends:\n  terraform: \"*.tf\"\n", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].format() == ".blastwall.yaml:2:14: error: frontend 'terraform' must be a list");
}

TEST_CASE("frontends: a name no frontend has is an error that suggests the closest") {
  std::vector<compiler::CompileError> errors;
  engine::Config config = engine::parse_config(
      ".blastwall.yaml", "frontends:\n  terraform: [a]\n  cloudformaton: [b]\n  zzz: [c]\n",
      errors);
  REQUIRE(errors.empty());
  CHECK_FALSE(engine::check_forced_frontends(config, {"cloudformation", "terraform"}, errors));
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].format() ==
        ".blastwall.yaml:3:3: error: no frontend is called 'cloudformaton'; did you mean "
        "'cloudformation'?");
  CHECK(errors[1].format() == ".blastwall.yaml:4:3: error: no frontend is called 'zzz'");
}

TEST_CASE("loading checks the configuration's frontends against the registry") {
  fs::path root = fs::temp_directory_path() / ("bw-config-" + std::to_string(::getpid()));
  fs::create_directories(root);
  std::ofstream(root / ".blastwall.yaml") << "frontends:\n  terrafrom: [\"**/*.hcl\"]\n";
  engine::Options options;
  options.root = root.string();
  options.paths = {root.string()};
  engine::Engine engine;
  std::vector<compiler::CompileError> errors;
  CHECK_FALSE(engine.load(options, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 2);
  CHECK(errors[0].column == 3);
  CHECK(errors[0].message == "no frontend is called 'terrafrom'; did you mean 'terraform'?");
  fs::remove_all(root);
}

TEST_CASE("limits: each known name takes a positive integer") {
  std::vector<compiler::CompileError> errors;
  engine::Config config = engine::parse_config(
      ".blastwall.yaml", "limits:\n  evaluation_steps: 1000\n  file_bytes: 18446744073709551615\n",
      errors);
  REQUIRE(errors.empty());
  CHECK(config.limits.evaluation_steps == 1000);
  CHECK(config.limits.file_bytes == UINT64_MAX);
  CHECK(config.limits.module_instances == ir::default_limits().module_instances);
  // Without `limits:`, the defaults.
  config = engine::parse_config(".blastwall.yaml", "exclude: []\n", errors);
  CHECK(config.limits.evaluation_steps == ir::default_limits().evaluation_steps);
}

TEST_CASE("limits: an unknown name or a bad value is an error at its place") {
  std::vector<compiler::CompileError> errors;
  engine::parse_config(".blastwall.yaml",
                       "limits:\n  evaluation_step: 5\n  file_bytes: 0\n  string_bytes: '9'\n"
                       "  collection_items: 18446744073709551616\n  module_instances: 2.0\n",
                       errors);
  REQUIRE(errors.size() == 5);
  std::string names;
  for (std::string_view name : ir::kLimitNames)
    names += (names.empty() ? "" : ", ") + std::string(name);
  CHECK(errors[0].format() ==
        ".blastwall.yaml:2:3: error: unknown limit 'evaluation_step'; did you mean "
        "'evaluation_steps'? (the limits are " +
            names + "; docs/LIMITS.md)");
  CHECK(errors[1].format() ==
        ".blastwall.yaml:3:15: error: limit 'file_bytes' must be a positive whole number, like "
        "16777216 (its default), not the text '0'");
  CHECK(errors[2].line == 4);
  CHECK(errors[3].line == 5);
  CHECK(errors[4].format().starts_with(".blastwall.yaml:6:21: error: limit 'module_instances'"));
  errors.clear();
  engine::parse_config(".blastwall.yaml", "limits: [evaluation_steps]\n", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].format().starts_with(
      ".blastwall.yaml:1:9: error: 'limits' maps a limit's name to a positive integer"));
}

TEST_CASE("a configuration that is not a mapping says what it holds, where") {
  std::vector<compiler::CompileError> errors;
  engine::parse_config("x/.blastwall.yaml", "hello\n", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].format() ==
        "x/.blastwall.yaml:1:1: error: the configuration must be a mapping of settings (such as "
        "'rules:' or 'exclude:'), but this file holds the text 'hello'");
  errors.clear();
  engine::parse_config(".blastwall.yaml", "\n\n- a\n", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].format().starts_with(".blastwall.yaml:3:1: error: the configuration must be"));
  CHECK(errors[0].message.ends_with("but this file holds a list"));
  // Empty is no configuration at all, which is fine.
  errors.clear();
  engine::parse_config(".blastwall.yaml", "", errors);
  CHECK(errors.empty());
}

TEST_CASE("YAML nested too deeply is an error with its line and column") {
  std::vector<compiler::CompileError> errors;
  engine::parse_config(
      ".blastwall.yaml",
      "exclude: []\nenvironments: " + std::string(5000, '[') + std::string(5000, ']') + "\n",
      errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 2);
  CHECK(errors[0].column > 15);
  CHECK(errors[0].column < 5000);
  CHECK(errors[0].message.starts_with("invalid YAML: nested too deeply ("));
}

namespace {

// Loads a configuration from a scratch root; the errors.
std::vector<compiler::CompileError> load_with(const std::string& config) {
  fs::path root = fs::temp_directory_path() / ("bw-config-load-" + std::to_string(::getpid()));
  fs::create_directories(root);
  std::ofstream(root / ".blastwall.yaml") << config;
  engine::Options options;
  options.root = root.string();
  options.paths = {root.string()};
  engine::Engine engine;
  std::vector<compiler::CompileError> errors;
  bool loaded = engine.load(options, errors);
  CHECK(loaded == errors.empty());
  fs::remove_all(root);
  return errors;
}

}  // namespace

TEST_CASE("rules.disable and rules.severity: unknown rules are errors at their place") {
  auto errors = load_with("rules:\n  disable: [BW101, BW1O1]\n  severity: {BW999: low}\n");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 2);
  CHECK(errors[0].column == 20);
  CHECK(errors[0].message == "rules.disable names unknown rule BW1O1; did you mean BW101?");
  CHECK(errors[1].line == 3);
  CHECK(errors[1].column == 14);
  CHECK(errors[1].message.starts_with("rules.severity names unknown rule BW999"));
}

TEST_CASE("BW001 cannot be disabled, nor made to pass below fail-on") {
  auto errors = load_with("rules:\n  disable:\n    - BW001\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 3);
  CHECK(errors[0].column == 7);
  CHECK(errors[0].message.starts_with(
      "rules.disable cannot disable BW001: it reports the inputs blastwall could not analyse"));

  errors = load_with("rules:\n  severity:\n    BW001: low\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 3);
  CHECK(errors[0].message ==
        "rules.severity cannot make BW001 low: it reports the inputs blastwall could not "
        "analyse, which must fail the run at fail-on high; it may be high or above");
  // Below the configuration's own, lower, fail-on it is refused too; at it, not.
  CHECK(load_with("fail-on: medium\nrules: {severity: {BW001: low}}\n").size() == 1);
  CHECK(load_with("fail-on: medium\nrules: {severity: {BW001: medium}}\n").empty());
  CHECK(load_with("rules: {severity: {BW001: critical}}\n").empty());
  // A higher fail-on is the user's to choose.
  CHECK(load_with("fail-on: critical\n").empty());
}

TEST_CASE("a key named after a frontend is that frontend's section, passed on unread") {
  std::vector<compiler::CompileError> errors;
  engine::Config config = engine::parse_config(
      ".blastwall.yaml",
      "terraform:\n  environments:\n    production: {var-files: [prod.tfvars]}\n", errors,
      {"cloudformation", "terraform"});
  REQUIRE(errors.empty());
  YAML::Node section = engine::frontend_section(config, "terraform");
  REQUIRE(section.IsMap());
  CHECK(section["environments"]["production"]["var-files"][0].Scalar() == "prod.tfvars");
  CHECK(section.Mark().line == 1);
  CHECK_FALSE(engine::frontend_section(config, "cloudformation").IsDefined());
  // A name that is no frontend's is an unknown key, at its place.
  engine::parse_config(".blastwall.yaml", "terraform: {}\nterrafrom: {}\n", errors, {"terraform"});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].format() ==
        ".blastwall.yaml:2:1: error: unknown key 'terrafrom' in configuration; did you mean "
        "'terraform'?");
}

TEST_CASE("the terraform section is checked when the engine loads, with line and column") {
  fs::path root = fs::temp_directory_path() / ("blastwall-config-" + std::to_string(getpid()));
  fs::remove_all(root);
  fs::create_directories(root / ".git");
  std::ofstream(root / ".blastwall.yaml")
      << "terraform:\n  environments:\n    production: {var-files: [missing.tfvars]}\n";
  engine::Engine engine;
  engine::Options options;
  options.paths = {root.string()};
  std::vector<compiler::CompileError> errors;
  CHECK_FALSE(engine.load(options, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 3);
  CHECK(errors[0].column == 30);
  CHECK(errors[0].message.find("'missing.tfvars' does not exist") != std::string::npos);
  // The command line's settings are checked the same way, and named as typed.
  std::ofstream(root / ".blastwall.yaml") << "terraform: {}\n";
  engine::Engine again;
  options.frontend_arguments["terraform"] = {{"var-file", (root / "nope.tfvars").string()}};
  errors.clear();
  CHECK_FALSE(again.load(options, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("nope.tfvars does not exist") != std::string::npos);
  fs::remove_all(root);
}
