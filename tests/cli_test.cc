// End-to-end: runs the built binary as a user would and checks the contracts
// users script against: exit codes, the JSON shape, errors with file:line:col.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_run.h"
#include "frontends/registry.h"
#include "rules/embedded.h"

namespace {

// The rules of the built-in pack, counted from its embedded files.
size_t builtin_rules() {
  size_t count = 0;
  for (const bw::rules::EmbeddedFile& file : bw::rules::embedded_files())
    if (bw::rules::role_of(file.path, bw::frontends::data_folders()) == bw::rules::FileRole::Rule)
      ++count;
  return count;
}

}  // namespace

TEST_CASE("json output follows the contract and exits 1 on findings") {
  Scratch s({{"db.tf", "resource \"aws_db_instance\" \"main\" {\n  engine = \"postgres\"\n}\n"}});
  Run r = run("check . --format json", s.root.string());
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["version"] == 1);
  REQUIRE(j["findings"].size() == 1);
  auto f = j["findings"][0];
  CHECK(f["rule"] == "BW101");
  CHECK(f["name"] == "database-deletion-protection-off");
  CHECK(f["category"] == "deletion-protection");
  CHECK(f["severity"] == "high");
  CHECK(f["path"] == "db.tf");
  CHECK(f["line"] == 1);
  CHECK(f["column"] == 1);
  CHECK(f["resource"] == "aws_db_instance.main");
  CHECK(f["instance"] == ".");
  CHECK(f["related"].is_array());
  CHECK(f["fingerprint"].get<std::string>().size() == 16);
  for (const char* key : {"end_line", "end_column", "message", "environment", "environment_reason"})
    CHECK(f.contains(key));
  CHECK(f.size() == 16);
  CHECK(j["errors"].is_array());
  CHECK(j["warnings"].is_array());
  CHECK(j["stats"]["files"] == 1);
  CHECK(j["stats"]["resources"] == 1);
  CHECK(j["stats"]["rules"].get<size_t>() == builtin_rules());
  CHECK(j["stats"].contains("elapsed_ms"));
}

TEST_CASE("input that is not UTF-8 still gives valid JSON") {
  // A file name need not be UTF-8; Terraform rejects such bytes inside a file.
  Scratch s({{"caf\xe9\x9a.tf", "resource \"aws_db_instance\" \"main\" {}\n"},
             {"labels.tf", "resource \"aws_db_instance\" \"caf\xe9\" {}\n"}});
  Run r = run("check . --format json", s.root.string());
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 2);
  CHECK(j["findings"][0]["rule"] == "BW101");
  CHECK(j["findings"][0]["path"].get<std::string>().find("\xef\xbf\xbd") != std::string::npos);
  CHECK(j["findings"][1]["rule"] == "BW001");
  CHECK(j["findings"][1]["message"].get<std::string>().find("Invalid character encoding") !=
        std::string::npos);
}

TEST_CASE("a clean scan exits 0; --fail-on decides what fails") {
  Scratch s(
      {{"db.tf", "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = true\n}\n"}});
  CHECK(run("check .", s.root.string()).status == 0);
  Scratch finding({{"db.tf", "resource \"aws_db_instance\" \"main\" {}\n"}});
  CHECK(run("check . --fail-on critical", finding.root.string()).status == 0);
  CHECK(run("check . --fail-on high", finding.root.string()).status == 1);
}

TEST_CASE("text output reads like a compiler's") {
  Scratch s({{"envs/prod/db.tf",
              "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = false\n}\n"}});
  Run r = run("check .", s.root.string());
  CHECK(r.status == 1);
  CHECK(r.out.find("envs/prod/db.tf:2:25: high: aws_db_instance 'main' can be deleted by one API "
                   "call: deletion protection is off [BW101]") != std::string::npos);
  CHECK(r.out.find("2 |   deletion_protection = false") != std::string::npos);
  CHECK(r.out.find("^~~~~") != std::string::npos);
  CHECK(r.out.find("= fix: Set deletion protection on") != std::string::npos);
  CHECK(r.out.find("\033[") == std::string::npos);  // NO_COLOR
}

TEST_CASE("a finding that rests on a platform default says so") {
  Scratch s({{"db.tf", "resource \"aws_db_instance\" \"main\" {}\n"}});
  Run r = run("check .", s.root.string());
  CHECK(r.out.find("= note: deletion_protection is not set; the platform default is false") !=
        std::string::npos);
}

