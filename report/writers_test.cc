#include "report/writers.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

using namespace bw;
using report::Output;

namespace {

// A run as the engine would hand it over: two files, a finding in one and an
// error in the input of the other, reported as an unanalyzable finding.
struct HandMadeRun {
  engine::Result result;
  compiler::RulePack pack;

  HandMadeRun() {
    auto& sources = result.model.sources;
    ir::FileId db = sources.add("envs/prod/db.tf",
                                "resource \"aws_db_instance\" \"main\" {\n"
                                "  deletion_protection = false\n}\n",
                                "envs/prod/db.tf");
    ir::FileId broken = sources.add("broken.tf", "resource \"x\" {\n", "broken.tf");
    result.findings.push_back(finding("BW001", "unanalyzable-input", "unanalyzable",
                                      ir::Severity::High, {broken, {0, 1, 14}, {1, 1, 15}},
                                      "unclosed configuration block"));
    result.findings.push_back(finding(
        "BW101", "database-deletion-protection-off", "deletion-protection", ir::Severity::High,
        {db, {61, 2, 25}, {66, 2, 30}}, "aws_db_instance 'main' can be deleted by one API call"));
    result.findings.back().resource = "aws_db_instance.main";
    result.findings.back().environment = "prod";
    result.findings.back().environment_reason = "path component 'prod'";
    result.findings.back().instance = "envs/prod";
    result.findings.back().fingerprint = "0123456789abcdef";
    result.findings.back().fix = "Set deletion protection on.";
    result.errors.push_back({ir::DiagnosticLevel::Error,
                             {broken, {0, 1, 14}, {1, 1, 15}},
                             "",
                             "unclosed configuration block"});
    result.stats.files = 2;
    result.stats.resources = 1;
    result.stats.rules = 12;
    result.stats.units = 2;
    result.stats.elapsed_ms = 7.4;
  }

  static ir::Finding finding(std::string_view rule, std::string_view name,
                             std::string_view category, ir::Severity severity, ir::Span span,
                             std::string message) {
    ir::Finding f;
    f.rule = rule;
    f.name = name;
    f.category = category;
    f.severity = severity;
    f.span = span;
    f.message = std::move(message);
    return f;
  }

  std::string write(std::string_view format, const report::WriterOptions& options = {}) const {
    const report::Format* chosen = report::find_format(format);
    REQUIRE(chosen != nullptr);
    std::ostringstream out;
    chosen->make(options)->write(out, {result, pack, "/repo"});
    return out.str();
  }
};

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("formats are chosen by name from one table") {
  std::vector<std::string> names;
  for (const report::Format& format : report::formats()) {
    names.emplace_back(format.name);
    CHECK(!format.description.empty());
    CHECK(format.make({}) != nullptr);
  }
  CHECK(names == std::vector<std::string>{"text", "json"});
  CHECK(report::find_format("json")->name == "json");
  CHECK(report::find_format("yaml") == nullptr);
  CHECK(report::format_names() == "text, json");
  CHECK(report::format_names(true) == "text, json");
}

TEST_CASE("--output: a format alone writes to standard output, FORMAT=FILE to a file") {
  std::vector<Output> outputs;
  std::string error;
  REQUIRE(report::parse_outputs({"text", "json=out.json", "json=build/a=b.json"}, outputs, error));
  REQUIRE(outputs.size() == 3);
  CHECK(outputs[0].format == "text");
  CHECK(outputs[0].file.empty());
  CHECK(outputs[1].format == "json");
  CHECK(outputs[1].file == "out.json");
  CHECK(outputs[2].file == "build/a=b.json");  // only the first '=' separates
}

TEST_CASE("--output: an unknown format is refused, naming the formats") {
  std::vector<Output> outputs;
  std::string error;
  CHECK_FALSE(report::parse_outputs({"text", "yaml=x.yaml"}, outputs, error));
  CHECK(error == "unknown output format 'yaml'; the formats are text, json");
  CHECK_FALSE(report::parse_outputs({"json="}, outputs, error));
  CHECK(contains(error, "names no file"));
}

TEST_CASE("--output: one writer at most to standard output, one to a file") {
  std::vector<Output> outputs;
  std::string error;
  CHECK_FALSE(report::parse_outputs({"text", "json"}, outputs, error));
  CHECK(contains(error, "both text and json would write to standard output"));
  CHECK_FALSE(report::parse_outputs({"json=out.json", "text=./out.json"}, outputs, error));
  CHECK(contains(error, "both json and text would write to ./out.json"));
  CHECK(report::parse_outputs({"json=a.json", "text=b.txt", "text"}, outputs, error));
}

TEST_CASE("the JSON writer keeps the contract byte for byte") {
  HandMadeRun run;
  CHECK(run.write("json", {.timing = false}) ==
        R"({
  "version": 1,
  "findings": [
    {
      "rule": "BW001",
      "name": "unanalyzable-input",
      "category": "unanalyzable",
      "severity": "high",
      "path": "broken.tf",
      "line": 1,
      "column": 14,
      "end_line": 1,
      "end_column": 15,
      "message": "unclosed configuration block",
      "resource": "",
      "environment": "",
      "environment_reason": "",
      "instance": "",
      "related": [],
      "fingerprint": ""
    },
    {
      "rule": "BW101",
      "name": "database-deletion-protection-off",
      "category": "deletion-protection",
      "severity": "high",
      "path": "envs/prod/db.tf",
      "line": 2,
      "column": 25,
      "end_line": 2,
      "end_column": 30,
      "message": "aws_db_instance 'main' can be deleted by one API call",
      "resource": "aws_db_instance.main",
      "environment": "prod",
      "environment_reason": "path component 'prod'",
      "instance": "envs/prod",
      "related": [],
      "fingerprint": "0123456789abcdef"
    }
  ],
  "errors": [
    {
      "path": "broken.tf",
      "line": 1,
      "column": 14,
      "message": "unclosed configuration block"
    }
  ],
  "warnings": [],
  "limits": [],
  "not_analysed": [],
  "stats": {
    "files": 2,
    "resources": 1,
    "rules": 12,
    "units": 2,
    "limited": 0,
    "not_analysed": 0,
    "elapsed_ms": 0,
    "frontends": {}
  }
}
)");
  CHECK(nlohmann::json::parse(run.write("json"))["stats"]["elapsed_ms"] == 7);
}

