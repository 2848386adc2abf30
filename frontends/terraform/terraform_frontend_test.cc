#include "frontends/terraform/terraform_frontend.h"

#include <doctest/doctest.h>

#include "frontends/terraform/test_allocations.h"
#include "frontends/terraform/test_support.h"

using namespace bw::frontends::terraform::testing;
using bw::ir::DiagnosticLevel;
using bw::ir::Provenance;
using bw::ir::Value;

TEST_CASE("wants and claims .tf, .tf.json and .tfvars files only") {
  bw::frontends::terraform::TerraformFrontend frontend;
  CHECK(frontend.name() == "terraform");
  CHECK(frontend.wants("envs/prod/main.tf"));
  CHECK(frontend.wants("prod.auto.tfvars"));
  CHECK(frontend.wants("main.tf.json"));
  CHECK_FALSE(frontend.wants("package.json"));
  CHECK_FALSE(frontend.wants("README.md"));
  CHECK(frontend.claim("envs/prod/main.tf", "") == 100);
  CHECK(frontend.claim("terraform.tfvars", "") == 100);
  CHECK(frontend.claim("prod.auto.tfvars", "") == 100);
  CHECK(frontend.claim("main.tf.json", "") == 100);
  CHECK(frontend.claim("values.yaml", "") == 0);
  CHECK(bw::frontends::terraform::make_terraform_frontend()->name() == "terraform");
}

TEST_CASE("a resource becomes a model resource with its spans and environment") {
  Analysis analysis;
  bw::ir::FileId file = analysis.add("envs/prod/db.tf",
                                     "# the main database\n"
                                     "resource \"aws_db_instance\" \"main\" {\n"
                                     "  engine              = \"postgres\"\n"
                                     "  deletion_protection = false\n"
                                     "}\n",
                                     "prod");
  analysis.run("envs/prod");
  REQUIRE(analysis.model.resources.size() == 1);
  const bw::ir::Resource& db = analysis.model.resources[0];
  CHECK(db.frontend == "terraform");
  CHECK(db.provider_type == "aws_db_instance");
  CHECK(db.name == "main");
  CHECK(db.address == "aws_db_instance.main");
  CHECK_FALSE(db.is_data);
  CHECK(db.file == file);
  CHECK(db.environment == "prod");
  CHECK(db.span.begin.line == 2);
  CHECK(db.span.end.line == 5);
  CHECK(db.header_span.begin.line == 2);
  CHECK(db.header_span.begin.column == 1);
  CHECK(db.header_span.end.column == 34);
  const Value* protection = analysis.attribute("aws_db_instance.main", "deletion_protection");
  REQUIRE(protection);
  CHECK(protection->is_bool());
  CHECK(protection->provenance() == Provenance::Literal);
  CHECK(protection->span().begin.line == 4);
  CHECK(protection->span().begin.column == 25);
  CHECK(protection->span().end.column == 30);
  CHECK(analysis.model.diagnostics.empty());
}

TEST_CASE("an environment tag overrides the file's environment for that resource") {
  Analysis analysis;
  analysis.add("envs/prod/main.tf",
               "variable \"unset\" {}\n"
               "resource \"t\" \"tagged\" {\n  tags = { Environment = \"Staging\" }\n}\n"
               "resource \"t\" \"lower\" {\n  tags = { env = \"dev\", Stage = \"qa\" }\n}\n"
               "resource \"t\" \"unknown_first\" {\n"
               "  tags = { Environment = var.unset, stage = \"test\" }\n}\n"
               "resource \"t\" \"not_an_environment\" {\n"
               "  tags = { Environment = \"shared\", stage = \"test\" }\n}\n"
               "resource \"t\" \"untagged\" {}\n"
               "module \"db\" {\n  source = \"../../modules/db\"\n"
               "  tags   = { Environment = \"test\" }\n}\n",
               "prod");
  analysis.disk["modules/db/main.tf"] =
      "variable \"tags\" {}\nresource \"t\" \"inner\" {}\n"
      "resource \"t\" \"passed\" {\n  tags = var.tags\n}\n";
  analysis.run("envs/prod");
  CHECK(analysis.resource("t.tagged")->environment == "staging");
  CHECK(analysis.resource("t.lower")->environment == "dev");
  CHECK(analysis.resource("t.unknown_first")->environment == "test");
  CHECK(analysis.resource("t.not_an_environment")->environment == "prod");
  CHECK(analysis.resource("t.untagged")->environment == "prod");
  // The caller's environment reaches the module; its tags only where they are used.
  CHECK(analysis.resource("module.db")->environment == "test");
  CHECK(analysis.resource("module.db.t.inner")->environment == "prod");
  CHECK(analysis.resource("module.db.t.passed")->environment == "test");
}

