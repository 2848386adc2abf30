#include "frontends/terraform/evaluator.h"

#include <doctest/doctest.h>

#include "frontends/terraform/hcl_parser.h"
#include "frontends/terraform/test_support.h"

using namespace bw::frontends::terraform::testing;
using bw::ir::Provenance;
using bw::ir::Value;

namespace {

const char* const kVariables =
    "variable \"env\" {\n  default = \"prod\"\n}\n"
    "variable \"size\" {\n  default = 20\n}\n"
    "variable \"tags\" {\n  default = { team = \"data\", tier = \"db\" }\n}\n"
    "variable \"names\" {\n  default = [\"a\", \"b\", \"c\"]\n}\n"
    "variable \"unset\" {}\n"
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

}  // namespace

TEST_CASE("literals keep literal provenance") {
  Value number = eval("5");
  REQUIRE(number.is_number());
  CHECK(number.as_number() == 5);
  CHECK(number.provenance() == Provenance::Literal);
  CHECK(eval("\"text\"").as_string() == "text");
  CHECK(eval("true").as_bool());
  CHECK(eval("null").is_null());
  CHECK(eval("1.5e3").as_number() == 1500);
  CHECK(eval("-2").as_number() == -2);
  CHECK(eval("-2").provenance() == Provenance::Literal);
}

TEST_CASE("tuples and objects hold their elements with their own spans") {
  Value tuple = eval("[1, \"two\", false]");
  REQUIRE(tuple.is_list());
  REQUIRE(tuple.items().size() == 3);
  CHECK(tuple.items()[1].as_string() == "two");
  CHECK(tuple.items()[1].span().begin.column == 11);

  Value object = eval("{ a = 1, \"b\" : 2, (var.env) = 3 }");
  REQUIRE(object.is_object());
  CHECK(object.get("a")->as_number() == 1);
  CHECK(object.get("b")->as_number() == 2);
  CHECK(object.get("prod")->as_number() == 3);
}

TEST_CASE("variables give their default, derived, pointing at the use") {
  Value env = eval("var.env");
  REQUIRE(env.is_string());
  CHECK(env.as_string() == "prod");
  CHECK(env.provenance() == Provenance::Derived);
  // The value points where the resource uses it, not at the default.
  CHECK(env.span().begin.line == 24);
  CHECK(env.span().begin.column == 7);

  Value tags = eval("var.tags");
  REQUIRE(tags.is_object());
  CHECK(tags.get("team")->provenance() == Provenance::Derived);
  CHECK(tags.get("team")->span().begin.line == 24);
}

TEST_CASE("a variable without a value is unknown and says why") {
  Value unset = eval("var.unset");
  REQUIRE(unset.is_unknown());
  CHECK(unset.unknown_reason() == "variable \"unset\" has no value (no default and no tfvars)");
}

TEST_CASE("templates interpolate; an unknown part makes them partly known") {
  Value name = eval("\"${var.env}-db-${var.size}\"");
  REQUIRE(name.is_string());
  CHECK(name.as_string() == "prod-db-20");
  CHECK(name.provenance() == Provenance::Derived);

  Value partly = eval("\"${var.env}-${var.unset}\"");
  REQUIRE(partly.is_partial_string());
  CHECK(partly.unknown_reason() == "variable \"unset\" has no value (no default and no tfvars)");

  // A lone interpolation is the value itself, not its string form.
  CHECK(eval("\"${var.size}\"").is_number());
  CHECK(eval("\"$${literal}\"").as_string() == "${literal}");
}

TEST_CASE("template directives") {
  CHECK(eval("\"%{ if var.env == \"prod\" }p%{ else }np%{ endif }\"").as_string() == "p");
  CHECK(eval("\"%{ for n in var.names }${n};%{ endfor }\"").as_string() == "a;b;c;");
  CHECK(eval("\"x ${~ \"y\" ~} z\"").as_string() == "xyz");
}

TEST_CASE("heredocs, plain and indented") {
  Value plain = eval("<<EOT\nhello ${var.env}\n  kept\nEOT\n");
  REQUIRE(plain.is_string());
  CHECK(plain.as_string() == "hello prod\n  kept\n");

  Value flush = eval("<<-EOT\n    {\n      \"env\": \"${var.env}\"\n    }\n    EOT\n");
  REQUIRE(flush.is_string());
  CHECK(flush.as_string() == "{\n  \"env\": \"prod\"\n}\n");

  Value literal = eval("<<EOT\nno interpolation\nEOT\n");
  CHECK(literal.provenance() == Provenance::Literal);
}

