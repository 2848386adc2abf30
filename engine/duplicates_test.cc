#include "engine/duplicates.h"

#include <doctest/doctest.h>

namespace {

using bw::ir::Finding;

bw::ir::Span at(bw::ir::FileId file, uint32_t offset) {
  return {file, {offset, 1, offset + 1}, {offset + 1, 1, offset + 2}};
}

// A finding of `rule` about `resource` from `unit`, at `offset` of `file`
// (the resource's header at offset 0).
Finding finding(std::string_view rule, std::string resource, bw::ir::UnitId unit,
                bw::ir::FileId file, uint32_t offset, bool unknown = false) {
  Finding f;
  f.rule = rule;
  f.resource = std::move(resource);
  f.unit = unit;
  f.instance = "envs/prod";
  f.span = at(file, offset);
  f.resource_span = at(file, 0);
  f.unknown = unknown;
  f.message = std::to_string(unit);
  return f;
}

std::string kept(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) out += std::string(f.rule) + "@" + f.message + " ";
  return out;
}

}  // namespace

TEST_CASE("duplicates: one finding per rule, resource, file and instance across units") {
  std::vector<Finding> findings{
      finding("BW101", "aws_db_instance.a", 0, 1, 0),   // the plan's, at the header
      finding("BW101", "aws_db_instance.a", 1, 1, 40),  // the HCL's, at the value
      finding("BW201", "aws_db_instance.a", 0, 1, 0),
      finding("BW101", "aws_db_instance.b", 1, 1, 50),
  };
  bw::engine::merge_duplicate_findings(findings);
  CHECK(kept(findings) == "BW101@1 BW201@0 BW101@1 ");
}

TEST_CASE("duplicates: a known finding is kept over an unknown one, else the first") {
  std::vector<Finding> findings{
      finding("BW101", "aws_db_instance.a", 0, 1, 40, true),
      finding("BW101", "aws_db_instance.a", 1, 1, 0),
      finding("BW451", "aws_db_instance.a", 0, 1, 0),
      finding("BW451", "aws_db_instance.a", 1, 1, 0),
  };
  bw::engine::merge_duplicate_findings(findings);
  CHECK(kept(findings) == "BW101@1 BW451@0 ");
}

TEST_CASE("duplicates: other files, instances, units and file-level findings stay") {
  std::vector<Finding> findings{
      finding("BW101", "aws_db_instance.a", 0, 1, 0),
      finding("BW101", "aws_db_instance.a", 1, 2, 0),  // points into another file
      finding("BW101", "aws_db_instance.a", 0, 1, 9),  // the same unit
      finding("BW001", "", 0, 1, 3),
      finding("BW001", "", 1, 1, 3),
  };
  findings.push_back(finding("BW101", "aws_db_instance.a", 2, 1, 0));
  findings.back().instance = "envs/staging";  // the same module from another root
  bw::engine::merge_duplicate_findings(findings);
  CHECK(findings.size() == 6);
}

TEST_CASE("duplicates: one resource at one header under two addresses, only when unambiguous") {
  // The configuration could not know the index the plan names.
  std::vector<Finding> findings{
      finding("BW101", "module.db.aws_db_instance.this", 0, 1, 40),
      finding("BW101", "module.db.aws_db_instance.this[0]", 1, 1, 0),
  };
  bw::engine::merge_duplicate_findings(findings);
  CHECK(kept(findings) == "BW101@0 ");
  // Three instances in one unit, one in the other: which one is meant is
  // not known, so all stay.
  std::vector<Finding> many{
      finding("BW101", "aws_db_instance.a[0]", 0, 1, 40),
      finding("BW101", "aws_db_instance.a[1]", 0, 1, 40),
      finding("BW101", "aws_db_instance.a[2]", 0, 1, 40),
      finding("BW101", "aws_db_instance.a", 1, 1, 0),
  };
  bw::engine::merge_duplicate_findings(many);
  CHECK(many.size() == 4);
  // One module called twice in the configuration; the plan names one call's.
  std::vector<Finding> calls{
      finding("BW101", "module.db.aws_db_instance.this", 0, 1, 40),
      finding("BW101", "module.db_default.aws_db_instance.this", 0, 1, 40),
      finding("BW101", "module.db.aws_db_instance.this[0]", 1, 1, 0),
  };
  bw::engine::merge_duplicate_findings(calls);
  CHECK(kept(calls) == "BW101@0 BW101@0 ");
  CHECK(calls[1].resource == "module.db_default.aws_db_instance.this");
}