TEST_CASE("values computed from a variable point at the resource's line") {
  Analysis analysis;
  analysis.add("variables.tf", "variable \"protect\" {\n  default = false\n}\n");
  analysis.add("main.tf",
               "resource \"aws_db_instance\" \"main\" {\n"
               "  deletion_protection = var.protect\n"
               "}\n");
  analysis.run();
  const Value* protection = analysis.attribute("aws_db_instance.main", "deletion_protection");
  REQUIRE(protection);
  CHECK(protection->is_bool());
  CHECK(protection->provenance() == Provenance::Derived);
  CHECK(analysis.model.sources.file(protection->span().file).path == "main.tf");
  CHECK(protection->span().begin.line == 2);
  CHECK(protection->span().begin.column == 25);
}

TEST_CASE("tfvars: terraform.tfvars, then *.auto.tfvars in name order; others ignored") {
  Analysis analysis;
  analysis.add("main.tf",
               "variable \"env\" {\n  default = \"default\"\n}\n"
               "variable \"size\" {\n  default = 1\n}\n"
               "variable \"only_tfvars\" {}\n"
               "resource \"t\" \"r\" {\n"
               "  env  = var.env\n"
               "  size = var.size\n"
               "  from = var.only_tfvars\n"
               "}\n");
  analysis.add("b.auto.tfvars", "env = \"from-b-auto\"\n");
  analysis.add("terraform.tfvars",
               "env = \"from-terraform-tfvars\"\nsize = 5\nonly_tfvars = true\n");
  analysis.add("a.auto.tfvars", "env = \"from-a-auto\"\nsize = 7\n");
  analysis.add("prod.tfvars", "env = \"not-applied\"\nsize = 99\n");
  analysis.run();
  CHECK(analysis.attribute("t.r", "env")->as_string() == "from-b-auto");
  CHECK(analysis.attribute("t.r", "size")->as_number() == 7);
  CHECK(analysis.attribute("t.r", "from")->as_bool());
  CHECK(analysis.attribute("t.r", "env")->provenance() == Provenance::Derived);
}

TEST_CASE("tfvars files that are not applied are still checked for syntax") {
  Analysis analysis;
  analysis.add("main.tf", "resource \"t\" \"r\" {}\n");
  analysis.add("prod.tfvars", "env = \n");
  analysis.run();
  CHECK(analysis.has_message("syntax error"));
  CHECK(analysis.resource("t.r"));
}

TEST_CASE("a value for an undeclared variable is a warning") {
  Analysis analysis;
  analysis.add("main.tf", "resource \"t\" \"r\" {}\n");
  analysis.add("terraform.tfvars", "typo = 1\n");
  analysis.run();
  REQUIRE(analysis.model.diagnostics.size() == 1);
  CHECK(analysis.model.diagnostics[0].level == DiagnosticLevel::Warning);
  CHECK_FALSE(analysis.model.diagnostics[0].unanalyzable);
}

TEST_CASE("an undeclared variable is an unanalyzable error and an unknown value") {
  Analysis analysis;
  analysis.add("main.tf", "resource \"t\" \"r\" {\n  x = var.nope\n}\n");
  analysis.run();
  REQUIRE(analysis.model.diagnostics.size() == 1);
  const bw::ir::Diagnostic& diagnostic = analysis.model.diagnostics[0];
  CHECK(diagnostic.message ==
        "Reference to undeclared input variable: an input variable with the name \"nope\" has "
        "not been declared");
  // Terraform refuses the configuration: the run must not pass silently.
  CHECK(diagnostic.unanalyzable);
  CHECK(diagnostic.span.begin.line == 2);
  CHECK(analysis.attribute("t.r", "x")->is_unknown());
}