TEST_CASE("conditionals choose a branch; an unknown condition gives one of both") {
  CHECK(eval("var.env == \"prod\" ? 35 : 1").as_number() == 35);
  CHECK(eval("var.env == \"prod\" ? 35 : 1").provenance() == Provenance::Derived);
  CHECK(eval("var.env != \"prod\" ? 35 : 1").as_number() == 1);
  // Chains read from the right, as Terraform reads them; parentheses still group.
  CHECK(eval("true ? 5 : false ? 1 : 3").as_number() == 5);
  CHECK(eval("false ? 5 : false ? 1 : 3").as_number() == 3);
  CHECK(eval("false ? 5 : true ? 1 : false ? 2 : 3").as_number() == 1);
  CHECK(eval("(true ? false : true) ? 1 : 2").as_number() == 2);
  CHECK(eval("var.size > 10 ? \"big\" : var.size > 5 ? \"medium\" : \"small\"").as_string() ==
        "big");
  Value unknown = eval("var.unset ? 1 : 2");
  REQUIRE(unknown.is_unknown());
  CHECK(unknown.unknown_reason().find("\"unset\" has no value") != std::string::npos);
}

TEST_CASE("arithmetic, comparison and logic") {
  CHECK(eval("var.size * 2 + 1").as_number() == 41);
  CHECK(eval("7 % 4").as_number() == 3);
  CHECK(eval("10 / 4").as_number() == 2.5);
  CHECK(eval("1 + 2 * 3").as_number() == 7);
  CHECK(eval("(1 + 2) * 3").as_number() == 9);
  CHECK(eval("\"3\" + 1").as_number() == 4);
  CHECK(eval("var.size >= 20").as_bool());
  CHECK_FALSE(eval("var.size < 20").as_bool());
  CHECK(eval("true && !false").as_bool());
  CHECK(eval("false || var.env == \"prod\"").as_bool());
  CHECK(eval("-var.size").as_number() == -20);
  CHECK(eval("!(var.size > 1)").provenance() == Provenance::Derived);
  // Either side alone can decide a logical operator.
  CHECK(eval("false && var.unset").is_bool());
  CHECK(eval("var.unset || true").as_bool());
  CHECK(eval("true && var.unset").is_unknown());
  CHECK(eval("1 / 0").is_unknown());
}

TEST_CASE("indexing and attribute access on known values") {
  CHECK(eval("var.tags.team").as_string() == "data");
  CHECK(eval("var.tags[\"tier\"]").as_string() == "db");
  CHECK(eval("var.names[1]").as_string() == "b");
  CHECK(eval("var.names.2").as_string() == "c");
  CHECK(eval("[10, 20][var.size / 20]").as_number() == 20);
  CHECK(eval("var.names[5]").is_unknown());
  CHECK(eval("var.tags.missing").is_unknown());
}

TEST_CASE("for expressions and splats") {
  Value upper = eval("[for n in var.names : upper(n) if n != \"b\"]");
  REQUIRE(upper.is_list());
  REQUIRE(upper.items().size() == 2);
  CHECK(upper.items()[1].as_string() == "C");

  Value by_key = eval("{ for k, v in var.tags : v => k }");
  REQUIRE(by_key.is_object());
  CHECK(by_key.get("data")->as_string() == "team");

  Value grouped = eval("{ for n in [\"a\", \"b\", \"a\"] : n => n... }");
  REQUIRE(grouped.is_object());
  CHECK(grouped.get("a")->items().size() == 2);

  Value indexed = eval("[for i, n in var.names : \"${i}:${n}\"]");
  CHECK(indexed.items()[2].as_string() == "2:c");

  Value splat = eval("[{ id = 1 }, { id = 2 }][*].id");
  REQUIRE(splat.is_list());
  CHECK(splat.items()[1].as_number() == 2);
  CHECK(eval("var.unset[*].id").is_unknown());
}

