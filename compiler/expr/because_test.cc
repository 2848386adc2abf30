// The words and span of an Unknown outcome.

#include "compiler/expr/because.h"

#include <doctest/doctest.h>

#include "compiler/expr/test_support.h"
#include "compiler/expr/worlds.h"

using namespace bw::compiler;
using namespace bw::compiler::testing;
using bw::ir::ResourceId;
using bw::ir::Value;

namespace {

// An unknown value with a span in a real file, as a frontend makes them.
struct UnknownModel : Fixture {
  bw::ir::FileId file;
  ResourceId db, lt;

  UnknownModel() {
    file = model.sources.add("main.tf",
                             "resource \"aws_db_instance\" \"main\" {\n"
                             "  deletion_protection = var.protect\n"
                             "}\n");
    Value protect = Value::unknown("variable \"protect\" has no value (no default and no tfvars)",
                                   model.sources.file(file).span(60, 71));
    db =
        add("database", "aws_db_instance.main",
            object({
                {"deletion_protection", std::move(protect)},
                {"engine", unknown("")},
                {"tags", object({{"kubernetes.io/name", unknown("computed tag")}})},
                {"tags_values", list({str("b"), unknown("element unknown")})},
                {"block_devices", list({object({{"delete_on_termination", boolean(false)}}),
                                        object({{"delete_on_termination", unknown("computed")}})})},
            }));
    lt = add("launch-template", "aws_launch_template.web",
             object({{"encrypted", unknown("known after apply")}}));
    connect(db, lt);
  }
};

}  // namespace

TEST_CASE("because: names the property and says why, with the value's span") {
  UnknownModel m;
  Outcome outcome = m.run("self.deletion_protection != true", m.db);
  CHECK(outcome.truth == Truth::Unknown);
  CHECK(outcome.because ==
        "deletion_protection is unknown: variable \"protect\" has no value (no default and no "
        "tfvars)");
  CHECK(outcome.span.file == m.file);
  CHECK(outcome.span.begin.line == 2);
  CHECK(outcome.span.begin.column == 25);
  CHECK(outcome.span.end.column == 36);
}

TEST_CASE("because: the path inside lists and objects") {
  UnknownModel m;
  CHECK(m.run("self.block_devices.exists(d, d.delete_on_termination != false)", m.db).because ==
        "block_devices[1].delete_on_termination is unknown: computed");
  CHECK(m.run("self.tags['kubernetes.io/name'] == 'x'", m.db).because ==
        "tags[\"kubernetes.io/name\"] is unknown: computed tag");
  // Equality of a list with an unknown element names the element.
  CHECK(m.run("self.tags_values == ['b', 'c']", m.db).because ==
        "tags_values[1] is unknown: element unknown");
  CHECK(m.run("'a' in self.tags_values", m.db).because ==
        "tags_values[1] is unknown: element unknown");
  // No reason, no colon.
  CHECK(m.run("self.engine == 'x'", m.db).because == "engine is unknown");
}

TEST_CASE("because: another resource is named by its address") {
  UnknownModel m;
  Outcome outcome = m.run("self.edges('launch-template').exists(t, !t.encrypted)", m.db);
  CHECK(outcome.truth == Truth::Unknown);
  CHECK(outcome.because == "aws_launch_template.web.encrypted is unknown: known after apply");
}

TEST_CASE("because: the first unknown the result hinged on") {
  UnknownModel m;
  CHECK(m.run("self.engine == 'x' || self.deletion_protection", m.db).because ==
        "engine is unknown");
  CHECK(m.run("self.deletion_protection || self.engine == 'x'", m.db)
            .because.rfind("deletion_protection is unknown", 0) == 0);
  CHECK(m.run("self.deletion_protection ? true : false", m.db)
            .because.rfind("deletion_protection is unknown", 0) == 0);
  CHECK(m.run("self.tags_values.exists(v, v == 'z') || self.engine == 'x'", m.db).because ==
        "tags_values[1] is unknown: element unknown");
}

TEST_CASE("because: a run-time error points at the value it hinged on") {
  UnknownModel m;
  bw::ir::FileId file = m.model.sources.add("legacy.tf", "engine = 5\n");
  ResourceId old =
      m.add("legacy-database", "aws_db_instance.old",
            object({{"engine", Value::number(5, m.model.sources.file(file).span(9, 10))}}));
  Outcome outcome = m.run("self.engine.startsWith('mysql')", old, {"legacy-database"});
  CHECK(outcome.truth == Truth::Unknown);
  CHECK(outcome.because == "engine is 5, a number, so startsWith() cannot apply");
  CHECK(outcome.span.file == file);
  CHECK(outcome.span.begin.column == 10);
  // A value the model does not hold has no span.
  outcome = m.run("1 / 0 == 1", old, {"legacy-database"});
  CHECK(outcome.because == "`1 / 0` divides by zero");
  CHECK_FALSE(outcome.span.valid());
}

TEST_CASE("because: empty when the result is known") {
  UnknownModel m;
  Outcome outcome = m.run("self.deletion_protection && false", m.db);
  CHECK(outcome.truth == Truth::False);
  CHECK(outcome.because.empty());
  CHECK_FALSE(outcome.span.valid());
  outcome = m.run("self.engine == 'x' || true", m.db);
  CHECK(outcome.truth == Truth::True);
  CHECK(outcome.because.empty());
  CHECK_FALSE(outcome.span.valid());
}

TEST_CASE("because: a value not found under the resource explains itself by its reason") {
  bw::ir::Model model;
  model.resources.emplace_back();
  // Unresolved links are such values: their reason names what is unknown.
  Value detached = Value::unknown("the launch-template of x cannot be resolved: why");
  expr::World world;
  expr::Val v = expr::from_model(detached, 0, world);
  CHECK(expr::describe_unknown(model, 0, v) == "the launch-template of x cannot be resolved: why");
  v.resource = expr::kNoResource;
  CHECK(expr::describe_unknown(model, 0, v) == "the launch-template of x cannot be resolved: why");
  Value silent = Value::unknown("");
  CHECK(expr::describe_unknown(model, 0, expr::from_model(silent, 0, world)) ==
        "a value is unknown");
}
