// .tf.json files: Terraform's JSON syntax read into the HCL AST.

#include "frontends/terraform/hcl_json.h"

#include <doctest/doctest.h>

#include "frontends/terraform/test_support.h"

using namespace bw::frontends::terraform;
using namespace bw::frontends::terraform::testing;
using bw::ir::Value;

namespace {

HclFile parse_json(const std::string& text) {
  static bw::ir::SourceManager sources;
  bw::ir::FileId id = sources.add("t" + std::to_string(sources.size()) + ".tf.json", text);
  HclParser parser;
  return parse_json_configuration(sources.file(id), parser);
}

}  // namespace

TEST_CASE("resource blocks nest one object per label; arrays of bodies repeat blocks") {
  HclFile file = parse_json(
      "{\n"
      "  \"//\": \"a comment\",\n"
      "  \"resource\": {\n"
      "    \"aws_db_instance\": {\n"
      "      \"main\": { \"engine\": \"postgres\", \"port\": 5432 },\n"
      "      \"replica\": [{ \"engine\": \"mysql\" }]\n"
      "    }\n"
      "  },\n"
      "  \"locals\": [{ \"a\": 1 }, { \"b\": true }]\n"
      "}\n");
  REQUIRE(file.errors.empty());
  REQUIRE(file.body.blocks.size() == 4);
  const Block& main = file.body.blocks[0];
  CHECK(main.type == "resource");
  CHECK(main.labels == std::vector<std::string>{"aws_db_instance", "main"});
  CHECK(main.header_span.begin.line == 5);
  CHECK(main.header_span.begin.column == 7);
  REQUIRE(main.body.attributes.size() == 2);
  CHECK(main.body.attributes[0].name == "engine");
  CHECK(main.body.attributes[0].value.kind == Expr::Kind::String);
  CHECK(main.body.attributes[0].value.span.begin.column == 27);
  CHECK(main.body.attributes[1].value.kind == Expr::Kind::Number);
  CHECK(main.body.attributes[1].value.number == 5432);
  CHECK(file.body.blocks[1].labels[1] == "replica");
  CHECK(file.body.blocks[2].type == "locals");
  CHECK(file.body.blocks[3].body.attributes[0].value.kind == Expr::Kind::Bool);
}

TEST_CASE("strings are templates whose parts point into the JSON text") {
  HclFile file = parse_json(
      "{\"resource\": {\"t\": {\"r\": {\n"
      "  \"name\": \"db-${var.env}\",\n"
      "  \"size\": \"${var.size}\",\n"
      "  \"quoted\": \"say \\\"${var.env}\\\"\",\n"
      "  \"escaped\": \"$${literal}\",\n"
      "  \"provider\": \"aws.west\",\n"
      "  \"depends_on\": [\"aws_s3_bucket.b\"],\n"
      "  \"lifecycle\": {\"ignore_changes\": [\"tags\"], \"prevent_destroy\": true}\n"
      "}}}}\n");
  REQUIRE(file.errors.empty());
  const Body& body = file.body.blocks[0].body;
  const Expr& name = body.attributes[0].value;
  CHECK(name.kind == Expr::Kind::Template);
  REQUIRE(name.children.size() == 2);
  CHECK(name.children[1].kind == Expr::Kind::GetAttr);
  // `var.env` at line 2, column 17 (1-based, after `"db-${`).
  CHECK(name.children[1].span.begin.line == 2);
  CHECK(name.children[1].span.begin.column == 17);
  CHECK(name.span.begin.column == 11);
  CHECK(name.span.end.column == 26);
  // Escapes in the JSON text: every part points at the whole string.
  const Expr& quoted = body.attributes[2].value;
  CHECK(quoted.kind == Expr::Kind::Template);
  CHECK(quoted.children[1].span.begin.column == quoted.span.begin.column);
  const Expr& provider = body.attributes[4].value;
  CHECK(provider.kind == Expr::Kind::GetAttr);
  CHECK(provider.span.begin.column == 16);
  CHECK(body.attributes[5].value.children[0].kind == Expr::Kind::GetAttr);
  REQUIRE(body.blocks.size() == 1);
  CHECK(body.blocks[0].type == "lifecycle");
  CHECK(body.blocks[0].body.attributes[0].value.children[0].kind == Expr::Kind::Variable);
}