TEST_CASE("references to resources, data sources and modules are recorded") {
  Value arn = eval("aws_s3_bucket.logs.arn");
  REQUIRE(arn.is_unknown());
  CHECK(arn.unknown_reason() == "aws_s3_bucket.logs.arn is known only after apply");
  CHECK(arn.references() == std::vector<std::string>{"aws_s3_bucket.logs"});

  Value json = eval("data.aws_iam_policy_document.p.json");
  REQUIRE(json.is_unknown());
  CHECK(json.references() == std::vector<std::string>{"data.aws_iam_policy_document.p"});

  Value endpoint = eval("module.db.endpoint");
  CHECK(endpoint.references() == std::vector<std::string>{"module.db"});

  // Values computed from references carry them along.
  Value url = eval("\"https://${aws_s3_bucket.logs.bucket}/${module.db.endpoint}\"");
  REQUIRE(url.is_unknown());
  CHECK(url.references() == std::vector<std::string>{"aws_s3_bucket.logs", "module.db"});
  Value joined = eval("join(\",\", [aws_s3_bucket.a.id, aws_s3_bucket.b.id])");
  CHECK(joined.references().size() == 2);
  Value chosen = eval("var.unset ? aws_s3_bucket.a.id : \"x\"");
  CHECK(chosen.references() == std::vector<std::string>{"aws_s3_bucket.a"});
}

TEST_CASE("functions that cannot run give an unknown naming them") {
  Value file = eval("file(\"policy.json\")");
  REQUIRE(file.is_unknown());
  CHECK(file.unknown_reason() == "function \"file\" is not evaluated");
}

TEST_CASE("try and can") {
  CHECK(eval("try(var.tags.missing, \"fallback\")").as_string() == "fallback");
  CHECK(eval("try(var.tags.team, \"fallback\")").as_string() == "data");
  CHECK(eval("can(var.tags.missing)").as_bool() == false);
  CHECK(eval("can(var.tags.team)").as_bool() == true);
  CHECK(eval("try(var.unset, 1)").is_unknown());

  // A local whose value failed fails at every use, not only the first.
  Analysis analysis;
  analysis.add("main.tf",
               "locals {\n  bad = { a = 1 }.b\n}\n"
               "resource \"t\" \"r\" {\n"
               "  first  = try(local.bad, \"fallback\")\n"
               "  second = try(local.bad, \"fallback\")\n"
               "  third  = can(local.bad)\n"
               "}\n");
  analysis.run();
  CHECK(analysis.attribute("t.r", "first")->as_string() == "fallback");
  CHECK(analysis.attribute("t.r", "second")->as_string() == "fallback");
  CHECK_FALSE(analysis.attribute("t.r", "third")->as_bool());
}

TEST_CASE("expanding a list into function arguments") {
  CHECK(eval("max(var.names...)").is_unknown());  // strings are not numbers
  CHECK(eval("max([3, 9, 4]...)").as_number() == 9);
}

TEST_CASE("deep nesting evaluates to unknown instead of crashing") {
  Value value = eval(std::string(300, '!') + "true");
  REQUIRE(value.is_unknown());
  CHECK(value.unknown_reason() == "expression too deeply nested");
  CHECK(eval(std::string(150, '[') + std::string(150, ']')).is_list());
  // Parentheses around the left operand of a chain are no nesting to walk:
  // `terraform console` gives 300 too.
  std::string chain = "0";
  for (int i = 0; i < 300; ++i) chain = "(" + chain + " + 1)";
  CHECK(eval(chain).as_number() == 300);
}

TEST_CASE("an evaluation budget stops runaway work with one limit named") {
  bw::ir::Model model;
  bw::ir::FileId id = model.sources.add(
      "main.tf",
      "x = [for a in range(100) : length([for b in range(100) : length([for c in range(100) : "
      "c])])]\n");
  bw::frontends::terraform::HclParser parser;
  bw::frontends::terraform::HclFile file = parser.parse(model.sources.file(id));
  REQUIRE(file.body.attributes.size() == 1);
  bw::ir::Limits limits;
  limits.evaluation_steps = 10'000;
  bw::frontends::terraform::Evaluator evaluator(model, nullptr, limits);
  Value value = evaluator.evaluate_value(file.body.attributes[0].value);
  CHECK(value.is_unknown());
  CHECK(value.unknown_reason() == "evaluation_steps limit (10000) reached");
  REQUIRE(model.diagnostics.size() == 1);
  CHECK(model.diagnostics[0].level == bw::ir::DiagnosticLevel::Limit);
  CHECK(model.diagnostics[0].message ==
        "evaluation_steps limit (10000) reached; the value is unknown");
  // The budget is the value's: the next value has one of its own.
  bw::ir::FileId small = model.sources.add("small.tf", "y = [for a in range(10) : a * 2]\n");
  bw::frontends::terraform::HclFile small_file = parser.parse(model.sources.file(small));
  CHECK(evaluator.evaluate_value(small_file.body.attributes[0].value).is_list());
  CHECK(model.diagnostics.size() == 1);
  // Without the budget the same expression evaluates.
  bw::frontends::terraform::Evaluator unlimited(model, nullptr);
  CHECK(unlimited.evaluate(file.body.attributes[0].value).is_list());
}

