// Declared types and the pack's globals, and how the checker uses them:
// object fields, list elements, builtin fields.

#include <doctest/doctest.h>

#include "compiler/expr/test_support.h"

using namespace bw::compiler;
using namespace bw::compiler::testing;

namespace {

// The one error `text` must produce for the given kinds.
ExprError only_error(std::string_view text, const std::vector<std::string>& kinds) {
  Fixture f;
  std::vector<ExprError> errors = f.errors(text, kinds);
  INFO(text);
  REQUIRE(errors.size() == 1);
  return errors[0];
}

const std::vector<std::string> kPolicy{"policy"};

}  // namespace

TEST_CASE("types: parse_property_type") {
  CHECK(parse_property_type("bool")->type == ExprType::Bool);
  CHECK(parse_property_type("number")->type == ExprType::Number);
  CHECK(parse_property_type("string")->type == ExprType::String);
  CHECK(parse_property_type("any")->type == ExprType::Any);
  CHECK(parse_property_type("object")->type == ExprType::Object);
  std::optional<PropertyType> list = parse_property_type("list");
  CHECK(list->type == ExprType::List);
  CHECK(list->element_type() == ExprType::Any);
  CHECK(parse_property_type("list<bool>")->element_type() == ExprType::Bool);
  CHECK(parse_property_type("list<object>")->element_type() == ExprType::Object);
  CHECK(parse_property_type("list<any>")->element_type() == ExprType::Any);
  CHECK(parse_property_type(" list< string > ")->element_type() == ExprType::String);
  CHECK_FALSE(parse_property_type("list<list>"));
  CHECK_FALSE(parse_property_type("list<list<string>>"));
  CHECK_FALSE(parse_property_type("list<>"));
  CHECK_FALSE(parse_property_type("list<string"));
  CHECK_FALSE(parse_property_type("resource"));
  CHECK_FALSE(parse_property_type("Bool"));
  CHECK_FALSE(parse_property_type(""));
}

TEST_CASE("types: describe and field") {
  CHECK(PropertyType::of(ExprType::Bool).describe() == "bool");
  CHECK(PropertyType::of(ExprType::List).describe() == "list");
  CHECK(PropertyType::list_of(PropertyType::of(ExprType::String)).describe() == "list<string>");
  PropertyType statement = PropertyType::of(ExprType::Object);
  statement.fields = {{"Effect", nullptr, ""}, {"Action", nullptr, ""}};
  CHECK(statement.describe() == "object{Effect, Action}");
  CHECK(PropertyType::list_of(statement).describe() == "list<object{Effect, Action}>");
  CHECK(statement.field("Action") == &statement.fields[1]);
  CHECK(statement.field("action") == nullptr);
  CHECK(PropertyType::of(ExprType::Object).describe() == "object");
}

TEST_CASE("types: Globals keep lists and parameters apart, and never move them") {
  Globals globals;
  CHECK(globals.add_list({"database_images", PropertyType::of(ExprType::List),
                          list({str("postgres")}), "", "rules/lists.yaml", 3}));
  CHECK_FALSE(globals.add_list({"database_images", {}, {}, "", "", 0}));
  CHECK(globals.add_parameter({"database_images", {}, str("x"), "", "", 0}));  // another namespace
  const Global* images = globals.list("database_images");
  REQUIRE(images);
  CHECK(images->line == 3);
  for (int i = 0; i < 100; ++i) globals.add_list({"l" + std::to_string(i), {}, {}, "", "", 0});
  CHECK(globals.list("database_images") == images);
  CHECK(globals.list("nope") == nullptr);
  CHECK(globals.parameter("database_images")->value.as_string() == "x");
  // Parameters are set from the configuration after the pack is loaded.
  globals.parameter("database_images")->value = str("y");
  CHECK(globals.parameter_names() == std::vector<std::string>{"database_images"});
  CHECK(globals.list_names().size() == 101);
}

TEST_CASE("types: members of an object with declared fields are checked") {
  ExprError e = only_error("self.document.Verson == '2012-10-17'", kPolicy);
  CHECK(e.offset == 14);
  CHECK(e.length == 6);
  CHECK(e.message ==
        "unknown field 'Verson' of object{Version, Statement}; did you mean 'Version'?");
  CHECK(only_error("self.document.Version == 1", kPolicy).message ==
        "cannot compare string with number");
  CHECK(only_error("self.document['Verson'] == 'x'", kPolicy).message ==
        "unknown field 'Verson' of object{Version, Statement}");
  Fixture f;
  CHECK(f.compile("self.document.Version == '2012-10-17' && self.document['Version'] != ''",
                  kPolicy));
  // An object without declared fields takes any member.
  CHECK(f.compile("self.tags.anything == 'x' && self.tags.a.b.c == 1"));
  // A member typed any is not checked further.
  CHECK(f.compile("self.statements.exists(s, s.Action.x == 1)", kPolicy));
}

TEST_CASE("types: list elements carry their declared type into macros and indexes") {
  ExprError e = only_error("self.statements.exists(s, s.Efect == 'Allow')", kPolicy);
  CHECK(e.offset == 28);
  CHECK(e.length == 5);
  CHECK(e.message ==
        "unknown field 'Efect' of object{Effect, Action, Principal}; did you mean 'Effect'?");
  CHECK(only_error("self.statements[0].Efect == 'Allow'", kPolicy).message ==
        "unknown field 'Efect' of object{Effect, Action, Principal}; did you mean 'Effect'?");
  CHECK(only_error("self.document.Statement.all(s, s.Effect == true)", kPolicy).message ==
        "cannot compare string with bool");
  CHECK(
      only_error("self.statements.filter(s, s.Effect == 'Deny').exists(s, s.Efect == 'x')", kPolicy)
          .message ==
      "unknown field 'Efect' of object{Effect, Action, Principal}; did you mean 'Effect'?");
  CHECK(only_error("self.statements.map(s, s.Effect).exists(e, e > 1)", kPolicy).message ==
        "cannot compare string with number using '>'");
  CHECK(only_error("(true ? self.statements : []).exists(s, s.Efect == 'x')", kPolicy).message ==
        "unknown field 'Efect' of object{Effect, Action, Principal}; did you mean 'Effect'?");
  Fixture f;
  CHECK(f.compile("self.statements.exists(s, s.Effect == 'Allow' && s.Principal.AWS == '*')",
                  kPolicy));
}

TEST_CASE("types: the builtin fields change and instance") {
  std::vector<std::string> database{"database"};
  ExprError e = only_error("'delete' in self.change.actoins", database);
  CHECK(e.offset == 24);
  CHECK(e.message ==
        "unknown field 'actoins' of object{actions, replace_paths}; did you mean 'actions'?");
  CHECK(only_error("self.change.actions.exists(a, a == 1)", database).message ==
        "cannot compare string with number");
  CHECK(only_error("self.instance == 1", database).message == "cannot compare string with number");
  Fixture f;
  {
    bw::ir::ResourceId db = f.add("database", "aws_db_instance.main");
    CHECK(f.truth("self.change == null && !has(self.change)", db) == Truth::True);
    CHECK(f.truth("'delete' in self.change.actions", db) == Truth::False);
    f.model.resources[db].change = bw::ir::planned_change({"delete", "create"}, {"engine"});
    CHECK(f.truth("'delete' in self.change.actions && has(self.change)", db) == Truth::True);
    CHECK(f.truth("self.change.replace_paths.exists(p, p == 'engine')", db) == Truth::True);
    CHECK(f.truth("self.change.actions.size() == 2", db) == Truth::True);
  }
}
