// A rule's predicate and its message read the builtin fields from one table
// (compiler/expr/builtins.cc): whatever `{field}` shows, `self.field` equals.

#include <doctest/doctest.h>

#include "compiler/rule_pack.h"
#include "engine/evaluate.h"

using namespace bw;

namespace {

const char* kKind =
    "kind: database\nproperties:\n  engine: {type: string}\ntypes:\n  aws_db_instance: {}\n";

// The one finding `when` gives on `resource`, with `message`; "" when none.
std::string message_when(const ir::Model& model, ir::ResourceId resource, const std::string& when,
                         const std::string& message) {
  compiler::RulePack pack;
  std::vector<compiler::CompileError> errors;
  REQUIRE(pack.add_kinds({"database.yaml", kKind}, errors));
  std::string rule =
      "id: BW900\nname: builtin\ncategory: destroy-guard\nseverity: high\n"
      "kinds: [database]\nwhen: \"" +
      when + "\"\nmessage: \"" + message + "\"\nfix: none\ndocs: none\n";
  REQUIRE_MESSAGE(pack.add_rule({"builtin.yaml", rule}, false, errors),
                  (errors.empty() ? std::string() : errors[0].message));
  pack.finish();
  std::vector<ir::Finding> findings;
  engine::evaluate_resources(model, pack, {}, resource, resource + 1, findings);
  REQUIRE(findings.size() <= 1);
  return findings.empty() ? "" : findings[0].message;
}

struct Resources {
  ir::Model model;
  ir::ResourceId unknown_environment, production;

  Resources() {
    ir::FileId file = model.sources.add("envs/prod/main.tf", "resource {}\n", "envs/prod/main.tf");
    ir::UnitInfo unit;
    unit.frontend = "terraform";
    unit.instance = "envs/prod";
    unit.files = {file};
    unit.end = 2;
    model.units.push_back(unit);
    ir::Resource r;
    r.frontend = "terraform";
    r.provider_type = "aws_db_instance";
    r.name = "main";
    r.address = "aws_db_instance.main";
    r.kind = "database";
    r.file = file;
    r.unit = 0;
    unknown_environment = model.add(r);
    r.name = "replica";
    r.address = "aws_db_instance.replica";
    r.environment = "prod";
    r.is_data = true;
    production = model.add(r);
  }
};

}  // namespace

TEST_CASE("a message shows each builtin field as the predicate reads it") {
  Resources r;
  for (ir::ResourceId id : {r.unknown_environment, r.production})
    for (const char* field :
         {"type", "name", "address", "kind", "environment", "frontend", "path", "instance"}) {
      std::string shown = message_when(r.model, id, "true", std::string("{") + field + "}");
      CAPTURE(field);
      CHECK_FALSE(shown.empty());
      CHECK(message_when(r.model, id, std::string("self.") + field + " == '" + shown + "'",
                         "same") == "same");
    }
  CHECK(message_when(r.model, r.production, "self.is_data == true", "{is_data}") == "true");
  CHECK(message_when(r.model, r.unknown_environment, "self.is_data == false", "{is_data}") ==
        "false");
}

// A message never says `''` or leaves a gap for an environment nobody named,
// and a rule tests for it with the same word.
TEST_CASE("an unknown environment is 'unknown' to predicates and messages alike") {
  Resources r;
  CHECK(message_when(r.model, r.unknown_environment, "self.environment == 'unknown'",
                     "{name} in {environment}") == "main in unknown");
  CHECK(message_when(r.model, r.unknown_environment, "self.environment == ''", "x").empty());
  CHECK(message_when(r.model, r.unknown_environment, "self.environment == 'prod'", "x").empty());
  CHECK(message_when(r.model, r.production, "self.environment == 'prod'",
                     "{name} in {environment}") == "replica in prod");
}
