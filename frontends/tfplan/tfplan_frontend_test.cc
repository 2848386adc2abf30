#include "frontends/tfplan/tfplan_frontend.h"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <string>

namespace {

using namespace bw;

// A plan analysed as the engine does, with `disk` as the rest of the repository.
struct Analysis {
  ir::Model model;
  std::map<std::string, std::string> disk;
  std::vector<std::string> loaded;

  Analysis& run(const std::string& path, const std::string& text) {
    auto frontend = frontends::tfplan::make_tfplan_frontend();
    REQUIRE(frontend->wants(path));
    REQUIRE(frontend->claim(path, text) == 90);
    ir::FileId id = model.sources.add(path, text, path);
    auto units = frontend->plan_units({id}, model.sources);
    REQUIRE(units.size() == 1);
    auto load = [this](const std::string& p) -> frontends::Loaded {
      auto found = disk.find(p);
      if (found == disk.end()) return {ir::kNoFile, "no such file"};
      loaded.push_back(p);
      return {model.sources.add(p, found->second, p), ""};
    };
    auto list = [this](const std::string& directory) -> frontends::Listed {
      frontends::Listed listed;
      std::string prefix = directory == "." ? "" : directory + "/";
      for (const auto& [p, text] : disk)
        if (p.starts_with(prefix) && p.find('/', prefix.size()) == std::string::npos)
          listed.names.push_back(p.substr(prefix.size()));
      return listed;
    };
    frontends::Context context{model, load, list};
    frontend->analyze(units[0], context);
    return *this;
  }
  const ir::Resource* resource(const std::string& address) const {
    for (const ir::Resource& r : model.resources)
      if (r.address == address) return &r;
    return nullptr;
  }
};

std::string plan(const std::string& changes, const std::string& configuration = "") {
  return R"({"format_version": "1.2", "terraform_version": "1.11.0",
"resource_changes": [)" +
         changes + "]" + (configuration.empty() ? "" : ", \"configuration\": " + configuration) +
         "}";
}

std::string change(const std::string& address, const std::string& type, const std::string& name,
                   const std::string& actions, const std::string& before, const std::string& after,
                   const std::string& extra = "") {
  return R"({"address": ")" + address + R"(", "mode": "managed", "type": ")" + type +
         R"(", "name": ")" + name + R"(", "change": {"actions": )" + actions + R"(, "before": )" +
         before + R"(, "after": )" + after + extra + "}}";
}

}  // namespace

TEST_CASE("tfplan: one resource per managed change, with its planned change") {
  Analysis a;
  a.run("envs/prod/plan.json",
        plan(change("aws_db_instance.main", "aws_db_instance", "main", R"(["delete", "create"])",
                    R"({"engine": "postgres"})", R"({"engine": "mysql", "password": "s3cret"})",
                    R"(, "after_unknown": {"arn": true}, "replace_paths": [["engine"]])") +
             R"(, {"address": "data.aws_caller_identity.me", "mode": "data",
                "type": "aws_caller_identity", "name": "me", "change": {"actions": ["read"]}})"));
  REQUIRE(a.model.resources.size() == 1);
  const ir::Resource& r = a.model.resources[0];
  CHECK(r.frontend == "tfplan");
  CHECK(r.provider_type == "aws_db_instance");
  CHECK(r.address == "aws_db_instance.main");
  CHECK(r.unit == ir::kNoUnit);
  CHECK(r.attributes.get("engine")->as_string() == "mysql");
  CHECK(r.attributes.get("password")->as_string() == "s3cret");  // sensitive, still known
  CHECK(r.attributes.get("arn")->unknown_reason() == "known only after apply");
  CHECK(r.change.get("actions")->items().size() == 2);
  CHECK(r.change.get("replace_paths")->items()[0].as_string() == "engine");
  // Destroying it shows prevent_destroy was off.
  const ir::Value& lifecycle = r.attributes.get("lifecycle")->items()[0];
  CHECK(lifecycle.get("prevent_destroy")->is_bool());
  CHECK_FALSE(lifecycle.get("prevent_destroy")->as_bool());
  // Without configuration, it points at its entry.
  CHECK(r.header_span.file == r.file);
  CHECK(r.header_span.begin.line == 2);
  CHECK(r.environment == "");  // the path's environment is the engine's to apply
}

