#include "tests/expectations.h"

#include <doctest/doctest.h>

using bw::tests::Expectation;
using bw::tests::read_expectations;

TEST_CASE("expectations are read from comments in any comment style") {
  auto e = read_expectations("a.tf",
                             "x = 1  # expect: BW101, BW451\n"
                             "# expect-next-line: BW201\n"
                             "y = 2\n"
                             "z = var.v  # expect-unknown: BW401\n"
                             "DROP TABLE t; -- expect: BW701\n"
                             "# blastwall:ignore BW101  # expect-warning: unused\n");
  REQUIRE(e.size() == 6);
  CHECK(e[0].line == 1);
  CHECK(e[0].what == "BW101");
  CHECK(e[1].what == "BW451");
  CHECK(e[2].line == 3);
  CHECK(e[2].what == "BW201");
  CHECK(e[3].kind == Expectation::Unknown);
  CHECK(e[4].line == 5);
  CHECK(e[5].kind == Expectation::Warning);
  CHECK(e[5].what == "unused");
}

TEST_CASE("an unknown finding may be expected at the next line") {
  auto e = read_expectations("a.tf",
                             "# expect-unknown-next-line: BW751:12 \"may\"\n"
                             "policy = <<-EOF\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0].line == 2);
  CHECK(e[0].kind == Expectation::Unknown);
  CHECK(e[0].what == "BW751");
  CHECK(e[0].column == 12);
}

TEST_CASE("text that is not a marker expects nothing") {
  CHECK(read_expectations("a.tf", "expected = true\n# we expect nothing\n").empty());
}

TEST_CASE("an expectation may name the column and a part of the message") {
  auto e = read_expectations("a.tf",
                             "x = 1  # expect: BW101:25 \"deletion protection is off\", BW451:3\n"
                             "y = (  # expect-error: \"unknown name\"\n"
                             "/* expect: BW201 */\n");
  REQUIRE(e.size() == 4);
  CHECK(e[0].what == "BW101");
  CHECK(e[0].column == 25);
  CHECK(e[0].message == "deletion protection is off");
  CHECK(e[1].what == "BW451");
  CHECK(e[1].column == 3);
  CHECK(e[1].message.empty());
  CHECK(e[2].kind == Expectation::Error);
  CHECK(e[2].what == "unknown name");
  CHECK(e[3].what == "BW201");

  Expectation got{"a.tf",  1,
                  "BW101", Expectation::Finding,
                  25,      "aws_db_instance 'a' can be deleted: deletion protection is off",
                  ""};
  CHECK(e[0].matches(got));
  got.column = 24;
  CHECK_FALSE(e[0].matches(got));
  got.column = 25;
  got.message = "something else";
  CHECK_FALSE(e[0].matches(got));
  Expectation error{"a.tf", 2, "", Expectation::Error, 7, "syntax error: unknown name \"q\"", ""};
  CHECK(e[2].matches(error));
}

TEST_CASE("a finding's expectation must name its column and a part of its message") {
  auto e = read_expectations("a.tf",
                             "x = 1  # expect: BW101:5 \"off\", BW451, BW401:3\n"
                             "# expect-next-line: BW201 \"guard\"\n"
                             "y = 2  # expect-warning: unused\n");
  auto errors = bw::tests::incomplete(e);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] ==
        "a.tf:1: the expected BW451 at line 1 needs a column and a part of its message: write "
        "BW451:COLUMN \"part of the message\" (in a sidecar, column: and message:)");
  CHECK(errors[1].find("a.tf:1: the expected BW401 at line 1 needs a part of its message") == 0);
  CHECK(errors[2].find("a.tf:2: the expected BW201 at line 3 needs a column:") == 0);
}

