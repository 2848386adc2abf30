#include "engine/repository.h"

#include <doctest/doctest.h>

#include "compiler/rule_pack.h"
#include "engine/evaluate.h"
#include "ir/network.h"

using namespace bw;
using engine::classify_literal;
using engine::LiteralClass;
using ir::Value;

TEST_CASE("literals that name outside things are told apart from ordinary strings") {
  CHECK(classify_literal("10.0.0.12") == LiteralClass::Ip);
  CHECK(classify_literal("2001:db8::1") == LiteralClass::Ip);
  CHECK(classify_literal("192.0.2.0/24") == LiteralClass::Cidr);
  CHECK(classify_literal("https://api.test.example.com/v1") == LiteralClass::Url);
  CHECK(classify_literal("postgres://db:5432/app") == LiteralClass::Url);
  CHECK(classify_literal("db.prod.internal") == LiteralClass::Host);
  CHECK(classify_literal("localhost") == LiteralClass::Host);
  // A host with its port, a fully qualified name, an address with a zone.
  CHECK(classify_literal("db.prod.internal:5432") == LiteralClass::Host);
  CHECK(classify_literal("DB.Prod.Internal.") == LiteralClass::Host);
  CHECK(classify_literal("[2001:db8::1]:5432") == LiteralClass::Host);
  CHECK(classify_literal("fe80::1%eth0") == LiteralClass::Host);
  CHECK(classify_literal("jdbc:postgresql://db:5432/app") == LiteralClass::Url);
  CHECK(classify_literal("arn:aws:rds:eu-west-1:123456789012:db:orders") == LiteralClass::Arn);
  CHECK(classify_literal("vpc-0a1b2c3d4e5f67890") == LiteralClass::CloudId);
  CHECK(classify_literal("sg-12345678") == LiteralClass::CloudId);
  CHECK(classify_literal("123e4567-e89b-12d3-a456-426614174000") == LiteralClass::CloudId);
  for (const char* plain : {"postgres", "main.tf", "values.yaml", "1.2.3", "postgres:15",
                            "ghcr.io/acme/api:1", "hello world", "", "-a.b", "my-bucket", "sg-xyz",
                            "ops@example.com", "0x7f.0.0.1", "10.0.0.0/99"})
    CHECK_MESSAGE(classify_literal(plain) == LiteralClass::None, plain);
}

TEST_CASE("the repository index: resources by kind, literals by environment") {
  ir::Model model;
  auto add = [&](std::string kind, std::string environment, Value attributes) {
    ir::Resource r;
    r.frontend = "terraform";
    r.kind = std::move(kind);
    r.environment = std::move(environment);
    r.attributes = std::move(attributes);
    return model.add(std::move(r));
  };
  Value prod = Value::object();
  prod.set("host", Value::string("db.shared.internal"));
  prod.set("nested", Value::list({Value::string("10.1.2.3"), Value::string("not a host")}));
  Value test = Value::object();
  test.set("endpoint", Value::string("db.shared.internal"));
  test.set("only_test", Value::string("db.test.internal"));
  ir::ResourceId a = add("database", "prod", prod);
  ir::ResourceId b = add("database", "test", test);
  ir::ResourceId c = add("", "", Value::object());
  add("instance", "", test);  // an unknown environment is not an environment
  compiler::Kinds kinds;
  engine::index_unit(model, kinds);
  engine::build_repository(model, kinds);

  CHECK(model.repository.of_kind("database") == std::vector<ir::ResourceId>{a, b});
  CHECK(model.repository.of_kind("instance").size() == 1);
  CHECK(model.repository.of_kind("nothing").empty());
  (void)c;
  CHECK(model.repository.environments_of("db.shared.internal") ==
        std::vector<std::string>{"prod", "test"});
  CHECK(model.repository.environments_of("db.test.internal") == std::vector<std::string>{"test"});
  CHECK(model.repository.environments_of("10.1.2.3") == std::vector<std::string>{"prod"});
  CHECK(model.repository.environments_of("not a host").empty());
  REQUIRE(model.repository.literals.count("db.shared.internal"));
  CHECK(model.repository.literals.at("db.shared.internal").size() == 3);
}