TEST_CASE("tfplan: a delete reads what is deleted; other plans do not record prevent_destroy") {
  Analysis a;
  a.run("plan.json",
        plan(change("aws_dynamodb_table.t", "aws_dynamodb_table", "t", R"(["delete"])",
                    R"({"name": "orders", "tags": {"Environment": "production"}})", "null") +
             "," +
             change("aws_db_instance.u", "aws_db_instance", "u", R"(["update"])", "{}",
                    R"({"deletion_protection": false})") +
             "," +
             change("aws_db_instance.f", "aws_db_instance", "f", R"(["forget"])", "{}", "null")));
  const ir::Resource* deleted = a.resource("aws_dynamodb_table.t");
  REQUIRE(deleted);
  CHECK(deleted->attributes.get("name")->as_string() == "orders");
  CHECK(deleted->environment == "prod");  // from its tags
  const ir::Resource* updated = a.resource("aws_db_instance.u");
  REQUIRE(updated);
  const ir::Value& lifecycle = updated->attributes.get("lifecycle")->items()[0];
  CHECK(lifecycle.get("prevent_destroy")->unknown_reason() ==
        "a plan does not record prevent_destroy");
  const ir::Resource* forgotten = a.resource("aws_db_instance.f");
  REQUIRE(forgotten);
  CHECK(forgotten->change.get("actions")->items()[0].as_string() == "forget");
}

TEST_CASE("tfplan: a resource written in the repository points at its HCL header") {
  Analysis a;
  a.disk["infra/main.tf"] = "module \"db\" {\n  source = \"./modules/db\"\n}\n";
  a.disk["infra/modules/db/main.tf"] =
      "# resource \"aws_db_instance\" \"this\" in a comment is not at a line start\n"
      "  resource  \"aws_db_instance\" \"this\" {\n  engine = var.engine\n}\n";
  a.disk["infra/modules/db/other.txt"] = "resource \"aws_db_instance\" \"other\" {}\n";
  a.run("infra/plan.json",
        plan(change("module.db.aws_db_instance.this[0]", "aws_db_instance", "this", R"(["create"])",
                    "null", R"({"engine": "postgres"})") +
                 "," +
                 change("module.vpc.aws_s3_bucket.b", "aws_s3_bucket", "b", R"(["create"])", "null",
                        "{}"),
             R"({"root_module": {"module_calls": {"db": {"source": "./modules/db"},
                  "vpc": {"source": "terraform-aws-modules/s3-bucket/aws"}}}})"));
  const ir::Resource* db = a.resource("module.db.aws_db_instance.this[0]");
  REQUIRE(db);
  const ir::SourceFile& hcl = a.model.sources.file(db->header_span.file);
  CHECK(hcl.relative == "infra/modules/db/main.tf");
  CHECK(db->header_span.begin.line == 2);
  CHECK(db->header_span.begin.column == 3);
  CHECK(db->attributes.get("engine")->span().file == db->header_span.file);
  CHECK(a.model.sources.file(db->file).relative == "infra/plan.json");
  // A registry module is not in the repository: the plan's own entry.
  const ir::Resource* bucket = a.resource("module.vpc.aws_s3_bucket.b");
  REQUIRE(bucket);
  CHECK(bucket->header_span.file == bucket->file);
  CHECK(a.loaded == std::vector<std::string>{"infra/modules/db/main.tf"});
}

