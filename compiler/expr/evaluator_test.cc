// Evaluation, through the public compile_expression() and evaluate().

#include "compiler/expr/evaluator.h"

#include <doctest/doctest.h>

#include "compiler/expr/test_support.h"

using namespace bw::compiler;
using namespace bw::compiler::testing;
using bw::ir::Provenance;
using bw::ir::ResourceId;
using bw::ir::Value;

TEST_CASE("evaluate: literals and arithmetic") {
  Models m;
  CHECK(m.on_db("1 + 2 == 3") == T);
  CHECK(m.on_db("1 + 2 == 4") == F);
  CHECK(m.on_db("7 - 2 * 3 == 1") == T);
  CHECK(m.on_db("7 / 2 == 3.5") == T);
  CHECK(m.on_db("7 % 4 == 3") == T);
  CHECK(m.on_db("-3 + 1 == -2") == T);
  CHECK(m.on_db("-(1 + 2) == -3") == T);
  CHECK(m.on_db("1.0 == 1 && 1e2 == 100") == T);
  CHECK(m.on_db("'a' + \"b\" == 'ab'") == T);
  CHECK(m.on_db("[1] + [2] == [1, 2]") == T);
  CHECK(m.on_db("self.tags_values + ['x'] == ['data', 'prod', 'x']") == T);
  CHECK(m.on_db("self.backup_retention_days * 2 == 14") == T);
  CHECK(m.on_db("true") == T);
  CHECK(m.on_db("false") == F);
}

TEST_CASE("evaluate: comparisons") {
  Models m;
  CHECK(m.on_db("1 < 2") == T);
  CHECK(m.on_db("2 < 2") == F);
  CHECK(m.on_db("2 <= 2") == T);
  CHECK(m.on_db("3 > 2") == T);
  CHECK(m.on_db("2 >= 3") == F);
  CHECK(m.on_db("'a' < 'b'") == T);
  CHECK(m.on_db("'abc' >= 'abd'") == F);
  CHECK(m.on_db("self.backup_retention_days >= 7") == T);
  CHECK(m.on_db("self.backup_retention_days < 7") == F);
}

TEST_CASE("evaluate: equality across types is false, never an error") {
  Models m;
  CHECK(m.on_db("self.settings == '3'") == F);
  CHECK(m.on_db("self.settings != '3'") == T);
  CHECK(m.on_db("self.settings == 3") == T);
  CHECK(m.on_db("null == null") == T);
  CHECK(m.on_db("self.engine != null") == T);
  CHECK(m.on_db("self.engine == 'postgres'") == T);
  CHECK(m.on_db("self.deletion_protection == false") == T);
  CHECK(m.on_db("self.deletion_protection != true") == T);
  // An absent property reads as null.
  CHECK(m.on_bare("self.engine == null") == T);
  CHECK(m.on_bare("self.deletion_protection != true") == T);
  CHECK(m.on_bare("self.deletion_protection == false") == F);
}

TEST_CASE("evaluate: lists and objects compare structurally") {
  Models m;
  CHECK(m.on_db("self.tags_values == ['data', 'prod']") == T);
  CHECK(m.on_db("self.tags_values == ['prod', 'data']") == F);
  CHECK(m.on_db("self.tags_values == ['data']") == F);
  CHECK(m.on_db("self.tags == {'env': 'prod', 'team': 'data'}") == T);  // key order aside
  CHECK(m.on_db("self.tags == {'team': 'data'}") == F);
  CHECK(m.on_db("self.tags == {'team': 'data', 'x': 'prod'}") == F);
  CHECK(m.on_db("self.tags == {'team': 'data', 'env': 'test'}") == F);
  CHECK(m.on_db("self.block_devices[0] == {'delete_on_termination': false, 'size': 100}") == T);
  CHECK(m.on_db("[[1, 2], {'a': [3]}] == [[1, 2], {'a': [3]}]") == T);
  CHECK(m.on_db("[] == [] && {} == {}") == T);
  CHECK(m.on_db("{'a': 1, 'a': 2} == {'a': 2}") == F);  // sizes differ, so unequal
  CHECK(m.on_db("{'a': 1, 'a': 2}.a == 2") == T);       // the last duplicate key wins
  // A list is never equal to an object (settings is Any, so this reaches run time).
  m.model.resources[m.bare].properties.set("settings", list({}));
  m.model.resources[m.bare].properties.set("tags", object({}));
  CHECK(m.on_bare("self.settings != self.tags") == T);
  CHECK(m.on_bare("self.settings == self.tags") == F);
}

