#pragma once
// Reads `terraform show -json` output (Terraform's JSON output format) with
// the pull reader: only `resource_changes` and the module calls of
// `configuration` are kept, everything else is skipped unread, so memory
// follows what is kept, not the size of the plan.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ir/source.h"
#include "ir/value.h"

namespace bw::frontends::tfplan {

// One `resource_changes[]` entry.
struct PlannedResource {
  std::string address;         // "module.db.aws_db_instance.this[0]"
  std::string module_address;  // "module.db", "" in the root module
  std::string mode;            // "managed" or "data"
  std::string type;
  std::string name;
  std::string deposed;  // the deposed object's key, "" for the current object
  std::vector<std::string> actions;
  std::vector<std::string> replace_paths;  // dotted: "engine", "tags.Name", "ebs.0.size"
  // Only the object the resource is read from is kept: `after`, or `before`
  // when there is no `after` object or the change only deletes; the other is null.
  ir::Value before;
  ir::Value after;
  ir::Value after_unknown;  // true, or objects and lists of it, where `after` is unknown
  bool has_before = false;
  bool has_after = false;
  uint32_t begin = 0;  // the entry's '{' and the byte after its '}'
  uint32_t end = 0;
};

// A problem with one entry (an entry without a type): it is left out and
// the problem is an error at `offset`.
struct PlanProblem {
  uint32_t offset = 0;
  std::string message;
};

struct Plan {
  std::vector<PlannedResource> resources;
  // The `source` of each module call in `configuration`, by the path of
  // call names: "db", "db.inner".
  std::map<std::string, std::string> module_sources;
  // What each argument of a configured resource refers to, by the
  // resource's address without instance keys ("module.db.aws_s3_bucket.b"):
  // {argument, [absolute references]}. A plan's values are values; these
  // are how its resources are linked, as the configuration's references are.
  std::map<std::string, std::vector<std::pair<std::string, std::vector<std::string>>>> references;
  bool has_configuration = false;
  std::vector<PlanProblem> problems;
  // The JSON itself is broken (truncated, garbage, nested too deeply):
  // what was read before it stays.
  bool failed = false;
  std::string error;
  uint32_t error_offset = 0;
};

Plan read_plan(const ir::SourceFile& file);

// 90 when the text is a JSON object whose top level has `format_version`,
// `terraform_version` and `resource_changes` or `planned_values` (only a
// plan has all three); 0 otherwise. Reads no further than it needs.
int plan_score(std::string_view text);

// The names of the module calls an address (of a resource or a module) lies
// in: "module.a[0].module.b[\"k\"].aws_s3_bucket.x" → {a, b}.
std::vector<std::string> module_names(std::string_view address);

// Marks what `mask` (after_unknown) says is unknown in `value`.
void apply_unknown(ir::Value& value, const ir::Value& mask, const std::string& reason);

}  // namespace bw::frontends::tfplan