TEST_CASE("locals are evaluated lazily, in any order, across files") {
  Analysis analysis;
  analysis.add("a.tf",
               "resource \"aws_s3_bucket\" \"b\" {\n"
               "  bucket = local.bucket_name\n"
               "}\n");
  analysis.add("b.tf",
               "locals {\n"
               "  bucket_name = \"${local.prefix}-logs\"\n"
               "}\n"
               "locals {\n"
               "  prefix = lower(var.project)\n"
               "}\n"
               "variable \"project\" {\n  default = \"ACME\"\n}\n");
  analysis.run();
  const Value* bucket = analysis.attribute("aws_s3_bucket.b", "bucket");
  REQUIRE(bucket);
  CHECK(bucket->as_string() == "acme-logs");
  CHECK(bucket->provenance() == Provenance::Derived);
  CHECK(analysis.model.sources.file(bucket->span().file).path == "a.tf");
  CHECK(analysis.model.diagnostics.empty());
}

TEST_CASE("a cycle in locals is reported once and its values are unknown") {
  Analysis analysis;
  analysis.add("main.tf",
               "locals {\n"
               "  a = local.b\n"
               "  b = \"${local.a}x\"\n"
               "  c = local.a\n"
               "}\n"
               "resource \"t\" \"r\" {\n"
               "  a = local.a\n"
               "  b = local.b\n"
               "  c = local.c\n"
               "}\n");
  analysis.run();
  REQUIRE(analysis.model.diagnostics.size() == 1);
  CHECK(analysis.model.diagnostics[0].message ==
        "Cycle: local.a refers to itself: local.a -> local.b -> local.a");
  CHECK(analysis.model.diagnostics[0].unanalyzable);
  CHECK(analysis.attribute("t.r", "a")->is_unknown());
  CHECK(analysis.attribute("t.r", "b")->is_unknown());
  CHECK(analysis.attribute("t.r", "c")->is_unknown());
  CHECK(analysis.attribute("t.r", "c")->unknown_reason().find("cycle") != std::string::npos);
}

TEST_CASE("nested blocks become lists of objects, repeated blocks append") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"aws_security_group\" \"sg\" {\n"
               "  ingress {\n"
               "    from_port = 443\n"
               "  }\n"
               "  ingress {\n"
               "    from_port = 80\n"
               "    source {\n"
               "      cidr = \"10.0.0.0/8\"\n"
               "    }\n"
               "  }\n"
               "  lifecycle {\n"
               "    prevent_destroy = true\n"
               "  }\n"
               "}\n");
  analysis.run();
  const Value* ingress = analysis.attribute("aws_security_group.sg", "ingress");
  REQUIRE(ingress);
  REQUIRE(ingress->is_list());
  REQUIRE(ingress->items().size() == 2);
  CHECK(ingress->items()[0].span().begin.line == 2);
  CHECK(ingress->items()[0].span().end.line == 4);
  CHECK(analysis.attribute("aws_security_group.sg", "ingress.1.from_port")->as_number() == 80);
  CHECK(analysis.attribute("aws_security_group.sg", "ingress.1.source.0.cidr")->as_string() ==
        "10.0.0.0/8");
  const Value* prevent = analysis.attribute("aws_security_group.sg", "lifecycle.0.prevent_destroy");
  REQUIRE(prevent);
  CHECK(prevent->as_bool());
}

TEST_CASE("meta-arguments are kept; lifecycle names and provider are words") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"aws_s3_bucket\" \"logs\" {}\n"
               "resource \"aws_db_instance\" \"db\" {\n"
               "  provider   = aws.west\n"
               "  depends_on = [aws_s3_bucket.logs]\n"
               "  lifecycle {\n"
               "    ignore_changes = [tags, password]\n"
               "  }\n"
               "}\n");
  analysis.run();
  CHECK(analysis.attribute("aws_db_instance.db", "provider")->as_string() == "aws.west");
  const Value* depends = analysis.attribute("aws_db_instance.db", "depends_on");
  REQUIRE(depends);
  CHECK(depends->items()[0].references() == std::vector<std::string>{"aws_s3_bucket.logs"});
  CHECK(analysis.attribute("aws_db_instance.db", "lifecycle.0.ignore_changes.1")->as_string() ==
        "password");
  CHECK(analysis.model.diagnostics.empty());
}

