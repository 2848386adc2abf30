#include "ir/value.h"

#include <doctest/doctest.h>

using namespace bw::ir;

TEST_CASE("objects keep source order and replace in place") {
  Value o = Value::object();
  o.set("b", Value::number(1));
  o.set("a", Value::boolean(true));
  o.set("b", Value::number(2));
  REQUIRE(o.keys().size() == 2);
  CHECK(o.keys()[0] == "b");
  CHECK(o.get("b")->as_number() == 2);
  CHECK(o.get("missing") == nullptr);
  CHECK(o.erase("b"));
  CHECK(o.keys().size() == 1);
}

TEST_CASE("unknown values are never equal and say why") {
  Value u = Value::unknown("variable 'x' has no value");
  CHECK(u.is_unknown());
  CHECK_FALSE(u.is_null());
  CHECK_FALSE(u.same_as(u));
  CHECK(u.unknown_reason() == "variable 'x' has no value");
  CHECK(u.describe() == "unknown");
}

TEST_CASE("describe renders numbers without noise") {
  CHECK(Value::number(7).describe() == "7");
  CHECK(Value::number(0.5).describe() == "0.5");
  CHECK(Value::string("prod").describe() == "\"prod\"");
  CHECK(Value::list({Value::boolean(true), Value::string("a")}).describe() == "[true, \"a\"]");
  CHECK(Value::list(std::vector<Value>(7, Value::number(1))).describe() == "[7 items]");
}

TEST_CASE("references accumulate without duplicates") {
  Value v = Value::unknown("computed");
  v.add_reference("aws_s3_bucket.a");
  Value w = Value::string("x", {}, Provenance::Derived);
  w.add_references_from(v);
  w.add_reference("aws_s3_bucket.a");
  CHECK(w.references().size() == 1);
}

#include "ir/base64.h"

TEST_CASE("base64 round-trips and rejects what is not base64") {
  for (std::string text : {"", "a", "ab", "abc", "docker run -d postgres:15\n"}) {
    std::string decoded;
    REQUIRE(base64_decode(base64_encode(text), decoded));
    CHECK(decoded == text);
  }
  CHECK(base64_encode("docker run -d postgres:15") == "ZG9ja2VyIHJ1biAtZCBwb3N0Z3JlczoxNQ==");
  std::string out;
  CHECK_FALSE(base64_decode("not base64!", out));
  CHECK_FALSE(base64_decode("YQ==YQ", out));
}
