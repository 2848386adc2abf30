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
  CHECK(compile_rule("r.yaml", kRule, kinds, nullptr, rule, errors));
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
  CHECK_FALSE(compile_rule("r.yaml", text, kinds, nullptr, rule, errors));
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
  CHECK_FALSE(compile_rule("r.yaml", text, kinds, nullptr, rule, errors));
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
  CHECK_FALSE(compile_rule("r.yaml", text, kinds, nullptr, rule, errors));
  std::string all;
  for (const auto& e : errors) all += e.format() + "\n";
  CHECK(all.find("did you mean 'deletion-protection'") != std::string::npos);
  CHECK(all.find("unknown severity 'severe'") != std::string::npos);
  CHECK(all.find("unknown key 'whne'") != std::string::npos);
  CHECK(all.find("message names {nmae}, which is no property, built-in field, let or exists() "
                 "variable; did you mean 'name'?") != std::string::npos);

  std::string wrong_kind = kRule;
  wrong_kind.replace(wrong_kind.find("[database]"), 10, "[databse]");
  errors.clear();
  CHECK_FALSE(compile_rule("r.yaml", wrong_kind, kinds, nullptr, rule, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("did you mean 'database'") != std::string::npos);
}

TEST_CASE("the pack indexes rules by kind and rejects duplicate ids") {
  RulePack pack;
  std::vector<CompileError> errors;
  REQUIRE(pack.add_kinds({"database.yaml",
                          "kind: database\nproperties:\n  deletion_protection: {type: bool}\n"
                          "types:\n  aws_db_instance: {}\n  aws_rds_cluster: {}\n"},
                         errors));
  REQUIRE(
      pack.add_kinds({"bucket.yaml", "kind: object-store\nproperties: {}\ntypes: {}\n"}, errors));
  REQUIRE(pack.add_rule({"a.yaml", kRule}, true, errors));
  CHECK_FALSE(pack.add_rule({"b.yaml", kRule}, false, errors));
  CHECK(errors.back().message.find("already used") != std::string::npos);
  pack.finish();
  CHECK(pack.rules_for("database").size() == 1);
  CHECK(pack.rules_for("object-store").empty());
  pack.disable("BW101");
  pack.finish();
  CHECK(pack.rules_for("database").empty());
}

// Regression: LANGUAGE.md said empty `kinds` means every kind, but the compiler
// rejected it. Left out or empty, a rule covers every kind, and may then use
// only what every kind has.
TEST_CASE("a rule without kinds covers every kind") {
  RulePack pack;
  std::vector<CompileError> errors;
  REQUIRE(pack.add_kinds({"database.yaml",
                          "kind: database\nproperties:\n  deletion_protection: {type: bool}\n"
                          "types: {}\n"},
                         errors));
  REQUIRE(
      pack.add_kinds({"bucket.yaml", "kind: object-store\nproperties: {}\ntypes: {}\n"}, errors));
  std::string every =
      "id: ACME1\nname: planned-delete\ncategory: planned-destruction\n"
      "severity: high\nwhen: self.change.actions.exists(a, a == \"delete\")\n"
      "message: \"{address} is deleted\"\n";
  REQUIRE(pack.add_rule({"every.yaml", every}, false, errors));
  std::string empty = every;
  empty.replace(empty.find("ACME1"), 5, "ACME2");
  empty += "kinds: []\n";
  REQUIRE(pack.add_rule({"empty.yaml", empty}, false, errors));
  pack.finish();
  CHECK(pack.rules_for("database").size() == 2);
  CHECK(pack.rules_for("object-store").size() == 2);
  // A property only one kind has is an error for a rule over every kind.
  std::string narrow = every;
  narrow.replace(narrow.find("ACME1"), 5, "ACME3");
  narrow.replace(narrow.find("self.change"), 11,
                 "self.deletion_protection == false && self.change");
  CHECK_FALSE(pack.add_rule({"narrow.yaml", narrow}, false, errors));
  CHECK(errors.back().message.find("of kind 'object-store'") != std::string::npos);
}

