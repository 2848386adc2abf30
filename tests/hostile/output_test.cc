// Hostile output (issue 11): what the scanned repository controls — file
// names, source lines, values quoted in messages — reaches a terminal only
// escaped, snippets are cut to a sensible width, and values past a limit are
// counted in every summary.
#include <string>

#include "hostile.h"

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// No byte a terminal would obey: C0 controls but tab and newline, DEL, and
// the C1 controls' UTF-8 forms.
bool terminal_safe(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return false;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F)
      return false;
  }
  return true;
}

size_t longest_line(const std::string& text) {
  size_t longest = 0, start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    longest = std::max(longest, end - start);
  return std::max(longest, text.size() - start);
}

}  // namespace

TEST_CASE("ESC and BEL in a snippet reach the terminal escaped, the caret still aligned") {
  hostile::Scratch s;
  s.write("main.tf", hostile::canary_tf());
  // A title-setting sequence and a screen clear inside a value and a comment,
  // on the line a finding quotes.
  s.write("db.tf",
          "resource \"aws_db_instance\" \"evil\" {\n"
          "  identifier = \"\x1b]0;owned\x07\"  # \x1b[2J\x1b[H\xc2\x9b"
          "31m\n"
          "  deletion_protection = \"\x1b[8m\" == \"x\" ? true : false # \x07\n"
          "}\n");
  s.git_commit_all();
  hostile::Outcome o = hostile::run("check . --color always", s.root());
  CHECK(o.status == 1);
  // Colour is ours: strip our own SGR sequences, then nothing raw may remain.
  std::string plain = hostile::run("check .", s.root()).out;
  CHECK_MESSAGE(terminal_safe(plain), plain);
  CHECK(contains(plain, "\\x1b[8m"));
  CHECK(contains(plain, "main.tf:2:"));  // the canary
  // The caret under `"\x1b[8m" == ...` counts the escape's four columns.
  size_t line = plain.find("3 |   deletion_protection = \"\\x1b[8m\"");
  REQUIRE_MESSAGE(line != std::string::npos, plain);
  size_t caret_line = plain.find('\n', line) + 1;
  std::string marks = plain.substr(caret_line, plain.find('\n', caret_line) - caret_line);
  size_t quoted = plain.find("= \"", line) + 2 - line;  // column of the value in the quoted line
  CHECK_MESSAGE(marks.find('^') == quoted, marks);
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE("control characters in a file name reach the terminal escaped") {
  hostile::Scratch s;
  s.write("main.tf", hostile::canary_tf());
  s.write("a\x1b[31mred\x07.tf",
          "resource \"aws_db_instance\" \"named\" {\n"
          "  deletion_protection = false\n}\n");
  s.write("broken\x1b]2;x\x07.tf", "resource \"x\" {\n");
  s.git_commit_all();
  hostile::Outcome o = hostile::run("check .", s.root());
  CHECK(o.status == 1);
  CHECK_MESSAGE(terminal_safe(o.out), o.out);
  CHECK(terminal_safe(o.err));
  CHECK(contains(o.out, "a\\x1b[31mred\\x07.tf:2:"));
  CHECK(contains(o.out, "broken\\x1b]2;x\\x07.tf:"));
  CHECK(contains(o.out, "main.tf:2:"));  // the canary
  // JSON keeps the name, escaped its own way.
  hostile::Outcome json = hostile::run("check . --format json", s.root());
  CHECK(!hostile::findings(json, "BW101", "a\x1b[31mred\x07.tf").empty());
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE("control characters in configuration errors reach standard error escaped") {
  {
    hostile::Scratch s;
    s.write("main.tf", hostile::canary_tf());
    s.write(".blastwall.yaml", "\"\\e[2J\": 1\n");
    s.git_commit_all();
    hostile::Outcome o = hostile::run("check .", s.root());
    CHECK(o.status == 2);
    CHECK_MESSAGE(terminal_safe(o.err), o.err);
    CHECK(contains(o.err, ".blastwall.yaml:1:1: error: unknown key '\\x1b[2J' in configuration"));
  }
  {
    hostile::Scratch s;
    s.write("main.tf", hostile::canary_tf());
    s.write(".blastwall.yaml", "rules:\n  disable: [\"BW\\e]0;x\\a9\"]\n");
    s.git_commit_all();
    hostile::Outcome o = hostile::run("check .", s.root());
    CHECK(o.status == 2);
    CHECK_MESSAGE(terminal_safe(o.err), o.err);
    CHECK(contains(o.err, "unknown rule BW\\x1b]0;x\\x079"));
  }
}

TEST_CASE("a 400 KB one-line expression too deep: the snippet is cut around the caret") {
  hostile::Scratch s;
  s.write("main.tf", hostile::canary_tf());
  std::string deep(200'000, '(');
  s.write("deep.tf", "locals {\n  x = " + deep + "1" + std::string(200'000, ')') + "\n}\n");
  s.git_commit_all();
  hostile::Outcome o = hostile::run("check .", s.root());
  CHECK(o.status == 1);
  CHECK(contains(o.out, "[BW001]"));
  CHECK(contains(o.out, "main.tf:2:"));  // the canary
  CHECK_MESSAGE(longest_line(o.out) < 400, longest_line(o.out));
  CHECK(o.out.size() < 20'000);
  CHECK(contains(o.out, "\u2026"));
  // Every snippet's caret is under its line: the marks are no wider than it.
  hostile::check_bounded(o, 5, 300);
}

TEST_CASE("values past a limit are counted in the summary and listed in JSON") {
  hostile::Scratch s;
  // The canary in a root module of its own: its own budget.
  s.write("canary/main.tf", hostile::canary_tf());
  // A small evaluation budget and a value that needs more than it.
  std::string expr = "\"x\"";
  for (int i = 0; i < 3; ++i) expr = "join(\",\", [for i in range(40) : " + expr + "])";
  s.write("heavy.tf",
          "locals {\n  heavy = " + expr + "\n}\noutput \"o\" { value = local.heavy }\n");
  s.write(".blastwall.yaml", "limits:\n  evaluation_steps: 1000\n  string_bytes: 4096\n");
  s.git_commit_all();
  hostile::Outcome json = hostile::run("check . --format json", s.root());
  REQUIRE(json.json.is_object());
  CHECK(!hostile::findings(json, "BW101", "canary/main.tf").empty());  // the canary
  REQUIRE(json.json.contains("limits"));
  REQUIRE(json.json["stats"].contains("limited"));
  size_t limited = json.json["limits"].size();
  CHECK(json.json["stats"]["limited"] == limited);
  for (const auto& l : json.json["limits"]) {
    CHECK(l.contains("path"));
    CHECK(l.contains("line"));
    CHECK(l.contains("column"));
    CHECK(l["message"].get<std::string>().find("limit") != std::string::npos);
  }
  hostile::Outcome text = hostile::run("check .", s.root());
  hostile::Outcome report = hostile::run("check . --unknown=report", s.root());
  REQUIRE_MESSAGE(limited > 0, json.out);
  std::string count = std::to_string(limited);
  CHECK_MESSAGE(contains(text.out, count + (limited == 1 ? " value is" : " values are") +
                                       " unknown because"),
                text.out);
  CHECK(contains(text.out, "evaluation_steps"));
  CHECK(contains(text.out, "docs/LIMITS.md"));
  CHECK(contains(report.out, "heavy.tf:2:"));
  CHECK(contains(report.out, ": note: "));
  hostile::check_bounded(json, 10, 500);
}
