#include "frontends/terraform/registry_modules.h"

#include <doctest/doctest.h>

#include "frontends/terraform/test_support.h"
#include "rules/embedded.h"

using namespace bw::frontends;
using namespace bw::frontends::terraform;

namespace {

VersionConstraint constraint(std::string_view text) {
  std::string error;
  std::optional<VersionConstraint> parsed = parse_version_constraint(text, error);
  INFO(text << ": " << error);
  REQUIRE(parsed);
  return *parsed;
}

std::vector<long> majors(std::string_view text) {
  VersionConstraint c = constraint(text);
  std::vector<long> out;
  for (long major = 0; major < 12; ++major)
    if (c.admits_major(major)) out.push_back(major);
  return out;
}

DataFiles table_files(std::vector<DataFile> files) {
  DataFiles data;
  data[std::string(kModuleTableFolder)] = std::move(files);
  return data;
}

const char* kEntry = R"(module: acme/db/aws
sources: [acme/db/aws, github.com/acme/terraform-aws-db]
versions:
  - majors: [2]
    inputs: {create: true, protect: false, tags: {}}
    resources:
      - type: aws_db_instance
        address: aws_db_instance.this[0]
        when: [create]
        attributes: {deletion_protection: protect, tags: tags}
)";

}  // namespace

TEST_CASE("version constraints admit the majors Terraform would") {
  CHECK(majors("~> 6.0") == std::vector<long>{6});
  CHECK(majors("~> 6.1.2") == std::vector<long>{6});
  CHECK(majors("~> 6") == std::vector<long>{6});
  CHECK(majors(">= 5.0, < 7") == std::vector<long>{5, 6});
  CHECK(majors(">= 5.0, <= 7.0.0") == std::vector<long>{5, 6, 7});
  CHECK(majors("> 6.0.0, < 7.0.0") == std::vector<long>{6});
  CHECK(majors("6.1.0") == std::vector<long>{6});
  CHECK(majors("= 6.1.0") == std::vector<long>{6});
  CHECK(majors("v7.0.1") == std::vector<long>{7});
  CHECK(majors("!= 6.2.0").size() == 12);  // one release left out is never a whole major
  CHECK(majors(">= 10").size() == 2);
  CHECK(majors("< 1").empty() == false);  // 0.x
  CHECK(majors(">= 7, < 6").empty());
  std::string error;
  CHECK_FALSE(parse_version_constraint("~> six", error));
  CHECK(error == "\"~> six\" is not a version constraint");
  CHECK_FALSE(parse_version_constraint("", error));
  CHECK_FALSE(parse_version_constraint(">= 1.2.3.4", error));
}

TEST_CASE("remote sources read as one address whatever their spelling") {
  auto address = [](std::string_view source) { return parse_remote_source(source).address; };
  CHECK(address("terraform-aws-modules/rds/aws") ==
        "registry.terraform.io/terraform-aws-modules/rds/aws");
  CHECK(address("registry.terraform.io/terraform-aws-modules/rds/aws") ==
        "registry.terraform.io/terraform-aws-modules/rds/aws");
  CHECK(address("Terraform-AWS-Modules/RDS/aws") ==
        "registry.terraform.io/terraform-aws-modules/rds/aws");
  CHECK(address("app.terraform.io/acme/db/aws") == "app.terraform.io/acme/db/aws");
  CHECK(address("github.com/terraform-aws-modules/terraform-aws-rds") ==
        "github.com/terraform-aws-modules/terraform-aws-rds");
  CHECK(address("git::https://github.com/terraform-aws-modules/terraform-aws-rds.git") ==
        "github.com/terraform-aws-modules/terraform-aws-rds");
  CHECK(address("git@github.com:terraform-aws-modules/terraform-aws-rds.git") ==
        "github.com/terraform-aws-modules/terraform-aws-rds");
  CHECK(address("git::ssh://git@github.com/terraform-aws-modules/terraform-aws-rds.git") ==
        "github.com/terraform-aws-modules/terraform-aws-rds");
  CHECK(address("s3::https://s3.amazonaws.com/bucket/db.zip").empty());

  RemoteSource git = parse_remote_source(
      "git::https://github.com/terraform-aws-modules/terraform-aws-rds.git//modules/db_instance"
      "?ref=v6.1.0");
  CHECK(git.git);
  CHECK(git.ref == "v6.1.0");
  CHECK(git.subdirectory == "modules/db_instance");
  RemoteSource sub = parse_remote_source("GoogleCloudPlatform/sql-db/google//modules/postgresql");
  CHECK(sub.address == "registry.terraform.io/googlecloudplatform/sql-db/google");
  CHECK(sub.subdirectory == "modules/postgresql");
  CHECK_FALSE(sub.git);
}

