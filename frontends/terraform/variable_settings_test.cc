#include "frontends/terraform/variable_settings.h"

#include <doctest/doctest.h>

#include "frontends/terraform/test_support.h"

namespace bw::frontends::terraform {

namespace {

using Inputs = std::vector<std::pair<std::string, std::string>>;

// Settings as the engine gives them: `section` is `.blastwall.yaml`'s
// `terraform:` (configuration in directory `config_directory`), `existing`
// the root-relative paths that exist ("dir/" for a directory).
struct Fixture {
  Settings settings;
  std::set<std::string> existing;
  std::vector<SettingError> errors;
  VariableSettings read;

  explicit Fixture(const std::string& yaml, std::string config_directory = "") {
    if (!yaml.empty()) settings.section = YAML::Load(yaml)["terraform"];
    settings.config_path = ".blastwall.yaml";
    settings.config_directory = std::move(config_directory);
    settings.from_user = [](const std::string& path) -> std::optional<std::string> {
      if (path.starts_with("/") || path.starts_with("..")) return std::nullopt;
      return path;
    };
    settings.type_of = [this](const std::string& path) -> std::string {
      if (existing.count(path)) return "file";
      if (existing.count(path + "/")) return "directory";
      return "";
    };
  }

  bool run() { return read_variable_settings(settings, read, errors); }

