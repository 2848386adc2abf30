// Compile-time checks, through the public compile_expression().

#include "compiler/expr/checker.h"

#include <doctest/doctest.h>

#include "compiler/expr/test_support.h"

using namespace bw::compiler;
using namespace bw::compiler::testing;

namespace {

// The one error `text` must produce.
ExprError only_error(std::string_view text, const std::vector<std::string>& kinds = {"database"}) {
  Fixture f;
  std::vector<ExprError> errors = f.errors(text, kinds);
  INFO(text);
  REQUIRE(errors.size() == 1);
  return errors[0];
}

std::string message(std::string_view text, const std::vector<std::string>& kinds = {"database"}) {
  return only_error(text, kinds).message;
}

void compiles(std::string_view text, const std::vector<std::string>& kinds = {"database"}) {
  Fixture f;
  CHECK(f.compile(text, kinds) != nullptr);
}

}  // namespace

TEST_CASE("checker: the language's examples compile") {
  compiles("self.deletion_protection != true");
  compiles("self.environment == \"prod\" && !(self.prevent_destroy == true)");
  compiles(
      "self.edges(\"launch-template\").exists(t, t.block_devices.exists(d, "
      "d.delete_on_termination != false))");
  compiles("self.name.matches(\"^(test|dev)-\") || \"prod\" in self.tags_values");
  compiles(
      "self.name == 'x' && self.type == 'aws' && self.address != '' && self.kind == 'database' && "
      "self.environment == 'prod' && self.frontend == 'terraform' && self.path.endsWith('.tf') "
      "&& !self.is_data");
  compiles("has(self.tags) && has(self.tags.team) && self.tags.team == 'x'");
  compiles("self.tags.exists(k, k.startsWith('env'))");
  compiles("self.tags_values.map(v, v.size()).exists(n, n > 3)");
  compiles("self.tags_values.filter(v, v.startsWith('a')).size() > 0 ? true : false");
  compiles("self.backup_retention_days % 7 == 0 && -self.backup_retention_days < 0");
  compiles("self.engine + '-x' == 'pg-x' && [1] + [2] == [1, 2] && {'a': 1} != {}");
  compiles("self.engine == null && null == self.tags && self.tags_values[0] == 'a'");
}

TEST_CASE("checker: an unknown property names the kind and suggests the closest") {
  ExprError e = only_error("self.deletion_protecton != true");
  CHECK(e.offset == 5);
  CHECK(e.length == 18);
  CHECK(e.message ==
        "unknown property 'deletion_protecton' of kind 'database'; did you mean "
        "'deletion_protection'?");
  CHECK(message("self.zzz == 1") == "unknown property 'zzz' of kind 'database'");
  // Builtin fields are suggested too.
  CHECK(message("self.adress == 'x'") ==
        "unknown property 'adress' of kind 'database'; did you mean 'address'?");
  // One mistake, one error: the unknown property is Any from then on.
  CHECK(message("!self.nope.x") == "unknown property 'nope' of kind 'database'");
}

TEST_CASE("checker: a property must belong to every kind of the rule") {
  std::vector<std::string> both{"database", "autoscaling-group"};
  compiles("self.deletion_protection == true", both);
  ExprError e = only_error("self.engine == 'x'", both);
  CHECK(e.offset == 5);
  CHECK(e.message == "unknown property 'engine' of kind 'autoscaling-group'");
  // Kinds disagreeing on a type make the property Any.
  compiles("self.backup_retention_days == 'x'", both);
  CHECK(message("self.backup_retention_days == 'x'") == "cannot compare number with string");
  // No kinds: every kind, so only builtins and shared properties.
  compiles("self.name == 'x'", {});
  CHECK(message("self.size_gb > 1", {}) ==
        "unknown property 'size_gb' of kind 'autoscaling-group'");
  // An unknown kind in the list (the rule loader normally catches it first).
  ExprError k = only_error("true", {"databse"});
  CHECK(k.offset == 0);
  CHECK(k.length == 0);
  CHECK(k.message == "unknown kind 'databse'; did you mean 'database'?");
}

