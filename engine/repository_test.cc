#include "engine/repository.h"

#include <doctest/doctest.h>

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
  CHECK(classify_literal("arn:aws:rds:eu-west-1:123456789012:db:orders") == LiteralClass::Arn);
  CHECK(classify_literal("vpc-0a1b2c3d4e5f67890") == LiteralClass::CloudId);
  CHECK(classify_literal("sg-12345678") == LiteralClass::CloudId);
  CHECK(classify_literal("123e4567-e89b-12d3-a456-426614174000") == LiteralClass::CloudId);
  for (const char* plain :
       {"postgres", "main.tf", "values.yaml", "1.2.3", "postgres:15", "ghcr.io/acme/api:1",
        "hello world", "t3.micro.", "", "-a.b", "my-bucket", "sg-xyz"})
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