TEST_CASE("a value set elsewhere is traced to where it is written, module instances are named") {
  Scratch s({{"main.tf", "module \"orders\" {\n  source = \"./db\"\n  protect = false\n}\n"},
             {"db/main.tf",
              "variable \"protect\" {}\n"
              "resource \"aws_db_instance\" \"this\" {\n"
              "  deletion_protection = var.protect\n}\n"}});
  Run r = run("check .", s.root.string());
  CHECK(r.out.find("db/main.tf:3:25: high:") != std::string::npos);
  CHECK(r.out.find("= in: module.orders.aws_db_instance.this, of instance .") != std::string::npos);
  CHECK(r.out.find("= note: main.tf:3:13: the value false is set here") != std::string::npos);
  CHECK(r.out.find("= note: main.tf:1:1: reached through this call") != std::string::npos);
  auto related = nlohmann::json::parse(
      run("check . --format json", s.root.string()).out)["findings"][0]["related"];
  REQUIRE(related.size() == 2);
  CHECK(related[0]["path"] == "main.tf");
  CHECK(related[0]["line"] == 3);
  CHECK(related[0]["column"] == 13);
  CHECK(related[0]["message"] == "the value false is set here");
}

TEST_CASE("a rule with a misspelt property fails with file:line:col and exit 2") {
  Scratch s({{"rules/bad.yaml",
              "id: ACME1\nname: typo\ncategory: deletion-protection\nseverity: high\n"
              "kinds: [database]\nwhen: self.deletion_protecton == false\nmessage: m\n"},
             {"main.tf", ""}});
  Run r = run("check . --rules rules", s.root.string());
  CHECK(r.status == 2);
  CHECK(r.out.find("rules/bad.yaml:6:12:") != std::string::npos);
  CHECK(r.out.find("deletion_protecton") != std::string::npos);
  CHECK(r.out.find("did you mean 'deletion_protection'") != std::string::npos);
}

TEST_CASE("a syntax error is an unanalyzable finding and other files still report") {
  Scratch s({{"a/broken.tf", "resource \"aws_db_instance\" \"x\" {\n  engine = \n"},
             {"b/db.tf", "resource \"aws_db_instance\" \"main\" {}\n"}});
  Run r = run("check . --format json", s.root.string());
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  bool unanalyzable = false, other = false;
  for (const auto& f : j["findings"]) {
    if (f["category"] == "unanalyzable" && f["path"] == "a/broken.tf") unanalyzable = true;
    if (f["rule"] == "BW101" && f["path"] == "b/db.tf") other = true;
  }
  CHECK(unanalyzable);
  CHECK(other);
  CHECK(j["errors"].size() >= 1);

  // In text the syntax error is shown once, as its finding.
  Run text = run("check .", s.root.string());
  size_t first = text.out.find("missing value after 'engine ='");
  REQUIRE(first != std::string::npos);
  CHECK(text.out.find("missing value after 'engine ='", first + 1) == std::string::npos);
  CHECK(text.out.find("[BW001]") != std::string::npos);
}

TEST_CASE("an unknown variable is silent by default and reported on request") {
  Scratch s(
      {{"db.tf",
        "variable \"protect\" {}\n"
        "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = var.protect\n}\n"}});
  Run quiet = run("check . --format json", s.root.string());
  CHECK(quiet.status == 0);
  CHECK(nlohmann::json::parse(quiet.out)["findings"].empty());
  Run loud = run("check . --format json --unknown=report", s.root.string());
  auto findings = nlohmann::json::parse(loud.out)["findings"];
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["rule"] == "BW101");
  CHECK(findings[0]["line"] == 3);
  // Regression: an unknown finding stated the hazard as a fact.
  CHECK(findings[0]["message"] ==
        "aws_db_instance 'main' may be deletable by one API call: whether deletion protection is "
        "on could not be determined (unknown: deletion_protection is unknown: variable "
        "\"protect\" has no value (no default and no tfvars))");
}

TEST_CASE("usage errors exit 2 and help teaches") {
  CHECK(run("check --format yaml").status == 2);
  CHECK(run("frobnicate").status == 2);
  CHECK(run("check does/not/exist").status == 2);
  Run help = run("--help");
  CHECK(help.status == 0);
  CHECK(help.out.find("Exit codes") != std::string::npos);
  CHECK(help.out.find("--output text --output json=out.json") != std::string::npos);
  Run check_help = run("check --help");
  CHECK(check_help.out.find("--output FORMAT[=FILE]") != std::string::npos);
  CHECK(check_help.out.find("(text, json)") != std::string::npos);
  CHECK(check_help.out.find("  json        the versioned JSON contract") != std::string::npos);
  CHECK(check_help.out.find("--output text --output json=out.json") != std::string::npos);
}