TEST_CASE("count = 0 and an empty for_each create nothing; others one resource per key") {
  Analysis analysis;
  analysis.add("main.tf",
               "variable \"enabled\" {\n  default = false\n}\n"
               "resource \"t\" \"off\" {\n  count = var.enabled ? 1 : 0\n}\n"
               "resource \"t\" \"none\" {\n  for_each = {}\n}\n"
               "resource \"t\" \"counted\" {\n"
               "  count = 3\n"
               "  name  = \"db-${count.index}\"\n"
               "}\n"
               "resource \"t\" \"each\" {\n"
               "  for_each = toset([\"a\", \"b\"])\n"
               "  name     = each.key\n"
               "}\n"
               "resource \"t\" \"maybe\" {\n  count = var.unset\n}\n"
               "variable \"unset\" {}\n");
  analysis.run();
  CHECK_FALSE(analysis.resource("t.off"));
  CHECK_FALSE(analysis.resource("t.none"));
  CHECK_FALSE(analysis.resource("t.counted"));
  REQUIRE(analysis.resource("t.counted[2]"));
  CHECK(analysis.attribute("t.counted[2]", "count")->as_number() == 3);
  CHECK(analysis.attribute("t.counted[0]", "name")->as_string() == "db-0");
  CHECK(analysis.attribute("t.counted[2]", "name")->as_string() == "db-2");
  CHECK(analysis.attribute("t.each[\"b\"]", "name")->as_string() == "b");
  // Unknown count: one instance, without a key, saying why.
  REQUIRE(analysis.resource("t.maybe"));
  CHECK(analysis.model.resources.size() == 6);
}

TEST_CASE("data sources and module calls are resources too") {
  Analysis analysis;
  analysis.add("main.tf",
               "data \"aws_iam_policy_document\" \"p\" {\n"
               "  statement {\n    actions = [\"s3:*\"]\n  }\n"
               "}\n"
               "module \"db\" {\n"
               "  source = \"./modules/db\"\n"
               "  name   = \"orders\"\n"
               "}\n"
               "resource \"aws_s3_bucket_policy\" \"p\" {\n"
               "  policy = data.aws_iam_policy_document.p.json\n"
               "  db     = module.db.endpoint\n"
               "}\n");
  analysis.run();
  const bw::ir::Resource* data = analysis.resource("data.aws_iam_policy_document.p");
  REQUIRE(data);
  CHECK(data->is_data);
  CHECK(data->provider_type == "aws_iam_policy_document");
  const bw::ir::Resource* module = analysis.resource("module.db");
  REQUIRE(module);
  CHECK(module->provider_type == "module");
  CHECK(module->name == "db");
  CHECK(analysis.attribute("module.db", "name")->as_string() == "orders");
  CHECK(analysis.attribute("aws_s3_bucket_policy.p", "policy")->references() ==
        std::vector<std::string>{"data.aws_iam_policy_document.p"});
  CHECK(analysis.attribute("aws_s3_bucket_policy.p", "db")->references() ==
        std::vector<std::string>{"module.db"});
}

TEST_CASE("terraform and provider blocks produce no resources") {
  Analysis analysis;
  analysis.add("main.tf",
               "terraform {\n  required_version = \">= 1.5\"\n}\n"
               "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n"
               "output \"x\" {\n  value = 1\n}\n");
  analysis.run();
  CHECK(analysis.model.resources.empty());
  CHECK(analysis.model.diagnostics.empty());
}

TEST_CASE("a duplicate address is an unanalyzable error and the second is not emitted") {
  Analysis analysis;
  analysis.add("a.tf", "resource \"t\" \"r\" {\n  n = 1\n}\n");
  analysis.add("b.tf", "resource \"t\" \"r\" {\n  n = 2\n}\n");
  analysis.run();
  REQUIRE(analysis.model.resources.size() == 1);
  CHECK(analysis.attribute("t.r", "n")->as_number() == 1);
  REQUIRE(analysis.model.diagnostics.size() == 1);
  CHECK(analysis.model.diagnostics[0].message ==
        "Duplicate resource configuration: \"t.r\" was already declared at a.tf:1");
  CHECK(analysis.model.diagnostics[0].unanalyzable);
}

