// Values with alternatives (ir OneOf) and partial strings, through the
// public compile_expression() and evaluate().

#include "compiler/expr/worlds.h"

#include <doctest/doctest.h>

#include "compiler/expr/test_support.h"

using namespace bw::compiler;
using namespace bw::compiler::testing;
using bw::ir::ResourceId;
using bw::ir::Value;

namespace {

const char* kEnv =
    "depends on var.env == \"prod\", which is unknown: variable \"env\" has no value";

// A database whose deletion protection depends on an unknown condition.
struct Alternatives : Fixture {
  ResourceId db;

  explicit Alternatives(Value protection = one_of({boolean(false), boolean(true)}, kEnv)) {
    db = add("database", "aws_db_instance.main",
             object({{"deletion_protection", std::move(protection)},
                     {"engine", str("postgres")},
                     {"backup_retention_days", num(7)}}));
  }
  Truth on_db(std::string_view text) const { return truth(text, db); }
};

}  // namespace

TEST_CASE("worlds: a OneOf property is tried with each alternative") {
  Alternatives m;
  CHECK(m.on_db("self.deletion_protection == false") == U);
  CHECK(m.on_db("self.deletion_protection == true || self.deletion_protection == false") == T);
  CHECK(m.on_db("self.deletion_protection == null") == F);
  CHECK(m.on_db("self.deletion_protection != null") == T);
  CHECK(m.on_db("self.engine == 'mysql' && self.deletion_protection == false") == F);
  // The same value takes the same alternative every time it is read.
  CHECK(m.on_db("self.deletion_protection == self.deletion_protection") == T);
  CHECK(m.on_db("self.deletion_protection || !self.deletion_protection") == T);
  CHECK(m.on_db("self.deletion_protection && !self.deletion_protection") == F);
  // Values that do not depend on it are decided as before.
  CHECK(m.on_db("self.engine == 'postgres'") == T);
}

TEST_CASE("worlds: disagreeing alternatives name the value and when the rule holds") {
  Alternatives m;
  Outcome outcome = m.run("self.deletion_protection == false", m.db);
  CHECK(outcome.truth == U);
  CHECK(outcome.because == std::string("deletion_protection is false or true (") + kEnv +
                               "): the rule holds only when it is false");
  outcome = m.run("self.deletion_protection != false", m.db);
  CHECK(outcome.because == std::string("deletion_protection is false or true (") + kEnv +
                               "): the rule holds only when it is true");
}

TEST_CASE("worlds: a span points at the value with alternatives") {
  Fixture f;
  bw::ir::FileId file =
      f.model.sources.add("main.tf", "deletion_protection = var.env == \"prod\"\n");
  bw::ir::Span span = f.model.sources.file(file).span(22, 39);
  ResourceId db = f.add("database", "aws_db_instance.main",
                        object({{"deletion_protection",
                                 Value::one_of({boolean(true), boolean(false)}, "why", span)}}));
  Outcome outcome = f.run("self.deletion_protection", db);
  CHECK(outcome.truth == U);
  CHECK(outcome.span.file == file);
  CHECK(outcome.span.begin.column == 23);
}

TEST_CASE("worlds: alternatives inside a list") {
  Fixture f;
  ResourceId db = f.add(
      "database", "aws_db_instance.main",
      object({{"tags_values", list({str("a"), one_of({str("prod"), str("test")}, "workspace")})},
              {"block_devices",
               list({object({{"delete_on_termination", boolean(false)}}),
                     object({{"delete_on_termination",
                              one_of({boolean(true), boolean(false)}, "flag")}})})}}));
  CHECK(f.truth("'a' in self.tags_values", db) == T);
  CHECK(f.truth("self.tags_values.exists(v, v == 'prod' || v == 'test')", db) == T);
  CHECK(f.truth("self.tags_values.exists(v, v == 'prod')", db) == U);
  CHECK(f.truth("'dev' in self.tags_values", db) == F);
  CHECK(f.truth("self.tags_values.all(v, v.size() >= 1)", db) == T);
  CHECK(f.truth("self.block_devices.all(d, d.delete_on_termination == false)", db) == U);
  CHECK(f.truth("self.block_devices.exists(d, d.delete_on_termination == false)", db) == T);
  CHECK(f.run("self.tags_values.exists(v, v == 'prod')", db).because ==
        "tags_values[1] is \"prod\" or \"test\" (workspace): the rule holds only when it is "
        "\"prod\"");
}

