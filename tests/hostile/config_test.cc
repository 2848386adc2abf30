// Hostile configuration and rule files (issue 11): `limits:`, messages that
// say what is wrong and where, rule files with thousands of errors, and
// settings that would make unanalyzable inputs pass silently.
#include <regex>
#include <string>

#include "hostile.h"

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A repository with the canary and `config` as its .blastwall.yaml.
void repository(const hostile::Scratch& s, const std::string& config) {
  s.write("main.tf", hostile::canary_tf());
  s.write(".blastwall.yaml", config);
  s.git_commit_all();
}

// A configuration error: exit 2, nothing checked, the message at path:line:col.
void refused(const hostile::Outcome& o, const std::string& located_message) {
  CHECK(o.status == 2);
  CHECK_MESSAGE(contains(o.err, located_message), o.err);
  CHECK(contains(o.err, "nothing was checked"));
  CHECK(o.out.empty());
}

}  // namespace

TEST_CASE("limits: a known limit set to a positive integer is applied, and the scan runs") {
  hostile::Scratch s;
  repository(s,
             "limits:\n  evaluation_steps: 100000\n  file_bytes: 1048576\n"
             "  module_instances: 50\n  string_bytes: 65536\n  collection_items: 1000\n");
  hostile::Outcome o = hostile::run("check . --format json", s.root());
  CHECK(o.status == 1);
  CHECK(!hostile::findings(o, "BW101", "main.tf").empty());
  CHECK(hostile::findings(o, "BW001").empty());
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE(
    "limits: an unknown name or a value that is not a positive integer is refused at its place") {
  struct Case {
    std::string config, message;
  };
  const Case cases[] = {
      {"limits:\n  evaluation_step: 10\n",
       ".blastwall.yaml:2:3: error: unknown limit 'evaluation_step'; did you mean "
       "'evaluation_steps'? (the limits are file_bytes, evaluation_steps, "},
      {"limits:\n  timeout: 10\n",
       ".blastwall.yaml:2:3: error: unknown limit 'timeout' (the limits are"},
      {"limits:\n  file_bytes: -1\n",
       ".blastwall.yaml:2:15: error: limit 'file_bytes' must be a positive whole number, like "
       "16777216 (its default), not the text '-1'"},
      {"limits:\n  file_bytes: 0\n", ".blastwall.yaml:2:15: error: limit 'file_bytes' must be"},
      {"limits:\n  file_bytes: 1.5\n", ".blastwall.yaml:2:15: error: limit 'file_bytes' must be"},
      {"limits:\n  file_bytes: \"100\"\n",
       ".blastwall.yaml:2:15: error: limit 'file_bytes' must be"},
      {"limits:\n  file_bytes: 99999999999999999999999\n",
       ".blastwall.yaml:2:15: error: limit 'file_bytes' must be"},
      {"limits:\n  file_bytes: [1]\n",
       ".blastwall.yaml:2:15: error: limit 'file_bytes' must be a positive whole number, like "
       "16777216 (its default), not a list"},
      {"limits: 5\n",
       ".blastwall.yaml:1:9: error: 'limits' maps a limit's name to a positive integer"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.config);
    hostile::Scratch s;
    repository(s, c.config);
    hostile::Outcome o = hostile::run("check .", s.root());
    refused(o, c.message);
    hostile::check_bounded(o, 5, 200);
  }
}

TEST_CASE("a scalar configuration says it must be a mapping and what it holds, where") {
  hostile::Scratch s;
  repository(s, "hello\n");
  hostile::Outcome o = hostile::run("check .", s.root());
  refused(o,
          ".blastwall.yaml:1:1: error: the configuration must be a mapping of settings (such as "
          "'rules:' or 'exclude:'), but this file holds the text 'hello'");
  hostile::check_bounded(o, 5, 200);

  hostile::Scratch list;
  repository(list, "- rules\n- exclude\n");
  o = hostile::run("check .", list.root());
  refused(o, ".blastwall.yaml:1:1: error: the configuration must be a mapping");
  CHECK(contains(o.err, "but this file holds a list"));
}

TEST_CASE("deep YAML nesting in the configuration is refused at its place, in bounded work") {
  for (int depth : {600, 100000}) {
    CAPTURE(depth);
    hostile::Scratch flow;
    repository(flow, "exclude: " + std::string(depth, '[') + std::string(depth, ']') + "\n");
    hostile::Outcome o = hostile::run("check .", flow.root());
    CHECK(o.status == 2);
    // Where the nesting passes yaml-cpp's depth, on line 1.
    CHECK_MESSAGE(
        std::regex_search(
            o.err,
            std::regex(
                R"(\.blastwall\.yaml:1:[0-9]+: error: invalid YAML: nested too deeply \([0-9]+ levels)")),
        o.err);
    CHECK(!contains(o.err, "bad file"));
    hostile::check_bounded(o, 5, 300);
  }
  hostile::Scratch block;
  std::string yaml;
  for (int i = 0; i < 2000; ++i) yaml += std::string(static_cast<size_t>(i), ' ') + "k:\n";
  repository(block, yaml);
  hostile::Outcome o = hostile::run("check .", block.root());
  CHECK(o.status == 2);
  CHECK_MESSAGE(
      std::regex_search(
          o.err,
          std::regex(R"(\.blastwall\.yaml:[0-9]+:[0-9]+: error: invalid YAML: nested too deeply)")),
      o.err);
  hostile::check_bounded(o, 5, 300);
}

TEST_CASE("configuration errors carry path:line:col: unknown rules, bad severities, bad YAML") {
  struct Case {
    std::string config, message;
  };
  const Case cases[] = {
      {"rules:\n  disable: [BW101, BW999]\n",
       ".blastwall.yaml:2:20: error: rules.disable names unknown rule BW999"},
      {"rules:\n  severity:\n    BW10: low\n",
       ".blastwall.yaml:3:5: error: rules.severity names unknown rule BW10; did you mean"},
      {"rules:\n  severity:\n    BW101: urgent\n",
       ".blastwall.yaml:3:12: error: severity must be critical, high, medium, low or info"},
      {"rules: {disable: [a\n", ".blastwall.yaml:2:1: error: invalid YAML:"},
      {"fail-on: [high]\n", ".blastwall.yaml:1:10: error: severity must be"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.config);
    hostile::Scratch s;
    repository(s, c.config);
    hostile::Outcome o = hostile::run("check .", s.root());
    refused(o, c.message);
  }
}

TEST_CASE("rules.disable: [BW001] is refused: unanalyzable inputs cannot be made silent") {
  hostile::Scratch s;
  repository(s, "rules:\n  disable: [BW101, BW001]\n");
  hostile::Outcome o = hostile::run("check .", s.root());
  refused(o,
          ".blastwall.yaml:2:20: error: rules.disable cannot disable BW001: it reports the inputs "
          "blastwall could not analyse");
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE("a BW001 severity below fail-on is refused; raising it, or an explicit fail-on, is not") {
  {
    hostile::Scratch s;
    repository(s, "rules:\n  severity:\n    BW001: medium\n");
    hostile::Outcome o = hostile::run("check .", s.root());
    refused(o,
            ".blastwall.yaml:3:5: error: rules.severity cannot make BW001 medium: it reports the "
            "inputs blastwall could not analyse, which must fail the run at fail-on high");
  }
  {
    // With fail-on low in the configuration, BW001 may be medium: it still fails the run.
    hostile::Scratch s;
    s.write("broken.tf", "resource \"aws_db_instance\" \"x\" {\n");
    repository(s, "fail-on: low\nrules:\n  severity:\n    BW001: medium\n");
    hostile::Outcome o = hostile::run("check . --format json", s.root());
    CHECK(o.status == 1);
    auto broken = hostile::findings(o, "BW001", "broken.tf");
    REQUIRE(!broken.empty());
    CHECK(broken[0]["severity"] == "medium");
    CHECK(!hostile::findings(o, "BW101", "main.tf").empty());
  }
  {
    hostile::Scratch s;
    s.write("broken.tf", "resource \"aws_db_instance\" \"x\" {\n");
    repository(s, "rules:\n  severity:\n    BW001: critical\n");
    hostile::Outcome o = hostile::run("check . --format json", s.root());
    CHECK(o.status == 1);
    auto broken = hostile::findings(o, "BW001", "broken.tf");
    REQUIRE(!broken.empty());
    CHECK(broken[0]["severity"] == "critical");
  }
}

TEST_CASE(
    "--fail-on above BW001's severity: the run passes, and the summary still counts the "
    "inputs that could not be analysed") {
  hostile::Scratch s;
  s.write("broken.tf", "resource \"aws_db_instance\" \"x\" {\n");
  repository(s, "{}\n");
  hostile::Outcome o = hostile::run("check . --fail-on critical", s.root());
  CHECK(o.status == 0);  // the user chose to fail only on critical findings
  CHECK_MESSAGE(contains(o.out, ", 1 file with errors, "), o.out);
  CHECK(contains(o.out, "[BW001]"));
  CHECK(contains(o.out, "[BW101]"));
  // At the default --fail-on, the same inputs fail the run.
  CHECK(hostile::run("check .", s.root()).status == 1);
  // So does fail-on critical in the configuration: a choice, counted the same way.
  s.write(".blastwall.yaml", "fail-on: critical\n");
  o = hostile::run("check .", s.root());
  CHECK(o.status == 0);
  CHECK(contains(o.out, ", 1 file with errors, "));
}

TEST_CASE("a rule file with 20,000 checker errors: linear work, and a page of errors printed") {
  hostile::Scratch s;
  s.write("main.tf", hostile::canary_tf());
  std::string when;
  for (int i = 0; i < 20000; ++i)
    when += (i ? " && " : "") + std::string("self.nope") + std::to_string(i) + " == 1";
  std::string message;
  for (int i = 0; i < 10; ++i) message += "{missing" + std::to_string(i) + "} ";
  s.write("extra/many.yaml",
          "id: XX900\nname: many-errors\ncategory: deletion-protection\nseverity: high\n"
          "kinds: [database]\nwhen: " +
              when + "\nmessage: \"" + message + "\"\n");
  s.git_commit_all();
  hostile::Outcome o = hostile::run("check . --rules extra", s.root());
  CHECK(o.status == 2);
  // Each error where it is: the first property on line 6, after `when: self.`.
  CHECK_MESSAGE(contains(o.err,
                         "many.yaml:6:12: error: unknown property 'nope0' of kind "
                         "'database'"),
                o.err.substr(0, 2000));
  CHECK(contains(o.err, "and 19960 more errors (20010 in all; the first 50 are shown)"));
  CHECK(contains(o.err, "blastwall: 20010 errors in configuration or rules; nothing was checked"));
  size_t lines = static_cast<size_t>(std::count(o.err.begin(), o.err.end(), '\n'));
  CHECK(lines <= 60);
  hostile::check_bounded(o, 3, 300);
}
