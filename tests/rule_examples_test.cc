// Runs every built-in rule's documented examples (ruff-style): the bad one
// must make the rule fire, the good one must not. A documented example that
// does not do what the docs say is a bug nobody would see otherwise.

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "engine/analyse.h"
#include "engine/discover.h"
#include "engine/engine.h"
#include "engine/evaluate.h"
#include "frontends/registry.h"
#include "rules/embedded.h"

namespace fs = std::filesystem;
using namespace bw;

namespace {

// A repository with nothing in it: the example is the only file.
class EmptySource : public engine::Source {
 public:
  bool list(std::string_view directory, std::vector<engine::DirEntry>& entries,
            std::string& error) const override {
    entries.clear();
    if (engine::normalize_relative(directory).value_or("x").empty()) return true;
    error = "no such directory";
    return false;
  }
  bool read(std::string_view, std::string&, std::string& error) const override {
    error = "no such file";
    return false;
  }
  std::optional<engine::DirEntry::Type> type_of(std::string_view path) const override {
    if (engine::normalize_relative(path).value_or("x").empty())
      return engine::DirEntry::Type::Directory;
    return std::nullopt;
  }
};

struct Fired {
  size_t known = 0;
  size_t unknown = 0;
  std::string report;
};

Fired run(const engine::Engine& engine, const std::string& path, const std::string& text,
          const std::string& rule) {
  EmptySource empty;
  engine::OverlaySource source(empty, {{path, text}});
  engine::Result result = engine.run({&source, {engine.workspace().root}});
  Fired fired;
  for (const ir::Finding& f : result.findings) {
    fired.report += std::string(f.rule) + ": " + f.message + "\n";
    if (f.rule != rule) continue;
    (f.unknown ? fired.unknown : fired.known)++;
  }
  for (const ir::Diagnostic& d : result.errors) fired.report += "error: " + d.message + "\n";
  return fired;
}

// The rule files of the built-in pack, counted from what is embedded.
size_t builtin_rule_files() {
  size_t count = 0;
  for (const rules::EmbeddedFile& file : rules::embedded_files())
    if (rules::role_of(file.path, frontends::data_folders()) == rules::FileRole::Rule) ++count;
  return count;
}

// The input languages a rule covers: the frontends that read some provider
// type mapped to one of its kinds (a mapping that names no frontend holds
// in every one).
std::set<std::string> languages(const compiler::Rule& rule, const compiler::Kinds& kinds,
                                const std::vector<std::unique_ptr<frontends::Frontend>>& all) {
  std::set<std::string> out;
  auto covered = [&](const std::string& kind) {
    return rule.kinds.empty() ||
           std::find(rule.kinds.begin(), rule.kinds.end(), kind) != rule.kinds.end();
  };
  for (const auto& [type, mappings] : kinds.mappings())
    for (const compiler::TypeMapping& mapping : mappings) {
      if (!covered(mapping.kind)) continue;
      for (const auto& frontend : all) {
        std::string name(frontend->name());
        if (mapping.frontends.empty() ||
            std::find(mapping.frontends.begin(), mapping.frontends.end(), name) !=
                mapping.frontends.end())
          out.insert(name);
      }
    }
  return out;
}

// A rule about planned changes (its predicate reads `self.change`) needs
// examples only in the languages that carry plans: a configuration of the
// same kinds never plans a change, so no example in it could fire.
bool about_planned_changes(const compiler::Rule& rule) {
  return rule.when && compiler::reach(*rule.when).change;
}

}  // namespace

TEST_CASE("every built-in rule has an example in each input language it covers") {
  engine::Options options;
  options.root = fs::temp_directory_path().string();
  engine::Engine engine;
  std::vector<compiler::CompileError> errors;
  REQUIRE(engine.load(options, errors));
  auto frontends = frontends::make_frontends();
  for (const auto& rule : engine.pack().rules()) {
    if (!rule->builtin) continue;
    std::set<std::string> wanted = languages(*rule, engine.pack().kinds(), frontends);
    CHECK_MESSAGE(!wanted.empty(), rule->id << " covers no language a frontend reads");
    std::vector<frontends::Frontend*> offered;
    for (const auto& frontend : frontends) offered.push_back(frontend.get());
    for (size_t f = 0; f < offered.size(); ++f) {
      const frontends::Frontend* frontend = offered[f];
      if (!wanted.count(std::string(frontend->name()))) continue;
      // An example shows the language only when discovery would give it to this frontend.
      bool shown = std::any_of(
          rule->examples.begin(), rule->examples.end(), [&](const compiler::Example& example) {
            return engine::choose_frontend(offered, example.path, example.bad) == f;
          });
      if (!shown && about_planned_changes(*rule)) continue;
      CHECK_MESSAGE(
          shown, rule->id << " covers " << frontend->name() << " but has no example that it reads");
    }
  }
}