TEST_CASE("evaluate: logical operators and the conditional") {
  Models m;
  CHECK(m.on_db("true && true") == T);
  CHECK(m.on_db("true && false") == F);
  CHECK(m.on_db("false || true") == T);
  CHECK(m.on_db("false || false") == F);
  CHECK(m.on_db("true && true && true && false") == F);
  CHECK(m.on_db("false || false || false || true") == T);
  CHECK(m.on_db("!false") == T);
  CHECK(m.on_db("!!true") == T);
  CHECK(m.on_db("self.environment == 'unknown' && !(self.prevent_destroy == true)") == T);
  CHECK(m.on_db("self.engine == 'postgres' ? self.backup_retention_days > 3 : false") == T);
  CHECK(m.on_db("self.engine == 'mysql' ? true : self.backup_retention_days > 30") == F);
  CHECK(m.on_db("(false ? 1 : 2) == 2") == T);
}

TEST_CASE("evaluate: in") {
  Models m;
  CHECK(m.on_db("'prod' in self.tags_values") == T);
  CHECK(m.on_db("'x' in self.tags_values") == F);
  CHECK(m.on_db("'team' in self.tags") == T);
  CHECK(m.on_db("'data' in self.tags") == F);  // keys, not values
  CHECK(m.on_db("self.engine in ['mysql', 'postgres']") == T);
  CHECK(m.on_db("self.engine in ['mysql', 'mariadb']") == F);
  CHECK(m.on_db("2 in [1, 2.0]") == T);
  CHECK(m.on_db("[1] in [[1], [2]]") == T);
  CHECK(m.on_db("'a' in []") == F);
  CHECK(m.on_db("'a' in {'a': 1}") == T);
  CHECK(m.on_db("self.settings in {'a': 1}") == F);  // only strings are keys
  CHECK(m.on_bare("'x' in self.tags_values") == F);  // null is empty
  CHECK(m.on_db("'prod' in self.tags_values.map(v, v)") == T);
}

TEST_CASE("evaluate: member and index access") {
  Models m;
  CHECK(m.on_db("self.tags.team == 'data'") == T);
  CHECK(m.on_db("self.tags['team'] == 'data'") == T);
  CHECK(m.on_db("self.tags.nope == null") == T);
  CHECK(m.on_db("self.tags['nope'] == null") == T);
  CHECK(m.on_db("self.tags_values[1] == 'prod'") == T);
  CHECK(m.on_db("self.tags_values[5] == null") == T);
  CHECK(m.on_db("self.tags_values[-1] == null") == T);
  CHECK(m.on_db("self.block_devices[1].delete_on_termination") == T);
  CHECK(m.on_db("{'a': {'b': 1}}.a.b == 1") == T);
  CHECK(m.on_db("[10, 20][1] == 20") == T);
  // Reading through null gives null.
  CHECK(m.on_bare("self.tags.team == null") == T);
  CHECK(m.on_bare("self.tags_values[0] == null") == T);
  CHECK(m.on_bare("self.block_devices[0].delete_on_termination == null") == T);
}

TEST_CASE("evaluate: builtin fields") {
  Models m;
  bw::ir::Resource& r = m.model.resources[m.db];
  // The path is the root-relative one, wherever the scan was started.
  r.file = m.model.sources.add("../repo/envs/prod/db.tf",
                               "resource \"aws_db_instance\" \"main\" {}\n", "envs/prod/db.tf");
  r.unit = 1;
  m.model.units.resize(2);
  m.model.units[1].instance = "envs/prod";
  r.environment = "prod";
  r.is_data = false;
  CHECK(m.on_db("self.type == 'aws_db_instance'") == T);
  CHECK(m.on_db("self.name == 'main'") == T);
  CHECK(m.on_db("self.address == 'aws_db_instance.main'") == T);
  CHECK(m.on_db("self.kind == 'database'") == T);
  CHECK(m.on_db("self.environment == 'prod'") == T);
  CHECK(m.on_db("self.frontend == 'terraform'") == T);
  CHECK(m.on_db("self.path == 'envs/prod/db.tf'") == T);
  CHECK(m.on_db("self.is_data") == F);
  CHECK(m.on_db("self.instance == 'envs/prod'") == T);
  CHECK(m.on_bare("self.path == ''") == T);      // a resource with no file
  CHECK(m.on_bare("self.instance == ''") == T);  // nor unit
  m.model.resources[m.bare].is_data = true;
  CHECK(m.on_bare("self.is_data") == T);
}