TEST_CASE("checker: every error is reported, not just the first") {
  Fixture f;
  std::vector<ExprError> errors =
      f.errors("self.enigne == 'x' && self.deletion_protecton && nope && size(1, 2) > 0");
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].offset == 5);
  CHECK(errors[0].message ==
        "unknown property 'enigne' of kind 'database'; did you mean 'engine'?");
  CHECK(errors[1].offset == 27);
  CHECK(errors[2].offset == 49);
  CHECK(errors[2].message == "unknown identifier 'nope'");
  CHECK(errors[3].offset == 57);
  CHECK(errors[3].message == "'size' takes 1 argument, got 2");
}

TEST_CASE("checker: unknown identifiers") {
  ExprError e = only_error("selff.engine == 'x'");
  CHECK(e.offset == 0);
  CHECK(e.length == 5);
  CHECK(e.message == "unknown identifier 'selff'; did you mean 'self'?");
  CHECK(message("engine == 'x'") == "unknown identifier 'engine'; did you mean 'self.engine'?");
  CHECK(message("name == 'x'") == "unknown identifier 'name'; did you mean 'self.name'?");
  // A macro variable is in scope only inside its macro.
  e = only_error("self.tags_values.exists(v, true) && v == 'a'");
  CHECK(e.offset == 36);
  CHECK(e.message == "unknown identifier 'v'");
  CHECK(message("self.tags_values.exists(value, valeu == 'a')") ==
        "unknown identifier 'valeu'; did you mean 'value'?");
}

TEST_CASE("checker: unknown functions and methods, and how they are called") {
  ExprError e = only_error("sise(self.tags) > 0");
  CHECK(e.offset == 0);
  CHECK(e.length == 4);
  CHECK(e.message == "unknown function 'sise'; did you mean 'size'?");
  e = only_error("self.engine.startswith('a')");
  CHECK(e.offset == 12);
  CHECK(e.length == 10);
  CHECK(e.message == "unknown method 'startswith'; did you mean 'startsWith'?");
  CHECK(message("self.engine.frobnicate()") == "unknown method 'frobnicate'");
  CHECK(message("matches(self.engine, 'a')") == "'matches' is a method: write x.matches(...)");
  CHECK(message("self.tags.has(self.engine)") ==
        "'has' is a function, not a method: write has(x.field)");
}

TEST_CASE("checker: argument counts") {
  CHECK(message("size(self.tags, 1) > 0") == "'size' takes 1 argument, got 2");
  CHECK(message("size() > 0") == "'size' takes 1 argument, got 0");
  CHECK(message("self.tags.size(1) > 0") == "'size' takes no arguments, got 1");
  CHECK(message("self.engine.lower(1) == 'a'") == "'lower' takes no arguments, got 1");
  CHECK(message("self.engine.startsWith()") == "'startsWith' takes 1 argument, got 0");
  ExprError e = only_error("self.tags_values.exists(x)");
  CHECK(e.offset == 17);
  CHECK(e.message == "'exists' takes 2 arguments, got 1");
  CHECK(message("self.tags_values.all(x, y, true)") == "'all' takes 2 arguments, got 3");
  CHECK(message("self.edges() == []") == "'edges' takes 1 argument, got 0");
}

TEST_CASE("checker: has() needs a field selection") {
  ExprError e = only_error("has(self)");
  CHECK(e.offset == 4);
  CHECK(e.length == 4);
  CHECK(e.message == "has() needs a field selection such as has(self.x)");
  CHECK(message("has(self.nope)") == "unknown property 'nope' of kind 'database'");
}