TEST_CASE("worlds: two independent values give every combination") {
  Fixture f;
  ResourceId db =
      f.add("database", "aws_db_instance.main",
            object({{"deletion_protection", one_of({boolean(false), boolean(true)}, "a")},
                    {"prevent_destroy", one_of({boolean(false), boolean(true)}, "b")}}));
  CHECK(f.truth("self.deletion_protection || self.prevent_destroy || true", db) == T);
  CHECK(f.truth("self.deletion_protection && self.prevent_destroy && false", db) == F);
  // True in one combination of four: undecided, and both values are named.
  Outcome outcome = f.run("self.deletion_protection && self.prevent_destroy", db);
  CHECK(outcome.truth == U);
  CHECK(outcome.because ==
        "deletion_protection is false or true (a) and prevent_destroy is false or true (b): the "
        "rule holds only for some combinations of them");
  // Only one of them decides: it is named alone.
  outcome = f.run("self.prevent_destroy || (self.deletion_protection && false)", db);
  CHECK(outcome.because ==
        "prevent_destroy is false or true (b): the rule holds only when it is "
        "true");
  // Both alternatives of each, compared to each other: equal in two worlds of four.
  CHECK(f.truth("self.deletion_protection == self.prevent_destroy", db) == U);
}

TEST_CASE("worlds: an alternative that is unknown makes the outcome unknown") {
  Alternatives m(one_of({boolean(true), unknown("variable \"x\" has no value")}, "cond"));
  Outcome outcome = m.run("self.deletion_protection == true", m.db);
  CHECK(outcome.truth == U);
  CHECK(outcome.because == "deletion_protection is unknown: variable \"x\" has no value");
  // ... unless the rule is decided without it.
  CHECK(m.on_db("self.deletion_protection == true || true") == T);
  // A OneOf without alternatives is plain unknown.
  Alternatives empty(one_of({}, "nothing known"));
  CHECK(empty.run("self.deletion_protection", empty.db).because ==
        "deletion_protection is unknown: nothing known");
}

TEST_CASE("worlds: an alternative may itself have alternatives") {
  Alternatives m(
      one_of({boolean(false), one_of({boolean(false), boolean(true)}, "inner")}, "outer"));
  CHECK(m.on_db("self.deletion_protection == false || self.deletion_protection == true") == T);
  CHECK(m.on_db("self.deletion_protection == false") == U);
  CHECK(m.on_db("self.deletion_protection == null") == F);
}

TEST_CASE("worlds: the alternatives of other resources and of the change count too") {
  Fixture f;
  ResourceId db = f.add("database", "aws_db_instance.main");
  ResourceId lt = f.add("launch-template", "aws_launch_template.web",
                        object({{"encrypted", one_of({boolean(true), boolean(false)}, "c")}}));
  f.connect(db, lt);
  Outcome outcome = f.run("self.edges('launch-template').exists(t, t.encrypted)", db);
  CHECK(outcome.truth == U);
  CHECK(outcome.because ==
        "aws_launch_template.web.encrypted is true or false (c): the rule holds only when it is "
        "true");
  f.model.resources[db].change =
      object({{"actions", one_of({list({str("delete")}), list({str("update")})}, "plan")}});
  CHECK(f.run("'delete' in self.change.actions", db).because ==
        "change.actions is [\"delete\"] or [\"update\"] (plan): the rule holds only when it is "
        "[\"delete\"]");
}

TEST_CASE("worlds: more than 64 combinations are too many") {
  Fixture f;
  std::vector<Value> items;
  for (int i = 0; i < 7; ++i) items.push_back(one_of({num(0), num(1)}, "bit"));
  ResourceId db =
      f.add("database", "aws_db_instance.main", object({{"tags_values", list(std::move(items))}}));
  // 2^7 = 128 combinations, all of them read.
  Outcome outcome = f.run("self.tags_values.map(x, x).size() == 7", db);
  CHECK(outcome.truth == U);
  CHECK(outcome.because.rfind("too many alternatives: tags_values[0] is 0 or 1 (bit)", 0) == 0);
  // Six of them (64 combinations) are not too many.
  f.model.resources[db].properties.get("tags_values")->items().pop_back();
  CHECK(f.truth("self.tags_values.map(x, x).size() == 6", db) == T);
  // A long list cut short: exists() stops at the first element it can decide.
  std::vector<Value> many;
  for (int i = 0; i < 1000; ++i) many.push_back(one_of({num(1), num(2)}, "bit"));
  f.model.resources[db].properties.set("settings", list(std::move(many)));
  CHECK(f.truth("self.settings.exists(x, x > 0)", db) == T);
  CHECK(f.truth("self.settings.all(x, x > 1)", db) == U);
}