TEST_CASE("evaluate: string functions") {
  Models m;
  CHECK(m.on_db("self.engine.size() == 8 && size(self.engine) == 8") == T);
  CHECK(m.on_db("'héllo'.size() == 5") == T);         // code points, not bytes
  CHECK(m.on_db("self.engine.matches('gre')") == T);  // a partial match, as in CEL
  CHECK(m.on_db("self.engine.matches('^gre')") == F);
  CHECK(m.on_db("self.engine.matches('^(postgres|mysql)$')") == T);
  CHECK(m.on_db("'v1.2'.matches('^v\\d+\\.\\d+$')") == T);
  CHECK(m.on_db("self.name.matches(\"^(test|dev)-\") || \"prod\" in self.tags_values") == T);
  CHECK(m.on_db("self.engine.startsWith('post')") == T);
  CHECK(m.on_db("self.engine.startsWith('gres')") == F);
  CHECK(m.on_db("self.engine.endsWith('gres')") == T);
  CHECK(m.on_db("self.engine.endsWith('longer than postgres')") == F);
  CHECK(m.on_db("self.engine.contains('stg')") == T);
  CHECK(m.on_db("self.engine.contains('sql')") == F);
  CHECK(m.on_db("''.startsWith('') && ''.contains('')") == T);
  CHECK(m.on_db("'PoStGres-1'.lower() == 'postgres-1'") == T);
  CHECK(m.on_db("self.engine.upper() == 'POSTGRES'") == T);
  CHECK(m.on_db("self.engine.lower() == 'postgres'") == T);
  CHECK(m.on_db("'Émile'.lower() == 'Émile'") == T);  // ASCII only
}

TEST_CASE("evaluate: size of lists, objects and null") {
  Models m;
  CHECK(m.on_db("size(self.tags_values) == 2") == T);
  CHECK(m.on_db("self.tags.size() == 2") == T);
  CHECK(m.on_db("size([]) == 0 && size({'a': 1}) == 1") == T);
  CHECK(m.on_bare("size(self.tags) == 0") == T);
}

TEST_CASE("evaluate: has() asks whether the user wrote it") {
  Models m;
  CHECK(m.on_db("has(self.deletion_protection)") == T);
  CHECK(m.on_db("has(self.prevent_destroy)") == F);         // filled in from a platform default
  CHECK(m.on_db("self.prevent_destroy == false") == T);     // but still readable
  CHECK(m.on_bare("has(self.engine)") == F);                // absent
  CHECK(m.on_vague("has(self.deletion_protection)") == T);  // unknown, but written
  CHECK(m.on_db("has(self.tags.team)") == T);
  CHECK(m.on_db("has(self.tags.nope)") == F);
  CHECK(m.on_bare("has(self.tags.team)") == F);   // through null
  CHECK(m.on_vague("has(self.tags.team)") == U);  // through an unknown object
  CHECK(m.on_db("has(self.name)") == T);          // builtins are always there
  CHECK(m.on_db("has({'a': 1}.a) && !has({'a': 1}.b)") == T);
  CHECK(m.on_db("self.block_devices.all(d, has(d.delete_on_termination))") == T);
  CHECK(m.on_db("self.block_devices.all(d, has(d.size))") == F);

  Models defaults;
  bw::ir::Value& tags = *defaults.model.resources[defaults.db].properties.get("tags");
  tags.set("owner", Value::string("x", {}, Provenance::Default));
  CHECK(defaults.on_db("has(self.tags.owner)") == F);
  CHECK(defaults.on_db("self.tags.owner == 'x'") == T);
}

