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

TEST_CASE("a value with alternatives is unknown and describes its alternatives") {
  Value v = Value::one_of({Value::boolean(true), Value::boolean(false)},
                          "depends on var.prod, which is unknown");
  CHECK(v.is_unknown());
  CHECK(v.is_one_of());
  CHECK_FALSE(v.is_bool());
  CHECK(v.alternatives().size() == 2);
  CHECK(v.unknown_reason() == "depends on var.prod, which is unknown");
  CHECK(v.describe() == "true or false");
  CHECK(first_unknown(v) == &v);
  CHECK_FALSE(v.same_as(v));
  Value three = Value::one_of({Value::number(1), Value::number(7), Value::number(35)}, "r");
  CHECK(three.describe() == "1, 7 or 35");
}

TEST_CASE("a partial string keeps its known parts") {
  Value v = Value::partial_string(
      {Value::unknown("variable \"env\" has no value"), Value::string(".db.test.internal")},
      "variable \"env\" has no value");
  CHECK(v.is_unknown());
  CHECK(v.is_partial_string());
  CHECK_FALSE(v.is_string());
  CHECK(known_prefix(v).empty());
  CHECK(known_suffix(v) == ".db.test.internal");
  CHECK(v.describe() == "\"….db.test.internal\"");
  Value w = Value::partial_string(
      {Value::string("https://"), Value::unknown("x"), Value::string("/"), Value::string("api")},
      "x");
  CHECK(known_prefix(w) == "https://");
  CHECK(known_suffix(w) == "/api");
  CHECK(known_prefix(Value::string("abc")) == "abc");
  CHECK(known_suffix(Value::unknown("u")).empty());
}
