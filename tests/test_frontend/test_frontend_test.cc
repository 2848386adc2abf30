// The test frontends through the whole engine: registered with one line each,
// they claim YAML and JSON files by content against each other, produce
// resources the test rules cover, can be forced by `.blastwall.yaml`, are
// counted per frontend, and their order in the registry changes nothing.

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/engine.h"
#include "frontends/registry.h"
#include "report/writers.h"
#include "tests/test_frontend/test_frontends.h"
#include "tests/test_frontend/yaml_document.h"

namespace fs = std::filesystem;
using namespace bw;

namespace {

const char* kShaped =
    "resources:\n"
    "  orders:\n"
    "    type: test_store\n"
    "    deletion_protection: false\n";
const char* kMarked = "{\"test-resources\": 1, \"resources\": {}}\n";
const char* kSettings = "retries: 3\nbackups: false\n";

// A repository in a temporary directory, scanned with the test rules.
struct Repository {
  fs::path root;
  explicit Repository(const std::string& name) {
    root = fs::temp_directory_path() / ("bw-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    root = fs::canonical(root);
  }
  ~Repository() { fs::remove_all(root); }
  void write(const std::string& name, const std::string& text) {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name) << text;
  }
  // Findings point into the rule pack: the engine of the last scan stays.
  engine::Result scan(const std::string& named = "") {
    engine::Options options;
    options.root = root.string();
    options.paths = {(root / named).string()};
    options.rule_directories = {TEST_FRONTEND_RULES};
    options.jobs = 1;
    engine = std::make_unique<engine::Engine>();
    std::vector<compiler::CompileError> errors;
    bool loaded = engine->load(options, errors);
    for (const auto& e : errors) FAIL_CHECK(e.format());
    REQUIRE(loaded);
    return engine->run({nullptr, options.paths});
  }
  std::unique_ptr<engine::Engine> engine;
};

// "rule path:line" for each finding, paths root-relative.
std::vector<std::string> findings(const engine::Result& result) {
  std::vector<std::string> out;
  for (const ir::Finding& f : result.findings) {
    std::string path = result.model.sources.file(f.span.file).relative;
    out.push_back(std::string(f.rule) + " " + path + ":" + std::to_string(f.span.begin.line));
  }
  return out;
}

std::string json_of(const engine::Result& result, const engine::Engine& engine) {
  std::ostringstream out;
  report::find_format("json")
      ->make({.timing = false})
      ->write(out, {result, engine.pack(), engine.workspace().root});
  return out.str();
}

}  // namespace

TEST_CASE("the test frontends are registered by their own line, beside the built-ins") {
  std::vector<std::string> names = frontends::Registry::global().names();
  CHECK(std::find(names.begin(), names.end(), "test-resources") != names.end());
  CHECK(std::find(names.begin(), names.end(), "test-settings") != names.end());
  CHECK(std::find(names.begin(), names.end(), "terraform") != names.end());
}

TEST_CASE("test-resources scores its marker above its shape; test-settings takes anything") {
  auto resources = tests::make_resources_frontend();
  auto settings = tests::make_settings_frontend();
  CHECK(resources->claim("a.json", kMarked) == 90);
  CHECK(resources->claim("a.yaml", kShaped) == 80);
  CHECK(resources->claim("a.yaml", kSettings) == 0);
  CHECK(resources->claim("a.yaml", "resources:\n  x: {type: aws_db_instance}\n") == 0);
  CHECK(resources->claim("a.yaml", "resources: [\n") == 0);  // does not parse
  CHECK(settings->claim("a.yaml", kSettings) == 10);
  CHECK(settings->claim("a.yaml", kShaped) == 10);
  for (const auto* f : {resources.get(), settings.get()}) {
    CHECK(f->wants("deploy/app.yaml"));
    CHECK(f->wants("app.yml"));
    CHECK(f->wants("template.json"));
    CHECK_FALSE(f->wants("main.tf"));
    CHECK_FALSE(f->wants(".blastwall.yaml"));
    CHECK_FALSE(f->wants("sub/.blastwall.yaml"));
    CHECK_FALSE(f->wants(".blastwall/rules/x.yaml"));
  }
}

