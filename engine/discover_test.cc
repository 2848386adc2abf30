#include "engine/discover.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace bw;

namespace {

// Claims .tf files, like the Terraform frontend, without depending on it.
struct TfOnly : frontends::Frontend {
  std::string_view name() const override { return "tf"; }
  bool claims(std::string_view path, std::string_view) const override {
    return path.size() > 3 && path.substr(path.size() - 3) == ".tf";
  }
  void analyze(const frontends::Unit&, frontends::Context&) override {}
};

struct Tree {
  fs::path root = fs::temp_directory_path() / ("bw-discover-" + std::to_string(::getpid()));
  Tree() { fs::remove_all(root); }
  ~Tree() { fs::remove_all(root); }
  void write(const std::string& name, const std::string& text = "") {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name) << text;
  }
};

std::vector<std::string> names(const engine::Discovery& d, const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& f : d.files)
    out.push_back(fs::path(f.fs_path).lexically_relative(root).generic_string());
  return out;
}

}  // namespace

TEST_CASE("discovery skips vendored, ignored and linked files") {
  Tree t;
  t.write("main.tf");
  t.write("README.md");
  t.write("envs/prod/db.tf");
  t.write(".terraform/modules/x/main.tf");
  t.write("node_modules/pkg/main.tf");
  t.write(".git/hooks/x.tf");
  t.write("generated/out.tf");
  t.write("envs/.gitignore", "scratch.tf\n");
  t.write("envs/scratch.tf");
  t.write(".gitignore", "/generated/\n");
  t.write("outside/secret.tf");
  fs::create_directory_symlink(t.root / "outside", t.root / "envs/link");

  TfOnly tf;
  engine::Config config;
  config.directory = t.root.string();
  config.exclude = {"outside"};
  auto d = engine::discover({t.root.string()}, config, {&tf});
  CHECK(d.errors.empty());
  CHECK(names(d, t.root) == std::vector<std::string>{"envs/prod/db.tf", "main.tf"});
}

TEST_CASE("a missing path is an error; a file named explicitly is read") {
  Tree t;
  t.write("a.tf", "x = 1\n");
  TfOnly tf;
  engine::Config config;
  auto d =
      engine::discover({(t.root / "a.tf").string(), (t.root / "nope").string()}, config, {&tf});
  REQUIRE(d.files.size() == 1);
  CHECK(d.files[0].text == "x = 1\n");
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].message == "no such file or directory");
}
