#include "frontends/tfplan/plan_reader.h"

#include <doctest/doctest.h>

#include <string>

#include "ir/source.h"

namespace tfplan = bw::frontends::tfplan;

namespace {

tfplan::Plan read(const std::string& text) {
  bw::ir::SourceFile file;
  file.text = text;
  file.id = 0;
  file.index_lines();
  return tfplan::read_plan(file);
}

const char* kPlan = R"({
  "format_version": "1.2",
  "terraform_version": "1.11.0",
  "planned_values": {"root_module": {"resources": [{"address": "ignored"}]}},
  "resource_changes": [
    {
      "address": "module.db[0].aws_db_instance.this",
      "module_address": "module.db[0]",
      "mode": "managed",
      "type": "aws_db_instance",
      "name": "this",
      "index": 0,
      "change": {
        "actions": ["delete", "create"],
        "before": {"engine": "postgres", "identifier": "orders"},
        "after": {"engine": "mysql", "identifier": "orders", "arn": null},
        "after_unknown": {"arn": true, "tags": {"Owner": true}},
        "replace_paths": [["engine"], ["tags", "Name"], ["ebs", 0, "size"]]
      },
      "action_reason": "replace_because_cannot_update"
    },
    {"address": "x", "type": 3}
  ],
  "configuration": {
    "provider_config": {"aws": {"name": "aws"}},
    "root_module": {
      "module_calls": {
        "db": {"source": "./modules/db", "module": {"module_calls": {"inner": {"source": "../inner"}}}},
        "vpc": {"source": "terraform-aws-modules/vpc/aws"}
      }
    }
  }
})";

}  // namespace

TEST_CASE("plan reader: resource changes and module calls, nothing else") {
  tfplan::Plan plan = read(kPlan);
  CHECK_FALSE(plan.failed);
  REQUIRE(plan.resources.size() == 1);
  const tfplan::PlannedResource& r = plan.resources[0];
  CHECK(r.address == "module.db[0].aws_db_instance.this");
  CHECK(r.module_address == "module.db[0]");
  CHECK(r.mode == "managed");
  CHECK(r.type == "aws_db_instance");
  CHECK(r.actions == std::vector<std::string>{"delete", "create"});
  CHECK(r.replace_paths == std::vector<std::string>{"engine", "tags.Name", "ebs.0.size"});
  CHECK(r.after.get("engine")->as_string() == "mysql");
  CHECK(r.after.get("engine")->span().begin.line == 16);
  CHECK(r.before.is_null());  // replaced: only the values after are kept
  CHECK(r.begin == std::string(kPlan).find("{\n      \"address\""));
  REQUIRE(plan.problems.size() == 1);
  CHECK(plan.problems[0].offset == std::string(kPlan).find("{\"address\": \"x\""));
  CHECK(plan.module_sources.size() == 3);
  CHECK(plan.module_sources["db"] == "./modules/db");
  CHECK(plan.module_sources["db.inner"] == "../inner");
  CHECK(plan.module_sources["vpc"] == "terraform-aws-modules/vpc/aws");
  CHECK(plan.has_configuration);
}

TEST_CASE("plan reader: unknown after apply") {
  tfplan::Plan plan = read(kPlan);
  bw::ir::Value after = std::move(plan.resources[0].after);
  tfplan::apply_unknown(after, plan.resources[0].after_unknown, "known only after apply");
  CHECK(after.get("arn")->is_unknown());
  CHECK(after.get("arn")->unknown_reason() == "known only after apply");
  CHECK(after.get("engine")->is_string());
  CHECK(after.get("tags") == nullptr);  // the mask's object over a value that is absent
}

TEST_CASE("plan reader: a broken plan keeps what came before the break") {
  std::string text = kPlan;
  tfplan::Plan truncated = read(text.substr(0, text.find("{\"address\": \"x\"") + 5));
  CHECK(truncated.failed);
  CHECK(truncated.error == "the JSON ends early inside a string");
  CHECK(truncated.resources.size() == 1);
  tfplan::Plan garbage = read(text.substr(0, 120) + "\x01\xff\xfe garbage");
  CHECK(garbage.failed);
  CHECK(garbage.resources.empty());
  tfplan::Plan not_object = read("[1]");
  CHECK(not_object.failed);
  CHECK(not_object.error == "a plan is a JSON object");
}

TEST_CASE("plan reader: what claims a plan") {
  CHECK(tfplan::plan_score(kPlan) == 90);
  CHECK(tfplan::plan_score(R"({"format_version": "1.0", "terraform_version": "1.5",
                              "values": {}})") == 0);  // a state, not a plan
  CHECK(tfplan::plan_score(R"({"resource_changes": [], "format_version": "1"})") == 0);
  CHECK(tfplan::plan_score("not json") == 0);
  // Decided at the third key: what follows is not read.
  CHECK(tfplan::plan_score(
            R"({"format_version": "1", "terraform_version": "1", "resource_changes": [)") == 90);
}

TEST_CASE("plan reader: module names of an address") {
  CHECK(tfplan::module_names("") == std::vector<std::string>{});
  CHECK(tfplan::module_names("module.a") == std::vector<std::string>{"a"});
  CHECK(tfplan::module_names("module.a[0].module.b[\"k.]\"].aws_s3_bucket.x") ==
        std::vector<std::string>{"a", "b"});
}