TEST_CASE("a syntax error loses only its block; other files are analysed") {
  Analysis analysis;
  analysis.add("broken.tf",
               "resource \"aws_s3_bucket\" \"before\" {\n  bucket = \"a\"\n}\n"
               "resource \"aws_db_instance\" \"broken\" {\n"
               "  deletion_protection = \n"
               "}\n"
               "resource \"aws_s3_bucket\" \"after\" {\n  bucket = \"c\"\n}\n");
  analysis.add("fine.tf", "resource \"aws_s3_bucket\" \"other\" {\n  bucket = \"d\"\n}\n");
  analysis.run();
  CHECK(analysis.resource("aws_s3_bucket.before"));
  CHECK(analysis.resource("aws_s3_bucket.after"));
  CHECK(analysis.resource("aws_s3_bucket.other"));
  CHECK_FALSE(analysis.resource("aws_db_instance.broken"));
  REQUIRE(analysis.model.diagnostics.size() == 1);
  const bw::ir::Diagnostic& error = analysis.model.diagnostics[0];
  CHECK(error.unanalyzable);
  CHECK(error.level == DiagnosticLevel::Error);
  CHECK(error.message ==
        "syntax error: Invalid expression: missing value after 'deletion_protection ='");
  CHECK(analysis.model.sources.file(error.span.file).path == "broken.tf");
  CHECK(error.span.begin.line == 5);
}

TEST_CASE("after a syntax error, names it may have declared are not reported") {
  Analysis analysis;
  analysis.add("vars.tf", "variable \"x\" {\n  default = \n}\n");
  analysis.add("main.tf", "resource \"t\" \"r\" {\n  x = var.x\n}\n");
  analysis.run();
  REQUIRE(analysis.model.diagnostics.size() == 1);
  CHECK(analysis.has_message("syntax error"));
  CHECK(analysis.attribute("t.r", "x")->is_unknown());
}

TEST_CASE("empty, whitespace-only and odd files are harmless") {
  Analysis analysis;
  analysis.add("empty.tf", "");
  analysis.add("space.tf", "\n\n   \r\n");
  analysis.add("bom.tf", "\xEF\xBB\xBFresource \"t\" \"r\" {\r\n  x = \"y\"\r\n}\r\n");
  analysis.add("nul.tf", std::string("resource \"t\" \"s\" {\0}\n", 21));
  analysis.run();
  CHECK(analysis.attribute("t.r", "x")->as_string() == "y");
}

// Work, not time, so that a loaded machine or a sanitizer build cannot fail
// it: the heap allocations of an analysis grow with the module. Analysis that
// copied what earlier resources made for each new one (scopes, locals, the
// resources so far) would grow with its square.
TEST_CASE("a 10,000-resource module costs four times a 2,500-resource one") {
  auto module = [](int resources) {
    std::string text = "locals {\n  env = \"prod\"\n}\n";
    for (int i = 0; i < resources; ++i)
      text += "resource \"aws_db_instance\" \"db" + std::to_string(i) +
              "\" {\n  identifier = \"${local.env}-" + std::to_string(i) +
              "\"\n  deletion_protection = true\n  tags = { n = " + std::to_string(i) + " }\n}\n";
    return text;
  };
  auto cost = [&](int resources) {
    Analysis analysis;
    analysis.add("main.tf", module(resources));
    size_t before = bw::frontends::terraform::testing::allocations();
    analysis.run();
    size_t spent = bw::frontends::terraform::testing::allocations() - before;
    CHECK(analysis.model.resources.size() == static_cast<size_t>(resources));
    std::string last = "aws_db_instance.db" + std::to_string(resources - 1);
    CHECK(analysis.attribute(last, "identifier")->as_string() ==
          "prod-" + std::to_string(resources - 1));
    return spent;
  };
  cost(100);  // keys interned once per process are not the module's cost
  size_t small = cost(2500);
  size_t large = cost(10000);
  CAPTURE(small);
  CAPTURE(large);
  CHECK(large >= 4 * small * 9 / 10);  // the count does measure the module
  CHECK(large <= 4 * small * 11 / 10);
}

