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
    "}\n"
    "resource \"aws_kms_key\" \"db\" {}\n";

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
  CHECK(analysis.messages() ==
        std::vector<std::string>{"syntax error: Invalid expression: missing value after 'z ='"});
}

TEST_CASE("module arguments the module does not declare are errors") {
  Analysis analysis;
  analysis.add("main.tf", "module \"db\" {\n  source = \"./db\"\n  protekt = true\n}\n");
  analysis.disk["db/main.tf"] = kDatabaseModule;
  analysis.run();
  // Terraform's two errors: the argument the module lacks, the one it needs.
  CHECK(analysis.messages() ==
        std::vector<std::string>{"Unsupported argument: an argument named \"protekt\" is not "
                                 "expected here (module \"db\" declares no such variable)",
                                 "Missing required argument: the argument \"protect\" is "
                                 "required, but no definition was found"});
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
  CHECK(
      analysis.has_message("module \"missing\": cannot read \"./nowhere\": no such directory; "
                           "its resources are not analysed"));
  // Without a module table, a registry module is a part not analysed (registry_modules.h).
  REQUIRE(analysis.model.diagnostics.size() == 3);
  CHECK(analysis.model.diagnostics.back().level == bw::ir::DiagnosticLevel::NotAnalysed);
}

TEST_CASE("a module that cannot be read is an unanalyzable error at its call") {
  struct Case {
    const char* source;
    const char* message;
  };
  for (Case c :
       {Case{"../../../modules/db",
             "module \"db\": cannot read \"../../../modules/db\": outside the repository root; its "
             "resources are not analysed"},
        Case{"../../docs",
             "module \"db\": cannot read \"../../docs\": it holds no .tf files; its "
             "resources are not analysed"},
        Case{"../../locked/",
             "module \"db\": cannot read \"../../locked/main.tf\": permission "
             "denied; its resources are not analysed"}}) {
    CAPTURE(c.source);
    Analysis analysis;
    analysis.add(
        "envs/prod/main.tf",
        std::string("# the database\nmodule \"db\" {\n  source = \"") + c.source + "\"\n}\n");
    analysis.disk["docs/README.md"] = "not terraform";
    analysis.disk["locked/main.tf"] = kDatabaseModule;
    analysis.unreadable.insert("locked/main.tf");
    analysis.run("envs/prod");
    CHECK(analysis.resource("module.db"));
    CHECK_FALSE(analysis.resource("module.db.aws_db_instance.main"));
    REQUIRE(analysis.model.diagnostics.size() == 1);
    const bw::ir::Diagnostic& error = analysis.model.diagnostics[0];
    CHECK(error.message == c.message);
    CHECK(error.unanalyzable);
    CHECK(error.level == bw::ir::DiagnosticLevel::Error);
    CHECK(error.span.begin.line == 2);
    CHECK(error.span.begin.column == 1);
  }
}

TEST_CASE("modules nested too deeply are an unanalyzable error at the deepest call") {
  Analysis analysis;
  analysis.add("main.tf", "module \"m\" {\n  source = \"./m1\"\n}\n");
  for (int i = 1; i <= 9; ++i)
    analysis.disk["m" + std::to_string(i) + "/main.tf"] =
        "resource \"t\" \"r\" {}\nmodule \"m\" {\n  source = \"../m" + std::to_string(i + 1) +
        "\"\n}\n";
  analysis.disk["m10/main.tf"] = "resource \"t\" \"r\" {}\n";
  analysis.run();
  std::string deepest = "module.m.module.m.module.m.module.m.module.m.module.m.module.m.";
  CHECK(analysis.resource(deepest + "t.r"));
  CHECK(analysis.resource(deepest + "module.m"));
  CHECK_FALSE(analysis.resource(deepest + "module.m.t.r"));
  REQUIRE(analysis.model.diagnostics.size() == 1);
  CHECK(analysis.model.diagnostics[0].message ==
        "module \"m\" is nested too deeply to be analysed (more than 8 levels); its resources are "
        "not analysed");
  CHECK(analysis.model.diagnostics[0].unanalyzable);
  CHECK(analysis.model.sources.file(analysis.model.diagnostics[0].span.file).path == "m7/main.tf");
}