TEST_CASE("the table reads entries, a later file replacing an entry of the same module") {
  std::vector<DataError> errors;
  ModuleTable table =
      ModuleTable::read(table_files({{"rules/terraform-modules/db.yaml", kEntry}}), &errors);
  CHECK(errors.empty());
  REQUIRE(table.size() == 1);
  const TableEntry* entry = table.find(parse_remote_source("acme/db/aws"));
  REQUIRE(entry);
  CHECK(entry->majors_text() == "2.x");
  REQUIRE(entry->version(2));
  CHECK(entry->version(2)->inputs.at("protect").is_bool());
  CHECK(table.find(parse_remote_source(
            "git::https://github.com/acme/terraform-aws-db.git?ref=2.0.0")) == entry);
  CHECK_FALSE(table.find(parse_remote_source("acme/other/aws")));

  std::string user(kEntry);
  user.replace(user.find("majors: [2]"), 11, "majors: [3]");
  ModuleTable both = ModuleTable::read(
      table_files({{"rules/terraform-modules/db.yaml", kEntry}, {".blastwall/rules/x.yaml", user}}),
      &errors);
  CHECK(errors.empty());
  CHECK(both.size() == 1);
  CHECK(both.find(parse_remote_source("acme/db/aws"))->majors_text() == "3.x");
}

TEST_CASE("what is wrong in a table file is an error at its place") {
  std::string text(kEntry);
  text.replace(text.find("deletion_protection: protect"), 28, "deletion_protection: protekt");
  std::vector<DataError> errors;
  ModuleTable table =
      ModuleTable::read(table_files({{"rules/terraform-modules/db.yaml", text}}), &errors);
  CHECK(table.size() == 0);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "rules/terraform-modules/db.yaml");
  CHECK(errors[0].line == 10);
  CHECK(errors[0].message == "'protekt' is not one of this version's inputs");

  errors.clear();
  ModuleTable::read(table_files({{"x.yaml", "module: a/b/c\nsources: [a/b/c]\nversions: [{}]\n"}}),
                    &errors);
  CHECK(errors.size() >= 1);
  errors.clear();
  ModuleTable::read(table_files({{"x.yaml", "module: [\n"}}), &errors);
  CHECK(errors.size() == 1);
}

TEST_CASE("the built-in table reads without errors") {
  DataFiles data;
  for (const auto& file : bw::rules::embedded_files()) {
    std::string_view path = file.path;
    if (path.starts_with("rules/terraform-modules/"))
      data[std::string(kModuleTableFolder)].push_back({file.path, file.text});
  }
  std::vector<DataError> errors;
  ModuleTable table = ModuleTable::read(data, &errors);
  for (const DataError& e : errors) MESSAGE(e.path << ":" << e.line << ": " << e.message);
  CHECK(errors.empty());
  CHECK(table.size() >= 3);
  const TableEntry* rds = table.find(parse_remote_source("terraform-aws-modules/rds/aws"));
  REQUIRE(rds);
  CHECK(rds->version(6));
  CHECK(rds->version(7));
  CHECK_FALSE(rds->version(5));
}

namespace {

// The built-in module table, as the engine hands it to the frontend.
const DataFiles& builtin_table() {
  static const DataFiles data = [] {
    DataFiles out;
    for (const auto& file : bw::rules::embedded_files())
      if (std::string_view(file.path).starts_with("rules/terraform-modules/"))
        out[std::string(kModuleTableFolder)].push_back({file.path, file.text});
    return out;
  }();
  return data;
}

}  // namespace

