// Lets, shared lists and parameters, and message bindings, through the
// public compile_expression() and evaluate().

#include <doctest/doctest.h>

#include "compiler/expr/test_support.h"

using namespace bw::compiler;
using namespace bw::compiler::testing;
using bw::ir::ResourceId;
using bw::ir::Value;

namespace {

// A database, a volume and a launch template, and the pack's globals.
struct Pack : Fixture {
  ResourceId db, volume, lt;

  Pack() {
    db = add("database", "aws_db_instance.main",
             object({{"deletion_protection", boolean(false)},
                     {"backup_retention_days", num(7)},
                     {"engine", str("postgres")},
                     {"tags", object({{"team", str("data")}, {"env", str("prod")}})},
                     {"tags_values", list({str("data"), str("prod")})},
                     {"block_devices", list({object({{"size", num(100)}, {"type", str("gp3")}})})},
                     {"settings", num(3)}}));
    volume = add("volume", "aws_ebs_volume.data", object({{"size_gb", num(500)}}));
    lt = add("launch-template", "aws_launch_template.web", object({{"encrypted", boolean(true)}}));
    connect(volume, db);
    connect(db, lt);
    globals.add_list({"database_images", PropertyType::list_of(PropertyType::of(ExprType::String)),
                      list({str("postgres"), str("mysql")}), "", "", 0});
    globals.add_parameter({"test_identifiers",
                           PropertyType::list_of(PropertyType::of(ExprType::String)),
                           list({str("test"), str("qa")}), "", "", 0});
    globals.add_parameter({"max_days", PropertyType::of(ExprType::Number), num(35), "", "", 0});
  }

  static ExpressionInput input(std::string_view when, std::vector<Let> lets = {},
                               std::vector<std::string> names = {}) {
    ExpressionInput in;
    in.when = when;
    in.lets = std::move(lets);
    in.kinds = {"database"};
    in.message_names = std::move(names);
    return in;
  }

  Truth with_lets(std::string_view when, std::vector<Let> lets) const {
    return run(input(when, std::move(lets)), db).truth;
  }

  ExprError only_error(const ExpressionInput& in) const {
    std::vector<ExprError> all = errors(in);
    INFO(in.when);
    REQUIRE(all.size() == 1);
    return all[0];
  }