TEST_CASE("rules and explain describe the pack") {
  Run rules = run("rules --format json");
  CHECK(rules.status == 0);
  auto list = nlohmann::ordered_json::parse(rules.out);
  CHECK(list.size() == builtin_rules());
  // The shape scripts read, printed as it always was.
  CHECK(rules.out == list.dump(2) + "\n");
  for (const auto& rule : list) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : rule.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"id", "name", "category", "severity", "kinds", "builtin",
                                           "path"});
    CHECK(rule["kinds"].is_array());
    CHECK(rule["builtin"].is_boolean());
  }
  Run text = run("rules");
  CHECK(text.status == 0);
  CHECK(static_cast<size_t>(std::count(text.out.begin(), text.out.end(), '\n')) == list.size());
  CHECK(text.out.rfind(list[0]["id"].get<std::string>() + " ", 0) == 0);
  Run explain = run("explain BW101");
  CHECK(explain.status == 0);
  CHECK(explain.out.find("deletion-protection") != std::string::npos);
  CHECK(explain.out.find("Example (main.tf):") != std::string::npos);
  CHECK(explain.out.find("Use instead") != std::string::npos);
  CHECK(run("explain BW999").status == 2);
}

TEST_CASE("explain shows each of a rule's examples, old single form too") {
  const char* head =
      "id: ACME101\nname: database-off\ncategory: deletion-protection\nseverity: high\n"
      "kinds: [database]\nwhen: self.deletion_protection == false\n"
      "message: \"{type} '{name}' is off\"\n";
  Scratch s({{"rules/listed.yaml", std::string(head) +
                                       "examples:\n"
                                       "  - path: main.tf\n    bad: 'tf bad'\n    good: 'tf good'\n"
                                       "  - path: template.yaml\n    bad: 'yaml bad'\n"},
             {"old/single.yaml", std::string(head).replace(4, 7, "ACME102") +
                                     "example: {path: db.tf, bad: 'old bad', good: 'old good'}\n"},
             {"main.tf", ""}});
  Run listed = run("explain ACME101 --rules rules", s.root.string());
  CHECK(listed.status == 0);
  size_t tf = listed.out.find("Example (main.tf):\n\ntf bad\nUse instead:\n\ntf good");
  size_t yaml = listed.out.find("Example (template.yaml):\n\nyaml bad");
  CHECK(tf != std::string::npos);
  CHECK(yaml != std::string::npos);
  CHECK(tf < yaml);
  Run single = run("explain ACME102 --rules old", s.root.string());
  CHECK(single.status == 0);
  CHECK(single.out.find("Example (db.tf):\n\nold bad") != std::string::npos);
}

TEST_CASE("configuration errors name the file and line and exit 2") {
  Scratch s({{".blastwall.yaml", "rules:\n  disable: [BW101]\nfail-onn: high\n"}, {"main.tf", ""}});
  Run r = run("check .", s.root.string());
  CHECK(r.status == 2);
  CHECK(r.out.find(".blastwall.yaml:3:1: error: unknown key 'fail-onn'") != std::string::npos);
}

TEST_CASE("configuration disables rules and declares environments") {
  Scratch s({{".blastwall.yaml",
              "environments:\n  prod: [\"infra/eu/**\"]\nrules:\n  disable: [BW101]\n"},
             {"infra/eu/db.tf",
              "resource \"aws_db_instance\" \"main\" {\n"
              "  deletion_protection = true\n  delete_automated_backups = false\n}\n"}});
  Run r = run("check . --format json", s.root.string());
  auto findings = nlohmann::json::parse(r.out)["findings"];
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["rule"] == "BW201");
  CHECK(findings[0]["environment"] == "prod");
}

