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
