// Runs every built-in rule's documented examples (ruff-style): the bad one
// must make the rule fire, the good one must not. A documented example that
// does not do what the docs say is a bug nobody would see otherwise.

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "engine/engine.h"

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

}  // namespace

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
  size_t examples = 0;
  for (const auto& rule : engine.pack().rules()) {
    if (!rule->builtin) continue;
    CHECK_MESSAGE(!rule->example.bad.empty(), rule->id << " documents no example");
    if (rule->example.bad.empty()) continue;
    ++examples;
    Fired bad = run(engine, rule->example.path, rule->example.bad, rule->id);
    CHECK_MESSAGE(bad.known >= 1, rule->id << ": the bad example does not fire\n" << bad.report);
    Fired good = run(engine, rule->example.path, rule->example.good, rule->id);
    CHECK_MESSAGE(good.known + good.unknown == 0, rule->id << ": the good example fires\n"
                                                           << good.report);
  }
  CHECK(examples >= 9);
  fs::remove_all(root);
}
