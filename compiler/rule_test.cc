#include "compiler/rule.h"

#include <doctest/doctest.h>

#include "compiler/rule_pack.h"

using namespace bw::compiler;

static Kinds database_kinds() {
  Kinds kinds;
  std::vector<CompileError> errors;
  kinds.load("database.yaml",
             "kind: database\nproperties:\n  deletion_protection: {type: bool}\n"
             "types:\n  aws_db_instance:\n    properties:\n"
             "      deletion_protection: {from: deletion_protection, default: false}\n",
             errors);
  REQUIRE(errors.empty());
  return kinds;
}

static const char* kRule = R"(id: BW101
name: database-deletion-protection-off
category: deletion-protection
severity: high
kinds: [database]
when: self.deletion_protection == false
at: deletion_protection
message: "{type} '{name}' can be deleted"
)";

TEST_CASE("a valid rule compiles") {
  Kinds kinds = database_kinds();
  Rule rule;
  std::vector<CompileError> errors;
  CHECK(compile_rule("r.yaml", kRule, kinds, rule, errors));
  CHECK(errors.empty());
  CHECK(rule.id == "BW101");
  CHECK(rule.severity == bw::ir::Severity::High);
  CHECK(rule.when != nullptr);
}

TEST_CASE("an unknown property in the predicate is an error at its column") {
  Kinds kinds = database_kinds();
  std::string text = kRule;
  text.replace(text.find("self.deletion_protection =="), 24, "self.deletion_protecton");
  Rule rule;
  std::vector<CompileError> errors;
  CHECK_FALSE(compile_rule("r.yaml", text, kinds, rule, errors));
  REQUIRE(!errors.empty());
  CHECK(errors[0].line == 6);
  CHECK(errors[0].column == 12);  // at the misspelt name, not at `self`
  CHECK(errors[0].message.find("deletion_protecton") != std::string::npos);
}

TEST_CASE("block-scalar predicates report the right line") {
  Kinds kinds = database_kinds();
  std::string text = kRule;
  text.replace(text.find("when: self.deletion_protection == false"), 39,
               "when: >-\n  true &&\n  self.nope == false");
  Rule rule;
  std::vector<CompileError> errors;
  CHECK_FALSE(compile_rule("r.yaml", text, kinds, rule, errors));
  REQUIRE(!errors.empty());
  CHECK(errors[0].line == 8);
  CHECK(errors[0].column == 8);
}

TEST_CASE("metadata mistakes are errors: category, severity, kinds, keys, placeholders") {
  Kinds kinds = database_kinds();
  std::string text = kRule;
  text.replace(text.find("deletion-protection\n"), 19, "deletion-protect");
  text.replace(text.find("high"), 4, "severe");
  text.replace(text.find("{name}"), 6, "{nmae}");
  text += "whne: x\n";
  Rule rule;
  std::vector<CompileError> errors;
  CHECK_FALSE(compile_rule("r.yaml", text, kinds, rule, errors));
  std::string all;
  for (const auto& e : errors) all += e.format() + "\n";
  CHECK(all.find("did you mean 'deletion-protection'") != std::string::npos);
  CHECK(all.find("unknown severity 'severe'") != std::string::npos);
  CHECK(all.find("unknown key 'whne'") != std::string::npos);
  CHECK(all.find("unknown property 'nmae'") != std::string::npos);

  std::string wrong_kind = kRule;
  wrong_kind.replace(wrong_kind.find("[database]"), 10, "[databse]");
  errors.clear();
  CHECK_FALSE(compile_rule("r.yaml", wrong_kind, kinds, rule, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("did you mean 'database'") != std::string::npos);
}

TEST_CASE("the pack indexes rules by provider type and rejects duplicate ids") {
  RulePack pack;
  std::vector<CompileError> errors;
  REQUIRE(pack.add_kinds({"database.yaml",
                          "kind: database\nproperties:\n  deletion_protection: {type: bool}\n"
                          "types:\n  aws_db_instance: {}\n  aws_rds_cluster: {}\n"},
                         errors));
  REQUIRE(pack.add_rule({"a.yaml", kRule}, true, errors));
  CHECK_FALSE(pack.add_rule({"b.yaml", kRule}, false, errors));
  CHECK(errors.back().message.find("already used") != std::string::npos);
  pack.finish();
  CHECK(pack.rules_for("aws_db_instance").size() == 1);
  CHECK(pack.rules_for("aws_rds_cluster").size() == 1);
  CHECK(pack.rules_for("aws_s3_bucket").empty());
  pack.disable("BW101");
  pack.finish();
  CHECK(pack.rules_for("aws_db_instance").empty());
}

TEST_CASE("a rule of an unexpected shape is an error, not a crash") {
  // Found by fuzz_rule: yaml-cpp throws when a scalar is indexed like a map.
  Kinds kinds = database_kinds();
  std::string text = std::string(kRule) + "example: just a string\n";
  Rule rule;
  std::vector<CompileError> errors;
  CHECK_FALSE(compile_rule("r.yaml", text, kinds, rule, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 9);
  CHECK(errors[0].message.find("'example' is a mapping") != std::string::npos);

  for (const char* odd : {"- a\n- b\n", "id: [1, 2]\n", "kinds: {a: b}\n", "when: {x: 1}\n",
                          "message: [x]\n", "? [a]\n: b\n", "example: [1]\n"}) {
    errors.clear();
    CHECK_FALSE(compile_rule("r.yaml", odd, kinds, rule, errors));
    CHECK_FALSE(errors.empty());
  }
}
