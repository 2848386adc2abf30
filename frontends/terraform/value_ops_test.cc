#include "frontends/terraform/value_ops.h"

#include <doctest/doctest.h>

using bw::ir::Provenance;
using bw::ir::Value;
using namespace bw::frontends::terraform;

namespace {

Value referencing(Value value, const std::string& address) {
  value.add_reference(address);
  return value;
}

}  // namespace

TEST_CASE("a choice flattens nested choices and drops repeated alternatives") {
  Value inner = Value::one_of({Value::number(1), Value::number(2)}, "inner");
  Value choice_value = choice({inner, Value::number(1), Value::unknown("u")}, "outer", {});
  REQUIRE(choice_value.is_one_of());
  CHECK(choice_value.unknown_reason() == "outer");
  REQUIRE(choice_value.alternatives().size() == 3);
  CHECK(choice_value.alternatives()[0].as_number() == 1);
  CHECK(choice_value.alternatives()[1].as_number() == 2);
  CHECK(choice_value.alternatives()[2].is_unknown());
  CHECK(choice_value.describe() == "1, 2 or unknown");

  Value same = choice({Value::boolean(false), Value::boolean(false)}, "r", {});
  CHECK(same.is_bool());
  CHECK(same.provenance() == Provenance::Derived);
  // Two unknowns are not known to be equal: still a choice.
  CHECK(choice({Value::unknown("a"), Value::unknown("b")}, "r", {}).is_one_of());
}

TEST_CASE("whole-value walks see inside choices and partial strings") {
  Value choice_value =
      Value::one_of({referencing(Value::string("a"), "aws_s3_bucket.a"),
                     Value::list({referencing(Value::unknown("x"), "aws_s3_bucket.b")})},
                    "r");
  Value target = Value::null();
  add_deep_references(target, choice_value);
  CHECK(target.references() == std::vector<std::string>{"aws_s3_bucket.a", "aws_s3_bucket.b"});
  // The choice, two alternatives, and the list's element.
  CHECK(value_size(choice_value) == 4);

  Value partial = Value::partial_string(
      {referencing(Value::unknown("env"), "aws_route53_zone.z"), Value::string(".db.internal")},
      "env");
  Value other = Value::null();
  add_deep_references(other, partial);
  CHECK(other.references() == std::vector<std::string>{"aws_route53_zone.z"});
  CHECK(value_size(partial) == 3);
}

TEST_CASE("marking a choice derived marks its known alternatives, not the choice") {
  bw::ir::Span use{0, {10, 2, 1}, {20, 2, 11}};
  bw::ir::Span written{0, {0, 1, 1}, {5, 1, 6}};
  Value choice_value =
      Value::one_of({Value::boolean(true, written), Value::unknown("u", written)}, "r", written);
  mark_derived(choice_value, use);
  CHECK(choice_value.is_one_of());
  CHECK(choice_value.provenance() == Provenance::Unknown);
  const Value& known = choice_value.alternatives()[0];
  CHECK(known.provenance() == Provenance::Derived);
  CHECK(known.span().begin.line == 2);
  CHECK(known.origin().begin.line == 1);
  CHECK(choice_value.alternatives()[1].is_unknown());
}

TEST_CASE("a plain unknown keeps a choice's reason and references, not its alternatives") {
  Value choice_value = Value::one_of({referencing(Value::string("a"), "t.a"), Value::string("b")},
                                     "depends on var.x");
  choice_value.add_reference("t.c");
  Value plain = plain_unknown(choice_value);
  CHECK(plain.is_unknown());
  CHECK_FALSE(plain.is_one_of());
  CHECK(plain.alternatives().empty());
  CHECK(plain.unknown_reason() == "depends on var.x");
  CHECK(plain.references() == std::vector<std::string>{"t.c", "t.a"});
  CHECK(plain_unknown(Value::string("known")).as_string() == "known");
}
