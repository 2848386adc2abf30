// Override files merged as Terraform merges them.

#include "frontends/terraform/overrides.h"

#include <doctest/doctest.h>

#include "frontends/terraform/test_support.h"

using namespace bw::frontends::terraform;
using namespace bw::frontends::terraform::testing;
using bw::ir::Value;

TEST_CASE("which files are override files") {
  CHECK(is_override_file("override.tf"));
  CHECK(is_override_file("envs/prod/db_override.tf"));
  CHECK(is_override_file("override.tf.json"));
  CHECK(is_override_file("x_override.tf.json"));
  CHECK_FALSE(is_override_file("overrides.tf"));
  CHECK_FALSE(is_override_file("myoverride.tf"));
  CHECK_FALSE(is_override_file("override.tfvars"));
}

TEST_CASE("arguments replace, nested blocks replace their type, lifecycle merges") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"aws_db_instance\" \"main\" {\n"
               "  engine              = \"postgres\"\n"
               "  deletion_protection = true\n"
               "  tags = { Name = \"main\" }\n"
               "  ingress {\n    port = 1\n  }\n"
               "  dynamic \"ingress\" {\n    for_each = [2, 3]\n"
               "    content {\n      port = ingress.value\n    }\n  }\n"
               "  lifecycle {\n    prevent_destroy = true\n    ignore_changes  = [tags]\n  }\n"
               "}\n");
  analysis.add("db_override.tf",
               "resource \"aws_db_instance\" \"main\" {\n"
               "  deletion_protection = false\n"
               "  ingress {\n    port = 9\n  }\n"
               "  lifecycle {\n    ignore_changes = [engine]\n  }\n"
               "}\n");
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  REQUIRE(analysis.model.resources.size() == 1);
  const Value* protection = analysis.attribute("aws_db_instance.main", "deletion_protection");
  REQUIRE(protection);
  CHECK_FALSE(protection->as_bool());
  // The value is where the override writes it.
  CHECK(analysis.model.sources.file(protection->span().file).path == "db_override.tf");
  CHECK(protection->span().begin.line == 2);
  CHECK(analysis.attribute("aws_db_instance.main", "engine")->as_string() == "postgres");
  const Value* ingress = analysis.attribute("aws_db_instance.main", "ingress");
  REQUIRE(ingress);
  REQUIRE(ingress->items().size() == 1);
  CHECK(analysis.attribute("aws_db_instance.main", "ingress.0.port")->as_number() == 9);
  CHECK(analysis.attribute("aws_db_instance.main", "lifecycle.0.prevent_destroy")->as_bool());
  CHECK(analysis.attribute("aws_db_instance.main", "lifecycle.0.ignore_changes.0")->as_string() ==
        "engine");
}

TEST_CASE("override files apply in name order; locals and variables by name") {
  Analysis analysis;
  analysis.add("main.tf",
               "variable \"protect\" {\n  default = false\n}\n"
               "locals {\n  retention = 0\n  engine = \"mysql\"\n}\n"
               "resource \"aws_db_instance\" \"main\" {\n"
               "  deletion_protection     = var.protect\n"
               "  backup_retention_period = local.retention\n"
               "  engine                  = local.engine\n"
               "}\n");
  analysis.add("b_override.tf", "locals {\n  retention = 14\n}\n");
  analysis.add("a_override.tf",
               "variable \"protect\" {\n  default = true\n}\nlocals {\n  retention = 7\n}\n");
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  CHECK(analysis.attribute("aws_db_instance.main", "deletion_protection")->as_bool());
  CHECK(analysis.attribute("aws_db_instance.main", "backup_retention_period")->as_number() == 14);
  CHECK(analysis.attribute("aws_db_instance.main", "engine")->as_string() == "mysql");
}

TEST_CASE("a JSON override merges into an HCL block") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = true\n}\n");
  analysis.add(
      "override.tf.json",
      "{\"resource\": {\"aws_db_instance\": {\"main\": {\"deletion_protection\": false}}}}");
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  CHECK_FALSE(analysis.attribute("aws_db_instance.main", "deletion_protection")->as_bool());
}

TEST_CASE("an override of nothing is the error Terraform reports") {
  Analysis analysis;
  analysis.add("main.tf", "locals {\n  a = 1\n}\n");
  analysis.add("override.tf",
               "resource \"aws_db_instance\" \"ghost\" {\n  deletion_protection = false\n}\n"
               "locals {\n  b = 2\n}\n");
  analysis.run();
  CHECK(analysis.model.resources.empty());
  CHECK(
      analysis.has_message("Missing base resource: there is no aws_db_instance resource named "
                           "\"ghost\"; an override file can only override a block defined in "
                           "a primary configuration file"));
  CHECK(analysis.has_message("Missing base local value definition to override"));
}

TEST_CASE("depends_on in an override block is refused; the rest still applies") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"aws_s3_bucket\" \"b\" {}\n"
               "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = true\n}\n");
  analysis.add("override.tf",
               "resource \"aws_db_instance\" \"main\" {\n"
               "  depends_on          = [aws_s3_bucket.b]\n"
               "  deletion_protection = false\n"
               "}\n");
  analysis.run();
  CHECK(analysis.messages() ==
        std::vector<std::string>{
            "Unsupported override: the depends_on argument may not be used in override blocks"});
  CHECK_FALSE(analysis.attribute("aws_db_instance.main", "deletion_protection")->as_bool());
  CHECK(analysis.attribute("aws_db_instance.main", "depends_on") == nullptr);
}