namespace {

std::vector<std::string> rules_at(const std::string& json) {
  std::vector<std::string> out;
  nlohmann::json parsed = nlohmann::json::parse(json);
  for (const auto& f : parsed["findings"])
    out.push_back(f["rule"].get<std::string>() + " " + f["path"].get<std::string>() + ":" +
                  std::to_string(f["line"].get<int>()) + " " + f["instance"].get<std::string>());
  return out;
}

// A repository whose root module calls a module above it: the usual layout.
const std::initializer_list<std::pair<std::string, std::string>> kLayout = {
    {".git/HEAD", "ref: refs/heads/main\n"},
    {"envs/prod/main.tf", "module \"db\" {\n  source = \"../../modules/db\"\n}\n"},
    {"envs/dev/main.tf", "module \"db\" {\n  source = \"../../modules/db\"\n  protect = true\n}\n"},
    {"modules/db/main.tf",
     "variable \"protect\" {\n  default = false\n}\n"
     "resource \"aws_db_instance\" \"this\" {\n  deletion_protection = var.protect\n"
     "  delete_automated_backups = false\n}\n"}};

}  // namespace

TEST_CASE("a module above the scanned path is read and its findings reported") {
  Scratch s(kLayout);
  Run r = run("check envs/prod --format json", s.root.string());
  CHECK(r.status == 1);
  // Regression: this printed a warning ("no .tf files found") and passed.
  CHECK(rules_at(r.out) == std::vector<std::string>{"BW201 modules/db/main.tf:4 envs/prod",
                                                    "BW101 modules/db/main.tf:5 envs/prod"});
  CHECK(nlohmann::json::parse(r.out)["warnings"].empty());
  // The dev instance protects its database: nothing to report there.
  CHECK(rules_at(run("check envs/dev --format json", s.root.string()).out).empty());
}

TEST_CASE("scanning from a subdirectory gives the same findings as naming it") {
  Scratch s(kLayout);
  Run named = run("check envs/prod --format json", s.root.string());
  Run inside = run("check . --format json", (s.root / "envs/prod").string());
  REQUIRE(nlohmann::json::parse(inside.out)["findings"].size() == 2);
  auto a = nlohmann::json::parse(named.out)["findings"];
  auto b = nlohmann::json::parse(inside.out)["findings"];
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i]["rule"] == b[i]["rule"]);
    CHECK(a[i]["environment"] == "prod");  // from envs/prod, the instance's root module
    CHECK(b[i]["environment"] == "prod");
    CHECK(a[i]["instance"] == b[i]["instance"]);
    CHECK(a[i]["fingerprint"] == b[i]["fingerprint"]);  // the working directory changes nothing
  }
  CHECK(b[0]["path"] == "../../modules/db/main.tf");
}

TEST_CASE("a module called from two roots gives two instances with their own fingerprints") {
  Scratch s({{".git/HEAD", ""},
             {"a/main.tf", "module \"db\" {\n  source = \"../modules/db\"\n}\n"},
             {"b/main.tf", "module \"db\" {\n  source = \"../modules/db\"\n}\n"},
             {"modules/db/main.tf",
              "resource \"aws_db_instance\" \"this\" {\n  deletion_protection = false\n}\n"}});
  Run r = run("check modules/db --format json", s.root.string());
  auto findings = nlohmann::json::parse(r.out)["findings"];
  REQUIRE(findings.size() == 2);
  CHECK(findings[0]["instance"] == "a");
  CHECK(findings[1]["instance"] == "b");
  CHECK(findings[0]["fingerprint"] != findings[1]["fingerprint"]);
}

TEST_CASE("a symlinked scan root, or a symlink above it, works like the real path") {
  Scratch s(kLayout);
  fs::path link = s.root.string() + "-link";
  fs::create_directory_symlink(s.root, link);
  Run real = run("check " + (s.root / "envs/prod").string() + " --format json", "/");
  Run through = run("check " + (link / "envs/prod").string() + " --format json", "/");
  Run from_link = run("check . --format json", (link / "envs/prod").string());
  fs::remove(link);
  CHECK(through.status == 1);
  CHECK(rules_at(through.out).size() == 2);
  CHECK(nlohmann::json::parse(through.out)["findings"][0]["fingerprint"] ==
        nlohmann::json::parse(real.out)["findings"][0]["fingerprint"]);
  CHECK(rules_at(from_link.out).size() == 2);
}

TEST_CASE("a local module that cannot be read is an unanalyzable finding at the call") {
  Scratch s({{".git/HEAD", ""},
             {"repo/main.tf",
              "module \"gone\" {\n  source = \"./nowhere\"\n}\n"
              "module \"out\" {\n  source = \"../../../outside\"\n}\n"}});
  Run r = run("check repo --format json", s.root.string());
  CHECK(r.status == 1);
  auto findings = nlohmann::json::parse(r.out)["findings"];
  REQUIRE(findings.size() == 2);
  CHECK(findings[0]["rule"] == "BW001");
  CHECK(findings[0]["line"] == 1);
  CHECK(findings[1]["rule"] == "BW001");
  CHECK(findings[1]["line"] == 4);
  CHECK(findings[1]["message"].get<std::string>().find("outside the repository root") !=
        std::string::npos);
}