TEST_CASE("module instances past the limit are not expanded, and each call says so") {
  Analysis analysis;
  analysis.limits.module_instances = 5;
  std::string calls;
  for (int i = 0; i < 3; ++i)
    calls += "module \"m" + std::to_string(i) + "\" {\n  source = \"./child\"\n}\n";
  analysis.add("main.tf", calls);
  std::string inner;
  for (int i = 0; i < 3; ++i)
    inner += "module \"n" + std::to_string(i) + "\" {\n  source = \"../leaf\"\n}\n";
  analysis.disk["child/main.tf"] = inner;
  analysis.disk["leaf/main.tf"] = "resource \"t\" \"r\" {}\n";
  analysis.run();
  // m0, m0.n0, m0.n1, m0.n2, m1 are the five; m1's calls and m2 are not expanded.
  CHECK(analysis.resource("module.m0.module.n2.t.r"));
  CHECK(analysis.resource("module.m1.module.n0"));
  CHECK_FALSE(analysis.resource("module.m1.module.n0.t.r"));
  CHECK_FALSE(analysis.resource("module.m2.module.n0"));
  size_t refused = 0;
  for (const bw::ir::Diagnostic& d : analysis.model.diagnostics) {
    CHECK(d.unanalyzable);
    CHECK(d.message.find("Too many module instances: module \"") == 0);
    CHECK(d.message.find("module_instances limit (5) reached; its resources are not analysed") !=
          std::string::npos);
    ++refused;
  }
  CHECK(refused == 4);  // m1's three calls and m2
}

TEST_CASE("a long body finds the argument set twice in linear time") {
  std::string body = "resource \"t\" \"big\" {\n";
  for (int i = 0; i < 50'000; ++i) body += "  a" + std::to_string(i) + " = 1\n";
  body += "  a17 = 2\n  b = 1\n  b = 2\n}\n";
  Analysis analysis;
  analysis.add("main.tf", body);
  analysis.run();
  REQUIRE(analysis.model.diagnostics.size() == 1);
  CHECK(analysis.model.diagnostics[0].message ==
        "syntax error: Attribute redefined: 'a17' was already set on line 19");
  CHECK(analysis.model.diagnostics[0].span.begin.line == 50'002);
}

TEST_CASE("a resource in a local module carries the calls that lead to it") {
  Analysis analysis;
  analysis.add("envs/prod/main.tf",
               "module \"app\" {\n  source = \"../../modules/app\"\n}\n"
               "resource \"t\" \"top\" {}\n");
  analysis.disk["modules/app/main.tf"] =
      "\n\nmodule \"db\" {\n  source = \"../db\"\n  protect = true\n}\n";
  analysis.disk["modules/db/main.tf"] = kDatabaseModule;
  analysis.run("envs/prod");
  CHECK(analysis.resource("t.top")->via.empty());
  CHECK(analysis.resource("module.app")->via.empty());
  const std::vector<bw::ir::Span>& app = analysis.resource("module.app.module.db")->via;
  REQUIRE(app.size() == 1);
  CHECK(analysis.model.sources.file(app[0].file).path == "envs/prod/main.tf");
  CHECK(app[0].begin.line == 1);
  const std::vector<bw::ir::Span>& db =
      analysis.resource("module.app.module.db.aws_db_instance.main")->via;
  REQUIRE(db.size() == 2);
  CHECK(db[0].begin.line == 1);
  CHECK(analysis.model.sources.file(db[1].file).path == "modules/app/main.tf");
  CHECK(db[1].begin.line == 3);
  CHECK(db[1].end.column == 12);
}

TEST_CASE("path.module is the module's directory as Terraform sees it from the root") {
  Analysis analysis;
  analysis.add("envs/prod/main.tf",
               "module \"db\" {\n  source = \"../../modules/db\"\n}\n"
               "resource \"t\" \"root\" {\n  p = path.module\n}\n");
  analysis.disk["modules/db/main.tf"] = "resource \"t\" \"child\" {\n  p = path.module\n}\n";
  analysis.run("envs/prod");
  CHECK(analysis.attribute("t.root", "p")->as_string() == ".");
  CHECK(analysis.attribute("module.db.t.child", "p")->as_string() == "../../modules/db");
}

TEST_CASE("an argument set twice is a syntax error, as Terraform has it") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"t\" \"twice\" {\n  x = 1\n  x = 2\n}\n"
               "resource \"t\" \"once\" {\n  x = 1\n}\n");
  analysis.run();
  CHECK_FALSE(analysis.resource("t.twice"));
  CHECK(analysis.resource("t.once"));
  REQUIRE(analysis.model.diagnostics.size() == 1);
  const bw::ir::Diagnostic& error = analysis.model.diagnostics[0];
  CHECK(error.unanalyzable);
  CHECK(error.span.begin.line == 3);
  CHECK(error.message == "syntax error: Attribute redefined: 'x' was already set on line 2");
}

