// The string, network and repository functions: their helpers on plain
// text, then through compile_expression() and evaluate(). Globs, addresses
// and hosts are tested where they are parsed, in ir/.

#include <doctest/doctest.h>

#include "compiler/expr/test_support.h"
#include "compiler/expr/text.h"

using namespace bw::compiler;
using namespace bw::compiler::testing;
using bw::ir::ResourceId;
using bw::ir::Value;

namespace {

// A database with an endpoint and images, and the repository index.
struct Repository : Fixture {
  ResourceId db, other, lt;

  Repository() {
    db = add("database", "aws_db_instance.main",
             object({{"engine", str("postgres")},
                     {"endpoint", str("postgres://app@DB.Example.com:5432/shop")},
                     {"tags_values", list({str("docker.io/bitnami/postgresql:15"), str("redis")})},
                     {"settings", num(3)}}));
    other = add("database", "aws_db_instance.replica");
    lt = add("launch-template", "aws_launch_template.web");
    model.repository.by_kind["database"] = {db, other};
    model.repository.by_kind["launch-template"] = {lt};
    model.repository.literals["db.example.com"] = {
        {"prod", {}}, {"test", {}}, {"prod", {}}, {"", {}}};
  }
  Truth on_db(std::string_view text) const { return truth(text, db); }
};

}  // namespace

TEST_CASE("text: imageName") {
  CHECK(expr::image_name("docker.io/bitnami/postgresql:15@sha256:ab") == "postgresql");
  CHECK(expr::image_name("registry.example.com:5000/shop/api:1.2") == "api");
  CHECK(expr::image_name("mongo") == "mongo");
  CHECK(expr::image_name("MySQL:8") == "mysql");
  CHECK(expr::image_name("postgres@sha256:0123") == "postgres");
  CHECK(expr::image_name("localhost:5000/redis") == "redis");
  CHECK(expr::image_name("") == "");
}

TEST_CASE("text: split and replace") {
  using Pieces = std::vector<std::string_view>;
  CHECK(expr::split("a,b,,c", ",") == Pieces{"a", "b", "", "c"});
  CHECK(expr::split("", ",") == Pieces{""});
  CHECK(expr::split("a::b", "::") == Pieces{"a", "b"});
  CHECK(expr::split("héj", "") == Pieces{"h", "é", "j"});
  CHECK(expr::replace_all("a-b-c", "-", "_") == "a_b_c");
  CHECK(expr::replace_all("aaa", "aa", "b") == "ba");
  CHECK(expr::replace_all("abc", "x", "y") == "abc");
  CHECK(expr::replace_all("ab", "", "_") == "_a_b_");
}

TEST_CASE("functions: the string functions in rules") {
  Repository r;
  CHECK(r.on_db("'rds:DeleteDBInstance'.glob('rds:Delete*')") == T);
  CHECK(r.on_db("self.engine.glob('post*')") == T);
  CHECK(r.on_db("self.engine.glob(self.engine.upper())") == F);
  CHECK(r.on_db("self.engine.split('g') == ['post', 'res']") == T);
  CHECK(r.on_db("'a.b.c'.split('.').size() == 3") == T);
  CHECK(r.on_db("self.engine.replace('s', 'S') == 'poStgreS'") == T);
  CHECK(r.on_db("self.tags_values.map(i, i.imageName()) == ['postgresql', 'redis']") == T);
  CHECK(r.on_db("self.tags_values.exists(i, i.imageName() in ['postgres', 'postgresql'])") == T);
  // Unknowns and errors propagate as elsewhere.
  r.model.resources[r.other].properties.set("engine", unknown("no value"));
  r.model.resources[r.other].properties.set("settings", num(1));
  CHECK(r.truth("self.engine.imageName() == 'x'", r.other) == U);
  CHECK(r.truth("self.engine.split(',').size() == 1", r.other) == U);
  CHECK(r.truth("'x'.replace(self.engine, 'y') == 'x'", r.other) == U);
  CHECK(r.truth("self.engine.glob('*') || true", r.other) == T);
  CHECK(r.truth("self.settings.imageName() == 'x'", r.other) == U);
  CHECK(r.run("self.settings.glob('*')", r.other).because ==
        "settings is 1, a number, so glob() cannot apply");
}

// An absent string is known to be absent: it starts with nothing, and the
// string functions of it are null. Only a receiver of another type is an error.
TEST_CASE("functions: string functions of an absent value") {
  Repository r;
  for (const char* test : {"self.tags.nope.startsWith('mysql')", "self.tags.nope.endsWith('x')",
                           "self.tags.nope.contains('x')", "self.tags.nope.matches('.*')",
                           "self.tags.nope.glob('*')", "self.tags.nope.inCIDR('10.0.0.0/8')"})
    CHECK_MESSAGE(r.on_db(test) == F, std::string(test));
  for (const char* test :
       {"self.tags.nope.lower() == null", "self.tags.nope.split(',') == null",
        "self.tags.nope.replace('a', 'b') == null", "self.tags.nope.imageName() == null"})
    CHECK_MESSAGE(r.on_db(test) == T, std::string(test));
  CHECK(r.on_db("'x'.startsWith(self.tags.nope)") == U);  // a missing argument is still an error
}