TEST_CASE("a path outside the root is a usage error, and --root chooses the root") {
  Scratch s({{"a/.blastwall.yaml", ""}, {"a/main.tf", ""}, {"b/x.tf", ""}});
  Run r = run("check . ../b", (s.root / "a").string());
  CHECK(r.status == 2);
  CHECK(r.out.find("lies outside the repository root") != std::string::npos);
  Run widened = run("check . ../b --root " + s.root.string(), (s.root / "a").string());
  CHECK(widened.status == 0);
}

TEST_CASE("--revision scans a commit without checking it out") {
  Scratch s(
      {{"db.tf", "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = false\n}\n"}});
  std::string git = "git -C '" + s.root.string() + "' -c user.email=t@t -c user.name=t ";
  REQUIRE(std::system(
              (git + "init -q && " + git + "add -A && " + git + "commit -q -m one").c_str()) == 0);
  std::ofstream(s.root / "db.tf")
      << "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = true\n}\n";
  CHECK(run("check .", s.root.string()).status == 0);
  Run old = run("check . --revision HEAD --format json", s.root.string());
  CHECK(old.status == 1);
  CHECK(rules_at(old.out) == std::vector<std::string>{"BW101 db.tf:2 ."});
  CHECK(run("check . --revision nope", s.root.string()).status == 2);
}

TEST_CASE("the summary counts in words: one resource, two resources") {
  Scratch s(
      {{"db.tf", "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = true\n}\n"}});
  Run r = run("check .", s.root.string());
  CHECK(r.out.find("in 1 file, 1 resource, ") != std::string::npos);
}

// Regression: a file that could not be read was an error but not a finding, so
// the run passed. It is an unanalyzable finding now, and fails the run.
TEST_CASE("a file that cannot be read is an unanalyzable finding that fails the run") {
  Scratch s(
      {{"ok.tf", "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = true\n}\n"}});
  {
    std::ofstream big(s.root / "generated.tf");
    std::string line(1023, '#');
    for (int i = 0; i < 17 * 1024; ++i) big << line << "\n";
  }
  Run r = run("check . --format json", s.root.string());
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["rule"] == "BW001");
  CHECK(j["findings"][0]["path"] == "generated.tf");
  CHECK(j["findings"][0]["message"].get<std::string>().find("larger than 16 MiB") !=
        std::string::npos);
}

TEST_CASE("an undeclared variable fails the run with one unanalyzable finding") {
  // Regression: this printed an error, then "no findings", and exited 0.
  Scratch s(
      {{"db.tf", "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = var.dp\n}\n"}});
  Run r = run("check . --format json", s.root.string());
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["rule"] == "BW001");
  CHECK(j["findings"][0]["line"] == 2);
  CHECK(j["findings"][0]["column"] == 25);
  CHECK(j["findings"][0]["message"].get<std::string>().find(
            "Reference to undeclared input variable") != std::string::npos);
  CHECK(run("check .", s.root.string()).status == 1);
  // A variable declared without a value is merely not in the repository: silent.
  Scratch unset({{"db.tf",
                  "variable \"dp\" {}\n"
                  "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = var.dp\n}\n"}});
  Run quiet = run("check . --format json", unset.root.string());
  CHECK(quiet.status == 0);
  CHECK(nlohmann::json::parse(quiet.out)["findings"].empty());
}