TEST_CASE("worlds: the World plans choices depth first") {
  Value a = one_of({num(1), num(2)});
  Value b = one_of({num(1), num(2), num(3)});
  expr::World world;
  std::vector<std::pair<double, double>> seen;
  do {
    double x = world.choose(a, 0).as_number();
    double y = x == 1 ? world.choose(b, 0).as_number() : 0;  // b read in one branch only
    CHECK(world.choose(a, 0).as_number() == x);              // the same alternative again
    seen.emplace_back(x, y);
  } while (world.next());
  CHECK(seen == std::vector<std::pair<double, double>>{{1, 1}, {1, 2}, {1, 3}, {2, 0}});
}

TEST_CASE("partial strings: known parts decide what they can") {
  Fixture f;
  ResourceId db = f.add("database", "aws_db_instance.main",
                        object({{"endpoint", partial({std::nullopt, ".db.test.internal"})},
                                {"engine", partial({"postgres-", std::nullopt})},
                                {"tags_values", list({partial({"a", std::nullopt, "z"})})}}));
  auto on_db = [&](std::string_view text) { return f.truth(text, db); };
  CHECK(on_db("self.endpoint.endsWith('.test.internal')") == T);
  CHECK(on_db("self.endpoint.endsWith('.prod.internal')") == F);
  CHECK(on_db("self.endpoint.endsWith('x.db.test.internal')") == U);
  CHECK(on_db("self.endpoint.startsWith('prod')") == U);
  CHECK(on_db("self.endpoint.contains('.db.')") == T);
  CHECK(on_db("self.endpoint.contains('prod')") == U);
  CHECK(on_db("self.endpoint == 'x'") == F);  // the suffix differs
  CHECK(on_db("self.endpoint != 'x'") == T);
  CHECK(on_db("self.endpoint == 'prod.db.test.internal'") == U);
  CHECK(on_db("self.endpoint in ['a', 'b']") == F);
  CHECK(on_db("self.endpoint in ['a', 'main.db.test.internal']") == U);
  CHECK(on_db("self.engine.startsWith('postgres')") == T);
  CHECK(on_db("self.engine.startsWith('postgres-15')") == U);
  CHECK(on_db("self.engine.startsWith('mysql')") == F);
  CHECK(on_db("self.engine == 'postgres'") == F);  // too short for its prefix
  CHECK(on_db("self.tags_values[0] == 'abz'") == U);
  CHECK(on_db("self.tags_values[0] == 'az'") == U);  // the unknown part may be empty
  CHECK(on_db("self.tags_values[0] == 'za'") == F);
  // lower() and upper() keep it partial.
  CHECK(on_db("self.engine.upper().startsWith('POSTGRES')") == T);
  CHECK(on_db("self.engine.upper().startsWith('postgres')") == F);
  CHECK(on_db("self.endpoint.upper() == 'X.DB.TEST.INTERNAL'") == U);
  // Everything else treats it as unknown.
  CHECK(on_db("self.endpoint.matches('internal$')") == U);
  CHECK(on_db("self.endpoint.size() > 3") == U);
  CHECK(on_db("self.endpoint + 'x' == 'y'") == U);
  CHECK(on_db("self.endpoint.glob('*.internal')") == U);
  f.model.resources[db].properties.set("settings", partial({"a", std::nullopt}));
  CHECK(on_db("self.settings == 5") == U);
  // What is computed from one is not partial in the same way.
  CHECK(on_db("self.settings[0] == 'a'") == U);
  CHECK(on_db("self.settings.x == 'a'") == U);
  CHECK(on_db("self.endpoint.replace('a', 'b') == 'x'") == U);
  CHECK(on_db("self.endpoint.imageName() == 'x'") == U);
  CHECK(f.run("self.endpoint.startsWith('prod')", db).because ==
        "endpoint is unknown: variable has no value");
}