TEST_CASE("links that match across units join by ARN and by tag, each target once, in order") {
  compiler::Kinds kinds;
  std::vector<compiler::CompileError> errors;
  kinds.load("store.yaml",
             "kind: store\nproperties:\n  identifier: {type: string}\n"
             "  tags: {type: object}\n"
             "types:\n  aws_store:\n    properties:\n      identifier: identifier\n"
             "      tags: tags\n",
             errors);
  kinds.load("selection.yaml",
             "kind: selection\nproperties:\n  resources: {type: list<string>}\n"
             "types:\n  aws_selection:\n    links:\n"
             "      store: {from: [resources, selection_tag], match: [arn, tags]}\n"
             "    properties:\n      resources: resources\n",
             errors);
  for (const auto& e : errors) FAIL_CHECK(e.format());

  ir::Model model;
  auto store = [&](std::string identifier, Value tags) {
    ir::Resource r;
    r.frontend = "terraform";
    r.provider_type = "aws_store";
    r.kind = "store";
    r.properties = Value::object();
    r.properties.set("identifier", Value::string(std::move(identifier)));
    r.properties.set("tags", std::move(tags));
    return model.add(std::move(r));
  };
  auto tags = [](std::string key, std::string value) {
    Value t = Value::object();
    t.set(key, Value::string(std::move(value)));
    return t;
  };
  auto tag_condition = [](std::string key, std::string value) {
    Value t = Value::object();
    t.set("key", Value::string(std::move(key)));
    t.set("value", Value::string(std::move(value)));
    return t;
  };
  auto selection = [&](Value resources, Value selection_tag) {
    ir::Resource r;
    r.frontend = "terraform";
    r.provider_type = "aws_selection";
    r.kind = "selection";
    r.attributes = Value::object();
    r.attributes.set("resources", std::move(resources));
    r.attributes.set("selection_tag", std::move(selection_tag));
    r.unresolved_links.push_back({"store", Value::unknown("not known before apply")});
    return model.add(std::move(r));
  };
  ir::ResourceId orders = store("orders", tags("Backup", "daily"));
  ir::ResourceId users = store("users", tags("Backup", "weekly"));
  ir::ResourceId audit = store("audit", tags("Backup", "daily"));
  ir::ResourceId lonely = store("lonely", Value::object());
  // Names audit by ARN before it names orders by tag, and orders twice.
  ir::ResourceId both =
      selection(Value::list({Value::string("arn:aws:rds:eu-west-1:123456789012:db:audit"),
                             Value::string("arn:aws:rds:eu-west-1:123456789012:db:orders"),
                             Value::string("orders")}),  // not an ARN: names nothing
                Value::list({tag_condition("Backup", "daily")}));
  ir::ResourceId none = selection(Value::list({Value::string("arn:aws:s3:::missing")}),
                                  Value::list({tag_condition("Backup", "never")}));
  engine::index_unit(model, kinds);
  engine::build_repository(model, kinds);

  std::vector<ir::ResourceId> joined;
  for (size_t e : model.resources[both].edges) {
    CHECK(model.edges[e].from == both);
    CHECK(model.edges[e].relation == "names store");
    joined.push_back(model.edges[e].to);
  }
  CHECK(joined == std::vector<ir::ResourceId>{orders, audit});  // model order, once each
  CHECK(model.resources[both].unresolved_links.empty());
  CHECK(model.resources[none].edges.empty());
  CHECK(model.resources[none].unresolved_links.size() == 1);  // still unknown, not "covers nothing"
  CHECK(model.resources[users].edges.empty());
  CHECK(model.resources[lonely].edges.empty());
}