TEST_CASE("a .tf.json file is read: what it declares may be referenced, nothing else") {
  // The root module and the module it calls both declare the VPC in JSON.
  const char* vpc = "{\"resource\": {\"aws_vpc\": {\"main\": {}}}}\n";
  const char* uses = "resource \"aws_subnet\" \"a\" {\n  vpc_id = aws_vpc.main.id\n}\n";
  Scratch with({{"main.tf", uses},
                {"vpc.tf.json", vpc},
                {"call.tf", "module \"net\" {\n  source = \"./net\"\n}\n"},
                {"net/main.tf", uses},
                {"net/vpc.tf.json", vpc}});
  Run quiet = run("check . --format json", with.root.string());
  CHECK(quiet.status == 0);
  CHECK(nlohmann::json::parse(quiet.out)["findings"].empty());
  // A JSON file no longer hides undeclared names: it declares only what it holds.
  Scratch other(
      {{"main.tf", uses}, {"other.tf.json", "{\"resource\": {\"aws_vpc\": {\"other\": {}}}}\n"}});
  Run r = run("check . --format json", other.root.string());
  CHECK(r.status == 1);
  auto findings = nlohmann::json::parse(r.out)["findings"];
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["message"].get<std::string>().find("Reference to undeclared resource") !=
        std::string::npos);
  // A database written in JSON is checked where it is written.
  Scratch db({{"db.tf.json",
               "{\n  \"resource\": {\n    \"aws_db_instance\": {\n      \"main\": {\n"
               "        \"deletion_protection\": false,\n"
               "        \"backup_retention_period\": 7\n      }\n    }\n  }\n}\n"}});
  Run found = run("check . --format json", db.root.string());
  auto rules = nlohmann::json::parse(found.out)["findings"];
  bool protection = false;
  for (const auto& finding : rules)
    if (finding["rule"] == "BW101") {
      protection = true;
      CHECK(finding["path"] == "db.tf.json");
      CHECK(finding["line"] == 5);
      CHECK(finding["column"] == 32);
    }
  CHECK(protection);
}

// Outside git and without configuration the root is the scanned directory.
const std::initializer_list<std::pair<std::string, std::string>> kNoRepository = {
    {"sub/main.tf", "resource \"aws_db_instance\" \"main\" {}\n"},
    {"other/readme.txt", ""},
    {"envs/prod/main.tf",
     "resource \"aws_db_instance\" \"main\" {\n  delete_automated_backups = false\n}\n"}};

TEST_CASE("outside git, paths are relative to the current directory, never absolute") {
  Scratch s(kNoRepository);
  // Regression: these were absolute (/tmp/.../sub/main.tf).
  Run json = run("check sub --format json", s.root.string());
  auto findings = nlohmann::json::parse(json.out)["findings"];
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["path"] == "sub/main.tf");
  CHECK(findings[0]["instance"] == ".");  // root-relative: the root is sub
  Run text = run("check sub", s.root.string());
  CHECK(text.out.find("sub/main.tf:1:1") != std::string::npos);
  CHECK(text.out.find(s.root.string()) == std::string::npos);
  Run inside = run("check ../sub --format json", (s.root / "sub").string());
  CHECK(nlohmann::json::parse(inside.out)["findings"][0]["path"] == "main.tf");
  Run beside = run("check ../sub --format json", (s.root / "other").string());
  CHECK(nlohmann::json::parse(beside.out)["findings"][0]["path"] == "../sub/main.tf");
  Run beside_text = run("check ../sub", (s.root / "other").string());
  CHECK(beside_text.out.find("../sub/main.tf:1:1") != std::string::npos);
}

TEST_CASE("outside git, scanning envs/prod from inside it is scanning it from the top") {
  Scratch s(kNoRepository);
  Run top = run("check envs/prod --format json", s.root.string());
  Run inside = run("check . --format json", (s.root / "envs/prod").string());
  CHECK(top.status == 1);
  CHECK(inside.status == 1);
  auto a = nlohmann::json::parse(top.out)["findings"];
  auto b = nlohmann::json::parse(inside.out)["findings"];
  // BW101, and BW201 which only production fires.
  REQUIRE(a.size() == 2);
  REQUIRE(b.size() == 2);
  CHECK(a[1]["rule"] == "BW201");
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i]["rule"] == b[i]["rule"]);
    CHECK(a[i]["message"] == b[i]["message"]);
    CHECK(a[i]["instance"] == b[i]["instance"]);
    CHECK(a[i]["fingerprint"] == b[i]["fingerprint"]);
    // The root's own name is the environment, and the finding says why.
    CHECK(a[i]["environment"] == "prod");
    CHECK(b[i]["environment"] == "prod");
    CHECK(b[i]["environment_reason"].get<std::string>().find("root's name 'prod'") !=
          std::string::npos);
    CHECK(a[i]["path"] == "envs/prod/main.tf");
    CHECK(b[i]["path"] == "main.tf");
  }
  // The text report says where that environment came from.
  Run text = run("check .", (s.root / "envs/prod").string());
  CHECK(text.out.find("= note: environment prod, from the repository root's name 'prod'") !=
        std::string::npos);
  // A root whose name is no environment word gives none.
  Run sub = run("check sub --format json", s.root.string());
  CHECK(nlohmann::json::parse(sub.out)["findings"][0]["environment"] == "");
}