TEST_CASE("hostile configurations end in unknown values, not exhaustion") {
  SUBCASE("locals that double in size") {
    std::string text = "locals {\n  l0 = [1, 2]\n";
    for (int i = 1; i < 40; ++i)
      text += "  l" + std::to_string(i) + " = concat(local.l" + std::to_string(i - 1) +
              ", local.l" + std::to_string(i - 1) + ")\n";
    text += "}\nresource \"t\" \"r\" {\n  x = local.l39\n}\n";
    Analysis analysis;
    analysis.add("main.tf", text);
    analysis.run();
    const Value* x = analysis.attribute("t.r", "x");
    REQUIRE(x);
    CHECK(x->is_unknown());
  }
  SUBCASE("nested for expressions over large collections") {
    Analysis analysis;
    analysis.add("main.tf",
                 "locals {\n"
                 "  big = [for i in range(1000) : i]\n"
                 "  all = [for a in local.big : [for b in local.big : [for c in local.big : c]]]\n"
                 "}\n"
                 "resource \"t\" \"r\" {\n  x = local.all\n}\n");
    analysis.run();
    CHECK(analysis.attribute("t.r", "x")->is_unknown());
  }
  SUBCASE("a local chain deeper than the evaluation limit") {
    std::string text = "locals {\n  c0 = 1\n";
    for (int i = 1; i < 1000; ++i)
      text += "  c" + std::to_string(i) + " = local.c" + std::to_string(i - 1) + " + 1\n";
    text += "}\nresource \"t\" \"r\" {\n  x = local.c999\n  y = local.c10\n}\n";
    Analysis analysis;
    analysis.add("main.tf", text);
    analysis.run();
    CHECK(analysis.attribute("t.r", "x")->is_unknown());
  }
  SUBCASE("an object with more keys than can be built cheaply") {
    std::string text = "resource \"t\" \"r\" {\n  x = {";
    for (int i = 0; i < 6000; ++i) text += "k" + std::to_string(i) + " = 1, ";
    text += "}\n}\n";
    Analysis analysis;
    analysis.add("main.tf", text);
    analysis.run();
    CHECK(analysis.attribute("t.r", "x")->is_unknown());
  }
}

TEST_CASE("configuration mistakes are diagnostics that do not stop the analysis") {
  Analysis analysis;
  analysis.add("main.tf",
               "variable \"a\" {}\n"
               "variable \"a\" {}\n"
               "locals {\n  l = 1\n}\n"
               "locals {\n  l = 2\n}\n"
               "resource \"only_type\" {}\n"
               "resource \"t\" \"r\" {\n"
               "  x = 2\n"
               "  y = bare_name\n"
               "  z = count.index\n"
               "  p = path.module\n"
               "  w = terraform.workspace\n"
               "}\n");
  analysis.run("infra");
  CHECK(analysis.has_message(
      "Duplicate variable declaration: a variable named \"a\" was already declared at main.tf:1"));
  CHECK(analysis.has_message(
      "Duplicate local value definition: a local value named \"l\" was already defined at "
      "main.tf:4"));
  CHECK(analysis.has_message(
      "Missing name for resource: all resource blocks must have 2 labels (type, name)"));
  CHECK(analysis.has_message(
      "Invalid reference: a reference to a resource type must be followed by at least one "
      "attribute access, specifying the resource name"));
  CHECK(
      analysis.has_message("Reference to \"count\" in non-counted context: the \"count\" "
                           "object can only be used in \"module\", \"resource\", and \"data\" "
                           "blocks, and only when the \"count\" argument is set"));
  CHECK(analysis.model.diagnostics.size() == 5);
  // Each is a configuration Terraform refuses: every one fails the run.
  for (const bw::ir::Diagnostic& diagnostic : analysis.model.diagnostics)
    CHECK(diagnostic.unanalyzable);
  CHECK(analysis.attribute("t.r", "x")->as_number() == 2);
  CHECK(analysis.attribute("t.r", "z")->unknown_reason() ==
        "count.index is only valid in a block with count");
  // Terraform runs in the root module: its path.module is ".".
  CHECK(analysis.attribute("t.r", "p")->as_string() == ".");
  CHECK(analysis.attribute("t.r", "w")->is_unknown());
}

TEST_CASE("an override file changes blocks the module declares: no duplicates") {
  Analysis analysis;
  analysis.add("a_override.tf",
               "variable \"v\" {\n  default = 2\n}\n"
               "locals {\n  l = 2\n}\n"
               "resource \"t\" \"r\" {\n  n = 2\n}\n");
  analysis.add("main.tf",
               "variable \"v\" {\n  default = 1\n}\n"
               "locals {\n  l = 1\n}\n"
               "resource \"t\" \"r\" {\n  n = var.v + local.l\n}\n");
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  REQUIRE(analysis.model.resources.size() == 1);
  // The base declaration is analysed; what the override changes is not applied.
  CHECK(analysis.attribute("t.r", "n")->as_number() == 2);
}
