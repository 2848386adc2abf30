#include "derive/iam_statements.h"

#include <doctest/doctest.h>

#include "derive/derivations.h"

using bw::derive::iam_statements;
using bw::ir::Value;

namespace {

std::vector<std::string> texts(const Value& list) {
  std::vector<std::string> out;
  for (const Value& v : list.items()) out.push_back(v.is_string() ? v.as_string() : "?");
  return out;
}

Value object(std::vector<std::pair<std::string, Value>> members) {
  Value o = Value::object();
  for (auto& member : members) o.set(member.first, std::move(member.second));
  return o;
}

Value strings(std::vector<std::string> items) {
  std::vector<Value> values;
  for (auto& s : items) values.push_back(Value::string(s));
  return Value::list(std::move(values));
}

}  // namespace

TEST_CASE("a JSON document: single strings become lists, keys in any case") {
  Value out = iam_statements(Value::string(R"({"Version": "2012-10-17", "statement": [
      {"Sid": "Ops", "Effect": "Allow", "Action": "rds:Delete*", "Resource": "*"},
      {"effect": "Deny", "NOTACTION": ["s3:Get*", "s3:List*"], "NotResource": "arn:aws:s3:::b"}]})"));
  REQUIRE(out.is_list());
  REQUIRE(out.items().size() == 2);
  const Value& ops = out.items()[0];
  CHECK(ops.get("label")->as_string() == "statement 'Ops'");
  CHECK(ops.get("effect")->as_string() == "Allow");
  CHECK(texts(*ops.get("actions")) == std::vector<std::string>{"rds:Delete*"});
  CHECK(texts(*ops.get("resources")) == std::vector<std::string>{"*"});
  CHECK(ops.get("not_actions")->items().empty());
  CHECK(ops.get("principals")->items().empty());
  const Value& deny = out.items()[1];
  CHECK(deny.get("label")->as_string() == "statement 2");
  CHECK(deny.get("effect")->as_string() == "Deny");
  CHECK(texts(*deny.get("not_actions")) == std::vector<std::string>{"s3:Get*", "s3:List*"});
  CHECK(texts(*deny.get("not_resources")) == std::vector<std::string>{"arn:aws:s3:::b"});
  CHECK(deny.get("actions")->items().empty());
}

TEST_CASE("principals: \"*\", an object of types, and policy-document blocks") {
  Value star = iam_statements(
      Value::string(R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "es:*"}})"));
  REQUIRE(star.items().size() == 1);
  const Value& p = star.items()[0].get("principals")->items()[0];
  CHECK(p.get("type")->as_string() == "*");
  CHECK(p.get("identifier")->as_string() == "*");

  Value typed = iam_statements(Value::string(R"({"Statement": [{"Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::1:root", "*"], "Service": "backup.amazonaws.com"},
      "Action": "es:*"}]})"));
  const Value& ps = *typed.items()[0].get("principals");
  REQUIRE(ps.items().size() == 3);
  CHECK(ps.items()[0].get("type")->as_string() == "AWS");
  CHECK(ps.items()[1].get("identifier")->as_string() == "*");
  CHECK(ps.items()[2].get("type")->as_string() == "Service");

  Value blocks = iam_statements(Value::list({object(
      {{"actions", strings({"s3:DeleteObject"})},
       {"principals",
        Value::list({object({{"type", Value::string("AWS")},
                             {"identifiers", strings({"*", "arn:aws:iam::2:root"})}})})}})}));
  const Value& bp = *blocks.items()[0].get("principals");
  REQUIRE(bp.items().size() == 2);
  CHECK(bp.items()[0].get("identifier")->as_string() == "*");
  CHECK(bp.items()[1].get("type")->as_string() == "AWS");
  // A block's effect, left out, is Allow; a JSON statement's is required.
  CHECK(blocks.items()[0].get("effect")->as_string() == "Allow");
  Value no_effect = iam_statements(Value::string(R"({"Statement": [{"Action": "s3:*"}]})"));
  CHECK(no_effect.items()[0].get("effect")->is_unknown());
  CHECK(no_effect.items()[0].get("effect")->unknown_reason() == "statement 1 has no Effect");
}