TEST_CASE("outside git, a module above the scanned path names --root as the remedy") {
  Scratch s({{"envs/prod/main.tf", "module \"db\" {\n  source = \"../../modules/db\"\n}\n"},
             {"modules/db/main.tf",
              "resource \"aws_db_instance\" \"this\" {\n  delete_automated_backups = false\n}\n"}});
  Run r = run("check envs/prod --format json", s.root.string());
  CHECK(r.status == 1);
  auto findings = nlohmann::json::parse(r.out)["findings"];
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["rule"] == "BW001");
  CHECK(findings[0]["path"] == "envs/prod/main.tf");
  std::string message = findings[0]["message"];
  CHECK(message.find("outside the repository root") != std::string::npos);
  CHECK(message.find("--root") != std::string::npos);
  CHECK(message.find(".blastwall.yaml") != std::string::npos);
  // With the root chosen, the module is analysed.
  Run rooted = run("check envs/prod --root . --format json", s.root.string());
  CHECK(rules_at(rooted.out) == std::vector<std::string>{"BW101 modules/db/main.tf:1 envs/prod",
                                                         "BW201 modules/db/main.tf:1 envs/prod"});
}

namespace {

// A root module whose deletion protection comes only from a variable.
const char* kProtectedByVariable =
    "variable \"protect\" {\n  type = bool\n}\n"
    "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = var.protect\n"
    "  delete_automated_backups = false\n}\n";

}  // namespace

TEST_CASE("--var-file decides what was unknown without it") {
  Scratch s({{"main.tf", kProtectedByVariable}, {"prod.tfvars", "protect = false\n"}});
  Run before = run("check . --format json --unknown=report", s.root.string());
  auto j = nlohmann::json::parse(before.out);
  REQUIRE(j["findings"].size() == 1);
  // An unknown says so at the end of its message.
  CHECK(j["findings"][0]["message"].get<std::string>().find("(unknown") != std::string::npos);
  Run after = run("check . --format json --var-file prod.tfvars", s.root.string());
  CHECK(after.status == 1);
  j = nlohmann::json::parse(after.out);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["rule"] == "BW101");
  CHECK(j["findings"][0]["message"].get<std::string>().find("(unknown") == std::string::npos);
  CHECK(j["findings"][0]["line"] == 5);
  // Given from a subdirectory, the path is the user's, relative to it.
  fs::create_directories(s.root / "sub");
  CHECK(run("check .. --var-file ../prod.tfvars", (s.root / "sub").string()).status == 1);
}

TEST_CASE("--var gives a value as Terraform's -var does") {
  Scratch s({{"main.tf", kProtectedByVariable}});
  CHECK(run("check . --var protect=false", s.root.string()).status == 1);
  CHECK(run("check . --var protect=true", s.root.string()).status == 0);
  Run wrong = run("check . --var protect", s.root.string());
  CHECK(wrong.status == 2);
  CHECK(wrong.out.find("--var protect: the given --var option is not correctly specified") !=
        std::string::npos);
}

TEST_CASE("variables apply in Terraform's order: tfvars, auto files, then the command line") {
  Scratch s({{"main.tf", kProtectedByVariable},
             {"terraform.tfvars", "protect = false\n"},
             {"a.auto.tfvars", "protect = true\n"},
             {"off.tfvars", "protect = false\n"},
             {"on.tfvars", "protect = true\n"}});
  CHECK(run("check .", s.root.string()).status == 0);  // a.auto.tfvars wins over terraform.tfvars
  CHECK(run("check . --var-file off.tfvars", s.root.string()).status == 1);
  // Files and values in command-line order, whichever flag: the last one wins.
  CHECK(run("check . --var-file off.tfvars --var protect=true", s.root.string()).status == 0);
  CHECK(run("check . --var protect=true --var-file off.tfvars", s.root.string()).status == 1);
  CHECK(run("check . --var-file off.tfvars --var-file on.tfvars", s.root.string()).status == 0);
  CHECK(run("check . --var-file on.tfvars --var-file off.tfvars", s.root.string()).status == 1);
  // Each flag takes one value: a path after it is a path to check.
  CHECK(run("check --var-file on.tfvars --var-file off.tfvars .", s.root.string()).status == 1);
  CHECK(run("check --var protect=true . --var-file off.tfvars", s.root.string()).status == 1);
}