TEST_CASE("a call the table describes makes the module's resources") {
  bw::frontends::terraform::testing::Analysis a;
  a.data = &builtin_table();
  a.add("main.tf",
        "module \"logs\" {\n"
        "  source        = \"terraform-aws-modules/s3-bucket/aws\"\n"
        "  version       = \">= 4.0, < 6\"\n"
        "  bucket        = \"acme-logs\"\n"
        "  force_destroy = true\n"
        "}\n"
        "module \"off\" {\n"
        "  source        = \"terraform-aws-modules/s3-bucket/aws\"\n"
        "  create_bucket = false\n"
        "}\n");
  a.run();
  const bw::ir::Resource* bucket = a.resource("module.logs.aws_s3_bucket.this[0]");
  REQUIRE(bucket);
  CHECK(bucket->provider_type == "aws_s3_bucket");
  CHECK(bucket->name == "this");
  REQUIRE(bucket->via.size() == 1);
  CHECK(bucket->via[0].begin.line == 1);
  const bw::ir::Value* force = a.attribute("module.logs.aws_s3_bucket.this[0]", "force_destroy");
  REQUIRE(force);
  CHECK(force->as_bool());
  CHECK(force->span().begin.line == 5);  // the argument, where the user changes it
  CHECK(force->span().begin.column == 19);
  const bw::ir::Value* lock =
      a.attribute("module.logs.aws_s3_bucket.this[0]", "object_lock_enabled");
  REQUIRE(lock);  // the module's default, at the call
  CHECK(lock->provenance() == bw::ir::Provenance::Default);
  CHECK(lock->span().begin.line == 1);
  CHECK(a.attribute("module.logs.aws_s3_bucket.this[0]", "bucket")->as_string() == "acme-logs");
  CHECK_FALSE(a.resource("module.off.aws_s3_bucket.this[0]"));
  for (const bw::ir::Diagnostic& d : a.model.diagnostics) MESSAGE(d.message);
  CHECK(a.model.diagnostics.empty());
}

TEST_CASE("nested blocks, module defaults and conditions follow the table") {
  bw::frontends::terraform::testing::Analysis a;
  a.data = &builtin_table();
  a.add("main.tf",
        "variable \"scale\" {}\n"
        "module \"t\" {\n"
        "  source              = \"terraform-aws-modules/dynamodb-table/aws\"\n"
        "  name                = \"orders\"\n"
        "  autoscaling_enabled = var.scale\n"
        "}\n");
  a.run();
  // Which table is made depends on var.scale: both may be.
  CHECK(a.resource("module.t.aws_dynamodb_table.this[0]"));
  CHECK(a.resource("module.t.aws_dynamodb_table.autoscaled[0]"));
  CHECK(a.resource("module.t.aws_dynamodb_table.autoscaled_gsi_ignore[0]") == nullptr);
  const bw::ir::Value* pitr =
      a.attribute("module.t.aws_dynamodb_table.this[0]", "point_in_time_recovery.0.enabled");
  REQUIRE(pitr);
  CHECK(pitr->is_bool());
  CHECK_FALSE(pitr->as_bool());
  CHECK(pitr->provenance() == bw::ir::Provenance::Default);
  CHECK(a.attribute("module.t.aws_dynamodb_table.this[0]", "deletion_protection_enabled") ==
        nullptr);  // the module's default is null: the platform's applies
}

TEST_CASE("remote calls the table cannot answer are parts not analysed") {
  bw::frontends::terraform::testing::Analysis a;
  a.data = &builtin_table();
  a.add("main.tf",
        "module \"a\" {\n  source = \"app.terraform.io/acme/db/aws\"\n}\n"
        "module \"b\" {\n  source  = \"terraform-aws-modules/rds/aws\"\n  version = \"~> 5.0\"\n}\n"
        "module \"c\" {\n"
        "  source = "
        "\"git::https://github.com/terraform-aws-modules/terraform-aws-rds.git?ref=main\"\n"
        "}\n");
  a.run();
  std::vector<std::string> messages;
  for (const bw::ir::Diagnostic& d : a.model.diagnostics) {
    CHECK(d.level == bw::ir::DiagnosticLevel::NotAnalysed);
    REQUIRE(d.group);
    CHECK(d.group->one == "module call");
    messages.push_back(d.message);
  }
  REQUIRE(messages.size() == 3);
  CHECK(
      messages[0].starts_with("module \"a\": \"app.terraform.io/acme/db/aws\" is a remote module, "
                              "neither installed nor in blastwall's module table"));
  CHECK(
      messages[1].starts_with("module \"b\": version \"~> 5.0\" admits no release the table "
                              "holds; blastwall's module table holds 6.x, 7.x of "
                              "terraform-aws-modules/rds/aws"));
  CHECK(messages[2].starts_with("module \"c\": ref \"main\" names no release"));
  CHECK(a.model.resources.size() == 3);  // the calls themselves
}