TEST_CASE("past the unit's evaluation steps, cheap values are still known") {
  Analysis analysis;
  analysis.limits.unit_evaluation_steps = 1;
  std::string loops = "length([for a in range(300) : [for b in range(300) : b]])";
  analysis.add("main.tf", "resource \"t\" \"r\" {\n  first = " + loops + "\n  second = " + loops +
                              "\n  third = false\n}\n");
  analysis.run();
  // The first value had its budget before the unit's steps were spent.
  CHECK(analysis.attribute("t.r", "first")->as_number() == 300);
  const bw::ir::Value* second = analysis.attribute("t.r", "second");
  REQUIRE(second->is_unknown());
  CHECK(second->unknown_reason() == "unit_evaluation_steps limit (1) reached");
  CHECK(analysis.attribute("t.r", "third")->is_bool());
  REQUIRE(analysis.model.diagnostics.size() == 1);
  CHECK(analysis.model.diagnostics[0].level == bw::ir::DiagnosticLevel::Limit);
  CHECK(analysis.model.diagnostics[0].span.begin.line == 3);
}

TEST_CASE("a module output feeds another module, whatever the order of the calls") {
  Analysis analysis;
  analysis.add("main.tf",
               "module \"db\" {\n"
               "  source  = \"./db\"\n"
               "  protect = module.cfg.protect\n"
               "  name    = module.cfg.names[1]\n"
               "}\n"
               "module \"cfg\" {\n"
               "  source = \"./cfg\"\n"
               "  off    = false\n"
               "}\n");
  analysis.disk["db/main.tf"] = kDatabaseModule;
  analysis.disk["cfg/main.tf"] =
      "variable \"off\" {}\n"
      "locals {\n  names = [\"a\", \"b\"]\n}\n"
      "output \"protect\" {\n  value = var.off\n}\n"
      "output \"names\" {\n  value = local.names\n}\n";
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  const Value* protection =
      analysis.attribute("module.db.aws_db_instance.main", "deletion_protection");
  REQUIRE(protection);
  REQUIRE(protection->is_bool());
  CHECK_FALSE(protection->as_bool());
  CHECK(protection->provenance() == Provenance::Derived);
  // Where the value was written: the caller's `off = false`, line 8.
  REQUIRE(protection->origin().valid());
  CHECK(analysis.model.sources.file(protection->origin().file).path == "main.tf");
  CHECK(protection->origin().begin.line == 8);
  CHECK(analysis.attribute("module.db.aws_db_instance.main", "identifier")->as_string() == "b");
  CHECK(analysis.attribute("module.db", "protect")->is_bool());
}

TEST_CASE("an output of a module's own instance is a cycle Terraform rejects") {
  Analysis analysis;
  analysis.add("main.tf",
               "module \"a\" {\n  source = \"./a\"\n  x = module.a.y\n}\n"
               "module \"b\" {\n  source = \"./a\"\n  x = 1\n}\n");
  analysis.disk["a/main.tf"] = "variable \"x\" {}\noutput \"y\" {\n  value = var.x\n}\n";
  analysis.run();
  REQUIRE(analysis.model.diagnostics.size() == 1);
  const bw::ir::Diagnostic& cycle = analysis.model.diagnostics[0];
  CHECK(cycle.unanalyzable);
  CHECK(cycle.message ==
        "Cycle: module.a.var.x refers to itself: module.a.var.x -> module.a.output.y -> "
        "module.a.var.x");
  CHECK(cycle.span.begin.line == 3);
  CHECK(analysis.attribute("module.a", "x")->is_unknown());
}