TEST_CASE("functions: isIP, inCIDR and host in rules") {
  Repository r;
  CHECK(r.on_db("isIP('10.0.0.1') && isIP('::1') && !isIP('db.example.com')") == T);
  CHECK(r.on_db("isIP(self.tags.nope)") == F);  // null is no address
  CHECK(r.on_db("'10.1.2.3'.inCIDR('10.0.0.0/8')") == T);
  CHECK(r.on_db("'10.1.0.0/16'.inCIDR('10.0.0.0/8')") == T);
  CHECK(r.on_db("'db.example.com'.inCIDR('10.0.0.0/8')") == F);  // not an address
  CHECK(r.on_db("self.tags.nope.inCIDR('10.0.0.0/8')") == F);
  CHECK(r.on_db("'fd00::1'.inCIDR('fd00::/8')") == T);
  CHECK(r.on_db("['10.0.0.0/8', '192.168.0.0/16'].exists(b, '192.168.3.4'.inCIDR(b))") == T);
  CHECK(r.on_db("host(self.endpoint) == 'db.example.com'") == T);
  CHECK(r.on_db("host('no host here') == null") == T);
  CHECK(r.on_db("host(self.tags.nope) == null") == T);
  CHECK(r.on_db("isIP(host('http://10.0.0.5:80/'))") == T);
  // A block that is no block: a compile error when written, unknown when computed.
  Fixture f;
  std::vector<ExprError> errors = f.errors("'10.0.0.1'.inCIDR('10.0.0.0/33')");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == 18);
  CHECK(errors[0].message ==
        "invalid CIDR block '10.0.0.0/33': write an address, '/' and a prefix length, like "
        "10.0.0.0/8");
  Outcome outcome = r.run("'10.0.0.1'.inCIDR(self.engine)", r.db);
  CHECK(outcome.truth == U);
  CHECK(outcome.because ==
        "engine is \"postgres\", a string, which is no CIDR block, so inCIDR() cannot apply");
  CHECK(r.on_db("'10.0.0.1'.inCIDR(self.engine) || true") == T);
}

TEST_CASE("functions: resources() and environments() read the repository index") {
  Repository r;
  CHECK(r.on_db("resources('database').size() == 2") == T);
  CHECK(r.on_db("resources('database').exists(d, d.address == 'aws_db_instance.replica')") == T);
  CHECK(r.on_db("resources('volume').size() == 0") == T);
  CHECK(r.on_db("resources('launch-template').all(t, t.name == 'web')") == T);
  CHECK(r.on_db("environments(host(self.endpoint)) == ['prod', 'test']") == T);
  CHECK(r.on_db("environments('nowhere.example.com') == []") == T);
  CHECK(r.on_db("environments(self.tags.nope) == []") == T);
  CHECK(r.on_db("environments(host(self.endpoint)).exists(e, e != self.environment)") == T);
  // The kind is checked, and so are the members of what resources() returns.
  Fixture f;
  std::vector<ExprError> errors = f.errors("resources('databse').size() > 0");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == 10);
  CHECK(errors[0].message == "unknown kind 'databse'; did you mean 'database'?");
  errors = f.errors("resources('volume').exists(v, v.engine == 'x')");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "unknown property 'engine' of kind 'volume'");
  errors = f.errors("resources(self.kind).size() > 0");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "resources() needs a string literal naming a kind");
}

TEST_CASE("functions: arity, receivers and argument types") {
  Fixture f;
  auto message = [&](std::string_view text) {
    std::vector<ExprError> errors = f.errors(text);
    INFO(text);
    REQUIRE(errors.size() == 1);
    return errors[0].message;
  };
  CHECK(message("self.engine.glob()") == "'glob' takes 1 argument, got 0");
  CHECK(message("self.engine.glob(1)") == "'glob' needs a string argument, not number");
  CHECK(message("self.backup_retention_days.glob('*')") == "'glob' needs a string, not number");
  CHECK(message("self.engine.isIP()") == "'isIP' is a function, not a method: write isIP(x)");
  CHECK(message("isIP(1)") == "'isIP' needs a string argument, not number");
  CHECK(message("inCIDR(self.engine, '10.0.0.0/8')") ==
        "'inCIDR' is a method: write x.inCIDR(...)");
  CHECK(message("host(self.engine, 1) == ''") == "'host' takes 1 argument, got 2");
  CHECK(message("self.engine.split(',') == 'a'") == "cannot compare list with string");
  CHECK(message("self.engine.split(',').exists(p, p > 1)") ==
        "cannot compare string with number using '>'");
  CHECK(message("self.engine.replace('a') == ''") == "'replace' takes 2 arguments, got 1");
  CHECK(message("self.engine.imageName(1) == ''") == "'imageName' takes no arguments, got 1");
  CHECK(message("self.tags_values.imageName() == ''") == "'imageName' needs a string, not list");
  CHECK(message("environments(self.engine).exists(e, e == 1)") ==
        "cannot compare string with number");
  CHECK(message("resources('volume', 'x').size() > 0") == "'resources' takes 1 argument, got 2");
  CHECK(message("self.engine.startswith('x')") ==
        "unknown method 'startswith'; did you mean 'startsWith'?");
  CHECK(message("self.engine.incidr('10.0.0.0/8')") ==
        "unknown method 'incidr'; did you mean 'inCIDR'?");
}
