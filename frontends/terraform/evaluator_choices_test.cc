// What the evaluator keeps of values that are not fully known: conditionals
// over an unknown condition become a choice of their branches, templates
// with unknown interpolations keep their known text.

#include <doctest/doctest.h>

#include "frontends/terraform/test_support.h"

using namespace bw::frontends::terraform::testing;
using bw::ir::Provenance;
using bw::ir::Value;

namespace {

const char* const kVariables =
    "variable \"env\" {\n  default = \"prod\"\n}\n"
    "variable \"prod\" {}\n"
    "variable \"region\" {}\n"
    "locals {\n"
    "  settings = var.prod ? { size = 100, protect = true } : { size = 1, protect = false }\n"
    "  host     = \"${var.region}.db.test.internal\"\n"
    "  protect  = var.prod ? true : false\n"
    "}\n"
    // What the expressions below reference must be declared: Terraform
    // rejects a reference to a resource, data source or module that is not.
    "resource \"aws_s3_bucket\" \"a\" {}\n"
    "resource \"aws_s3_bucket\" \"b\" {}\n"
    "resource \"aws_s3_bucket\" \"c\" {}\n"
    "resource \"aws_s3_bucket\" \"logs\" {}\n"
    "data \"aws_iam_policy_document\" \"p\" {}\n"
    "module \"db\" {\n  source = \"terraform-aws-modules/rds/aws\"\n}\n";

Value eval(const std::string& expression) {
  return evaluate(expression, kVariables);
}

const char* const kProdUnknown =
    "depends on var.prod, which is unknown: variable \"prod\" has no value (no default and no "
    "tfvars)";

std::vector<std::string> described(const Value& value) {
  std::vector<std::string> out;
  for (const Value& item : value.items()) out.push_back(item.describe());
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("a conditional over an unknown condition is one of its branches") {
  Value either = eval("var.prod ? true : false");
  REQUIRE(either.is_one_of());
  CHECK(either.is_unknown());
  CHECK(either.unknown_reason() == kProdUnknown);
  CHECK(described(either) == Strings{"true", "false"});
  CHECK(either.describe() == "true or false");
  // Each alternative points where it is written.
  CHECK(either.alternatives()[1].span().begin.column == 25);
  CHECK(either.alternatives()[1].provenance() == Provenance::Literal);

  Value same = eval("var.prod ? \"db\" : \"db\"");
  REQUIRE(same.is_string());
  CHECK(same.as_string() == "db");
  CHECK(same.provenance() == Provenance::Derived);
}

TEST_CASE("nested conditionals give one flat list of alternatives") {
  Value nested = eval("var.prod ? (var.region == \"eu\" ? 3 : 2) : var.prod ? 1 : 3");
  REQUIRE(nested.is_one_of());
  CHECK(described(nested) == Strings{"3", "2", "1"});
  CHECK(nested.unknown_reason() == kProdUnknown);
  // A condition that is itself a choice already says what it depends on.
  Value chained = eval("(var.prod ? true : false) ? \"a\" : \"b\"");
  REQUIRE(chained.is_one_of());
  CHECK(chained.unknown_reason() == kProdUnknown);
}

TEST_CASE("a conditional keeps the references of its condition and both branches") {
  Value chosen = eval("aws_s3_bucket.c.versioned ? aws_s3_bucket.a.id : aws_s3_bucket.b.id");
  REQUIRE(chosen.is_one_of());
  CHECK(chosen.references() == Strings{"aws_s3_bucket.c", "aws_s3_bucket.a", "aws_s3_bucket.b"});
  CHECK(chosen.alternatives()[0].references() == Strings{"aws_s3_bucket.a"});
  CHECK(chosen.unknown_reason() ==
        "depends on aws_s3_bucket.c.versioned, which is unknown: aws_s3_bucket.c.versioned is "
        "known only after apply");
}

TEST_CASE("a conditional with a part Terraform rejects is merely unknown") {
  Analysis analysis;
  analysis.add("main.tf", std::string(kVariables) +
                              "resource \"t\" \"r\" {\n  x = var.prod ? var.nope : 1\n}\n");
  analysis.run();
  const Value* x = analysis.attribute("t.r", "x");
  REQUIRE(x);
  CHECK(x->is_unknown());
  CHECK_FALSE(x->is_one_of());
  CHECK(analysis.has_message(
      "Reference to undeclared input variable: an input variable with the name \"nope\" has not "
      "been declared"));
}

TEST_CASE("a choice read through a local keeps its alternatives, derived") {
  Value protect = eval("local.protect");
  REQUIRE(protect.is_one_of());
  CHECK(described(protect) == Strings{"true", "false"});
  CHECK(protect.alternatives()[0].provenance() == Provenance::Derived);
  CHECK(protect.alternatives()[0].span().begin.line == 21);   // the use, in the resource
  CHECK(protect.alternatives()[0].origin().begin.line == 9);  // where it is written

  // Attributes and indexes apply to each alternative.
  Value size = eval("local.settings.size");
  REQUIRE(size.is_one_of());
  CHECK(described(size) == Strings{"100", "1"});
  CHECK(size.unknown_reason() == kProdUnknown);
  CHECK(described(eval("local.settings[\"protect\"]")) == Strings{"true", "false"});
  Value missing = eval("local.settings.missing");
  CHECK(missing.is_unknown());
  CHECK_FALSE(missing.is_one_of());
}

TEST_CASE("operators, functions and splats over a choice give a plain unknown") {
  for (const char* expression :
       {"(var.prod ? 1 : 2) + 1", "!local.protect", "local.protect == true",
        "tostring(local.protect)", "(var.prod ? [1] : [2])[*]", "[for x in local.settings : x]",
        "length(var.prod ? [1] : [2, 3])"}) {
    CAPTURE(expression);
    Value value = eval(expression);
    CHECK(value.is_unknown());
    CHECK_FALSE(value.is_one_of());
    CHECK(value.unknown_reason() == kProdUnknown);
  }
  // Functions that pass their argument through keep the choice.
  CHECK(eval("sensitive(local.protect)").is_one_of());
}

TEST_CASE("a template with unknown interpolations keeps its known text") {
  Value host = eval("\"${var.region}.db.test.internal\"");
  REQUIRE(host.is_partial_string());
  CHECK(host.unknown_reason() == "variable \"region\" has no value (no default and no tfvars)");
  REQUIRE(host.string_parts().size() == 2);
  CHECK(host.string_parts()[0].is_unknown());
  CHECK(host.string_parts()[1].as_string() == ".db.test.internal");
  CHECK(host.string_parts()[1].provenance() == Provenance::Literal);
  CHECK(bw::ir::known_suffix(host) == ".db.test.internal");
  CHECK(host.describe() == "\"….db.test.internal\"");

  // Known literal text and known interpolations merge into one part.
  Value merged = eval("\"${var.env}-${var.region}-x${1 + 1}\"");
  REQUIRE(merged.is_partial_string());
  CHECK(described(merged) == Strings{"\"prod-\"", "unknown", "\"-x2\""});
  CHECK(merged.string_parts()[0].provenance() == Provenance::Derived);

  // A partial string interpolated into another is spliced in.
  CHECK(described(eval("\"${local.host}:5432\"")) ==
        Strings{"unknown", "\".db.test.internal:5432\""});
  // A choice is one unknown stretch of text.
  Value chosen = eval("\"db-${var.prod ? \"a\" : \"b\"}\"");
  REQUIRE(chosen.is_partial_string());
  CHECK(described(chosen) == Strings{"\"db-\"", "unknown"});
  CHECK_FALSE(chosen.string_parts()[1].is_one_of());
}

TEST_CASE("directives and heredocs over unknowns keep their known text") {
  CHECK(described(eval("\"%{ if var.prod }p%{ else }t%{ endif }.example.com\"")) ==
        Strings{"unknown", "\".example.com\""});
  CHECK(described(eval("\"%{ for r in var.region }${r}%{ endfor }!\"")) ==
        Strings{"unknown", "\"!\""});
  CHECK(described(eval("\"%{ for n in [1, 2] }${var.region}/%{ endfor }\"")) ==
        Strings{"unknown", "\"/\"", "unknown", "\"/\""});
  Value heredoc = eval("<<EOT\nhost = ${var.region}.internal\nEOT\n");
  REQUIRE(heredoc.is_partial_string());
  CHECK(described(heredoc) == Strings{"\"host = \"", "unknown", "\".internal\n\""});
}

TEST_CASE("a template keeps the references of every part") {
  Value url = eval("\"https://${aws_s3_bucket.logs.bucket}/${var.env}/${module.db.endpoint}\"");
  REQUIRE(url.is_partial_string());
  CHECK(url.references() == Strings{"aws_s3_bucket.logs", "module.db"});
  CHECK(url.string_parts()[1].references() == Strings{"aws_s3_bucket.logs"});
  CHECK(described(url) == Strings{"\"https://\"", "unknown", "\"/prod/\"", "unknown"});
}

TEST_CASE("a template with a part Terraform rejects is merely unknown") {
  for (const char* expression :
       {"\"${var.region}-${null}\"", "\"${var.region}-${[1]}\"", "\"${var.region}-${local.nope}\"",
        "\"%{ if \\\"maybe\\\" }x%{ endif }${var.region}\""}) {
    CAPTURE(expression);
    Value value = eval(expression);
    CHECK(value.is_unknown());
    CHECK_FALSE(value.is_partial_string());
  }
  // However often the rejected part is used.
  Analysis analysis;
  analysis.add("main.tf", std::string(kVariables) +
                              "locals {\n  bad = [1].x\n}\n"
                              "resource \"t\" \"r\" {\n"
                              "  a = \"${local.bad}-${var.region}\"\n"
                              "  b = \"${local.bad}-${var.region}\"\n"
                              "}\n");
  analysis.run();
  CHECK_FALSE(analysis.attribute("t.r", "a")->is_partial_string());
  CHECK_FALSE(analysis.attribute("t.r", "b")->is_partial_string());
}
