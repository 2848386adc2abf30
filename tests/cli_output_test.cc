// End-to-end: the writers a run is given (--output, --format), where each
// writes, what fails, and the version the binary reports.

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_run.h"

// CMake's project(VERSION) is the one source of the version.
TEST_CASE("the version is CMake's") {
  CHECK(run("--version").out == BLASTWALL_VERSION "\n");
  CHECK(run("version").out == "blastwall " BLASTWALL_VERSION "\n");
}

TEST_CASE("--output writes several formats in one run, each where it is told") {
  Scratch s({{"src/db.tf", "resource \"aws_db_instance\" \"main\" {}\n"}});
  fs::create_directories(s.root / "out");
  std::string file = (s.root / "out" / "report.json").string();
  Run both = run("check src --output text --output json=" + file, s.root.string());
  CHECK(both.status == 1);
  CHECK(both.out.find("src/db.tf:1:1: high:") != std::string::npos);
  CHECK(both.out.find("1 finding (1 high) in 1 file, ") != std::string::npos);
  CHECK(both.out.find("\"version\"") == std::string::npos);  // the JSON went to its file
  std::ifstream written(file);
  auto j = nlohmann::json::parse(written);
  auto alone = nlohmann::json::parse(run("check src --format json", s.root.string()).out);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"] == alone["findings"]);
  CHECK(j["stats"]["frontends"].is_object());

  // Only files were asked for: nothing on standard output.
  std::string text_file = (s.root / "out" / "report.txt").string();
  Run quiet =
      run("check src --output json=" + file + " --output text=" + text_file, s.root.string());
  CHECK(quiet.status == 1);
  CHECK(quiet.out.empty());
  std::stringstream text;
  text << std::ifstream(text_file).rdbuf();
  CHECK(text.str().find("src/db.tf:1:1: high:") != std::string::npos);
}

TEST_CASE("colour goes to a terminal or where --color always says, never into a file") {
  Scratch s({{"db.tf", "resource \"aws_db_instance\" \"main\" {}\n"}});
  std::string file = s.root.string() + ".txt";
  Run r = run("check . --color always --output text=" + file + " --output json", s.root.string());
  std::stringstream text;
  text << std::ifstream(file).rdbuf();
  fs::remove(file);
  CHECK(text.str().find("[BW101]") != std::string::npos);
  CHECK(text.str().find("\033[") == std::string::npos);
  CHECK(nlohmann::json::parse(r.out)["findings"].size() == 1);
  CHECK(run("check . --color always", s.root.string()).out.find("\033[") != std::string::npos);
}

TEST_CASE("--output: an unwritable file, two writers to standard output, an unknown format") {
  Scratch s({{"db.tf", "resource \"aws_db_instance\" \"main\" {}\n"}});
  Run unwritable = run("check . --output json=/nonexistent/dir/x", s.root.string());
  CHECK(unwritable.status == 2);
  CHECK(unwritable.out ==
        "blastwall: cannot write the json report to /nonexistent/dir/x: No such file or "
        "directory\n");

  if (fs::exists("/dev/full")) {  // opens, then every write fails: the disk is full
    Run full = run("check . --output json=/dev/full --output text", s.root.string());
    CHECK(full.status == 2);
    CHECK(full.out.find("blastwall: cannot write the json report to /dev/full: No space left "
                        "on device\n") != std::string::npos);
    CHECK(full.out.find("[BW101]") != std::string::npos);  // the other writer still wrote
  }

  Run two = run("check . --output text --output json", s.root.string());
  CHECK(two.status == 2);
  CHECK(two.out.find("both text and json would write to standard output") != std::string::npos);
  CHECK(run("check . --format json --output text", s.root.string()).status == 2);

  for (const char* arguments : {"check . --output yaml", "check . --format yaml",
                                "check . --output text --output yaml=x.yaml"}) {
    Run unknown = run(arguments, s.root.string());
    CHECK(unknown.status == 2);
    CHECK(unknown.out == "blastwall: unknown output format 'yaml'; the formats are text, json\n");
  }
  Run rules = run("rules --format yaml");
  CHECK(rules.status == 2);
  CHECK(rules.out.find("the formats are text, json") != std::string::npos);
}

TEST_CASE("the summary names the files with errors") {
  Scratch s({{"a/broken.tf", "resource \"aws_db_instance\" \"x\" {\n  engine = \n"},
             {"b/db.tf", "resource \"aws_db_instance\" \"main\" {}\n"}});
  Run r = run("check .", s.root.string());
  CHECK(r.out.find(" in 2 files, 1 file with errors, ") != std::string::npos);
  Scratch clean({{"db.tf", "resource \"aws_db_instance\" \"main\" {}\n"}});
  CHECK(run("check .", clean.root.string()).out.find("with errors") == std::string::npos);
}