TEST_CASE("count and for_each on a module call give one instance per key") {
  Analysis analysis;
  analysis.add("main.tf",
               "module \"shards\" {\n"
               "  source   = \"./db\"\n"
               "  for_each = { a = true, b = false }\n"
               "  protect  = each.value\n"
               "  name     = \"shard-${each.key}\"\n"
               "}\n"
               "module \"copies\" {\n"
               "  source  = \"./db\"\n"
               "  count   = 2\n"
               "  protect = count.index == 0\n"
               "}\n"
               "resource \"t\" \"uses\" {\n"
               "  one   = module.shards[\"b\"].id\n"
               "  all   = module.copies[*].id\n"
               "  keys  = keys(module.shards)\n"
               "  each  = [for s in values(module.shards) : s.id]\n"
               "  first = module.copies[0].id\n"
               "  vals  = values(module.shards)[*].id\n"
               "}\n");
  analysis.disk["db/main.tf"] =
      std::string(kDatabaseModule) + "output \"id\" {\n  value = var.name\n}\n";
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  CHECK(analysis.resource("module.shards[\"a\"]"));
  CHECK(analysis.resource("module.shards[\"b\"]"));
  CHECK_FALSE(analysis.resource("module.shards"));
  CHECK(analysis.attribute("module.shards[\"a\"].aws_db_instance.main", "deletion_protection")
            ->as_bool());
  CHECK_FALSE(
      analysis.attribute("module.shards[\"b\"].aws_db_instance.main", "deletion_protection")
          ->as_bool());
  CHECK(
      analysis.attribute("module.shards[\"b\"].aws_db_instance.main", "identifier")->as_string() ==
      "shard-b");
  CHECK(analysis.attribute("module.copies[0].aws_db_instance.main", "deletion_protection")
            ->as_bool());
  CHECK_FALSE(analysis.attribute("module.copies[1].aws_db_instance.main", "deletion_protection")
                  ->as_bool());
  // References inside an instance name that instance.
  CHECK(analysis.attribute("module.copies[1].aws_db_instance.main", "kms_key_id")->references() ==
        std::vector<std::string>{"module.copies[1].aws_kms_key.db"});
  CHECK(analysis.attribute("t.uses", "one")->as_string() == "shard-b");
  CHECK(analysis.attribute("t.uses", "all.1")->as_string() == "db");
  CHECK(analysis.attribute("t.uses", "keys.0")->as_string() == "a");
  CHECK(analysis.attribute("t.uses", "each.0")->as_string() == "shard-a");
  CHECK(analysis.attribute("t.uses", "first")->as_string() == "db");
  CHECK(analysis.attribute("t.uses", "vals.1")->as_string() == "shard-b");
  // Each instance points at the call, so a suppression there covers all.
  const std::vector<bw::ir::Span>& via =
      analysis.resource("module.shards[\"b\"].aws_db_instance.main")->via;
  REQUIRE(via.size() == 1);
  CHECK(via[0].begin.line == 1);
}