TEST_CASE("JSON stats count files per frontend, always; --stats adds time and memory") {
  HandMadeRun run;
  run.result.stats.frontend_files = {{"cloudformation", 3}, {"terraform", 12}};
  std::string plain = run.write("json");
  CHECK(contains(plain,
                 "\"frontends\": {\n      \"cloudformation\": 3,\n      \"terraform\": 12\n"
                 "    }"));
  auto stats = nlohmann::json::parse(plain)["stats"];
  CHECK(!stats.contains("phase_ms"));
  auto detailed = nlohmann::json::parse(run.write("json", {.stats = true}))["stats"];
  CHECK(detailed["frontends"]["terraform"] == 12);
  CHECK(detailed["phase_ms"].contains("report"));
  CHECK(detailed["peak_memory_kib"].get<long>() > 0);
}

TEST_CASE("the text summary names the files with errors, and only when there are some") {
  HandMadeRun run;
  std::string text = run.write("text");
  CHECK(contains(text, "broken.tf:1:14: high: unclosed configuration block [BW001]\n"));
  CHECK(contains(text,
                 "envs/prod/db.tf:2:25: high: aws_db_instance 'main' can be deleted by one "
                 "API call [BW101]\n"));
  CHECK(contains(text, "  = fix: Set deletion protection on.\n"));
  // The error is shown once, as its finding.
  CHECK(text.find("unclosed configuration block") == text.rfind("unclosed configuration block"));
  CHECK(contains(text,
                 "2 findings (2 high) in 2 files, 1 file with errors, 1 resource, 12 rules, "
                 "7 ms\n"));

  // Two errors in one file are one file with errors; two files are two.
  ir::Finding second = run.result.findings[0];
  second.span.begin.line = 3;
  run.result.findings.push_back(second);
  CHECK(contains(run.write("text"), "in 2 files, 1 file with errors, 1 resource"));
  second.span.file = run.result.findings[1].span.file;
  run.result.findings.push_back(second);
  CHECK(contains(run.write("text"), "in 2 files, 2 files with errors, 1 resource"));

  run.result.findings.resize(1);
  run.result.findings[0].category = "deletion-protection";
  run.result.errors.clear();
  CHECK(contains(run.write("text"), "1 finding (1 high) in 2 files, 1 resource, 12 rules, 7 ms\n"));
}