TEST_CASE("every built-in rule's bad example fires and its good example does not") {
  fs::path root = fs::temp_directory_path() / ("bw-rule-examples-" + std::to_string(::getpid()));
  fs::create_directories(root);
  engine::Options options;
  options.root = root.string();
  options.paths = {root.string()};
  options.report_unknown = true;
  engine::Engine engine;
  std::vector<compiler::CompileError> errors;
  REQUIRE(engine.load(options, errors));
  // Counted from the pack, not written down: a rule added without examples,
  // or examples that stop being run, fail here.
  size_t rules = 0, documented = 0, ran = 0;
  for (const auto& rule : engine.pack().rules()) {
    if (!rule->builtin) continue;
    ++rules;
    documented += rule->examples.size();
    CHECK_MESSAGE(!rule->examples.empty(), rule->id << " documents no example");
    for (const compiler::Example& example : rule->examples) {
      ++ran;
      CHECK_MESSAGE(!example.bad.empty(),
                    rule->id << ": the example " << example.path << " has no bad file");
      Fired bad = run(engine, example.path, example.bad, rule->id);
      CHECK_MESSAGE(bad.known >= 1, rule->id << ": the bad example " << example.path
                                             << " does not fire\n"
                                             << bad.report);
      Fired good = run(engine, example.path, example.good, rule->id);
      CHECK_MESSAGE(good.known + good.unknown == 0, rule->id << ": the good example "
                                                             << example.path << " fires\n"
                                                             << good.report);
    }
  }
  CHECK(rules == builtin_rule_files());
  CHECK(ran == documented);
  CHECK(ran >= rules);
  fs::remove_all(root);
}

// A unit lets go of its resources once its own rules have run; what rules
// over the whole repository read stays, and findings of both survive.
TEST_CASE("units keep only the resources the repository rules may read") {
  fs::path root = fs::temp_directory_path() / ("bw-retain-" + std::to_string(::getpid()));
  fs::create_directories(root / "rules");
  {
    std::ofstream rule(root / "rules" / "covered.yaml");
    rule << "id: ACME401\nname: database-without-backup-selection\ncategory: backup-missing\n"
            "severity: medium\nkinds: [database]\n"
            "when: '!resources(\"backup-selection\").exists(s, s.edges(\"database\")"
            ".exists(d, d == self))'\n"
            "message: \"{type} '{name}' is in no AWS Backup selection\"\n";
  }
  engine::Options options;
  options.root = root.string();
  options.paths = {root.string()};
  options.rule_directories = {(root / "rules").string()};
  engine::Engine engine;
  std::vector<compiler::CompileError> errors;
  REQUIRE(engine.load(options, errors));
  for (const auto& e : errors) FAIL_CHECK(e.format());

  // ACME401 asks the repository, and so does BW452 (a backup selection or a
  // copy of the automated backups may sit in another root module); every other
  // built-in rule reads only its unit.
  engine::RepositoryNeeds needs = engine::repository_needs(engine.pack());
  std::set<std::string> ids;
  for (const compiler::Rule* rule : needs.rules) ids.insert(rule->id);
  CHECK(ids == std::set<std::string>{"ACME401", "BW452"});
  CHECK(needs.kinds == std::set<std::string, std::less<>>{"automated-backups-replication",
                                                          "backup-selection", "database",
                                                          "object-store"});
  CHECK(!needs.every_kind);

  EmptySource empty;
  engine::OverlaySource source(
      empty, {{"prod/main.tf",
               "resource \"aws_db_instance\" \"orders\" {\n  identifier = \"orders\"\n"
               "  deletion_protection = false\n}\n"
               "resource \"aws_db_instance\" \"scratch\" {\n  identifier = \"scratch\"\n}\n"
               "resource \"aws_launch_template\" \"app\" {\n  user_data = \"echo hi\"\n}\n"},
              {"backups/main.tf",
               "resource \"aws_backup_selection\" \"all\" {\n  name = \"all\"\n"
               "  resources = [\"arn:aws:rds:eu-west-1:123456789012:db:orders\"]\n}\n"}});
  engine::Result result = engine.run({&source, {engine.workspace().root}});
  std::set<std::string> kept;
  for (const ir::Resource& r : result.model.resources) kept.insert(r.address);
  CHECK(kept == std::set<std::string>{"aws_backup_selection.all", "aws_db_instance.orders",
                                      "aws_db_instance.scratch"});
  CHECK(result.stats.resources == 4);  // counted before the launch template went
  std::set<std::string> found;
  for (const ir::Finding& f : result.findings)
    if (f.rule == "BW101" || f.rule == "ACME401")
      found.insert(std::string(f.rule) + " " + f.resource);
  CHECK(found == std::set<std::string>{"ACME401 aws_db_instance.scratch",
                                       "BW101 aws_db_instance.orders",
                                       "BW101 aws_db_instance.scratch"});
  fs::remove_all(root);
}
