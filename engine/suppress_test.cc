#include "engine/suppress.h"

#include <doctest/doctest.h>

using namespace bw;

TEST_CASE("suppression comments: before the line, at its end, with and without reasons") {
  ir::SourceManager sources;
  ir::FileId id = sources.add("a.tf",
                              "# blastwall:ignore BW101 -- retired next sprint\n"
                              "\n"
                              "resource \"aws_db_instance\" \"a\" {\n"
                              "  skip_final_snapshot = true # blastwall:ignore BW451, BW401\n"
                              "  name = \"blastwall:ignore is not a comment here\"\n"
                              "}\n");
  auto found = engine::find_suppressions(sources.file(id));
  REQUIRE(found.size() == 2);
  CHECK(found[0].target_line == 3);
  CHECK(found[0].rules == std::vector<std::string>{"BW101"});
  CHECK(found[0].reason == "retired next sprint");
  CHECK(found[1].target_line == 4);
  CHECK(found[1].rules == std::vector<std::string>{"BW451", "BW401"});
  CHECK(found[1].reason.empty());
}

TEST_CASE("suppressions remove findings on their line or resource and report misuse") {
  ir::Model model;
  ir::FileId id = model.sources.add("a.tf",
                                    "# blastwall:ignore BW101 -- retired next sprint\n"
                                    "resource \"aws_db_instance\" \"a\" {\n"
                                    "  deletion_protection = false\n"
                                    "  skip_final_snapshot = true # blastwall:ignore BW451\n"
                                    "}\n"
                                    "# blastwall:ignore BW999 -- nothing here\n");
  auto finding = [&](const char* rule, uint32_t line) {
    ir::Finding x;
    x.rule = rule;
    x.span = {id, {0, line, 3}, {0, line, 10}};
    x.resource_span = {id, {0, 2, 1}, {0, 2, 30}};
    return x;
  };
  std::vector<ir::Finding> findings = {finding("BW101", 3), finding("BW451", 4),
                                       finding("BW401", 4)};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(model, findings, warnings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "BW401");
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].message.find("gives no reason") != std::string::npos);
  CHECK(warnings[0].span.begin.line == 4);
  CHECK(warnings[1].message.find("unused suppression: BW999") != std::string::npos);
}