TEST_CASE("evaluated like HCL: templates, literal defaults, dynamic blocks") {
  Analysis analysis;
  analysis.add("main.tf.json",
               "{\n"
               "  \"variable\": {\n"
               "    \"env\": {\"default\": \"prod\"},\n"
               "    \"raw\": {\"default\": \"${not.a.reference}\", \"type\": \"string\"}\n"
               "  },\n"
               "  \"locals\": {\"rules\": [443, 80]},\n"
               "  \"resource\": {\n"
               "    \"aws_security_group\": {\n"
               "      \"sg\": {\n"
               "        \"name\": \"${var.env}-sg\",\n"
               "        \"raw\": \"${var.raw}\",\n"
               "        \"count_of\": \"${length(local.rules)}\",\n"
               "        \"tags\": {\"Environment\": \"${var.env}\"},\n"
               "        \"dynamic\": {\"ingress\": {\n"
               "          \"for_each\": \"${local.rules}\",\n"
               "          \"content\": {\"from_port\": \"${ingress.value}\"}\n"
               "        }}\n"
               "      }\n"
               "    }\n"
               "  }\n"
               "}\n");
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  CHECK(analysis.attribute("aws_security_group.sg", "name")->as_string() == "prod-sg");
  CHECK(analysis.attribute("aws_security_group.sg", "raw")->as_string() == "${not.a.reference}");
  // A template that is one interpolation keeps the value's type.
  CHECK(analysis.attribute("aws_security_group.sg", "count_of")->as_number() == 2);
  CHECK(analysis.attribute("aws_security_group.sg", "tags.Environment")->as_string() == "prod");
  CHECK(analysis.attribute("aws_security_group.sg", "ingress.1.from_port")->as_number() == 80);
  CHECK(analysis.resource("aws_security_group.sg")->environment == "prod");
}

TEST_CASE("JSON errors and structures Terraform refuses are syntax errors") {
  auto first_error = [](const std::string& text) {
    HclFile file = parse_json(text);
    return file.errors.empty() ? std::string("(none)") : file.errors[0].message;
  };
  CHECK(first_error("{\"resource\": {").starts_with("Unexpected end of file"));
  CHECK(first_error("{\"resource\": ").starts_with("Missing value"));
  CHECK(first_error("{\"a\" 1}").starts_with("Missing property value colon"));
  CHECK(first_error("[1]").starts_with("Invalid JSON configuration"));
  CHECK(first_error("{} x").starts_with("Extraneous data"));
  CHECK(first_error("{\"bogus\": {}}").starts_with("Unsupported block type"));
  CHECK(first_error("{\"resource\": {\"t\": \"x\"}}").starts_with("Incorrect JSON value type"));
  CHECK(first_error("{\"output\": {\"o\": {\"value\": \"${1 +}\"}}}") != "(none)");
  CHECK(first_error("{\"locals\": {\"a\": 1, \"a\": 2}}").starts_with("Duplicate argument"));
  CHECK(first_error("{\"locals\": {\"a\": \"\\q\"}}").starts_with("Invalid escape"));
  HclFile position = parse_json("{\n  \"locals\": {\n    \"a\": tru\n  }\n}\n");
  REQUIRE(position.errors.size() == 1);
  CHECK(position.errors[0].span.begin.line == 3);
  CHECK(position.errors[0].span.begin.column == 10);
  // Nesting past the parser's bound is an error, not a crash.
  std::string deep =
      "{\"locals\": {\"a\": " + std::string(2000, '[') + std::string(2000, ']') + "}}";
  CHECK(first_error(deep).starts_with("Nesting too deep"));
}

TEST_CASE("module calls in .tf.json are found for unit planning") {
  std::vector<ModuleSource> calls = scan_json_module_sources(
      "{\"module\": {\"db\": {\"source\": \"./db\"}, \"net\": [{\"source\": \"../net\"}],"
      " \"remote\": {\"source\": \"terraform-aws-modules/rds/aws\"},"
      " \"computed\": {\"source\": \"${var.x}\"}}, \"resource\": {}}");
  REQUIRE(calls.size() == 3);
  CHECK(calls[0].name == "db");
  CHECK(calls[0].source == "./db");
  CHECK(calls[1].source == "../net");
  CHECK(scan_json_module_sources("not json").empty());
}

TEST_CASE("a module written in JSON is followed and its declarations are checked") {
  Analysis analysis;
  analysis.add("main.tf.json",
               "{\"module\": {\"db\": {\"source\": \"./modules/db\", \"protect\": false}}}\n");
  analysis.disk["modules/db/main.tf.json"] =
      "{\"variable\": {\"protect\": {}},\n"
      " \"resource\": {\"aws_db_instance\": {\"this\": {\n"
      "   \"deletion_protection\": \"${var.protect}\",\n"
      "   \"identifier\": \"${aws_db_subnet_group.missing.name}\"}}}}\n";
  analysis.run();
  const Value* protection =
      analysis.attribute("module.db.aws_db_instance.this", "deletion_protection");
  REQUIRE(protection);
  CHECK(protection->is_bool());
  CHECK_FALSE(protection->as_bool());
  CHECK(analysis.has_message("Reference to undeclared resource"));
}

TEST_CASE("a JSON array past collection_items is unknown, naming the limit") {
  Analysis analysis;
  analysis.limits.collection_items = 3;
  analysis.add("main.tf.json",
               "{\"resource\": {\"t\": {\"r\": {\"small\": [1, 2, 3], \"big\": [1, 2, 3, 4]}}}}");
  analysis.run();
  CHECK(analysis.attribute("t.r", "small")->items().size() == 3);
  const Value* big = analysis.attribute("t.r", "big");
  REQUIRE(big);
  CHECK(big->is_unknown());
  CHECK(analysis.has_message("collection_items limit (3) reached"));
}