  std::string first_error() const {
    if (errors.empty()) return "";
    const SettingError& e = errors.front();
    return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message;
  }
};

Unit root(const std::string& directory) {
  return Unit{directory, directory, {}, "", {}};
}

}  // namespace

TEST_CASE("environments: each names its variable files and, optionally, its root modules") {
  Fixture f(
      "terraform:\n"
      "  environments:\n"
      "    production: {var-files: [envs/prod.tfvars]}\n"
      "    staging:\n"
      "      var-files: [envs/staging.tfvars, envs/common.tfvars]\n"
      "      root: infra\n",
      "repo");
  f.existing = {"repo/envs/prod.tfvars", "repo/envs/staging.tfvars", "repo/envs/common.tfvars",
                "repo/infra/"};
  REQUIRE(f.run());
  REQUIRE(f.read.environments.size() == 2);
  CHECK(f.read.environments[0].name == "production");
  CHECK(f.read.environments[0].environment == "prod");
  CHECK(f.read.environments[0].var_files == std::vector<std::string>{"repo/envs/prod.tfvars"});
  CHECK(f.read.environments[0].roots.empty());
  CHECK(f.read.environments[1].environment == "staging");
  CHECK(f.read.environments[1].var_files ==
        std::vector<std::string>{"repo/envs/staging.tfvars", "repo/envs/common.tfvars"});
  CHECK(f.read.environments[1].roots == std::vector<std::string>{"repo/infra"});
}

TEST_CASE("environments: mistakes are errors at their line and column") {
  SUBCASE("not a mapping") {
    Fixture f("terraform: [a]\n");
    CHECK_FALSE(f.run());
    CHECK(f.first_error().starts_with("1:12: 'terraform' maps settings"));
  }
  SUBCASE("an unknown key") {
    Fixture f("terraform:\n  enviroments: {}\n");
    CHECK_FALSE(f.run());
    CHECK(f.first_error().starts_with("2:3: unknown key 'enviroments' in 'terraform'"));
  }
  SUBCASE("no var-files") {
    Fixture f("terraform:\n  environments:\n    prod: {root: .}\n");
    f.existing = {"/"};
    CHECK_FALSE(f.run());
    CHECK(f.first_error() == "3:5: environment 'prod' names no 'var-files'");
  }
  SUBCASE("a file that does not exist") {
    Fixture f("terraform:\n  environments:\n    prod:\n      var-files: [a.tfvars, b.tfvars]\n");
    f.existing = {"a.tfvars"};
    CHECK_FALSE(f.run());
    CHECK(f.first_error().starts_with(
        "4:29: environment 'prod''s variable file 'b.tfvars' does not exist"));
  }
  SUBCASE("a file outside the root") {
    Fixture f("terraform:\n  environments:\n    prod: {var-files: [../../x.tfvars]}\n", "sub");
    CHECK_FALSE(f.run());
    CHECK(f.first_error().starts_with(
        "3:24: environment 'prod''s variable file '../../x.tfvars' lies outside the repository "
        "root"));
  }
  SUBCASE("a root that is not a directory") {
    Fixture f("terraform:\n  environments:\n    prod: {var-files: [a.tfvars], root: main.tf}\n");
    f.existing = {"a.tfvars", "main.tf"};
    CHECK_FALSE(f.run());
    CHECK(f.first_error().starts_with(
        "3:41: environment 'prod''s root 'main.tf' is not a directory (it is a file)"));
  }
  SUBCASE("an unknown key in an environment") {
    Fixture f("terraform:\n  environments:\n    prod: {var-file: a.tfvars}\n");
    CHECK_FALSE(f.run());
    CHECK(f.first_error().starts_with("3:12: unknown key 'var-file' in environment 'prod'"));
  }
}

TEST_CASE("command line: --var-file must exist inside the root; --var is NAME=VALUE") {
  Fixture f("");
  f.existing = {"prod.tfvars"};
  f.settings.arguments = {{"var-file", "prod.tfvars"},
                          {"var", "a=b=c"},
                          {"var", "x"},
                          {"var-file", "../out.tfvars"},
                          {"var-file", "missing.tfvars"}};
  CHECK_FALSE(f.run());
  REQUIRE(f.errors.size() == 3);
  CHECK(f.errors[0].message.starts_with("--var x: the given --var option is not correctly"));
  CHECK(f.errors[1].message.starts_with("--var-file ../out.tfvars: lies outside the repository"));
  CHECK(f.errors[2].message ==
        "--var-file missing.tfvars: Failed to read variables file: Given variables file "
        "missing.tfvars does not exist");
  CHECK(f.read.command_line == Inputs{{"var-file", "prod.tfvars"}, {"var", "a=b=c"}});
  CHECK(split_variable("a=b=c") == std::pair<std::string, std::string>{"a", "b=c"});
}

TEST_CASE("instances: one per environment of a root module, the command line on named roots") {
  VariableSettings settings;
  settings.environments = {{"production", "prod", {"envs/prod.tfvars"}, {}},
                           {"staging", "staging", {"envs/staging.tfvars"}, {"infra"}}};
  settings.command_line = {{"var", "a=1"}};
  settings.named = {"infra/main.tf"};
  settings.named_files = {"infra/main.tf"};
  std::vector<std::string> unused;
  std::vector<Unit> units = plan_instances({root("apps"), root("envs"), root("infra")},
                                           {true, false, true}, settings, unused);
  CHECK(unused.empty());
  REQUIRE(units.size() == 4);
  CHECK(units[0].instance == "apps [production]");
  CHECK(units[0].environment == "prod");
  CHECK(units[0].inputs == Inputs{{"var-file", "envs/prod.tfvars"}});
  // Variable files alone are no root module.
  CHECK(units[1].instance == "envs");
  CHECK(units[1].inputs.empty());
  CHECK(units[2].instance == "infra [production]");
  CHECK(units[2].inputs == Inputs{{"var-file", "envs/prod.tfvars"}, {"var", "a=1"}});
  CHECK(units[3].instance == "infra [staging]");
  CHECK(units[3].environment == "staging");
  CHECK(units[3].inputs == Inputs{{"var-file", "envs/staging.tfvars"}, {"var", "a=1"}});
}

TEST_CASE("instances: what nothing takes is said, never dropped") {
  VariableSettings settings;
  settings.environments = {{"production", "prod", {"p.tfvars"}, {"modules/db"}}};
  settings.config_path = ".blastwall.yaml";
  settings.command_line = {{"var-file", "p.tfvars"}};
  settings.named = {"docs"};  // a directory: the root module above it holds no named file
  std::vector<std::string> unused;
  std::vector<Unit> units =
      plan_instances({root("."), root("docs/x")}, {true, true}, settings, unused);
  REQUIRE(units.size() == 2);
  CHECK(units[0].inputs.empty());
  CHECK(units[1].inputs == Inputs{{"var-file", "p.tfvars"}});  // docs/x lies in docs
  REQUIRE(unused.size() == 1);
  CHECK(unused[0] ==
        ".blastwall.yaml: environment 'production': 'modules/db' holds no root module; its "
        "variable files were not applied");
  settings.named = {"elsewhere"};
  unused.clear();
  plan_instances({root(".")}, {true}, settings, unused);
  REQUIRE(unused.size() == 2);
  CHECK(
      unused[0].starts_with("--var-file and --var apply to the root modules in the named "
                            "paths, and 'elsewhere' holds none"));
}

using testing::Analysis;

TEST_CASE("variable files and --var apply after the auto-loaded files, in order") {
  Analysis analysis;
  analysis.add("main.tf",
               "variable \"a\" {\n  default = \"default\"\n}\n"
               "variable \"b\" {\n  type = bool\n}\n"
               "variable \"c\" {\n  type = list(string)\n  default = []\n}\n"
               "variable \"d\" {\n  default = 1\n}\n"
               "resource \"t\" \"r\" {\n  a = var.a\n  b = var.b\n  c = var.c\n  d = var.d\n}\n");
  analysis.add("terraform.tfvars", "a = \"tfvars\"\nb = true\n");
  analysis.add("x.auto.tfvars", "d = 2\n");
  analysis.disk["envs/prod.tfvars"] = "a = \"prod\"\nb = false\nd = 3\n";
  analysis.inputs = {{"var-file", "envs/prod.tfvars"},
                     {"var", "c=[\"x\", \"y\"]"},
                     {"var", "d=from command line"},
                     {"var", "a=last"}};
  analysis.run();
  CHECK(analysis.attribute("t.r", "a")->as_string() == "last");
  CHECK_FALSE(analysis.attribute("t.r", "b")->as_bool());
  REQUIRE(analysis.attribute("t.r", "c")->is_list());
  CHECK(analysis.attribute("t.r", "c")->items().size() == 2);
  // Without a type, the text is a string, as Terraform reads -var.
  CHECK(analysis.attribute("t.r", "d")->as_string() == "from command line");
  CHECK(analysis.messages().empty());
}

TEST_CASE("--var: a primitive type takes the text; a wrong expression or name is said") {
  Analysis analysis;
  analysis.add("main.tf",
               "variable \"n\" {\n  type = number\n}\n"
               "variable \"m\" {\n  type = map(string)\n  default = {}\n}\n"
               "resource \"t\" \"r\" {\n  n = var.n\n  m = var.m\n}\n");
  analysis.inputs = {{"var", "n=5"}, {"var", "m={a ="}, {"var", "nope=1"}};
  analysis.run();
  CHECK(analysis.attribute("t.r", "n")->as_string() == "5");  // converted where it is used
  CHECK(analysis.has_message("Invalid value for variable: --var m is not a valid expression"));
  CHECK(analysis.has_message("value for undeclared variable \"nope\" given with --var"));
}

TEST_CASE("an instance's environment is its resources' environment") {
  Analysis analysis;
  analysis.add("main.tf", "resource \"t\" \"r\" {}\n", "dev");
  analysis.environment = "prod";
  analysis.run();
  CHECK(analysis.resource("t.r")->environment == "prod");
}

}  // namespace bw::frontends::terraform
