#include "frontends/terraform/module_walk.h"

#include <doctest/doctest.h>

#include "frontends/terraform/test_support.h"

using namespace bw::frontends::terraform::testing;
using bw::ir::Provenance;
using bw::ir::Value;

namespace {

const char* const kDatabaseModule =
    "variable \"protect\" {}\n"
    "variable \"name\" {\n  default = \"db\"\n}\n"
    "resource \"aws_db_instance\" \"main\" {\n"
    "  identifier          = var.name\n"
    "  deletion_protection = var.protect\n"
    "  kms_key_id          = aws_kms_key.db.arn\n"
    "}\n";

}  // namespace

TEST_CASE("a local module is analysed with the caller's arguments as its variables") {
  Analysis analysis;
  analysis.add("envs/prod/main.tf",
               "module \"db\" {\n"
               "  source  = \"../../modules/db\"\n"
               "  protect = false\n"
               "}\n",
               "prod");
  analysis.disk["modules/db/main.tf"] = kDatabaseModule;
  analysis.disk["modules/db/README.md"] = "not terraform";
  analysis.run("envs/prod");

  CHECK(analysis.resource("module.db"));
  const bw::ir::Resource* db = analysis.resource("module.db.aws_db_instance.main");
  REQUIRE(db);
  CHECK(db->environment == "prod");
  CHECK(analysis.model.sources.file(db->file).path == "modules/db/main.tf");
  const Value* protection =
      analysis.attribute("module.db.aws_db_instance.main", "deletion_protection");
  REQUIRE(protection);
  CHECK(protection->is_bool());
  CHECK_FALSE(protection->as_bool());
  CHECK(protection->provenance() == Provenance::Derived);
  CHECK(protection->span().begin.line == 7);
  CHECK(analysis.attribute("module.db.aws_db_instance.main", "identifier")->as_string() == "db");
  // References inside the module name resources of the same module instance.
  CHECK(analysis.attribute("module.db.aws_db_instance.main", "kms_key_id")->references() ==
        std::vector<std::string>{"module.db.aws_kms_key.db"});
  CHECK(analysis.model.diagnostics.empty());
}

TEST_CASE("a module variable the caller does not set says so") {
  Analysis analysis;
  analysis.add("main.tf", "module \"db\" {\n  source = \"./db\"\n}\n");
  analysis.disk["db/main.tf"] = kDatabaseModule;
  analysis.run();
  const Value* protection =
      analysis.attribute("module.db.aws_db_instance.main", "deletion_protection");
  REQUIRE(protection);
  CHECK(protection->unknown_reason() ==
        "variable \"protect\" has no value (not set by module \"db\" and no default)");
}

TEST_CASE("a module called twice is read once and instantiated twice") {
  Analysis analysis;
  analysis.add("main.tf",
               "module \"a\" {\n  source = \"./db\"\n  protect = true\n}\n"
               "module \"b\" {\n  source = \"./db\"\n  protect = false\n}\n"
               "module \"off\" {\n  source = \"./db\"\n  count = 0\n}\n");
  analysis.disk["db/main.tf"] = kDatabaseModule;
  analysis.disk["db/broken.tf"] = "resource \"x\" \"y\" {\n  z = \n}\n";
  analysis.run();
  CHECK(analysis.attribute("module.a.aws_db_instance.main", "deletion_protection")->as_bool());
  CHECK_FALSE(
      analysis.attribute("module.b.aws_db_instance.main", "deletion_protection")->as_bool());
  CHECK_FALSE(analysis.resource("module.off"));
  CHECK_FALSE(analysis.resource("module.off.aws_db_instance.main"));
  CHECK(analysis.loads == 2);
  CHECK(analysis.messages() == std::vector<std::string>{"syntax error: missing value after 'z ='"});
}

TEST_CASE("module arguments the module does not declare are errors") {
  Analysis analysis;
  analysis.add("main.tf", "module \"db\" {\n  source = \"./db\"\n  protekt = true\n}\n");
  analysis.disk["db/main.tf"] = kDatabaseModule;
  analysis.run();
  CHECK(analysis.messages() ==
        std::vector<std::string>{"module \"db\" has no variable \"protekt\""});
  CHECK(analysis.model.diagnostics[0].span.begin.line == 3);
}

TEST_CASE("modules that call themselves or cannot be found are reported, not followed") {
  Analysis analysis;
  analysis.add("main.tf",
               "module \"loop\" {\n  source = \"./loop\"\n}\n"
               "module \"missing\" {\n  source = \"./nowhere\"\n}\n"
               "module \"registry\" {\n  source = \"terraform-aws-modules/rds/aws\"\n}\n");
  analysis.disk["loop/main.tf"] = "module \"again\" {\n  source = \"../loop\"\n}\n";
  analysis.run();
  CHECK(analysis.resource("module.loop"));
  CHECK(analysis.resource("module.loop.module.again"));
  CHECK(analysis.resource("module.registry"));
  CHECK(analysis.has_message("module \"again\" calls itself through \"../loop\""));
  CHECK(analysis.has_message("module \"missing\": no .tf files found in \"nowhere\""));
  CHECK(analysis.model.diagnostics.size() == 2);
}
