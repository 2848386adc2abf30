#include "derive/derivations.h"

#include <doctest/doctest.h>

using namespace bw::derive;
using bw::ir::Value;

TEST_CASE("the table names every derivation once, with a result type") {
  for (const Derivation& d : derivations()) {
    CHECK(find_derivation(d.name) == &d);
    CHECK_FALSE(d.result_type.empty());
  }
  CHECK(find_derivation("base64"));
  CHECK(find_derivation("container-images"));
  CHECK(find_derivation("json"));
  CHECK_FALSE(find_derivation("rot13"));
}

TEST_CASE("base64 decodes encoded scripts and keeps plain text") {
  const Derivation& base64 = *find_derivation("base64");
  Value decoded = apply(base64, Value::string("ZG9ja2VyIHJ1biAtZCBwb3N0Z3JlczoxNQ=="));
  CHECK(decoded.as_string() == "docker run -d postgres:15");
  CHECK(apply(base64, Value::string("#!/bin/sh\necho hi")).as_string() == "#!/bin/sh\necho hi");
}

TEST_CASE("container-images reads what is known of a templated script") {
  const Derivation& images = *find_derivation("container-images");
  Value known = apply(images, Value::string("docker run -d postgres:15\ndocker run api:1\n"));
  REQUIRE(known.is_list());
  CHECK(known.items().size() == 2);
  Value partial =
      apply(images, Value::partial_string({Value::string("docker run -d postgres:15\ndocker run "),
                                           Value::unknown("var.image"), Value::string("\n")},
                                          "var.image"));
  REQUIRE(partial.is_list());
  REQUIRE(partial.items().size() == 2);
  CHECK(partial.items()[0].as_string() == "postgres:15");
  CHECK(partial.items()[1].is_unknown());
}

TEST_CASE("json parses documents and makes bad JSON unknown, not an error") {
  const Derivation& json = *find_derivation("json");
  Value policy = apply(
      json,
      Value::string(R"({"Statement":[{"Effect":"Allow","Action":["rds:*"],"Resource":"*"}]})"));
  REQUIRE(policy.is_object());
  const Value* statements = policy.get("Statement");
  REQUIRE(statements);
  REQUIRE(statements->is_list());
  CHECK(statements->items()[0].get("Effect")->as_string() == "Allow");
  Value bad = apply(json, Value::string("{not json"));
  CHECK(bad.is_unknown());
  CHECK(bad.unknown_reason() == "the text is not valid JSON");
  std::string deep(1000, '[');
  deep += std::string(1000, ']');
  CHECK(bw::ir::first_unknown(apply(json, Value::string(deep))));
}