TEST_CASE("the text summary counts files with errors even when no finding reports them") {
  // BW001 findings suppressed, or below what the run fails on: the errors remain.
  HandMadeRun run;
  run.result.findings.erase(run.result.findings.begin());
  std::string text = run.write("text");
  CHECK(contains(text, "broken.tf:1:14: error: unclosed configuration block\n"));
  CHECK(contains(text, "1 finding (1 high) in 2 files, 1 file with errors, 1 resource"));
  // A file that could not be read has no span, only a path.
  run.result.errors.push_back({ir::DiagnosticLevel::Error, {}, "unreadable.tf", "cannot read"});
  CHECK(contains(run.write("text"), "in 2 files, 2 files with errors, 1 resource"));
  // Errors that hide nothing are not counted.
  run.result.errors.back().unanalyzable = false;
  CHECK(contains(run.write("text"), "in 2 files, 1 file with errors, 1 resource"));
}

TEST_CASE(
    "values past a limit: a summary line always, each shown with --unknown=report, "
    "and listed in JSON") {
  HandMadeRun run;
  ir::FileId db = run.result.findings[1].span.file;
  auto limit = [&](uint32_t line, std::string message) {
    run.result.limits.push_back({ir::DiagnosticLevel::Limit,
                                 {db, {0, line, 3}, {1, line, 4}},
                                 "",
                                 std::move(message),
                                 false});
  };
  CHECK(!contains(run.write("text"), "limits"));
  limit(1, "evaluation_steps limit (5000000) reached while evaluating local.heavy");
  std::string text = run.write("text");
  CHECK(contains(text,
                 "\n1 value is unknown because it hit blastwall's limits (evaluation_steps); "
                 "--unknown=report shows where; docs/LIMITS.md says how to raise them\n"));
  CHECK(!contains(text, "note: evaluation_steps"));
  limit(2, "evaluation_steps limit (5000000) reached");
  limit(2, "string_bytes limit (16777216) reached");
  limit(3, "something unforeseen");
  text = run.write("text", {.report_unknown = true});
  CHECK(contains(
      text,
      "4 values are unknown because they hit blastwall's limits (evaluation_steps "
      "\u00d72, string_bytes, something unforeseen); docs/LIMITS.md says how to raise them\n"));
  CHECK(contains(text,
                 "envs/prod/db.tf:2:3: note: string_bytes limit (16777216) reached\n"
                 "  |\n"
                 "2 |   deletion_protection = false\n"
                 "  |   ^\n"));

  auto json = nlohmann::json::parse(run.write("json"));
  REQUIRE(json["limits"].size() == 4);
  CHECK(json["limits"][1]["path"] == "envs/prod/db.tf");
  CHECK(json["limits"][1]["line"] == 2);
  CHECK(json["limits"][1]["column"] == 3);
  CHECK(json["limits"][1]["message"] == "evaluation_steps limit (5000000) reached");
  CHECK(json["stats"]["limited"] == 4);
}

TEST_CASE("the text writer escapes what the repository controls, and cuts long lines") {
  HandMadeRun run;
  auto& sources = run.result.model.sources;
  std::string line = "x = \"\x1b]0;t\x07\" + " + std::string(5000, 'y') + " + z\n";
  ir::FileId evil = sources.add("ev\x1bil\x07.tf", line, "ev\x1bil\x07.tf");
  uint32_t z = static_cast<uint32_t>(line.size() - 2);
  run.result.findings.push_back(HandMadeRun::finding(
      "BW101", "n", "deletion-protection", ir::Severity::High,
      {evil, {z, 1, z + 1}, {z + 1, 1, z + 2}}, "value \x9b\xc2\x9b is \x1b[2J"));
  std::string text = run.write("text");
  CHECK(std::all_of(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) || c == '\n';
  }));
  CHECK(contains(text, "ev\\x1bil\\x07.tf:1:"));
  CHECK(contains(text, "value \\x9b\\u009b is \\x1b[2J [BW101]"));
  // The quoted line is cut around the caret, which stays under the z.
  size_t quoted = text.find("1 | \u2026");
  REQUIRE(quoted != std::string::npos);
  size_t end = text.find('\n', quoted);
  std::string shown = text.substr(quoted, end - quoted);
  CHECK(shown.ends_with("y + z"));
  size_t marks_start = end + 1;
  std::string marks = text.substr(marks_start, text.find('\n', marks_start) - marks_start);
  // Columns: the ellipsis is three bytes and one column.
  CHECK(marks.find('^') + 2 == shown.size() - 1);
}