TEST_CASE("a module call over unknown keys is one instance whose key is unknown") {
  Analysis analysis;
  analysis.add("main.tf",
               "variable \"shards\" {}\n"
               "module \"shards\" {\n"
               "  source   = \"./db\"\n"
               "  for_each = var.shards\n"
               "  protect  = each.value\n"
               "}\n"
               "resource \"t\" \"r\" {\n"
               "  all = module.shards\n"
               "  one = module.shards[\"x\"].name\n"
               "}\n");
  analysis.disk["db/main.tf"] =
      std::string(kDatabaseModule) + "output \"name\" {\n  value = var.name\n}\n";
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  REQUIRE(analysis.resource("module.shards"));
  const Value* protection =
      analysis.attribute("module.shards.aws_db_instance.main", "deletion_protection");
  REQUIRE(protection);
  REQUIRE(protection->is_unknown());
  CHECK(protection->unknown_reason() ==
        "each.value differs per instance (the for_each keys are unknown: variable \"shards\" has "
        "no value (no default and no tfvars))");
  const Value* all = analysis.attribute("t.r", "all");
  REQUIRE(all->is_unknown());
  CHECK(all->unknown_reason().find("module.shards is a module call whose instances are not "
                                   "known") == 0);
  CHECK(all->references() == std::vector<std::string>{"module.shards"});
  // What does not depend on the key is the same in every instance.
  CHECK(analysis.attribute("t.r", "one")->as_string() == "db");
}

TEST_CASE("a remote module not installed has unknown outputs saying so") {
  Analysis analysis;
  analysis.add("main.tf",
               "module \"db\" {\n  source = \"terraform-aws-modules/rds/aws\"\n}\n"
               "resource \"t\" \"r\" {\n  x = module.db.db_instance_arn\n}\n");
  analysis.run();
  const Value* x = analysis.attribute("t.r", "x");
  REQUIRE(x->is_unknown());
  CHECK(x->unknown_reason() ==
        "module.db.db_instance_arn is an output of module \"db\" (source "
        "\"terraform-aws-modules/rds/aws\"), which is not installed (no .terraform/modules "
        "entry for \"db\": run terraform init)");
  CHECK(x->references() == std::vector<std::string>{"module.db"});
}

TEST_CASE("an installed remote module is analysed, its findings pointing at the call") {
  Analysis analysis;
  analysis.add("envs/prod/main.tf",
               "# registry module\n"
               "module \"db\" {\n"
               "  source  = \"terraform-aws-modules/rds/aws\"\n"
               "  version = \"6.1.0\"\n"
               "  protect = false\n"
               "}\n"
               "resource \"t\" \"r\" {\n  name = module.db.name\n}\n",
               "prod");
  analysis.disk["envs/prod/.terraform/modules/modules.json"] =
      "{\"Modules\":[{\"Key\":\"\",\"Source\":\"\",\"Dir\":\".\"},"
      "{\"Key\":\"db\",\"Source\":\"registry.terraform.io/terraform-aws-modules/rds/aws\","
      "\"Version\":\"6.1.0\",\"Dir\":\".terraform/modules/db\"},"
      "{\"Key\":\"db.inner\",\"Source\":\"./modules/inner\","
      "\"Dir\":\".terraform/modules/db/modules/inner\"}]}";
  analysis.disk["envs/prod/.terraform/modules/db/main.tf"] =
      std::string(kDatabaseModule) +
      "output \"name\" {\n  value = var.name\n}\n"
      "module \"inner\" {\n  source = \"./modules/inner\"\n}\n";
  analysis.disk["envs/prod/.terraform/modules/db/modules/inner/main.tf"] =
      "resource \"t\" \"inner\" {\n  x = undeclared_thing.x.y\n}\n";
  analysis.run("envs/prod");
  const bw::ir::Resource* db = analysis.resource("module.db.aws_db_instance.main");
  REQUIRE(db);
  CHECK(db->environment == "prod");
  CHECK(analysis.model.sources.file(db->file).path == "envs/prod/main.tf");
  CHECK(db->span.begin.line == 2);
  CHECK(db->header_span.begin.line == 2);
  const Value* protection =
      analysis.attribute("module.db.aws_db_instance.main", "deletion_protection");
  REQUIRE(protection->is_bool());
  CHECK_FALSE(protection->as_bool());
  // The caller's argument, where the user changes it.
  CHECK(analysis.model.sources.file(protection->span().file).path == "envs/prod/main.tf");
  CHECK(protection->span().begin.line == 5);
  // A default of the installed copy points at the call.
  const Value* identifier = analysis.attribute("module.db.aws_db_instance.main", "identifier");
  CHECK(identifier->as_string() == "db");
  CHECK(identifier->span().begin.line == 2);
  const Value* name = analysis.attribute("t.r", "name");
  CHECK(name->as_string() == "db");
  // Its origin, the installed copy's default, is shown at the call.
  CHECK(name->span().begin.line == 8);
  REQUIRE(name->origin().valid());
  CHECK(name->origin().begin.line == 2);
  CHECK(analysis.resource("module.db.module.inner.t.inner"));
  for (const bw::ir::Resource& resource : analysis.model.resources)
    CHECK(analysis.model.sources.file(resource.file).path == "envs/prod/main.tf");
  REQUIRE(analysis.model.diagnostics.size() == 1);
  const bw::ir::Diagnostic& error = analysis.model.diagnostics[0];
  CHECK(error.message ==
        "Reference to undeclared resource (in "
        "envs/prod/.terraform/modules/db/modules/inner/main.tf:2): a managed resource "
        "\"undeclared_thing\" \"x\" has not been declared in module.db.module.inner");
  CHECK(analysis.model.sources.file(error.span.file).path == "envs/prod/main.tf");
  CHECK(error.span.begin.line == 2);
}