TEST_CASE("--var-file outside the root, missing, or for no root module is a usage error") {
  Scratch outside({{"elsewhere.tfvars", "protect = false\n"}});
  Scratch s({{"main.tf", kProtectedByVariable}, {"docs/notes.tf", "# no resources\n"}});
  fs::create_directories(s.root / ".git");  // the root is the repository, not the scanned path
  Run out =
      run("check . --var-file " + (outside.root / "elsewhere.tfvars").string(), s.root.string());
  CHECK(out.status == 2);
  CHECK(out.out.find("elsewhere.tfvars: lies outside the repository root") != std::string::npos);
  CHECK(out.out.find("nothing was checked") != std::string::npos);
  Run missing = run("check . --var-file prod.tfvars", s.root.string());
  CHECK(missing.status == 2);
  CHECK(missing.out.find("Given variables file prod.tfvars does not exist") != std::string::npos);
  // docs/notes.tf is a root module of its own; naming only a file of the
  // repository root's module gives the values to that module alone.
  CHECK(run("check main.tf --var protect=false", s.root.string()).status == 1);
  fs::create_directories(s.root / "empty");
  std::ofstream(s.root / "empty" / "README") << "nothing here\n";
  Run none = run("check empty --var protect=false", s.root.string());
  CHECK(none.status == 2);
  CHECK(none.out.find("'empty' holds none") != std::string::npos);
}

TEST_CASE("environments of .blastwall.yaml: one instance of the root module each") {
  Scratch s({{".blastwall.yaml",
              "terraform:\n"
              "  environments:\n"
              "    production: {var-files: [envs/prod.tfvars]}\n"
              "    staging: {var-files: [envs/staging.tfvars], root: infra}\n"},
             {"infra/main.tf", kProtectedByVariable},
             {"envs/prod.tfvars", "protect = false\n"},
             {"envs/staging.tfvars", "protect = false\n"}});
  Run r = run("check . --format json", s.root.string());
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  std::vector<nlohmann::json> protection, guard;
  for (const auto& f : j["findings"]) (f["rule"] == "BW101" ? protection : guard).push_back(f);
  REQUIRE(protection.size() == 2);
  CHECK(protection[0]["instance"] == "infra [production]");
  CHECK(protection[0]["environment"] == "prod");
  CHECK(protection[1]["instance"] == "infra [staging]");
  CHECK(protection[1]["environment"] == "staging");
  CHECK(protection[0]["fingerprint"] != protection[1]["fingerprint"]);
  CHECK(protection[0]["line"] == protection[1]["line"]);
  // The rule for production alone fires in the production instance alone.
  REQUIRE(guard.size() == 1);
  CHECK(guard[0]["rule"] == "BW201");
  CHECK(guard[0]["instance"] == "infra [production]");
  Run text = run("check . --color never", s.root.string());
  CHECK(text.out.find("of instance infra [production]") != std::string::npos);
  CHECK(text.out.find("of instance infra [staging]") != std::string::npos);
  // The command line applies on top of each environment's files.
  j = nlohmann::json::parse(run("check . --format json --var protect=true", s.root.string()).out);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["rule"] == "BW201");
}

TEST_CASE("environments of .blastwall.yaml: mistakes are errors with line and column") {
  Scratch s({{".blastwall.yaml",
              "terraform:\n"
              "  environments:\n"
              "    production: {var-files: [envs/prod.tfvars]}\n"
              "    staging: {var-files: [envs/staging.tfvars], root: infra}\n"},
             {"infra/main.tf", kProtectedByVariable},
             {"envs/prod.tfvars", "protect = false\n"}});
  Run r = run("check .", s.root.string());
  CHECK(r.status == 2);
  CHECK(r.out.find(".blastwall.yaml:4:27: error: environment 'staging''s variable file "
                   "'envs/staging.tfvars' does not exist") != std::string::npos);
  CHECK(r.out.find("nothing was checked") != std::string::npos);
  Scratch t({{".blastwall.yaml",
              "terraform:\n  environments:\n    production: {var-files: [p.tfvars], root: db}\n"},
             {"main.tf", "module \"db\" {\n  source = \"./db\"\n}\n"},
             {"db/main.tf", kProtectedByVariable},
             {"p.tfvars", "protect = false\n"}});
  // db is a module main.tf calls, not a root module: nothing takes the files.
  Run unused = run("check .", t.root.string());
  CHECK(unused.status == 2);
  CHECK(unused.out.find("environment 'production': 'db' holds no root module") !=
        std::string::npos);
}
