// Run-time errors: a value of the wrong type, division by zero, a result
// that is not a bool. Each is Unknown with its reason, never False.

#include <doctest/doctest.h>

#include "compiler/expr/test_support.h"

using namespace bw::compiler;
using namespace bw::compiler::testing;
using bw::ir::ResourceId;
using bw::ir::Value;

TEST_CASE("errors: run-time type errors are unknown, never false") {
  Models m;
  // settings is Any in the schema and a number in the model.
  CHECK(m.on_db("self.settings.matches('a')") == U);
  CHECK(m.on_db("!self.settings.matches('a')") == U);
  CHECK(m.on_db("self.settings.matches('a') || true") == T);  // like any unknown
  CHECK(m.on_db("true || self.settings.matches('a')") == T);
  CHECK(m.on_db("false && self.settings.matches('a')") == F);
  CHECK(m.on_db("self.settings.matches('a') && false") == F);
  CHECK(m.on_db("self.settings < 'a'") == U);
  CHECK(m.on_db("!(self.settings < 'a')") == U);
  CHECK(m.on_db("self.settings.size() > 0") == U);
  CHECK(m.on_db("self.settings.startsWith('a') == false") == U);
  CHECK(m.on_db("self.settings.lower() == 'a'") == U);
  CHECK(m.on_db("self.settings.exists(x, true)") == U);
  CHECK(m.on_db("self.settings.x == null") == U);
  CHECK(m.on_db("self.settings[0] == null") == U);
  CHECK(m.on_db("self.settings + 'a' == 'a'") == U);
  CHECK(m.on_db("has(self.settings.x)") == U);
  CHECK(m.on_db("self.settings.edges('volume').size() == 0") == U);
  CHECK(m.on_db("self.settings ? true : false") == U);
  CHECK(m.on_db("self.settings ? true : true") == T);  // either way the same
  CHECK(m.on_db("self.settings && true") == U);
  CHECK(m.on_db("self.settings && false") == F);
  CHECK(m.on_db("!self.settings") == U);
  CHECK(m.on_db("-self.tags.team == 1") == U);
  CHECK(m.on_db("self.tags_values[0.5] == null") == U);
  CHECK(m.on_db("!(self.tags.team[0] == null)") == U);
  CHECK(m.on_db("{'a': 1}[self.settings] == null") == U);
  CHECK(m.on_db("{self.settings: 1}.size() == 1") == U);
  CHECK(m.on_db("self.tags_values.exists(v, self.settings)") == U);
  CHECK(m.on_db("self.tags_values.exists(v, self.settings) || true") == T);
  CHECK(m.on_db("self.tags_values.filter(v, self.settings).size() == 0") == U);
  // map() keeps an element it could not compute, as it keeps unknown ones.
  CHECK(m.on_db("self.tags_values.map(v, v.size() / 0).size() == 2") == T);
  CHECK(m.on_db("self.tags_values.map(v, v.size() / 0)[0] == 1") == U);
  CHECK(m.on_db("self.backup_retention_days / 0 == 1") == U);
  CHECK(m.on_db("!(self.backup_retention_days / 0 == 1)") == U);
  CHECK(m.on_db("self.backup_retention_days % 0 == 1") == U);
  CHECK(m.on_db("[1 / 0].size() == 1") == T);
  CHECK(m.on_db("1 in [1 / 0]") == U);
  CHECK(m.on_db("1 in [1 / 0, 1]") == T);
  CHECK(m.on_vague("self.deletion_protection && self.settings.matches('a')") == U);
  CHECK(m.on_vague("self.deletion_protection || self.settings.matches('a')") == U);
  CHECK(m.on_vague("self.engine == 'x' || 1 / 0 == 1") == U);
}

TEST_CASE("errors: a type error hides no finding") {
  // The regression: engine typed any and a number in the model. The error
  // used to make the whole predicate false, hiding deletion_protection.
  Fixture f;
  ResourceId db = f.add("legacy-database", "aws_db_instance.old",
                        object({{"engine", num(5)}, {"deletion_protection", boolean(false)}}));
  std::vector<std::string> kinds{"legacy-database"};
  CHECK(f.truth("self.engine.startsWith(\"mysql\") || self.deletion_protection == false", db,
                kinds) == T);
  Outcome outcome = f.run("self.engine.startsWith(\"mysql\")", db, kinds);
  CHECK(outcome.truth == U);
  CHECK(outcome.because == "engine is 5, a number, so startsWith() cannot apply");
  CHECK(f.truth("self.engine.startsWith(\"mysql\") && self.deletion_protection == true", db,
                kinds) == F);
}

TEST_CASE("errors: a run-time error says what went wrong") {
  Models m;
  auto because = [&](std::string_view text) { return m.run(text, m.db).because; };
  CHECK(because("self.settings.matches('a')") ==
        "settings is 3, a number, so matches() cannot apply");
  CHECK(because("self.settings < 'a'") ==
        "settings is 3, a number, and \"a\" is a string, so '<' cannot compare them");
  CHECK(because("self.backup_retention_days / 0 == 1") ==
        "`self.backup_retention_days / 0` divides by zero");
  CHECK(because("self.tags_values[0.5] == null") ==
        "0.5 is a number, not a whole number, so it cannot index a list");
  CHECK(because("self.settings.x == null") == "settings is 3, a number, so it has no field 'x'");
  CHECK(because("self.tags_values.exists(v, self.settings)") ==
        "settings is 3, a number, so it cannot decide exists()");
  CHECK(because("['team'].exists(k, self.tags[k])") ==
        "tags.team is \"data\", a string, so it cannot decide exists()");
  // A value the model does not hold is named by the text that computed it.
  CHECK(because("['a'].exists(k, {'a': 4}[k])") ==
        "`{'a': 4}[k]` is 4, a number, so it cannot decide exists()");
  CHECK(because("self.settings") == "settings is 3, a number, so it cannot decide the rule");
  CHECK(because("self.tags.team.startsWith(self.settings)") ==
        "settings is 3, a number, so startsWith() cannot apply");
  CHECK(because("self.tags_values[0] + self.settings == 'a'") ==
        "tags_values[0] is \"data\", a string, and settings is 3, a number, so '+' cannot apply "
        "to them");
  CHECK(m.run("self.settings", m.bare).because ==
        "`self.settings` is null, so it cannot decide the rule");
  // A number in the model that is zero is named.
  m.model.resources[m.bare].properties.set("backup_retention_days", num(0));
  CHECK(m.run("10 / self.backup_retention_days > 1", m.bare).because ==
        "backup_retention_days is 0, so `10 / self.backup_retention_days` divides by zero");
}

TEST_CASE("errors: a result that is not a bool is unknown") {
  Models m;
  CHECK(m.on_db("self.settings") == U);    // a number
  CHECK(m.on_bare("self.settings") == U);  // null
  m.model.resources[m.bare].properties.set("settings", Value::boolean(true));
  CHECK(m.on_bare("self.settings") == T);
}