TEST_CASE("evaluate: macros over lists") {
  Models m;
  CHECK(m.on_db("self.tags_values.exists(v, v == 'prod')") == T);
  CHECK(m.on_db("self.tags_values.exists(v, v == 'x')") == F);
  CHECK(m.on_db("self.tags_values.all(v, v.size() == 4)") == T);
  CHECK(m.on_db("self.tags_values.all(v, v == 'data')") == F);
  CHECK(m.on_db("self.tags_values.exists_one(v, v == 'prod')") == T);
  CHECK(m.on_db("self.tags_values.exists_one(v, v.size() == 4)") == F);
  CHECK(m.on_db("self.tags_values.exists_one(v, v == 'x')") == F);
  CHECK(m.on_db("self.tags_values.filter(v, v != 'data') == ['prod']") == T);
  CHECK(m.on_db("self.tags_values.map(v, v.upper()) == ['DATA', 'PROD']") == T);
  CHECK(m.on_db("self.tags_values.map(v, v.size()) == [4, 4]") == T);
  CHECK(m.on_db("self.block_devices.exists(d, d.delete_on_termination != false)") == T);
  CHECK(m.on_db("self.block_devices.all(d, d.delete_on_termination != false)") == F);
  CHECK(m.on_db("[1, 2, 3].filter(x, x > 1).map(x, x * 10) == [20, 30]") == T);
  CHECK(m.on_db("[].exists(x, true)") == F);
  CHECK(m.on_db("[].all(x, false)") == T);
  CHECK(m.on_bare("self.tags_values.exists(v, true)") == F);  // null is empty
  CHECK(m.on_bare("self.tags_values.all(v, false)") == T);
  // Nested macros see both variables; an inner one may reuse a name.
  CHECK(m.on_db("[1, 2].exists(x, [2, 3].exists(y, x == y))") == T);
  CHECK(m.on_db("[1, 2].all(x, [3, 4].exists(y, x == y))") == F);
  CHECK(m.on_db("[1].exists(x, ['a'].exists(x, x == 'a'))") == T);
  CHECK(m.on_db("[[1, 2], [3]].map(l, l.size()) == [2, 1]") == T);
  // More variables live at once than the evaluator keeps inline.
  CHECK(m.on_db("[1].exists(a, [2].exists(b, [3].exists(c, [4].exists(d, [5].exists(e, "
                "[6].all(f, a + b + c + d + e + f == 21))))))") == T);
  CHECK(m.on_db("[1].exists(a, [2].exists(b, [3].exists(c, [4].exists(d, [5].exists(e, "
                "[6].all(f, a + b + c + d + e + f == 20))))))") == F);
}

TEST_CASE("evaluate: macros over objects range over keys") {
  Models m;
  CHECK(m.on_db("self.tags.exists(k, k == 'env')") == T);
  CHECK(m.on_db("self.tags.exists(k, k == 'data')") == F);
  CHECK(m.on_db("self.tags.all(k, self.tags[k].size() == 4)") == T);
  CHECK(m.on_db("self.tags.map(k, k) == ['team', 'env']") == T);
  CHECK(m.on_db("{'a': 1, 'b': 2}.filter(k, k != 'a') == ['b']") == T);
}

TEST_CASE("evaluate: edges in both directions, one entry per resource") {
  Models m;
  CHECK(m.on_db("self.edges('launch-template').size() == 1") == T);  // outgoing, two edges
  CHECK(m.on_db("self.edges('volume').size() == 1") == T);           // incoming
  CHECK(m.on_db("self.edges('volume')[0].name == 'data'") == T);
  CHECK(m.on_db("self.edges('volume').exists(v, v.size_gb >= 500)") == T);
  CHECK(m.on_db("self.edges('autoscaling-group').size() == 0") == T);  // not adjacent
  CHECK(m.on_db("self.edges('launch-template').exists(t, t.encrypted)") == T);
  CHECK(m.on_db("self.edges('launch-template').exists(t, t.containers.exists(c, "
                "c.matches('^postgres')))") == T);
  CHECK(m.truth("self.edges('database').exists(d, d.engine == 'postgres')", m.template_id,
                {"launch-template"}) == T);
  CHECK(m.truth("self.edges('autoscaling-group').size() == 1", m.template_id,
                {"launch-template"}) == T);
  CHECK(m.truth("self.edges('database').size() == 0", m.volume, {"volume"}) == F);
  // Two hops, back to where it started.
  CHECK(m.on_db("self.edges('launch-template').exists(t, t.edges('database').exists(d, "
                "d.address == self.address))") == T);
  CHECK(m.on_db("self.edges('volume')[0] == self.edges('volume')[0]") == T);
  CHECK(m.on_db("self.edges('volume')[0] != self") == T);
  CHECK(m.on_bare("self.edges('volume').size() == 0") == T);
}