TEST_CASE("sidecars: F.expect is about F, expect.yaml items name their path") {
  using bw::tests::read_sidecar;
  auto beside = read_sidecar("d/template.json.expect",
                             "- {line: 4, column: 7, rule: BW101, message: \"is off\"}\n"
                             "- {line: 9, column: 3, rule: BW401, message: may, unknown: true}\n"
                             "- {line: 2, warning: unused}\n"
                             "- {line: 3, error: \"unknown name\"}\n",
                             "d/template.json", "");
  CHECK(beside.errors.empty());
  REQUIRE(beside.expectations.size() == 4);
  const Expectation& f = beside.expectations[0];
  CHECK(f.path == "d/template.json");
  CHECK(f.line == 4);
  CHECK(f.column == 7);
  CHECK(f.what == "BW101");
  CHECK(f.kind == Expectation::Finding);
  CHECK(f.message == "is off");
  CHECK(f.written == "d/template.json.expect:1");
  CHECK(beside.expectations[1].kind == Expectation::Unknown);
  CHECK(beside.expectations[2].kind == Expectation::Warning);
  CHECK(beside.expectations[2].what == "unused");
  CHECK(beside.expectations[3].kind == Expectation::Error);
  CHECK(beside.expectations[3].line == 3);

  auto top = read_sidecar("fx/expect.yaml",
                          "# about the stack\n"
                          "- path: stacks/./db.json\n  line: 2\n  column: 5\n  rule: BW201\n"
                          "  message: guard\n",
                          "", "fx");
  CHECK(top.errors.empty());
  REQUIRE(top.expectations.size() == 1);
  CHECK(top.expectations[0].path == "fx/stacks/db.json");
  CHECK(top.expectations[0].written == "fx/expect.yaml:2");
  CHECK(read_sidecar("x.expect", "", "x", "").expectations.empty());
}

TEST_CASE("a malformed sidecar is an error at its line") {
  using bw::tests::read_sidecar;
  auto errors = [](const std::string& text, const std::string& file = "a.json") {
    return read_sidecar(file.empty() ? "d/expect.yaml" : "a.json.expect", text, file, "d").errors;
  };
  CHECK(errors("- {line: 1, rule: BW1\n") ==
        std::vector<std::string>{"a.json.expect:2: not YAML: end of map flow not found"});
  CHECK(errors("line: 1\n") ==
        std::vector<std::string>{"a.json.expect:1: a sidecar is a YAML list of {line, column, "
                                 "rule, message} mappings"});
  CHECK(errors("- BW101\n") ==
        std::vector<std::string>{"a.json.expect:1: an expectation is a mapping: {line: 4, "
                                 "column: 7, rule: BW101, message: ...}"});
  CHECK(errors("- {line: 1, column: 1, rule: BW1, message: m}\n"
               "- {lien: 3, column: 1, rule: BW1, message: m}\n") ==
        std::vector<std::string>{
            "a.json.expect:2: unknown key 'lien': path, line, column, rule, message, unknown, "
            "warning, error",
            "a.json.expect:2: an expectation needs 'line'"});
  CHECK(errors("- {line: 0, column: x, rule: BW1, message: m}\n") ==
        std::vector<std::string>{"a.json.expect:1: 'line' is a line or column number, from 1",
                                 "a.json.expect:1: 'column' is a line or column number, from 1"});
  CHECK(errors("- {line: 1, rule: BW1, warning: w}\n") ==
        std::vector<std::string>{
            "a.json.expect:1: an expectation names one of 'rule', 'warning' or 'error'"});
  CHECK(errors("- {line: 1, warning: w, unknown: true}\n") ==
        std::vector<std::string>{"a.json.expect:1: only a finding ('rule') may be unknown"});
  CHECK(errors("- {path: a.json, line: 1, warning: w}\n") ==
        std::vector<std::string>{
            "a.json.expect:1: in F.expect every item is about F: leave 'path' out"});
  CHECK(errors("- {line: 1, warning: w}\n", "") ==
        std::vector<std::string>{"d/expect.yaml:1: an item of expect.yaml names its 'path', "
                                 "relative to the fixture directory"});
  CHECK(errors("- {path: ../b.json, line: 1, warning: w}\n", "") ==
        std::vector<std::string>{
            "d/expect.yaml:1: 'path' is relative to the fixture directory, inside it"});
}

TEST_CASE("sidecars are told apart from fixtures by name") {
  CHECK(bw::tests::is_sidecar("fixtures/x/template.json.expect"));
  CHECK(bw::tests::is_sidecar("fixtures/x/expect.yaml"));
  CHECK_FALSE(bw::tests::is_sidecar("fixtures/x/expect.yml.tf"));
  CHECK_FALSE(bw::tests::is_sidecar("fixtures/x/.expect"));
  CHECK_FALSE(bw::tests::is_sidecar("fixtures/x/my-expect.yaml"));
}

TEST_CASE("a part not analysed is expected by a phrase of its message") {
  auto e =
      read_expectations("a.tf", "module \"db\" {  # expect-not-analysed: \"neither installed\"\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0].kind == Expectation::NotAnalysed);
  CHECK(e[0].what == "neither installed");
  Expectation got{"a.tf", 1,
                  "",     Expectation::NotAnalysed,
                  1,      "module \"db\": \"x/y/z\" is a remote module, neither installed nor ...",
                  ""};
  CHECK(e[0].matches(got));
  got.kind = Expectation::Warning;
  CHECK_FALSE(e[0].matches(got));
}
