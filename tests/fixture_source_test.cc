#include "tests/fixture_source.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> names(const bw::tests::FixtureSource& source, const std::string& dir) {
  std::vector<bw::engine::DirEntry> entries;
  std::string error;
  REQUIRE(source.list(dir, entries, error));
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a fixture's sidecars are neither listed nor readable; its files are") {
  fs::path root = fs::temp_directory_path() / ("bw-fixture-source-" + std::to_string(::getpid()));
  fs::remove_all(root);
  for (const char* file :
       {"fx/.fixture", "fx/expect.yaml", "fx/stack.json", "fx/stack.json.expect", "fx/sub/db.yaml",
        "other/main.tf", "single.json", "single.json.expect"}) {
    fs::create_directories((root / file).parent_path());
    std::ofstream(root / file) << "x\n";
  }
  root = fs::canonical(root);

  bw::tests::FixtureSource directory(root.string(), "fx");
  CHECK(names(directory, "") == std::vector<std::string>{"fx"});
  CHECK(names(directory, "fx") == std::vector<std::string>{".fixture", "stack.json", "sub"});
  std::string text, error;
  CHECK(directory.read("fx/stack.json", text, error));
  CHECK_FALSE(directory.read("fx/expect.yaml", text, error));
  CHECK_FALSE(directory.read("fx/stack.json.expect", text, error));
  CHECK_FALSE(directory.type_of("fx/expect.yaml"));
  CHECK_FALSE(directory.read("other/main.tf", text, error));

  bw::tests::FixtureSource file(root.string(), "single.json");
  CHECK(names(file, "") == std::vector<std::string>{"single.json"});
  CHECK(file.read("single.json", text, error));
  CHECK_FALSE(file.read("single.json.expect", text, error));
  fs::remove_all(root);
}