TEST_CASE("conditions: the JSON object and the condition blocks read alike") {
  Value json = iam_statements(Value::string(R"({"Statement": [{"Effect": "Allow",
      "Action": "*", "Resource": "*",
      "Condition": {"Bool": {"aws:MultiFactorAuthPresent": true},
                    "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}}}]})"));
  const Value& cs = *json.items()[0].get("conditions");
  REQUIRE(cs.items().size() == 2);
  CHECK(cs.items()[0].get("test")->as_string() == "Bool");
  CHECK(cs.items()[0].get("variable")->as_string() == "aws:MultiFactorAuthPresent");
  CHECK(texts(*cs.items()[0].get("values")) == std::vector<std::string>{"true"});
  CHECK(texts(*cs.items()[1].get("values")).size() == 2);

  Value blocks = iam_statements(Value::list({object(
      {{"actions", strings({"*"})},
       {"condition", Value::list({object({{"test", Value::string("Bool")},
                                          {"variable", Value::string("aws:MultiFactorAuthPresent")},
                                          {"values", strings({"true"})}})})}})}));
  const Value& bc = *blocks.items()[0].get("conditions");
  REQUIRE(bc.items().size() == 1);
  CHECK(bc.items()[0].get("test")->as_string() == "Bool");
  CHECK(texts(*bc.items()[0].get("values")) == std::vector<std::string>{"true"});
}

TEST_CASE("a templated document keeps its unknown parts where they stand") {
  Value bucket = Value::unknown("aws_s3_bucket.b.arn is known after apply");
  Value actions = Value::unknown("variable \"actions\" has no value");
  Value raw = Value::partial_string(
      {Value::string(R"({"Statement": [{"Effect": "Allow", "Action": )"), actions,
       Value::string(R"(, "Resource": ")"), bucket, Value::string(R"(/*"}]})")},
      actions.unknown_reason());
  Value out = iam_statements(raw);
  REQUIRE(out.is_list());
  const Value& s = out.items()[0];
  CHECK(s.get("effect")->as_string() == "Allow");
  CHECK(s.get("actions")->is_unknown());
  CHECK(s.get("actions")->unknown_reason() == actions.unknown_reason());
  const Value& resource = s.get("resources")->items()[0];
  REQUIRE(resource.is_partial_string());
  CHECK(bw::ir::known_suffix(resource) == "/*");
}

TEST_CASE("what cannot be read is unknown with the reason, never an empty list") {
  Value bad =
      iam_statements(Value::string("{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n]}"));
  REQUIRE(bad.is_unknown());
  CHECK(bad.unknown_reason().rfind("the policy is not valid JSON: parse error at line 3", 0) == 0);
  Value no_statement = iam_statements(Value::string(R"({"Version": "2012-10-17"})"));
  CHECK(no_statement.is_unknown());
  CHECK(no_statement.unknown_reason() == "the policy has no Statement");
  CHECK(iam_statements(Value::string("[1, 2]")).is_unknown());
  Value number_statement = iam_statements(Value::string(R"({"Statement": [5]})"));
  REQUIRE(number_statement.is_list());
  CHECK(number_statement.items()[0].unknown_reason() == "statement 1 is 5, not an object");
  // A list of documents (source_policy_documents) with one not known yet.
  Value documents = iam_statements(
      Value::list({Value::string(R"({"Statement": {"Effect": "Allow", "Action": "s3:*"}})"),
                   Value::unknown("data.aws_iam_policy_document.base.json is known after apply")}));
  REQUIRE(documents.is_list());
  REQUIRE(documents.items().size() == 2);
  CHECK(documents.items()[0].get("effect")->as_string() == "Allow");
  CHECK(documents.items()[1].is_unknown());
  std::string deep = "{\"Statement\": " + std::string(300, '[') + std::string(300, ']') + "}";
  CHECK(bw::ir::first_unknown(iam_statements(Value::string(deep))));
}

TEST_CASE("the derivation table names iam-statements, reading every value found") {
  const bw::derive::Derivation* d = bw::derive::find_derivation("iam-statements");
  REQUIRE(d);
  CHECK(d->reads_all);
  CHECK(d->result_type == "list<object>");
  Value out = bw::derive::apply(*d, Value::string(R"({"Statement": []})"));
  CHECK(out.is_list());
}
