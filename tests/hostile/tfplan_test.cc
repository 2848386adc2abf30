// Hostile Terraform plans (`terraform show -json`, frontends/tfplan): a plan
// too large for a document in memory, nesting that would exhaust a stack,
// binary garbage and a truncated file. Each broken plan is a named BW001
// and never a silent pass; the canary (hostile::canary_tf, BW101) beside it
// is still reported; work and memory stay bounded.
#include <string>

#include "hostile.h"

namespace {

const char* kHeader =
    "{\"format_version\": \"1.2\", \"terraform_version\": \"1.11.0\", \"resource_changes\": [";

hostile::Outcome check(const hostile::Scratch& s) {
  return hostile::run("check . --format json", s.root());
}

void canary_reported(const hostile::Outcome& o) {
  CHECK_MESSAGE(!hostile::findings(o, "BW101", "canary.tf").empty(), o.out.substr(0, 2000));
}

// One resource change of an unprotected database, about 400 bytes.
std::string change(size_t i) {
  std::string n = std::to_string(i);
  std::string values =
      "{\"identifier\": \"db-" + n +
      "\", \"engine\": \"postgres\", \"deletion_protection\": " + (i == 7 ? "false" : "true") +
      ", \"tags\": {\"team\": \"orders\", \"cost\": \"c-" + n + "\"}}";
  return "{\"address\": \"aws_db_instance.d" + n +
         "\", \"mode\": \"managed\", \"type\": \"aws_db_instance\", \"name\": \"d" + n +
         "\", \"change\": {\"actions\": [\"no-op\"], \"before\": " + values +
         ", \"after\": " + values + ", \"after_unknown\": {}}}";
}

}  // namespace

TEST_CASE("a 50 MB plan is read in bounded memory, keeping only resource changes") {
  hostile::Scratch s;
  // Half of it in resource_changes, half in prior_state, which is skipped unread.
  std::string plan = kHeader;
  plan.reserve(52 << 20);
  for (size_t i = 0; plan.size() < (25u << 20); ++i) plan += (i ? ",\n" : "") + change(i);
  plan += "],\n\"prior_state\": {\"values\": [";
  for (size_t i = 0; plan.size() < (50u << 20); ++i) plan += (i ? ",\n" : "") + change(i);
  plan += "]}}\n";
  s.write("plan.json", plan);
  s.write(".blastwall.yaml", "limits:\n  file_bytes: 67108864\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  CHECK(hostile::findings(o, "BW001").empty());
  // The one unprotected database among some 60,000 is found, at its value.
  std::vector<nlohmann::json> found = hostile::findings(o, "BW101", "plan.json");
  REQUIRE_MESSAGE(found.size() == 1, o.out.substr(0, 2000));
  CHECK(found[0].value("message", "").find("'d7'") != std::string::npos);
  canary_reported(o);
  // The text (50 MiB) and one copy of the changes' values: a JSON document
  // of the whole plan would be several times the text.
  hostile::check_bounded(o, 20, 400);
}

TEST_CASE("a plan nested 100,000 levels deep is unanalyzable, not a crash") {
  hostile::Scratch s;
  s.write("plan.json", std::string(kHeader) + "], \"planned_values\": " + std::string(100000, '[') +
                           std::string(100000, ']') + "}");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  CHECK_MESSAGE(
      hostile::has_finding(o, "BW001", "JSON nested too deeply (more than 500 levels", "plan.json"),
      o.out.substr(0, 2000));
  canary_reported(o);
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE("a plan whose body is binary garbage is unanalyzable") {
  hostile::Scratch s;
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 131 + 7) % 256);
  s.write("plan.json", std::string(kHeader) + change(0) + ", " + garbage);
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  CHECK_MESSAGE(hostile::has_finding(o, "BW001", "Invalid plan JSON: ", "plan.json"),
                o.out.substr(0, 2000));
  canary_reported(o);
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE("a truncated plan is unanalyzable, and what came before the cut is still read") {
  hostile::Scratch s;
  std::string plan = std::string(kHeader) + change(7) + ",\n" + change(8);
  s.write("plan.json", plan.substr(0, plan.size() - 30));
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  CHECK_MESSAGE(
      hostile::has_finding(o, "BW001", "Invalid plan JSON: the JSON ends early", "plan.json"),
      o.out.substr(0, 2000));
  CHECK(hostile::has_finding(o, "BW101", "'d7'", "plan.json"));
  canary_reported(o);
  hostile::check_bounded(o, 5, 200);
}