// Regression: `{value}` in a message without `at` printed "null".
TEST_CASE("{value} needs 'at'") {
  Kinds kinds = database_kinds();
  std::string text = kRule;
  text.replace(text.find("at: deletion_protection\n"), 24, "");
  text.replace(text.find("can be deleted"), 14, "is {value}");
  Rule rule;
  std::vector<CompileError> errors;
  CHECK_FALSE(compile_rule("r.yaml", text, kinds, nullptr, rule, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 7);
  CHECK(errors[0].message == "{value} is the value 'at' points to, but the rule has no 'at'");
}

TEST_CASE("lets, lists, exists() variables in messages, and the unknown message") {
  RulePack pack;
  std::vector<CompileError> errors;
  REQUIRE(pack.add_kinds({"lt.yaml",
                          "kind: launch-template\nproperties:\n  containers: {type: list<string>}\n"
                          "types: {}\n"},
                         errors));
  REQUIRE(pack.add_shared({"shared.yaml",
                           "lists:\n  dbs: {items: [postgres, mysql]}\n"
                           "parameters:\n  limit: {type: number, default: 2}\n"},
                          errors));
  std::string text =
      "id: ACME7\nname: db\ncategory: stateful-colocation\nseverity: high\n"
      "kinds: [launch-template]\n"
      "let:\n  dbs: self.containers.filter(c, c.imageName() in lists.dbs)\n"
      "when: size(dbs) > 0 && size(dbs) <= params.limit && self.containers.exists(d, d in dbs)\n"
      "message: \"{name} runs {d} of {dbs}\"\n"
      "unknown_message: \"{name} may run a database\"\n";
  REQUIRE(pack.add_rule({"r.yaml", text}, false, errors));
  const Rule& rule = *pack.find("ACME7");
  CHECK(rule.lets.size() == 1);
  CHECK(rule.message_names == std::vector<std::string>{"d", "dbs"});
  CHECK(rule.unknown_message == "{name} may run a database");

  // An unknown message cannot name what only a true predicate binds.
  std::string bad = text;
  bad.replace(bad.find("ACME7"), 5, "ACME8");
  bad.replace(bad.find("may run a database"), 18, "may run {d}");
  CHECK_FALSE(pack.add_rule({"bad.yaml", bad}, false, errors));
  CHECK(errors.back().message.find("unknown property 'd'") != std::string::npos);
  // An error inside a let points into the let.
  std::string typo = text;
  typo.replace(typo.find("ACME7"), 5, "ACME9");
  typo.replace(typo.find("lists.dbs)"), 10, "lists.dbz)");
  CHECK_FALSE(pack.add_rule({"typo.yaml", typo}, false, errors));
  CHECK(errors.back().line == 7);
  CHECK(errors.back().message.find("dbz") != std::string::npos);
}

TEST_CASE("an example names the file it is") {
  Kinds kinds = database_kinds();
  std::string text = std::string(kRule) + "example:\n  bad: x\n";
  Rule rule;
  std::vector<CompileError> errors;
  CHECK_FALSE(compile_rule("r.yaml", text, kinds, nullptr, rule, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("'example' needs 'path'") != std::string::npos);
}

TEST_CASE("a rule of an unexpected shape is an error, not a crash") {
  // Found by fuzz_rule: yaml-cpp throws when a scalar is indexed like a map.
  Kinds kinds = database_kinds();
  std::string text = std::string(kRule) + "example: just a string\n";
  Rule rule;
  std::vector<CompileError> errors;
  CHECK_FALSE(compile_rule("r.yaml", text, kinds, nullptr, rule, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 9);
  CHECK(errors[0].message.find("'example' is a mapping") != std::string::npos);

  for (const char* odd : {"- a\n- b\n", "id: [1, 2]\n", "kinds: {a: b}\n", "when: {x: 1}\n",
                          "message: [x]\n", "? [a]\n: b\n", "example: [1]\n"}) {
    errors.clear();
    CHECK_FALSE(compile_rule("r.yaml", odd, kinds, nullptr, rule, errors));
    CHECK_FALSE(errors.empty());
  }
}

TEST_CASE("examples are a list, one or more per language; one 'example' is a list of one") {
  Kinds kinds = database_kinds();
  std::string listed =
      std::string(kRule) +
      "examples:\n"
      "  - path: main.tf\n"
      "    bad: 'resource \"aws_db_instance\" \"a\" {}'\n"
      "    good: 'resource \"aws_db_instance\" \"a\" { deletion_protection = true }'\n"
      "  - path: template.yaml\n"
      "    bad: 'Resources: {}'\n";
  Rule rule;
  std::vector<CompileError> errors;
  CHECK(compile_rule("r.yaml", listed, kinds, nullptr, rule, errors));
  CHECK(errors.empty());
  REQUIRE(rule.examples.size() == 2);
  CHECK(rule.examples[0].path == "main.tf");
  CHECK(rule.examples[0].good.find("deletion_protection = true") != std::string::npos);
  CHECK(rule.examples[1].path == "template.yaml");
  CHECK(rule.examples[1].good.empty());

  std::string single =
      std::string(kRule) +
      "example:\n  path: main.tf\n  bad: 'resource \"aws_db_instance\" \"a\" {}'\n";
  Rule old;
  CHECK(compile_rule("r.yaml", single, kinds, nullptr, old, errors));
  CHECK(errors.empty());
  REQUIRE(old.examples.size() == 1);
  CHECK(old.examples[0].path == "main.tf");
  CHECK(old.examples[0].bad == "resource \"aws_db_instance\" \"a\" {}");
}

TEST_CASE("a malformed example is an error at its line and column") {
  Kinds kinds = database_kinds();
  auto errors_of = [&](const std::string& tail) {
    Rule rule;
    std::vector<CompileError> errors;
    CHECK_FALSE(compile_rule("r.yaml", std::string(kRule) + tail, kinds, nullptr, rule, errors));
    return errors;
  };
  // Line 9 is the first after kRule.
  auto errors = errors_of("examples:\n  - path: main.tf\n    bad: x\n  - bad: y\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].format() ==
        "r.yaml:12:5: error: an example needs 'path': the file the example is, such as main.tf");

  errors = errors_of("examples:\n  - main.tf\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].format() ==
        "r.yaml:10:5: error: an example is a mapping with 'path', 'bad' and 'good'");

  errors = errors_of("examples:\n  - path: main.tf\n    bda: x\n");
  REQUIRE(!errors.empty());
  CHECK(errors[0].line == 11);
  CHECK(errors[0].message.find("unknown key 'bda'") != std::string::npos);

  errors = errors_of("examples:\n  - path: main.tf\n    bad: [x]\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].format() == "r.yaml:11:10: error: example 'bad' is text");

  errors = errors_of("examples:\n  - path: main.tf\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 10);
  CHECK(errors[0].message.find("needs 'bad'") != std::string::npos);

  errors = errors_of("examples: {path: main.tf}\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 9);
  CHECK(errors[0].message == "'examples' is a list of mappings with 'path', 'bad' and 'good'");

  errors = errors_of("examples: []\nexample: {path: main.tf, bad: x}\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 10);
  CHECK(errors[0].message.find("not both") != std::string::npos);
}

TEST_CASE("message placeholders: braces around other text are text, errors point at the name") {
  Kinds kinds = database_kinds();
  std::string literal = kRule;
  literal.replace(literal.find("\"{type} '{name}' can be deleted\""), 32,
                  "'{type} is set to {\"a\": 1} and {{name}} is literal'");
  Rule rule;
  std::vector<CompileError> errors;
  CHECK(compile_rule("r.yaml", literal, kinds, nullptr, rule, errors));
  CHECK(errors.empty());

  std::string spaced = kRule;
  spaced.replace(spaced.find("{name}"), 6, "{ nmae }");
  errors.clear();
  CHECK_FALSE(compile_rule("r.yaml", spaced, kinds, nullptr, rule, errors));
  REQUIRE(errors.size() == 1);
  // message: "{type} '{ nmae }' ...": the `{` of the placeholder.
  CHECK(errors[0].line == 8);
  CHECK(errors[0].column == 19);
  CHECK(errors[0].message.find("message names {nmae}") == 0);
}

TEST_CASE("a rule id is capital letters then digits") {
  Kinds kinds = database_kinds();
  for (const char* id : {"bw101", "BW", "101", "BW10a", "B-1"}) {
    std::string text = kRule;
    text.replace(text.find("BW101"), 5, id);
    Rule rule;
    std::vector<CompileError> errors;
    CHECK_FALSE(compile_rule("r.yaml", text, kinds, nullptr, rule, errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("must be letters then digits") != std::string::npos);
  }
  std::string text = kRule;
  text.replace(text.find("BW101"), 5, "ACME4012");
  Rule rule;
  std::vector<CompileError> errors;
  CHECK(compile_rule("r.yaml", text, kinds, nullptr, rule, errors));
}

TEST_CASE("a message may name the variable an exists() binds, blanks around it or not") {
  Kinds kinds = database_kinds();
  std::string text = kRule;
  text.replace(text.find("self.deletion_protection == false"), 33,
               "\"[self.deletion_protection].exists( \\n  flag ,flag == false)\"");
  text.replace(text.find("{name}"), 6, "{flag}");
  Rule rule;
  std::vector<CompileError> errors;
  bool ok = compile_rule("r.yaml", text, kinds, nullptr, rule, errors);
  for (const auto& e : errors) FAIL_CHECK(e.format());
  CHECK(ok);
  CHECK(rule.message_names == std::vector<std::string>{"flag"});
}

TEST_CASE("thousands of errors in one rule are each located, in time linear in the file") {
  Kinds kinds = database_kinds();
  // 5,000 unknown properties in a folded predicate, and 500 unknown names in the message.
  std::string when = "when: >-\n";
  for (int i = 0; i < 5000; ++i)
    when += std::string(i ? "  && " : "  ") + "self.nope" + std::to_string(i) + " == 1\n";
  std::string message = "message: \"";
  for (int i = 0; i < 500; ++i) message += "{gone" + std::to_string(i) + "} ";
  message += "\"\n";
  std::string text = kRule;
  auto replace = [&](const std::string& from, const std::string& to) {
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
  };
  replace("when: self.deletion_protection == false\n", when);
  replace("message: \"{type} '{name}' can be deleted\"\n", message);
  Rule rule;
  std::vector<CompileError> errors;
  CHECK_FALSE(compile_rule("r.yaml", text, kinds, nullptr, rule, errors));
  REQUIRE(errors.size() == 5500);
  // Each where it was written: the predicate starts on line 7, one term a line.
  size_t property = 0, placeholder = 0;
  for (const CompileError& e : errors) {
    if (e.message.starts_with("message names {gone")) {
      ++placeholder;
      continue;
    }
    REQUIRE(e.message.find("unknown property 'nope") != std::string::npos);
    int term = std::stoi(e.message.substr(e.message.find("'nope") + 5));
    CHECK(e.line == 7 + term);
    CHECK(e.column == (term ? 11 : 8));
    ++property;
  }
  CHECK(property == 5000);
  CHECK(placeholder == 500);
}

TEST_CASE("the scalar locator agrees with one lookup at a time, and survives escapes") {
  std::string text = "a: \"x\\ty z\"\nb: |\n  one\n  two three\n";
  YAML::Node root = YAML::Load(text);
  ScalarLocator locator(text);
  for (const char* key : {"a", "b"})
    for (size_t offset = 0; offset <= root[key].Scalar().size() + 1; ++offset) {
      CAPTURE(key);
      CAPTURE(offset);
      CHECK(locator.locate(root[key], offset) == locate_in_scalar(text, root[key], offset));
    }
  CHECK(locator.locate(root["b"], 4) == std::pair<int, int>{4, 3});  // "two"
  // After the escape alignment fails: the scalar's start.
  CHECK(locator.locate(root["a"], 3) == std::pair<int, int>{1, 4});
}

TEST_CASE("closest_match dismisses a word far longer than every candidate without comparing") {
  std::vector<std::string> names = {"evaluation_steps", "file_bytes"};
  CHECK(closest_match("evaluation_step", names) == "evaluation_steps");
  CHECK(closest_match("file_byte", names) == "file_bytes");
  // 16 MB against a dozen letters would be 10^8 steps of edit distance each.
  CHECK(closest_match(std::string(16 * 1024 * 1024, 'e'), names).empty());
}
