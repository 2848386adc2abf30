// Runs the fixture harness on fixtures made for the purpose: what it must
// accept and what it must refuse. A harness that passes a wrong column or a
// wrong message would let every fixture drift.

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "run_command.h"

namespace fs = std::filesystem;

namespace {

using Run = tests::CommandRun;

// A repository holding `files`, and the harness run on its fixture `fixture`.
Run harness(const std::map<std::string, std::string>& files, const std::string& fixture) {
  static int counter = 0;
  fs::path root = fs::temp_directory_path() /
                  ("bw-harness-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(root);
  for (const auto& [name, text] : files) {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name) << text;
  }
  Run r = tests::run_command("'" FIXTURE_TEST_BINARY "' '" + root.string() + "' '" + fixture +
                             "' 2>&1");
  fs::remove_all(root);
  return r;
}

const char* kDatabase =
    "resource \"aws_db_instance\" \"orders\" {\n"
    "  deletion_protection     = false\n"
    "  backup_retention_period = 7\n"
    "  skip_final_snapshot     = false\n"
    "}\n";

// The one finding kDatabase gives, as a sidecar item.
std::string item(const std::string& column, const std::string& message) {
  return "- {line: 2, column: " + column + ", rule: BW101, message: \"" + message + "\"}\n";
}

}  // namespace

TEST_CASE("a sidecar that states the finding passes") {
  Run ok = harness({{"dev/db.tf", kDatabase},
                    {"dev/db.tf.expect", item("29", "can be deleted by one API call")}},
                   "dev/db.tf");
  CHECK_MESSAGE(ok.status == 0, ok.out);
  CHECK(ok.out.find("(1 expectations)") != std::string::npos);
}

TEST_CASE("a sidecar with a wrong column or a wrong message part fails") {
  Run column = harness({{"dev/db.tf", kDatabase},
                        {"dev/db.tf.expect", item("28", "can be deleted by one API call")}},
                       "dev/db.tf");
  CHECK(column.status == 1);
  CHECK(column.out.find("- missing    dev/db.tf:2:28: finding BW101") != std::string::npos);
  CHECK(column.out.find("+ unexpected dev/db.tf:2:29: finding BW101") != std::string::npos);

  Run message = harness(
      {{"dev/db.tf", kDatabase}, {"dev/db.tf.expect", item("29", "can be dropped by one call")}},
      "dev/db.tf");
  CHECK(message.status == 1);
  CHECK(message.out.find("- missing    dev/db.tf:2:29: finding BW101 \"can be dropped") !=
        std::string::npos);
}

TEST_CASE("a finding expected without its column or message fails, however it is written") {
  Run comment =
      harness({{"dev/db.tf", std::string(kDatabase).replace(std::string(kDatabase).find("false\n"),
                                                            6, "false # expect: BW101\n")}},
              "dev/db.tf");
  CHECK(comment.status == 1);
  CHECK(comment.out.find("dev/db.tf:2: the expected BW101 at line 2 needs a column and a part "
                         "of its message") != std::string::npos);

  Run sidecar = harness(
      {{"dev/db.tf", kDatabase}, {"dev/db.tf.expect", "- {line: 2, column: 29, rule: BW101}\n"}},
      "dev/db.tf");
  CHECK(sidecar.status == 1);
  CHECK(sidecar.out.find("dev/db.tf.expect:1: the expected BW101 at line 2 needs a part of its "
                         "message") != std::string::npos);
}

TEST_CASE("a malformed sidecar fails the fixture with its path and line") {
  Run r = harness({{"dev/db.tf", kDatabase},
                   {"dev/db.tf.expect", item("29", "can be deleted") + "- {line: two}\n"}},
                  "dev/db.tf");
  CHECK(r.status == 1);
  CHECK(r.out.find("dev/db.tf.expect:2: 'line' is a line or column number, from 1") !=
        std::string::npos);
}

TEST_CASE("a directory's expect.yaml, F.expect and comments are merged") {
  std::map<std::string, std::string> files = {
      {"fx/.fixture", ""},
      {"fx/dev/db.tf", kDatabase},
      {"fx/dev/more.tf",
       "resource \"aws_db_instance\" \"more\" {\n"
       "  deletion_protection     = false # expect: BW101:29 \"'more' can be deleted\"\n"
       "  backup_retention_period = 7\n"
       "  skip_final_snapshot     = false\n"
       "}\n"},
      {"fx/expect.yaml",
       "- {path: dev/db.tf, line: 2, column: 29, rule: BW101, message: \"'orders' can be\"}\n"},
      {"fx/dev/more.tf.expect", ""}};  // an empty sidecar expects nothing
  Run r = harness(files, "fx");
  CHECK_MESSAGE(r.status == 0, r.out);
  CHECK(r.out.find("(2 expectations)") != std::string::npos);

  files["fx/stray.expect"] = "";
  Run stray = harness(files, "fx");
  CHECK(stray.status == 1);
  CHECK(stray.out.find("fx/stray.expect: a sidecar is F.expect beside a file F") !=
        std::string::npos);
}
