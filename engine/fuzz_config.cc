// libFuzzer target for the configuration (docs/FUZZING.md): any bytes as a
// `.blastwall.yaml`, which a stranger's pull request may hold, must be parsed
// (engine::parse_config, check_forced_frontends) without a crash, a hang or
// unbounded memory, each error carrying a sane position. A configuration that
// parses is then loaded the way the CLI does (Engine::load, with the built-in
// kinds and shared lists but not the built-in rules, to stay fast) from a
// scratch repository holding it and a small Terraform file, and scanned
// (Engine::run, one thread): environments, exclude and forced-frontend
// globs, parameters and limits all meet real files.
//
// Rule directories that name an absolute path or climb with `..` are not
// loaded: the harness must never walk the fuzzing machine's file system.

#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/config.h"
#include "engine/engine.h"
#include "frontends/registry.h"

namespace {

namespace fs = std::filesystem;

// A scratch repository for this process, removed when it exits.
const std::string& scratch() {
  static const std::string* path = [] {
    std::string pattern = (fs::temp_directory_path() / "blastwall-fuzz-config-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) __builtin_trap();
    auto* p = new std::string(pattern);
    std::ofstream(*p + "/main.tf") << "resource \"aws_db_instance\" \"db\" {\n"
                                      "  deletion_protection = false\n}\n";
    fs::create_directories(*p + "/envs/prod");
    std::ofstream(*p + "/envs/prod/main.tf") << "locals { a = 1 }\n";
    std::ofstream(*p + "/vendor.yaml") << "kind: x\n";
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(*path, ec);
    });
    return p;
  }();
  return *path;
}

bool inside(const std::string& directory) {
  if (directory.empty() || directory.front() == '/' || directory.front() == '~') return false;
  for (const auto& part : fs::path(directory))
    if (part == "..") return false;
  return true;
}

void check_positions(const std::vector<bw::compiler::CompileError>& errors) {
  for (const bw::compiler::CompileError& e : errors)
    if (e.line < 0 || e.column < 0 || e.message.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace bw;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<compiler::CompileError> errors;
  engine::Config config = engine::parse_config(".blastwall.yaml", text, errors);
  engine::check_forced_frontends(config, frontends::Registry::global().names(), errors);
  check_positions(errors);
  if (!errors.empty()) return 0;
  for (const std::string& directory : config.rule_directories)
    if (!inside(directory)) return 0;

  const std::string& root = scratch();
  std::ofstream(root + "/.blastwall.yaml", std::ios::binary | std::ios::trunc) << text;
  engine::Engine engine;
  engine::Options options;
  options.paths = {root};
  options.root = root;
  options.builtin_rules = false;
  options.jobs = 1;
  std::vector<compiler::CompileError> load_errors;
  bool loaded = engine.load(options, load_errors);
  check_positions(load_errors);
  if (!loaded) return 0;
  engine::Result result = engine.run({});
  (void)result;
  return 0;
}