TEST_CASE("evaluate: unknown propagates; && and || short-circuit either way") {
  Models m;
  // self.deletion_protection is unknown on `vague`.
  CHECK(m.on_vague("self.deletion_protection") == U);
  CHECK(m.on_vague("!self.deletion_protection") == U);
  CHECK(m.on_vague("self.deletion_protection && false") == F);
  CHECK(m.on_vague("false && self.deletion_protection") == F);
  CHECK(m.on_vague("self.deletion_protection && true") == U);
  CHECK(m.on_vague("true && self.deletion_protection") == U);
  CHECK(m.on_vague("self.deletion_protection && self.deletion_protection") == U);
  CHECK(m.on_vague("self.deletion_protection || true") == T);
  CHECK(m.on_vague("true || self.deletion_protection") == T);
  CHECK(m.on_vague("self.deletion_protection || false") == U);
  CHECK(m.on_vague("false || self.deletion_protection") == U);
  CHECK(m.on_vague("self.deletion_protection && self.engine == 'x' && false") == F);
  CHECK(m.on_vague("self.deletion_protection || self.engine == 'x' || true") == T);
  CHECK(m.on_vague("self.deletion_protection == true") == U);
  CHECK(m.on_vague("self.deletion_protection != true") == U);
  CHECK(m.on_vague("self.deletion_protection == null") == U);
  CHECK(m.on_vague("self.engine == self.engine") == U);
  CHECK(m.on_vague("self.engine.matches('x')") == U);
  CHECK(m.on_vague("self.engine.startsWith('x')") == U);
  CHECK(m.on_vague("'x'.startsWith(self.engine)") == U);
  CHECK(m.on_vague("self.engine.lower() == 'x'") == U);
  CHECK(m.on_vague("size(self.engine) > 1") == U);
  CHECK(m.on_vague("self.engine + 'x' == 'y'") == U);
  CHECK(m.on_vague("self.backup_retention_days < 3") == U);
  CHECK(m.on_vague("-self.backup_retention_days * 2 == 2") == U);
  CHECK(m.on_vague("self.tags.team == 'x'") == U);
  CHECK(m.on_vague("self.tags['team'] == 'x'") == U);
  CHECK(m.on_vague("self.tags_values[self.backup_retention_days] == 'x'") == U);
}

TEST_CASE("evaluate: a conditional on an unknown is unknown unless both branches agree") {
  Models m;
  CHECK(m.on_vague("self.deletion_protection ? true : false") == U);
  CHECK(m.on_vague("self.deletion_protection ? 1 == 1 : true") == T);
  CHECK(m.on_vague("self.deletion_protection ? false : 1 == 2") == F);
  CHECK(m.on_vague("(self.deletion_protection ? [1] : [1]) == [1]") == T);
  CHECK(m.on_vague("(self.deletion_protection ? self.engine : self.engine) == 'x'") == U);
}