TEST_CASE("a file shaped for test-resources goes to it, another to the catch-all") {
  Repository repo("test-frontends");
  repo.write("stores.yaml", kShaped);
  repo.write("stores.json",
             "{\"test-resources\": 1,\n"
             " \"resources\": {\"ledger\": {\"type\": \"test_store\"}}}\n");
  repo.write("settings.yaml", kSettings);
  repo.write("main.tf", "resource \"aws_db_instance\" \"a\" {\n  deletion_protection = true\n}\n");
  engine::Result result = repo.scan();
  CHECK(result.errors.empty());
  CHECK(findings(result) == std::vector<std::string>{"TEST201 settings.yaml:2",
                                                     "TEST101 stores.json:2",
                                                     "TEST101 stores.yaml:4"});
  CHECK(result.stats.files == 4);
  CHECK(result.stats.frontend_files ==
        std::vector<std::pair<std::string, size_t>>{
            {"terraform", 1}, {"test-resources", 2}, {"test-settings", 1}});
  // The unit says which frontend read the file.
  for (const ir::UnitInfo& unit : result.model.units)
    if (unit.instance == "settings.yaml") CHECK(unit.frontend == "test-settings");
}

TEST_CASE("files per frontend count only what the named paths report on") {
  Repository repo("test-frontends-named");
  repo.write("stores.yaml", kShaped);
  repo.write("other/settings.yaml", kSettings);
  engine::Result result = repo.scan("other");
  CHECK(result.stats.files == 1);
  CHECK(result.stats.frontend_files ==
        std::vector<std::pair<std::string, size_t>>{{"test-settings", 1}});
}

TEST_CASE("the configuration forces a frontend for a glob, whatever the scores") {
  Repository repo("test-frontends-forced");
  repo.write(".blastwall.yaml", "frontends:\n  test-settings: [\"legacy/**\"]\n");
  repo.write("legacy/stores.yaml", kShaped + std::string("backups: false\n"));
  repo.write("stores.yaml", kShaped);
  engine::Result result = repo.scan();
  CHECK(result.errors.empty());
  // Shaped for test-resources, but read as settings where the configuration says so.
  CHECK(findings(result) ==
        std::vector<std::string>{"TEST201 legacy/stores.yaml:5", "TEST101 stores.yaml:4"});
  CHECK(result.stats.frontend_files ==
        std::vector<std::pair<std::string, size_t>>{{"test-resources", 1}, {"test-settings", 1}});
}

TEST_CASE("the order of the registry changes no result") {
  Repository repo("test-frontends-order");
  repo.write("a/stores.yaml", kShaped);
  repo.write("a/settings.yaml", kSettings);
  repo.write("b/broken.json", "{\"test-resources\": 1, \"resources\": [1]}\n");
  repo.write("b/main.tf", "resource \"aws_db_instance\" \"a\" {\n}\nresource \"x\" {\n");
  engine::Result first = repo.scan();
  std::string in_order = json_of(first, *repo.engine);
  frontends::Registry::global().reverse_for_testing(true);
  engine::Result second = repo.scan();
  std::string reversed = json_of(second, *repo.engine);
  frontends::Registry::global().reverse_for_testing(false);
  CHECK(in_order == reversed);
  // Errors and findings from several frontends, so the order had something to change.
  CHECK(in_order.find("TEST101") != std::string::npos);
  CHECK(in_order.find("TEST201") != std::string::npos);
  CHECK(in_order.find("'resources' must map names to resources") != std::string::npos);
  CHECK(in_order.find("BW001") != std::string::npos);
}

TEST_CASE("YAML comments: after a blank or at a line's start, never in quotes or block scalars") {
  ir::SourceManager sources;
  ir::FileId id = sources.add("a.yaml",
                              "# top\n"
                              "a: 1 # after a value\n"
                              "b: \"# not a comment\" # but this is\n"
                              "c: 'it''s # text' #x\n"
                              "d: it's#plain # one\n"
                              "e: |\n"
                              "  # inside a block scalar\n"
                              "\n"
                              "  still text\n"
                              "f: [\"#\", '#'] # last\n",
                              "a.yaml");
  std::vector<std::string> texts;
  for (const ir::Comment& c : tests::yaml_comments(sources.file(id))) texts.push_back(c.text);
  CHECK(texts == std::vector<std::string>{"# top", "# after a value", "# but this is", "#x",
                                          "# one", "# last"});
}

TEST_CASE("a suppression in a YAML comment suppresses; the marker inside a string does not") {
  Repository repo("test-frontends-suppress");
  repo.write("stores.yaml",
             "resources:\n"
             "  # blastwall:ignore TEST101 -- a scratch store, rebuilt every night\n"
             "  scratch:\n"
             "    type: test_store\n"
             "    deletion_protection: false\n"
             "  quoted: {type: test_store, deletion_protection: false, "
             "note: \"# blastwall:ignore TEST101 -- a string\"}\n");
  engine::Result result = repo.scan();
  CHECK(findings(result) == std::vector<std::string>{"TEST101 stores.yaml:6"});
  CHECK(result.warnings.empty());
}