TEST_CASE("checker: macro variables") {
  ExprError e = only_error("self.tags_values.exists(self, true)");
  CHECK(e.offset == 24);
  CHECK(e.length == 4);
  CHECK(e.message == "'self' cannot be a macro variable: it would hide the resource");
  CHECK(message("self.tags_values.exists('x', true)") ==
        "the first argument of exists() must be a variable name");
  CHECK(message("self.tags_values.exists(v, v.size())") ==
        "the predicate of exists() must be a bool, not number");
  CHECK(message("self.engine.exists(x, true)") == "'exists' needs a list or an object, not string");
  // The variable has the element's type; over an object, the keys are strings.
  CHECK(message("self.tags_values.all(v, v > 1)") == "cannot compare string with number using '>'");
  CHECK(message("self.tags.exists(k, k == 1)") == "cannot compare string with number");
  CHECK(message("self.tags_values.map(v, v.size()).exists(n, n.startsWith('a'))") ==
        "'startsWith' needs a string, not number");
  // Inner macros may reuse a name; the innermost wins.
  compiles("self.tags_values.exists(v, self.block_devices.exists(v, v.x == 1))");
}

TEST_CASE("checker: edges() takes a known kind, literally, and types its elements") {
  ExprError e = only_error("self.edges(self.engine).size() > 0");
  CHECK(e.offset == 11);
  CHECK(e.length == 11);
  CHECK(e.message == "edges() needs a string literal naming a kind");
  e = only_error("self.edges('launch-templat').size() > 0");
  CHECK(e.offset == 11);
  CHECK(e.length == 16);
  CHECK(e.message == "unknown kind 'launch-templat'; did you mean 'launch-template'?");
  CHECK(message("self.tags_values.edges('volume').size() > 0") ==
        "edges() needs a resource, not list");
  // Members of the connected resources are checked against their kind.
  e = only_error("self.edges('launch-template').exists(t, t.engine == 'x')");
  CHECK(e.offset == 42);
  CHECK(e.message == "unknown property 'engine' of kind 'launch-template'");
  CHECK(message("self.edges('launch-template').exists(t, t.encrypted == 'x')") ==
        "cannot compare bool with string");
  compiles("self.edges('launch-template').exists(t, t.name == 'x' && t.encrypted)");
  compiles("self.edges('volume').map(v, v).exists(v, v.size_gb > 1)");
  CHECK(message("self.edges('volume').map(v, v).exists(v, v.nope)") ==
        "unknown property 'nope' of kind 'volume'");
  compiles("self.edges('volume')[0].edges('database').all(d, d.engine == 'pg')");
}

TEST_CASE("checker: matches() compiles a literal pattern once") {
  ExprError e = only_error("self.engine.matches(self.name)");
  CHECK(e.offset == 20);
  CHECK(e.message == "matches() needs a string literal pattern");
  e = only_error("self.engine.matches('(unclosed')");
  CHECK(e.offset == 20);
  CHECK(e.length == 11);
  CHECK(e.message.rfind("invalid regular expression: ", 0) == 0);
  CHECK(message("self.backup_retention_days.matches('1')") ==
        "'matches' needs a string, not number");
}

