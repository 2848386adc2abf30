#include "frontends/terraform/unit_planner.h"

#include <doctest/doctest.h>

#include <map>

#include "frontends/terraform/terraform_frontend.h"

using bw::frontends::Unit;

namespace {

// Plans the given files (root-relative path -> text) as the engine would
// offer them: in path order.
struct Plan {
  bw::ir::Model model;
  std::vector<Unit> units;

  explicit Plan(const std::map<std::string, std::string>& files) {
    std::vector<bw::ir::FileId> ids;
    for (const auto& [path, text] : files) ids.push_back(model.sources.add(path, text, path));
    bw::frontends::terraform::TerraformFrontend frontend;
    units = frontend.plan_units(ids, model.sources);
  }

  std::vector<std::string> directories() const {
    std::vector<std::string> out;
    for (const Unit& unit : units) out.push_back(unit.directory);
    return out;
  }

  std::vector<std::string> files_of(size_t unit) const {
    std::vector<std::string> out;
    for (bw::ir::FileId id : units.at(unit).files) out.push_back(model.sources.file(id).relative);
    return out;
  }
};

std::string call(const std::string& name, const std::string& source) {
  return "module \"" + name + "\" {\n  source = \"" + source + "\"\n}\n";
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("each directory nobody calls is a root module, with its .tf and .tfvars files") {
  Plan plan({{"main.tf", "resource \"t\" \"r\" {}\n"},
             {"terraform.tfvars", "x = 1\n"},
             {"envs/prod/main.tf", call("db", "../../modules/db")},
             {"envs/prod/prod.auto.tfvars", "x = 1\n"},
             {"envs/prod/b.tf", ""},
             {"modules/db/main.tf", "resource \"aws_db_instance\" \"main\" {}\n"},
             {"-odd/main.tf", ""}});
  CHECK(plan.directories() == Strings{".", "-odd", "envs/prod"});
  for (const Unit& unit : plan.units) CHECK(unit.instance == unit.directory);
  CHECK(plan.files_of(0) == Strings{"main.tf", "terraform.tfvars"});
  CHECK(plan.files_of(2) ==
        Strings{"envs/prod/b.tf", "envs/prod/main.tf", "envs/prod/prod.auto.tfvars"});
}

TEST_CASE("a module called from two roots is analysed through each, not alone") {
  Plan plan({{"envs/prod/main.tf", call("db", "../../modules/db")},
             {"envs/test/main.tf", call("db", "../../modules/db")},
             {"modules/db/main.tf", call("kms", "../kms")},
             {"modules/kms/main.tf", ""}});
  CHECK(plan.directories() == Strings{"envs/prod", "envs/test"});
}

TEST_CASE("calls that are not local, lead nowhere or call themselves make no module") {
  Plan plan(
      {{"main.tf", call("self", "./") + call("up", "../outside") +
                       call("registry", "terraform-aws-modules/rds/aws") +
                       call("missing", "./missing") + "# " + call("commented", "./commented")},
       {"commented/main.tf", ""},
       {"vars/terraform.tfvars", ""}});
  CHECK(plan.directories() == Strings{".", "commented", "vars"});
}

TEST_CASE("modules that only call each other are still analysed, from the first by path") {
  Plan cycle({{"a/main.tf", call("b", "../b")},
              {"b/main.tf", call("a", "../a") + call("c", "../c")},
              {"c/main.tf", ""}});
  CHECK(cycle.directories() == Strings{"a"});

  // A root that reaches the cycle leaves nothing of it to analyse alone.
  Plan reached({{"root/main.tf", call("b", "../b")},
                {"a/main.tf", call("b", "../b")},
                {"b/main.tf", call("a", "../a")}});
  CHECK(reached.directories() == Strings{"root"});

  Plan two_cycles({{"x/main.tf", call("y", "../y")},
                   {"y/main.tf", call("x", "../x")},
                   {"a/main.tf", call("b", "../b")},
                   {"b/main.tf", call("a", "../a")}});
  CHECK(two_cycles.directories() == Strings{"a", "x"});
}

TEST_CASE("a module call's source inside a template or heredoc calls nothing") {
  Plan plan({{"main.tf",
              "locals {\n  doc = <<EOT\n" + call("db", "./db") + "EOT\n  t = \"${\"}\"}\"\n}\n"},
             {"db/main.tf", ""}});
  CHECK(plan.directories() == Strings{".", "db"});
}

TEST_CASE("a module call in a .tf.json file makes its directory a called module") {
  Plan plan(
      {{"envs/prod/main.tf.json", "{\"module\": {\"db\": {\"source\": \"../../modules/db\"}}}"},
       {"modules/db/main.tf.json", "{\"resource\": {\"aws_db_instance\": {\"x\": {}}}}"},
       {"modules/db/variables.tf", "variable \"v\" {}\n"},
       {"broken/main.tf.json", "{not json"}});
  CHECK(plan.directories() == Strings{"broken", "envs/prod"});
  CHECK(plan.files_of(1) == Strings{"envs/prod/main.tf.json"});
}