TEST_CASE("remote modules outside the table are counted, shown with --unknown=report, in JSON") {
  Scratch s({{"main.tf",
              "module \"a\" {\n  source = \"app.terraform.io/acme/db/aws\"\n}\n"
              "module \"b\" {\n  source = \"github.com/acme/terraform-aws-db\"\n}\n"
              "module \"c\" {\n  source  = \"terraform-aws-modules/rds/aws\"\n"
              "  version = \"~> 5.0\"\n}\n"
              "module \"d\" {\n  source     = \"terraform-aws-modules/rds/aws\"\n"
              "  identifier = \"d\"\n  deletion_protection = true\n}\n"}});
  Run quiet = run("check .", s.root.string());
  CHECK(quiet.status == 0);
  CHECK(quiet.out.find("2 module calls are not analysed: remote modules neither installed nor in "
                       "blastwall's module table (terraform init, or a table entry); "
                       "--unknown=report shows where\n") != std::string::npos);
  CHECK(quiet.out.find("1 module call is not analysed: their version selects a release") !=
        std::string::npos);
  CHECK(quiet.out.find("main.tf:1:1: note:") == std::string::npos);

  Run shown = run("check . --unknown=report", s.root.string());
  CHECK(shown.out.find("main.tf:1:1: note: module \"a\": \"app.terraform.io/acme/db/aws\" is a "
                       "remote module, neither installed nor in blastwall's module table") !=
        std::string::npos);
  CHECK(shown.out.find("main.tf:7:1: note: module \"c\": version \"~> 5.0\" admits no release") !=
        std::string::npos);
  CHECK(shown.out.find("--unknown=report shows where") == std::string::npos);

  auto j = nlohmann::json::parse(run("check . --format json", s.root.string()).out);
  REQUIRE(j["not_analysed"].size() == 3);
  CHECK(j["not_analysed"][0]["path"] == "main.tf");
  CHECK(j["not_analysed"][0]["line"] == 1);
  CHECK(j["not_analysed"][0]["what"] == "module call");
  CHECK(j["stats"]["not_analysed"] == 3);
  CHECK(j["findings"].empty());  // module "d" protects its instance
}

TEST_CASE("a module default that hides a hazard is a finding at the call, saying whose default") {
  Scratch s({{"main.tf",
              "module \"db\" {\n  source     = \"terraform-aws-modules/rds/aws\"\n"
              "  identifier = \"db\"\n}\n"}});
  auto j = nlohmann::json::parse(run("check . --format json", s.root.string()).out);
  REQUIRE(j["findings"].size() == 1);
  const auto& f = j["findings"][0];
  CHECK(f["rule"] == "BW101");
  CHECK(f["line"] == 1);
  CHECK(f["resource"] == "module.db.module.db_instance.aws_db_instance.this[0]");
  REQUIRE(f["related"].size() >= 1);
  CHECK(f["related"][0]["message"].get<std::string>().find(
            "deletion_protection is not set: false is the default of "
            "terraform-aws-modules/rds/aws 7.x") == 0);
  CHECK(j["stats"]["not_analysed"] == 0);
}

TEST_CASE("a terraform-modules folder of a rule directory adds to the table; a mistake is exit 2") {
  const char* entry =
      "module: acme/db/aws\n"
      "sources: [acme/db/aws]\n"
      "versions:\n"
      "  - majors: [1]\n"
      "    inputs: {protect: false}\n"
      "    resources:\n"
      "      - type: aws_db_instance\n"
      "        address: aws_db_instance.main\n"
      "        attributes: {deletion_protection: protect}\n";
  Scratch s(
      {{"main.tf", "module \"db\" {\n  source  = \"acme/db/aws\"\n  version = \"1.2.0\"\n}\n"},
       {".blastwall/rules/terraform-modules/acme-db.yaml", entry}});
  auto j = nlohmann::json::parse(run("check . --format json", s.root.string()).out);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["resource"] == "module.db.aws_db_instance.main");
  CHECK(j["not_analysed"].empty());

  std::string broken(entry);
  broken.replace(broken.find("protect}"), 8, "protekt}");
  Scratch b({{"main.tf", "module \"db\" {\n  source = \"acme/db/aws\"\n}\n"},
             {".blastwall/rules/terraform-modules/acme-db.yaml", broken}});
  Run r = run("check .", b.root.string());
  CHECK(r.status == 2);
  CHECK(r.out.find("acme-db.yaml:9:") != std::string::npos);
  CHECK(r.out.find("'protekt' is not one of this version's inputs") != std::string::npos);
}