  // The bindings of a True outcome.
  std::vector<std::pair<std::string, std::string>> bindings(std::string_view when,
                                                            std::vector<std::string> names,
                                                            std::vector<Let> lets = {}) const {
    Outcome outcome = run(input(when, std::move(lets), std::move(names)), db);
    CHECK(outcome.truth == T);
    return outcome.bindings;
  }
};

using Bindings = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("let: named sub-expressions, each using the ones before") {
  Pack p;
  CHECK(p.with_lets("is_pg && self.deletion_protection == false",
                    {{"is_pg", "self.engine == 'postgres'"}}) == T);
  CHECK(p.with_lets("short", {{"days", "self.backup_retention_days"}, {"short", "days < 14"}}) ==
        T);
  CHECK(p.with_lets("self.tags_values.exists(v, v.size() > limit)", {{"limit", "3"}}) == T);
  // An unused let is fine.
  CHECK(p.with_lets("true", {{"unused", "self.engine"}}) == T);
  // A let with a macro, used inside a macro of the predicate: each keeps its variable.
  CHECK(p.with_lets("self.tags_values.exists(v, big && v == 'prod')",
                    {{"big", "self.block_devices.exists(d, d.size > 50)"}}) == T);
  CHECK(p.with_lets(
            "self.tags_values.exists(v, [1].exists(w, both && v == 'prod'))",
            {{"inner", "[2].exists(x, x == 2)"}, {"both", "inner && [3].all(y, y == 3)"}}) == T);
}

TEST_CASE("let: types are inferred and checked where the let is used") {
  Pack p;
  ExprError e = p.only_error(Pack::input("days == 'x'", {{"days", "self.backup_retention_days"}}));
  CHECK(e.source == -1);
  CHECK(e.message == "cannot compare number with string");
  e = p.only_error(Pack::input("templates.exists(t, t.engine == 'x')",
                               {{"templates", "self.edges('launch-template')"}}));
  CHECK(e.message == "unknown property 'engine' of kind 'launch-template'");
  e = p.only_error(Pack::input("later", {{"early", "later"}, {"later", "true"}}));
  CHECK(e.source == 0);
  CHECK(e.offset == 0);
  CHECK(e.message == "unknown identifier 'later'");
}

TEST_CASE("let: errors in a let say which let") {
  Pack p;
  ExprError e =
      p.only_error(Pack::input("ok && fine", {{"ok", "true"}, {"fine", "self.enigne == 'x'"}}));
  CHECK(e.source == 1);
  CHECK(e.offset == 5);
  CHECK(e.message == "unknown property 'enigne' of kind 'database'; did you mean 'engine'?");
  e = p.only_error(Pack::input("ok", {{"ok", "self.engine == 'x"}}));
  CHECK(e.source == 0);
  CHECK(e.message == "unterminated string");
  e = p.only_error(Pack::input("ok", {{"ok", "self.engine == "}}));
  CHECK(e.source == 0);
  // A let that does not parse is not reported again where it is used.
  std::vector<ExprError> all = p.errors(Pack::input("broken && self.nope", {{"broken", "(("}}));
  REQUIRE(all.size() == 2);
  CHECK(all[0].source == 0);
  CHECK(all[1].source == -1);
  CHECK(all[1].message == "unknown property 'nope' of kind 'database'");
}

TEST_CASE("let: a name may not hide another") {
  Pack p;
  auto message = [&](std::string name, std::vector<Let> before = {}) {
    before.push_back({std::move(name), "true"});
    ExprError e = p.only_error(Pack::input("true", before));
    CHECK(e.source == static_cast<int>(before.size()) - 1);
    return e.message;
  };
  CHECK(message("self") == "let 'self' is taken: it would hide 'self'");
  CHECK(message("lists") == "let 'lists' is taken: it would hide 'lists'");
  CHECK(message("params") == "let 'params' is taken: it would hide 'params'");
  CHECK(message("size") == "let 'size' is taken: it is a function");
  CHECK(message("exists") == "let 'exists' is taken: it is a function");
  CHECK(message("x", {{"x", "1"}}) == "let 'x' is taken by an earlier let");
  CHECK(message("two words") == "let 'two words' is not a name: use letters, digits and '_'");
  CHECK(message("true") == "let 'true' is not a name: use letters, digits and '_'");
  CHECK(message("") == "let '' is not a name: use letters, digits and '_'");
  // Nor may a macro variable hide a let.
  ExprError e = p.only_error(Pack::input("self.tags_values.exists(x, x == '')", {{"x", "1"}}));
  CHECK(e.offset == 24);
  CHECK(e.message == "'x' cannot be a macro variable: it would hide the let 'x'");
  CHECK(p.only_error(Pack::input("self.tags_values.exists(lists, true)")).message ==
        "'lists' cannot be a macro variable: it would hide the shared lists");
}

TEST_CASE("let: evaluated only when needed, and an error in it is unknown") {
  Pack p;
  std::vector<Let> boom{{"boom", "self.settings.matches('a')"}};
  CHECK(p.with_lets("true || boom", boom) == T);
  CHECK(p.with_lets("boom || true", boom) == T);
  CHECK(p.with_lets("boom", boom) == U);
  Outcome outcome =
      p.run(Pack::input("ratio > 1", {{"ratio", "self.backup_retention_days / 0"}}), p.db);
  CHECK(outcome.truth == U);
  CHECK(outcome.because == "`self.backup_retention_days / 0` divides by zero");
}

TEST_CASE("lists and params: resolved at compile time against the globals") {
  Pack p;
  CHECK(p.run(Pack::input("self.engine in lists.database_images"), p.db).truth == T);
  CHECK(p.run(Pack::input("lists.database_images.exists(i, self.engine.startsWith(i))"), p.db)
            .truth == T);
  CHECK(p.run(Pack::input("self.backup_retention_days < params.max_days"), p.db).truth == T);
  CHECK(
      p.run(Pack::input("params.test_identifiers.exists(t, self.name.contains(t))"), p.db).truth ==
      F);
  CHECK(p.run(Pack::input("has(lists.database_images)"), p.db).truth == T);
  // Read where they live: a parameter set after compiling is seen.
  ExpressionPtr expression = p.compile(Pack::input("self.backup_retention_days < params.max_days"));
  REQUIRE(expression);
  p.globals.parameter("max_days")->value = num(5);
  CHECK(evaluate(*expression, p.model, p.db).truth == F);
}

TEST_CASE("lists and params: unknown names, types, and no globals at all") {
  Pack p;
  ExprError e = p.only_error(Pack::input("self.engine in lists.database_image"));
  CHECK(e.offset == 21);
  CHECK(e.length == 14);
  CHECK(e.message == "unknown list 'database_image'; did you mean 'database_images'?");
  CHECK(p.only_error(Pack::input("'x' in params.test_identifier")).message ==
        "unknown parameter 'test_identifier'; did you mean 'test_identifiers'?");
  CHECK(p.only_error(Pack::input("'x' in params.database_images")).message ==
        "unknown parameter 'database_images'");
  CHECK(p.only_error(Pack::input("lists.database_images.exists(i, i > 1)")).message ==
        "cannot compare string with number using '>'");
  CHECK(p.only_error(Pack::input("params.max_days == 'x'")).message ==
        "cannot compare number with string");
  CHECK(p.only_error(Pack::input("'x' in lists")).message ==
        "'lists' holds the pack's shared lists: write lists.NAME");
  CHECK(p.only_error(Pack::input("params['max_days'] == 1")).message ==
        "'params' holds the pack's shared parameters: write params.NAME");
  CHECK(p.only_error(Pack::input("lisst.x == 1")).message ==
        "unknown identifier 'lisst'; did you mean 'lists'?");
  // Without globals both namespaces are empty.
  std::vector<ExprError> errors;
  CHECK_FALSE(
      compile_expression("self.engine in lists.database_images", {"database"}, p.schema, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "unknown list 'database_images'");
}

TEST_CASE("message bindings: lets and the elements exists() found") {
  Pack p;
  CHECK(p.bindings("self.tags_values.exists(v, v.startsWith('p'))", {"v"}) ==
        Bindings{{"v", "prod"}});
  CHECK(p.bindings("self.edges('volume').exists(vol, vol.size_gb > 100)", {"vol"}) ==
        Bindings{{"vol", "aws_ebs_volume.data"}});
  CHECK(p.bindings("[7, 0.5].exists(n, n < 1)", {"n"}) == Bindings{{"n", "0.5"}});
  CHECK(p.bindings("true", {"engine_name", "days", "flag", "values", "tags", "missing", "pair"},
                   {{"engine_name", "self.engine"},
                    {"days", "self.backup_retention_days"},
                    {"flag", "self.deletion_protection"},
                    {"values", "self.tags_values"},
                    {"tags", "self.tags"},
                    {"missing", "self.tags.nope"},
                    {"pair", "[self.edges('volume')[0], 1]"}}) ==
        Bindings{{"engine_name", "postgres"},
                 {"days", "7"},
                 {"flag", "false"},
                 {"values", "data, prod"},
                 {"tags", "{2 keys}"},
                 {"missing", "null"},
                 {"pair", "aws_ebs_volume.data, 1"}});
  // Through &&, ||, the branches of ?: and other exists() bodies.
  CHECK(p.bindings("self.block_devices.exists(d, self.tags_values.exists(v, v == 'prod') && "
                   "d.size == 100)",
                   {"d", "v"}) == Bindings{{"d", "{2 keys}"}, {"v", "prod"}});
  CHECK(p.bindings("self.engine == 'x' ? false : self.tags_values.exists(v, v == 'data')", {"v"}) ==
        Bindings{{"v", "data"}});
  // An exists() that did not make the rule true has found nothing.
  CHECK(p.bindings("self.tags_values.exists(v, v == 'zzz') || true", {"v"}) == Bindings{{"v", ""}});
}

TEST_CASE("message bindings: only names that make the rule true") {
  Pack p;
  const std::string nothing = "which is no let or exists() variable that makes the rule true";
  ExprError e = p.only_error(Pack::input("!self.tags_values.exists(v, v == 'x')", {}, {"v"}));
  CHECK(e.offset == 25);
  CHECK(e.length == 1);
  CHECK(e.message == "message names {v}, " + nothing);
  CHECK(p.only_error(Pack::input("self.tags_values.exists(v, v == 'x') == true", {}, {"v"}))
            .message == "message names {v}, " + nothing);
  CHECK(p.only_error(Pack::input("self.tags_values.all(v, v != '')", {}, {"v"})).message ==
        "message names {v}, " + nothing);
  CHECK(p.only_error(Pack::input("self.tags_values.exists(v, v == 'x') ? true : false", {}, {"v"}))
            .message == "message names {v}, " + nothing);
  CHECK(
      p.only_error(Pack::input("self.tags_values.filter(v, true).size() > 0", {}, {"v"})).message ==
      "message names {v}, " + nothing);
  e = p.only_error(Pack::input("true", {}, {"nowhere"}));
  CHECK(e.offset == 0);
  CHECK(e.length == 0);
  CHECK(e.message == "message names {nowhere}, " + nothing);
  e = p.only_error(
      Pack::input("self.tags_values.exists(v, v == 'a') || self.tags_values.exists(v, v == 'prod')",
                  {}, {"v"}));
  CHECK(e.offset == 64);
  CHECK(e.message ==
        "message names {v}, which more than one exists() binds: give them different names");
}

TEST_CASE("message bindings: only on True, from the first of agreeing worlds") {
  Pack p;
  Outcome outcome = p.run(Pack::input("self.tags_values.exists(v, v == 'x')", {}, {"v"}), p.db);
  CHECK(outcome.truth == F);
  CHECK(outcome.bindings.empty());
  p.model.resources[p.db].properties.set(
      "tags_values", list({one_of({str("prod-a"), str("prod-b")}, "workspace")}));
  CHECK(p.bindings("self.tags_values.exists(v, v.startsWith('prod'))", {"v"}) ==
        Bindings{{"v", "prod-a"}});
  outcome = p.run(Pack::input("self.tags_values.exists(v, v == 'prod-b')", {}, {"v"}), p.db);
  CHECK(outcome.truth == U);
  CHECK(outcome.bindings.empty());
}