TEST_CASE("evaluate: in and macros over partly unknown lists") {
  Models m;
  // vague.tags_values is ["b", unknown]; vague.tags is unknown as a whole.
  CHECK(m.on_vague("'b' in self.tags_values") == T);
  CHECK(m.on_vague("'a' in self.tags_values") == U);
  CHECK(m.on_vague("'a' in self.tags") == U);
  CHECK(m.on_vague("self.engine in ['a', 'b']") == U);
  CHECK(m.on_vague("self.engine in []") == F);
  CHECK(m.on_vague("'a' in ['a', self.engine]") == T);
  CHECK(m.on_vague("'b' in ['a', self.engine]") == U);
  CHECK(m.on_vague("self.engine in {'a': 1}") == U);
  CHECK(m.on_vague("self.engine in {}") == F);
  CHECK(m.on_vague("self.tags_values.exists(v, v == 'b')") == T);
  CHECK(m.on_vague("self.tags_values.exists(v, v == 'z')") == U);
  CHECK(m.on_vague("self.tags_values.all(v, v == 'b')") == U);
  CHECK(m.on_vague("self.tags_values.all(v, v == 'z')") == F);
  CHECK(m.on_vague("self.tags_values.exists_one(v, v == 'b')") == U);
  CHECK(m.on_vague("['b', 'b', self.engine].exists_one(v, v == 'b')") == F);
  CHECK(m.on_vague("self.tags_values.filter(v, v == 'b').size() == 1") == U);
  CHECK(m.on_vague("self.tags_values.map(v, v).size() == 2") == T);  // elements may be unknown
  CHECK(m.on_vague("self.tags.exists(k, true)") == U);
  CHECK(m.on_vague("self.tags.all(k, false)") == U);
  CHECK(m.on_vague("self.tags_values == ['b', 'c']") == U);
  CHECK(m.on_vague("self.tags_values == ['z', 'c']") == F);    // known to differ already
  CHECK(m.on_vague("[self.engine, 'a'] == ['x', 'b']") == F);  // known to differ later
  CHECK(m.on_vague("{'k': self.engine, 'j': 1} == {'j': 2, 'k': 'x'}") == F);
  CHECK(m.on_vague("self.tags_values == ['b']") == F);
  CHECK(m.on_vague("self.tags_values[0] == 'b'") == T);
  CHECK(m.on_vague("self.tags_values[1] == 'b'") == U);
  CHECK(m.on_vague("size(self.tags_values) == 2") == T);
  CHECK(m.on_vague("size(self.tags) == 2") == U);
  CHECK(m.on_vague("{'k': self.engine} == {'k': 'x'}") == U);
  CHECK(m.on_vague("{'k': self.engine, 'j': 1} == {'k': 'x', 'j': 2}") == F);
  CHECK(m.on_vague("{self.engine: 1}.size() == 1") == U);
}

TEST_CASE("evaluate: a resource id out of range is false, not a crash") {
  Models m;
  ExpressionPtr expression = m.compile("true");
  REQUIRE(expression);
  CHECK(evaluate(*expression, m.model, 999).truth == F);
}

TEST_CASE("evaluate: a compiled expression is reusable across resources") {
  Models m;
  ExpressionPtr expression = m.compile("self.deletion_protection != true");
  REQUIRE(expression);
  CHECK(evaluate(*expression, m.model, m.db).truth == T);
  CHECK(evaluate(*expression, m.model, m.vague).truth == U);
  CHECK(evaluate(*expression, m.model, m.bare).truth == T);
  m.model.resources[m.bare].properties.set("deletion_protection", Value::boolean(true));
  CHECK(evaluate(*expression, m.model, m.bare).truth == F);
}

TEST_CASE("evaluate: nesting up to the limit evaluates") {
  Models m;
  std::string text = "self.deletion_protection";
  for (int i = 0; i < 100; ++i) text = "!(" + text + ")";
  CHECK(m.on_db(text) == F);  // 100 negations of false
  CHECK(m.on_vague(text) == U);
}

TEST_CASE("evaluate: comparing very deeply nested values is unknown, not a stack overflow") {
  Models m;
  auto nest = [](int depth) {
    Value value = num(1);
    for (int i = 0; i < depth; ++i) {
      Value outer = Value::list({});
      outer.push(std::move(value));
      value = std::move(outer);
    }
    return value;
  };
  Value deep = nest(2000);
  m.model.resources[m.bare].properties.set("settings", deep);
  m.model.resources[m.bare].properties.set("tags_values", std::move(deep));
  CHECK(m.on_bare("self.settings == self.tags_values") == U);
  CHECK(m.on_bare("self.settings != self.tags_values") == U);
  CHECK(m.on_bare("self.settings in [self.tags_values]") == U);
  CHECK(m.run("self.settings == self.tags_values", m.bare).because ==
        "values nested more than 256 levels deep cannot be compared");
  // Shallow enough, the same comparison is true.
  Value shallow = nest(100);
  m.model.resources[m.bare].properties.set("settings", shallow);
  m.model.resources[m.bare].properties.set("tags_values", std::move(shallow));
  CHECK(m.on_bare("self.settings == self.tags_values") == T);
}