TEST_CASE("the text writer colours only when asked, and --stats shows files per frontend") {
  HandMadeRun run;
  CHECK(!contains(run.write("text"), "\033["));
  CHECK(contains(run.write("text", {.color = true}), "\033[1;31mhigh\033[0m"));
  CHECK(!contains(run.write("text", {.show_fix = false}), "= fix:"));

  run.result.stats.frontend_files = {{"cloudformation", 3}, {"terraform", 12}};
  CHECK(!contains(run.write("text"), "files by frontend"));
  std::string detailed = run.write("text", {.stats = true});
  CHECK(contains(detailed, "phase        thread-ms   share\n"));
  CHECK(contains(detailed, "\nfiles by frontend: cloudformation 3, terraform 12\n"));
}

// The pack as the built-in rules make it, from an empty repository.
const compiler::RulePack& builtin_pack() {
  static engine::Engine* engine = [] {
    auto root =
        std::filesystem::temp_directory_path() / ("bw-writers-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(root);
    engine::Options options;
    options.root = root.string();
    options.paths = {root.string()};
    auto* loaded = new engine::Engine;
    std::vector<compiler::CompileError> errors;
    REQUIRE(loaded->load(options, errors));
    std::filesystem::remove_all(root);
    return loaded;
  }();
  return engine->pack();
}

TEST_CASE("rules as JSON: the shape `blastwall rules --format json` always had") {
  const compiler::RulePack& pack = builtin_pack();
  REQUIRE(!pack.rules().empty());
  auto writer = report::find_format("json")->make({});
  REQUIRE(writer->lists_rules());
  std::ostringstream out;
  writer->write_rules(out, pack);
  // What the CLI built with nlohmann before the writers listed rules.
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& r : pack.rules())
    list.push_back({{"id", r->id},
                    {"name", r->name},
                    {"category", r->category},
                    {"severity", ir::to_string(r->severity)},
                    {"kinds", r->kinds},
                    {"builtin", r->builtin},
                    {"path", r->path}});
  CHECK(out.str() ==
        list.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

TEST_CASE("rules as text: one rule a line, in columns") {
  const compiler::RulePack& pack = builtin_pack();
  auto writer = report::find_format("text")->make({});
  REQUIRE(writer->lists_rules());
  std::ostringstream out;
  writer->write_rules(out, pack);
  std::string text = out.str();
  CHECK(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) == pack.rules().size());
  const compiler::Rule& first = *pack.rules().front();
  std::string kinds;
  for (const auto& k : first.kinds) kinds += (kinds.empty() ? "" : ",") + k;
  char line[512];
  std::snprintf(line, sizeof line, "%-7s %-9s %-22s %-42s %s\n", first.id.c_str(),
                std::string(ir::to_string(first.severity)).c_str(), first.category.c_str(),
                first.name.c_str(), kinds.c_str());
  CHECK(text.substr(0, text.find('\n') + 1) == line);
}

TEST_CASE("parts not analysed: one summary line per group, each shown with --unknown=report") {
  HandMadeRun run;
  ir::FileId db = run.result.findings[1].span.file;
  static const ir::NotAnalysedGroup kRemote{"module call", "module calls",
                                            "remote modules outside the table (a remedy)"};
  static const ir::NotAnalysedGroup kTemplate{"template", "templates",
                                              "a foreign preprocessor (a remedy)"};
  auto part = [&](uint32_t line, const ir::NotAnalysedGroup& group, std::string message) {
    ir::Diagnostic d{ir::DiagnosticLevel::NotAnalysed,
                     {db, {0, line, 1}, {1, line, 2}},
                     "",
                     std::move(message),
                     false};
    d.group = &group;
    run.result.not_analysed.push_back(d);
  };
  CHECK(!contains(run.write("text"), "not analysed"));
  part(1, kRemote, "module \"a\": not in the table");
  part(2, kTemplate, "template: foreign");
  part(3, kRemote, "module \"b\": not in the table");
  std::string text = run.write("text");
  CHECK(contains(text,
                 "\n2 module calls are not analysed: remote modules outside the table (a "
                 "remedy); --unknown=report shows where\n1 template is not analysed: a "
                 "foreign preprocessor (a remedy); --unknown=report shows where\n"));
  CHECK(!contains(text, "note: module \"a\""));
  std::string shown = run.write("text", {.report_unknown = true});
  CHECK(contains(shown, ":1:1: note: module \"a\": not in the table\n"));
  CHECK(contains(shown,
                 "\n2 module calls are not analysed: remote modules outside the table (a "
                 "remedy)\n"));
  auto json = nlohmann::json::parse(run.write("json"));
  REQUIRE(json["not_analysed"].size() == 3);
  CHECK(json["not_analysed"][1]["what"] == "template");
  CHECK(json["not_analysed"][1]["line"] == 2);
  CHECK(json["stats"]["not_analysed"] == 3);
}