TEST_CASE("a flat chain of operators evaluates however long it is") {
  std::string chain = "1";
  for (int i = 1; i < 600; ++i) chain += " + 1";
  Value value = eval(chain);
  REQUIRE(value.is_number());
  CHECK(value.as_number() == 600);             // as `terraform console` gives
  CHECK(eval("10 - 2 - 3").as_number() == 5);  // still from the left
  CHECK(eval("true && true && false || true").as_bool());
}

TEST_CASE("numbers beyond exact arithmetic are unknown with the limit named") {
  // `terraform console`: 1e400 == 1e401 is false; as doubles both are +Inf.
  Value overflow = eval("1e400 == 1e401");
  REQUIRE(overflow.is_unknown());
  CHECK(overflow.unknown_reason() ==
        "a number beyond exact arithmetic: 1e400 cannot be held exactly");
  // 2^53 + 1 is not a double; Terraform says the two differ.
  CHECK(eval("9007199254740993 == 9007199254740992").is_unknown());
  CHECK(eval("9007199254740992 + 1").is_unknown());
  CHECK(eval("1 / 1e-320").unknown_reason().find("overflows") != std::string::npos);
  CHECK(eval("tonumber(\"1e400\") == tonumber(\"1e401\")").unknown_reason() ==
        "a number beyond exact arithmetic: tonumber(\"1e400\") overflows");
  // What doubles hold exactly still evaluates.
  CHECK(eval("9007199254740992 == 9007199254740992").as_bool());
  CHECK(eval("4294967297 * 4294967297").is_unknown());
  CHECK(eval("4294967296 * 4294967296").as_number() == 18446744073709551616.0);  // 2^64
  CHECK(eval("65536 * 65536").as_number() == 4294967296.0);
  CHECK(eval("100000000000000000000").as_number() == 1e20);
  bw::frontends::terraform::testing::Analysis analysis;
  analysis.add("main.tf", "resource \"t\" \"r\" {\n  x = 1e400\n  y = 2\n}\n");
  analysis.run();
  REQUIRE(analysis.model.diagnostics.size() == 1);
  CHECK(analysis.model.diagnostics[0].level == bw::ir::DiagnosticLevel::Limit);
  CHECK(analysis.attribute("t.r", "y")->as_number() == 2);
}

TEST_CASE("sizes are checked against the limits before a value is built") {
  std::string long_text = "\"" + std::string(200'000, 'x') + "\"";
  Value parts = eval("split(\"\", " + long_text + ")");
  REQUIRE(parts.is_unknown());
  CHECK(parts.unknown_reason() == "collection_items limit (100000) reached: the result of split()");
  CHECK(eval("length(split(\"\", \"" + std::string(1000, 'x') + "\"))").as_number() == 1000);
  // One value past a limit leaves its neighbours alone, and says so once.
  bw::frontends::terraform::testing::Analysis analysis;
  analysis.add("main.tf",
               "resource \"t\" \"r\" {\n  x = split(\"\", " + long_text + ")\n  y = \"kept\"\n}\n");
  analysis.run();
  REQUIRE(analysis.model.diagnostics.size() == 1);
  CHECK(analysis.model.diagnostics[0].level == bw::ir::DiagnosticLevel::Limit);
  CHECK(analysis.model.diagnostics[0].span.begin.line == 2);
  CHECK(analysis.attribute("t.r", "y")->as_string() == "kept");
}

TEST_CASE("a known collection is not null, whatever unknowns it holds") {
  CHECK(eval("{ ami = aws_ami.a.id } != null").as_bool());
  CHECK_FALSE(eval("null == [aws_ami.a.id]").as_bool());
  CHECK(eval("aws_ami.a.id != null").is_unknown());
  CHECK(eval("null == null").as_bool());
}
