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

namespace {

ir::Finding finding(ir::FileId file, const char* rule, uint32_t line, uint32_t resource_line = 2) {
  ir::Finding x;
  x.rule = rule;
  x.span = {file, {0, line, 3}, {0, line, 10}};
  x.resource_span = {file, {0, resource_line, 1}, {0, resource_line, 30}};
  return x;
}

std::vector<std::string> rules(const std::vector<ir::Finding>& findings) {
  std::vector<std::string> out;
  for (const ir::Finding& f : findings) out.emplace_back(f.rule);
  return out;
}

}  // namespace

// Regression: a suppression without a reason used to suppress. The README
// says a suppression takes a reason: without one the finding stays and the
// suppression is reported.
TEST_CASE("suppressions remove findings on their line or resource, only with a reason") {
  ir::Model model;
  ir::FileId id = model.sources.add("a.tf",
                                    "# blastwall:ignore BW101 -- retired next sprint\n"
                                    "resource \"aws_db_instance\" \"a\" {\n"
                                    "  deletion_protection = false\n"
                                    "  skip_final_snapshot = true # blastwall:ignore BW451\n"
                                    "}\n"
                                    "# blastwall:ignore BW999 -- nothing here\n");
  std::vector<ir::Finding> findings = {finding(id, "BW101", 3), finding(id, "BW451", 4),
                                       finding(id, "BW401", 4)};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(model, {id}, findings, warnings);
  CHECK(rules(findings) == std::vector<std::string>{"BW451", "BW401"});
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].message ==
        "suppression of BW451 gives no reason, so it suppresses nothing: add `-- why it is safe`");
  CHECK(warnings[0].span.begin.line == 4);
  CHECK(warnings[1].message.find("unused suppression: BW999") != std::string::npos);
}

TEST_CASE("a suppression at a module call covers that instance only") {
  ir::Model model;
  ir::FileId caller = model.sources.add("main.tf",
                                        "# blastwall:ignore BW101 -- scratch copy\n"
                                        "module \"scratch\" {\n  source = \"./db\"\n}\n"
                                        "module \"orders\" {\n  source = \"./db\"\n}\n");
  ir::FileId module = model.sources.add("db/main.tf", "resource \"aws_db_instance\" \"this\" {}\n");
  ir::Finding scratch = finding(module, "BW101", 1, 1);
  scratch.via = {{caller, {0, 2, 1}, {0, 2, 18}}};
  ir::Finding orders = finding(module, "BW101", 1, 1);
  orders.via = {{caller, {0, 5, 1}, {0, 5, 17}}};
  orders.instance = "orders";
  std::vector<ir::Finding> findings = {scratch, orders};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(model, {caller, module}, findings, warnings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].instance == "orders");
  CHECK(warnings.empty());
}

TEST_CASE("comments in files the run does not report on are not read") {
  ir::Model model;
  ir::FileId id = model.sources.add("a.tf", "# blastwall:ignore BW999 -- elsewhere\n");
  std::vector<ir::Finding> findings;
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(model, {}, findings, warnings);
  CHECK(warnings.empty());
  engine::apply_suppressions(model, {id}, findings, warnings);
  CHECK(warnings.size() == 1);
}