TEST_CASE("counted resources and their references name the instance") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"aws_s3_bucket\" \"b\" {\n"
               "  for_each = toset([\"logs\", \"data\"])\n"
               "  bucket   = \"x-${each.key}\"\n"
               "}\n"
               "resource \"t\" \"one\" {\n  count = 1\n  b = aws_s3_bucket.b[\"logs\"].id\n}\n"
               "resource \"t\" \"all\" {\n  b = [for x in aws_s3_bucket.b : x.id]\n}\n");
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  CHECK(analysis.attribute("aws_s3_bucket.b[\"logs\"]", "bucket")->as_string() == "x-logs");
  CHECK(analysis.attribute("aws_s3_bucket.b[\"data\"]", "bucket")->as_string() == "x-data");
  CHECK(analysis.attribute("t.one[0]", "b")->references() ==
        std::vector<std::string>{"aws_s3_bucket.b[\"logs\"]"});
  CHECK(analysis.attribute("t.all", "b")->references() ==
        std::vector<std::string>{"aws_s3_bucket.b"});
}

TEST_CASE("instances past the limits are not expanded, and a diagnostic says so") {
  Analysis analysis;
  analysis.limits.collection_items = 10;
  analysis.limits.module_instances = 3;
  analysis.add("main.tf",
               "resource \"t\" \"many\" {\n  count = 11\n  i = count.index\n}\n"
               "module \"m\" {\n  source = \"./m\"\n  count = 2\n}\n"
               "module \"n\" {\n  source = \"./m\"\n  count = 2\n}\n"
               "module \"big\" {\n  source = \"./m\"\n  count = 4\n}\n");
  analysis.disk["m/main.tf"] = "resource \"t\" \"r\" {}\n";
  analysis.run();
  REQUIRE(analysis.resource("t.many"));
  CHECK(analysis.attribute("t.many", "i")->is_unknown());
  CHECK(analysis.attribute("t.many", "i")->unknown_reason() ==
        "count.index differs per instance (collection_items limit (10) reached)");
  // m[0], m[1] and n[0] are the three instances; n[1] is not expanded.
  CHECK(analysis.resource("module.m[1].t.r"));
  CHECK(analysis.resource("module.n[0].t.r"));
  CHECK(analysis.resource("module.n[1]"));
  CHECK_FALSE(analysis.resource("module.n[1].t.r"));
  CHECK(analysis.resource("module.big"));
  REQUIRE(analysis.model.diagnostics.size() == 4);
  CHECK(analysis.model.diagnostics[0].level == bw::ir::DiagnosticLevel::Limit);
  CHECK(analysis.model.diagnostics[0].message ==
        "t.many is not expanded into its 11 instances: collection_items limit (10) reached; it "
        "is analysed as one instance with an unknown count.index");
  CHECK(analysis.model.diagnostics[1].message ==
        "Too many module instances: module \"n\" is not expanded: module_instances limit (3) "
        "reached; its resources are not analysed");
  CHECK(analysis.model.diagnostics[2].level == bw::ir::DiagnosticLevel::Limit);
  CHECK(analysis.model.diagnostics[2].message ==
        "module.big is not expanded into its 4 instances: module_instances limit (3) reached; "
        "it is analysed as one instance with an unknown count.index");
  CHECK(analysis.model.diagnostics[3].message ==
        "Too many module instances: module \"big\" is not expanded: module_instances limit (3) "
        "reached; its resources are not analysed");
}