namespace {

// A production database whose endpoint is written one way, and a test
// resource that writes `in_test` somewhere in its attributes: whether the
// rule `environments(host(self.endpoint))` sees the test environment.
bool rule_sees_test(const std::string& endpoint, const std::string& in_test) {
  compiler::RulePack pack;
  std::vector<compiler::CompileError> errors;
  REQUIRE(pack.add_kinds({"database.yaml",
                          "kind: database\nproperties:\n  endpoint: {type: string}\n"
                          "types:\n  aws_db_instance: {}\n"},
                         errors));
  REQUIRE(pack.add_rule({"shared.yaml",
                         "id: BW900\nname: shared-host\ncategory: destroy-guard\n"
                         "severity: high\nkinds: [database]\n"
                         "when: \"environments(host(self.endpoint)).exists(e, e == 'test')\"\n"
                         "message: shared\n"},
                        false, errors));
  pack.finish();
  ir::Model model;
  ir::Resource prod;
  prod.frontend = "terraform";
  prod.provider_type = "aws_db_instance";
  prod.kind = "database";
  prod.environment = "prod";
  prod.properties.set("endpoint", Value::string(endpoint));
  ir::ResourceId db = model.add(prod);
  ir::Resource test;
  test.frontend = "terraform";
  test.environment = "test";
  test.attributes = Value::object();
  test.attributes.set("url", Value::string(in_test));
  model.add(test);
  engine::index_unit(model, pack.kinds());
  std::vector<ir::Finding> findings;
  engine::evaluate_resources(model, pack, {}, db, db + 1, findings);
  return !findings.empty();
}

}  // namespace

// The index and the rule functions read hosts with one parser: a literal that
// names a host is found by that host however either side spells it.
TEST_CASE("environments(host(x)) finds the host however it is written") {
  const std::pair<const char*, const char*> same_host[] = {
      {"postgres://app:secret@DB.Test.Internal:5432/shop", "db.test.internal"},
      {"db.test.internal", "postgres://db.test.internal:5432/app"},
      {"db.test.internal.", "DB.TEST.INTERNAL"},
      {"jdbc:postgresql://db.test.internal:5432/app", "db.test.internal:5432"},
      {"mongodb://db.test.internal:27017,b.test.internal/x", "https://db.test.internal./"},
      {"http://[2001:DB8:0::1]:8080/", "2001:db8::1"},
      {"2001:db8::1", "[2001:db8:0:0:0:0:0:1]:5432"},
      {"http://[fe80::1%25eth0]/", "fe80::1%eth0"},
      {"10.0.0.5", "http://10.0.0.5:80/"},
      {"10.0.0.5:5432", "10.0.0.5"},
      {"::ffff:10.0.0.5", "::FFFF:a00:5"},
  };
  // Named copies, not a structured binding: clang before 16 cannot capture
  // one in CAPTURE's lambda.
  for (const auto& pair : same_host) {
    const char* endpoint = pair.first;
    const char* in_test = pair.second;
    CAPTURE(endpoint);
    CAPTURE(in_test);
    CHECK(rule_sees_test(endpoint, in_test));
    // The index alone, under the host as host() spells it.
    ir::Model model;
    ir::Resource test;
    test.frontend = "terraform";
    test.environment = "test";
    test.attributes = Value::object();
    test.attributes.set("url", Value::string(in_test));
    model.add(test);
    engine::index_unit(model, compiler::Kinds());
    std::optional<std::string> host = ir::host_of(endpoint);
    REQUIRE(host);
    CHECK(model.repository.environments_of(*host) == std::vector<std::string>{"test"});
  }
  // Different hosts, and spellings that other parsers read as another address.
  const std::pair<const char*, const char*> other_host[] = {
      {"db.test.internal", "db.test.internal.example.com"},
      {"10.0.0.5", "0x0a.0.0.5"},
      {"10.0.0.5", "010.0.0.5"},
      {"2001:db8::1", "2001:db8::2"},
      {"db.test.internal", "ops@db.test.internal"},
  };
  // Named copies, not a structured binding: clang before 16 cannot capture
  // one in CAPTURE's lambda.
  for (const auto& pair : other_host) {
    const char* endpoint = pair.first;
    const char* in_test = pair.second;
    CAPTURE(endpoint);
    CAPTURE(in_test);
    CHECK_FALSE(rule_sees_test(endpoint, in_test));
  }
}