TEST_CASE("checker: type errors where both types are known") {
  ExprError e = only_error("self.deletion_protection == 'yes'");
  CHECK(e.offset == 0);
  CHECK(e.length == 33);
  CHECK(e.message == "cannot compare bool with string");
  CHECK(message("self.is_data != 1") == "cannot compare bool with number");
  e = only_error("size(self.deletion_protection) > 0");
  CHECK(e.offset == 5);
  CHECK(e.message == "size() needs a string, a list or an object, not bool");
  CHECK(message("self.prevent_destroy.size() > 0") ==
        "size() needs a string, a list or an object, not bool");
  e = only_error("!self.backup_retention_days");
  CHECK(e.offset == 1);
  CHECK(e.message == "'!' needs a bool, not number");
  e = only_error("true && self.engine");
  CHECK(e.offset == 8);
  CHECK(e.message == "'&&' needs bool operands, not string");
  CHECK(message("self.engine || true") == "'||' needs bool operands, not string");
  CHECK(message("-self.engine == 1") == "'-' needs a number, not string");
  CHECK(message("self.backup_retention_days < '3'") ==
        "cannot compare number with string using '<'");
  CHECK(message("self.deletion_protection >= true") == "'>=' needs numbers or strings, not bool");
  CHECK(message("self.engine - 1 > 0") == "'-' needs numbers, not string");
  CHECK(message("self.engine + 1 == 'x'") == "cannot add string and number");
  CHECK(message("self.tags + 1 == 1") == "'+' needs numbers, strings or lists, not object");
  CHECK(message("self.is_data - self.is_data == 0") == "'-' needs numbers, not bool");
  CHECK(message("1 in self.tags_values") == "cannot look for a number in a list of string");
  CHECK(message("1 in self.tags") == "the keys of an object are strings, not number");
  CHECK(message("'a' in self.engine") == "'in' needs a list or an object on the right, not string");
  CHECK(message("self.engine.startsWith(1)") == "'startsWith' needs a string argument, not number");
  CHECK(message("self.engine ? true : false") ==
        "the condition of '?:' must be a bool, not string");
  CHECK(message("self.tags_values['a'] == 'b'") == "a list index must be a number, not string");
  CHECK(message("self.tags[1] == 'b'") == "an object key must be a string, not number");
  CHECK(message("self.engine[0] == 'b'") == "cannot index a string");
  e = only_error("self.engine.x == 1");
  CHECK(e.offset == 12);
  CHECK(e.message == "cannot select field 'x' of a string");
  CHECK(message("self.block_devices.delete_on_termination == false") ==
        "cannot select field 'delete_on_termination' of a list; use exists(), all() or map() to "
        "look inside it");
  CHECK(message("{1: 2}.size() > 0") == "map keys must be strings, not number");
}

TEST_CASE("checker: the predicate must be a bool when its type is known") {
  ExprError e = only_error(" self.engine ");
  CHECK(e.offset == 1);
  CHECK(e.length == 11);
  CHECK(e.message == "the predicate must be a bool, not string");
  CHECK(message("1 + 2") == "the predicate must be a bool, not number");
  CHECK(message("null") == "the predicate must be a bool, not null");
  CHECK(message("self.deletion_protection ? 1 : 2") == "the predicate must be a bool, not number");
  CHECK(message("self.edges('volume')") == "the predicate must be a bool, not list");
  CHECK(message("self") == "the predicate must be a bool, not resource");
  // Any switches checking off.
  compiles("self.settings");
  compiles("self.settings.x.y == 1 && self.settings.matches('a') && size(self.settings) > 0");
  compiles("self.tags.team");
}

TEST_CASE("checker: a lexical or syntax error stops before checking") {
  Fixture f;
  std::vector<ExprError> errors = f.errors("self.nope == 'x");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "unterminated string");
  errors = f.errors("self.nope == (");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "expected an expression, found end of expression");
}

TEST_CASE("checker: what an expression reads beyond self, in lets too") {
  Fixture f;
  ExpressionPtr local = f.compile("self.engine == 'postgres'");
  REQUIRE(local);
  Reach none = reach(*local);
  CHECK(none.queried.empty());
  CHECK(none.edges.empty());
  CHECK(!none.environments);
  CHECK(!none.change);
  ExpressionPtr planned = f.compile("'delete' in self.change.actions");
  REQUIRE(planned);
  CHECK(reach(*planned).change);
  ExpressionPtr wide = f.compile(
      "resources('volume').exists(v, v.edges('launch-template').size() > 0) || "
      "self.edges('volume').size() > 1 || resources('volume').size() > 2");
  REQUIRE(wide);
  Reach both = reach(*wide);
  CHECK(both.queried == std::vector<std::string>{"volume"});
  CHECK(both.edges == std::vector<std::string>{"launch-template", "volume"});
  ExpressionInput input;
  input.when = "shared";
  input.lets = {{"shared", "environments(self.name).size() > 1"}};
  input.kinds = {"database"};
  ExpressionPtr in_let = f.compile(input);
  REQUIRE(in_let);
  CHECK(reach(*in_let).environments);
}