TEST_CASE("tfplan: broken plans and entries are unanalyzable errors") {
  Analysis a;
  std::string text =
      plan(change("aws_db_instance.a", "aws_db_instance", "a", R"(["create"])", "null", "{}") +
           R"(, {"address": "aws_db_instance.b", "type": "aws_db_instance"})" + "," +
           change("aws_db_instance.a", "aws_db_instance", "a", R"(["create"])", "null", "{}"));
  a.run("plan.json", text);
  CHECK(a.model.resources.size() == 1);
  REQUIRE(a.model.diagnostics.size() == 2);
  CHECK(a.model.diagnostics[0].message.starts_with("Invalid resource change: "));
  CHECK(a.model.diagnostics[1].message.find("listed twice") != std::string::npos);
  Analysis truncated;
  truncated.run("plan.json", text.substr(0, text.size() - 40));
  REQUIRE(truncated.model.diagnostics.size() >= 1);
  CHECK(truncated.model.diagnostics[0].message ==
        "Invalid plan JSON: the JSON ends early inside a string");
  CHECK(truncated.model.diagnostics[0].unanalyzable);
  CHECK(truncated.model.resources.size() == 1);  // the entry before the cut
}

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("tfplan: a plan Terraform itself wrote (testdata/terraform_data)") {
  const std::string dir = std::string(BW_SOURCE_DIR) + "/frontends/tfplan/testdata/terraform_data/";
  Analysis a;
  a.disk["main.tf"] = slurp(dir + "main.tf");
  a.disk["modules/db/main.tf"] = slurp(dir + "modules/db/main.tf");
  a.run("plan.json", slurp(dir + "plan.json"));
  REQUIRE(a.model.diagnostics.empty());
  REQUIRE(a.model.resources.size() == 3);
  const ir::Resource* replaced = a.resource("module.db.terraform_data.this");
  REQUIRE(replaced);
  CHECK(replaced->change.get("actions")->items()[0].as_string() == "delete");
  CHECK(replaced->change.get("actions")->items()[1].as_string() == "create");
  CHECK(replaced->change.get("replace_paths")->items()[0].as_string() == "triggers_replace");
  CHECK(replaced->attributes.get("input")->get("engine")->as_string() == "mysql");
  CHECK(replaced->attributes.get("id")->unknown_reason() == "known only after apply");
  CHECK(replaced->attributes.get("triggers_replace")->items()[0].as_string() == "mysql");
  CHECK(a.model.sources.file(replaced->header_span.file).relative == "modules/db/main.tf");
  CHECK(replaced->header_span.begin.line == 2);
  const ir::Resource* forgotten = a.resource("terraform_data.gone");
  REQUIRE(forgotten);
  CHECK(forgotten->change.get("actions")->items()[0].as_string() == "forget");
  CHECK(forgotten->attributes.get("input")->as_string() == "x");  // as it was
  CHECK(forgotten->header_span.file == forgotten->file);          // its block is gone
  const ir::Resource* created = a.resource("terraform_data.unused");
  REQUIRE(created);
  CHECK(a.model.sources.file(created->header_span.file).relative == "main.tf");
  CHECK(created->header_span.begin.line == 9);
  CHECK(created->attributes.get("output")->is_unknown());
}

TEST_CASE("tfplan: the configuration's references link resources, every instance of a count") {
  Analysis a;
  a.run("plan.json",
        plan(change("aws_s3_bucket.b[0]", "aws_s3_bucket", "b", R"(["no-op"])", "{}",
                    R"({"bucket": "orders-0"})") +
                 "," +
                 change("aws_s3_bucket.b[1]", "aws_s3_bucket", "b", R"(["no-op"])", "{}",
                        R"({"bucket": "orders-1"})") +
                 "," +
                 change("module.m.aws_s3_bucket_versioning.v", "aws_s3_bucket_versioning", "v",
                        R"(["no-op"])", "{}", R"({"bucket": "orders-0", "other": 1})"),
             R"({"root_module": {
                  "resources": [{"address": "aws_s3_bucket.b", "expressions": {
                    "bucket": {"references": ["var.name"]}}}],
                  "module_calls": {"m": {"source": "./m", "module": {"resources": [
                    {"address": "aws_s3_bucket_versioning.v", "expressions": {
                      "bucket": {"references": ["aws_s3_bucket.b[0].id", "aws_s3_bucket.b"]},
                      "missing": {"references": ["aws_s3_bucket.b"]}}}]}}}}})"));
  const ir::Resource* versioning = a.resource("module.m.aws_s3_bucket_versioning.v");
  REQUIRE(versioning);
  // Module-relative references made absolute: module.m's own aws_s3_bucket.b
  // does not exist, so nothing is linked.
  CHECK(versioning->attributes.get("bucket")->references().empty());
  CHECK(a.resource("aws_s3_bucket.b[0]")->attributes.get("bucket")->references().empty());
}

TEST_CASE("tfplan: references inside one module") {
  Analysis a;
  a.run("plan.json", plan(change("aws_s3_bucket.b[0]", "aws_s3_bucket", "b", R"(["no-op"])", "{}",
                                 R"({"bucket": "orders-0"})") +
                              "," +
                              change("aws_s3_bucket.b[1]", "aws_s3_bucket", "b", R"(["no-op"])",
                                     "{}", R"({"bucket": "orders-1"})") +
                              "," +
                              change("aws_s3_bucket_versioning.v", "aws_s3_bucket_versioning", "v",
                                     R"(["no-op"])", "{}", R"({"bucket": "orders-0"})"),
                          R"({"root_module": {"resources": [
                  {"address": "aws_s3_bucket_versioning.v", "expressions": {
                    "bucket": {"references": ["aws_s3_bucket.b[0].id", "aws_s3_bucket.b"]}}}]}})"));
  const ir::Resource* versioning = a.resource("aws_s3_bucket_versioning.v");
  REQUIRE(versioning);
  CHECK(versioning->attributes.get("bucket")->references() ==
        std::vector<std::string>{"aws_s3_bucket.b[0]", "aws_s3_bucket.b[1]"});
}