TEST_CASE("a variable's type constraint fills in its optional attributes") {
  Analysis analysis;
  analysis.add("main.tf",
               "module \"groups\" {\n"
               "  source   = \"./group\"\n"
               "  for_each = var.groups\n"
               "  create   = each.value.create\n"
               "  size     = each.value.size\n"
               "}\n"
               "variable \"groups\" {\n"
               "  type = map(object({\n"
               "    create = optional(bool, true)\n"
               "    size   = optional(number)\n"
               "    tags   = optional(object({ env = optional(string, \"dev\") }), {})\n"
               "  }))\n"
               "  default = { a = {}, b = { create = false, size = 3 } }\n"
               "}\n"
               "resource \"t\" \"r\" {\n  env = var.groups.a.tags.env\n}\n");
  analysis.disk["group/main.tf"] =
      "variable \"create\" {}\nvariable \"size\" {}\n"
      "resource \"t\" \"g\" {\n  count = var.create ? 1 : 0\n  size = var.size\n}\n";
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  REQUIRE(analysis.resource("module.groups[\"a\"].t.g[0]"));
  CHECK(analysis.attribute("module.groups[\"a\"].t.g[0]", "size")->is_null());
  CHECK_FALSE(analysis.resource("module.groups[\"b\"].t.g[0]"));
  CHECK(analysis.attribute("t.r", "env")->as_string() == "dev");
}

TEST_CASE("a null argument for a non-nullable variable takes its default") {
  Analysis analysis;
  analysis.add("main.tf",
               "module \"db\" {\n"
               "  source  = \"./db\"\n"
               "  protect = null\n"
               "}\n");
  analysis.disk["db/main.tf"] =
      "variable \"protect\" {\n  type = bool\n  default = false\n  nullable = false\n}\n"
      "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = var.protect\n}\n";
  analysis.run(".");
  const Value* protection =
      analysis.attribute("module.db.aws_db_instance.main", "deletion_protection");
  REQUIRE(protection);
  REQUIRE(protection->is_bool());
  CHECK_FALSE(protection->as_bool());
}

TEST_CASE("a conditional between a list or map and an empty one keeps its value") {
  Analysis analysis;
  analysis.add(
      "main.tf",
      "variable \"on\" {\n  default = true\n}\n"
      "locals {\n"
      "  groups = var.on ? { a = { size = 1, tags = null }, b = { size = 2, tags = "
      "[\"x\"] } } : {}\n"
      "  policy = var.on ? [{ kind = \"mixed\", weight = 3, spot = true }] : []\n"
      // terraform console: a map of maps, no value changed.
      "  sizes = var.on ? { x = { a = { n = 1, s = \"t\" } }, y = { b = { n = 2, s = \"u\" }, "
      "c = { n = 3, s = \"v\" } } } : {}\n"
      "}\n"
      "resource \"aws_db_instance\" \"g\" {\n"
      "  for_each = local.groups\n"
      "  allocated_storage = each.value.size\n"
      "  engine = local.policy[0].kind\n"
      "  iops = local.sizes.y.c.n\n"
      "}\n");
  analysis.run(".");
  const Value* size = analysis.attribute("aws_db_instance.g[\"b\"]", "allocated_storage");
  REQUIRE(size);
  REQUIRE(size->is_number());
  CHECK(size->as_number() == 2);
  const Value* iops = analysis.attribute("aws_db_instance.g[\"a\"]", "iops");
  REQUIRE(iops);
  REQUIRE(iops->is_number());
  CHECK(iops->as_number() == 3);
  const Value* engine = analysis.attribute("aws_db_instance.g[\"a\"]", "engine");
  REQUIRE(engine);
  CHECK(engine->as_string() == "mixed");
}
