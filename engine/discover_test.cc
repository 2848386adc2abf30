#include "engine/discover.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

namespace fs = std::filesystem;
using namespace bw;

namespace {

// Claims .tf files, like the Terraform frontend, without depending on it.
struct TfOnly : frontends::Frontend {
  std::string_view name() const override { return "tf"; }
  bool wants(std::string_view path) const override {
    return path.size() > 3 && path.substr(path.size() - 3) == ".tf";
  }
  int claim(std::string_view path, std::string_view) const override {
    return wants(path) ? 100 : 0;
  }
  std::vector<frontends::Unit> plan_units(const std::vector<ir::FileId>&,
                                          const ir::SourceManager&) override {
    return {};
  }
  void analyze(const frontends::Unit&, frontends::Context&) override {}
};

// Wants files with one extension and scores them by their text.
struct Scored : frontends::Frontend {
  Scored(std::string name, std::string extension, std::function<int(std::string_view)> score)
      : name_(std::move(name)), extension_(std::move(extension)), score_(std::move(score)) {}
  std::string_view name() const override { return name_; }
  bool wants(std::string_view path) const override { return path.ends_with(extension_); }
  int claim(std::string_view, std::string_view text) const override { return score_(text); }
  std::vector<frontends::Unit> plan_units(const std::vector<ir::FileId>&,
                                          const ir::SourceManager&) override {
    return {};
  }
  void analyze(const frontends::Unit&, frontends::Context&) override {}

  std::string name_, extension_;
  std::function<int(std::string_view)> score_;
};

struct Tree {
  fs::path root;
  Tree() {
    root = fs::temp_directory_path() / ("bw-discover-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    root = fs::canonical(root);
  }
  ~Tree() { fs::remove_all(root); }
  void write(const std::string& name, const std::string& text = "") {
    fs::create_directories((root / name).parent_path());
    std::ofstream(root / name) << text;
  }
};

std::vector<std::string> names(const engine::Discovery& d) {
  std::vector<std::string> out;
  for (const auto& f : d.files) out.push_back(f.relative);
  return out;
}

engine::Discovery walk(const Tree& t, const engine::Config& config,
                       std::vector<std::string> named = {""}) {
  engine::DiskSource source(t.root.string());
  TfOnly tf;
  engine::DiscoverOptions options{&config, "", std::move(named)};
  return engine::discover(source, options, {&tf});
}

// Path → the name of the frontend that reads it, with the frontends offered in `order`.
std::map<std::string, std::string> claimed(const Tree& t, const engine::Config& config,
                                           std::vector<frontends::Frontend*> order,
                                           std::string config_prefix = "") {
  engine::DiskSource source(t.root.string());
  engine::DiscoverOptions options{&config, std::move(config_prefix), {""}};
  std::map<std::string, std::string> out;
  for (const auto& f : engine::discover(source, options, order).files)
    out[f.relative] = std::string(order[f.frontend]->name());
  return out;
}

}  // namespace

TEST_CASE("the frontend that claims a file most surely reads it, whatever the order") {
  Tree t;
  t.write("deploy.yaml", "apiVersion: v1\nkind: Service\n");
  t.write("settings.yaml", "retries: 3\n");
  t.write("notes.txt", "kind: nothing\n");
  Scored shaped("kubernetes", ".yaml", [](std::string_view text) {
    return text.find("apiVersion:") != std::string_view::npos ? 80 : 0;
  });
  Scored catch_all("config", ".yaml", [](std::string_view) { return 10; });
  engine::Config config;
  std::map<std::string, std::string> want{{"deploy.yaml", "kubernetes"},
                                          {"settings.yaml", "config"}};
  CHECK(claimed(t, config, {&shaped, &catch_all}) == want);
  CHECK(claimed(t, config, {&catch_all, &shaped}) == want);
}

TEST_CASE("equal scores go to the frontend whose name sorts first") {
  Tree t;
  t.write("a.yaml", "x: 1\n");
  Scored beta("beta", ".yaml", [](std::string_view) { return 50; });
  Scored alpha("alpha", ".yaml", [](std::string_view) { return 50; });
  engine::Config config;
  std::map<std::string, std::string> want{{"a.yaml", "alpha"}};
  CHECK(claimed(t, config, {&beta, &alpha}) == want);
  CHECK(claimed(t, config, {&alpha, &beta}) == want);
  // A score above the scale counts as 100, not as more.
  Scored loud("loud", ".yaml", [](std::string_view) { return 1000; });
  Scored sure("sure", ".yaml", [](std::string_view) { return 100; });
  CHECK(claimed(t, config, {&sure, &loud}) ==
        std::map<std::string, std::string>{{"a.yaml", "loud"}});
}

TEST_CASE("a file every frontend scores 0 is not analysed") {
  Tree t;
  t.write("a.yaml", "x: 1\n");
  t.write("b.yaml", "apiVersion: v1\n");
  Scored shaped("kubernetes", ".yaml", [](std::string_view text) {
    return text.find("apiVersion:") != std::string_view::npos ? 80 : 0;
  });
  engine::Config config;
  CHECK(claimed(t, config, {&shaped}) ==
        std::map<std::string, std::string>{{"b.yaml", "kubernetes"}});
}

TEST_CASE("the configuration forces a frontend for a glob, whatever the scores") {
  Tree t;
  t.write("infra/eu/stack.yaml", "apiVersion: v1\n");
  t.write("infra/eu/stack.template", "Resources: {}\n");
  t.write("apps/deploy.yaml", "apiVersion: v1\n");
  Scored shaped("kubernetes", ".yaml", [](std::string_view text) {
    return text.find("apiVersion:") != std::string_view::npos ? 80 : 0;
  });
  Scored cloudformation("cloudformation", ".json", [](std::string_view) { return 0; });
  engine::Config config;
  config.forced_frontends = {{"cloudformation", {"infra/**/*.yaml", "infra/**/*.template"}, 1, 1}};
  // Forced files are read even when no frontend wants their name.
  std::map<std::string, std::string> want{{"apps/deploy.yaml", "kubernetes"},
                                          {"infra/eu/stack.template", "cloudformation"},
                                          {"infra/eu/stack.yaml", "cloudformation"}};
  CHECK(claimed(t, config, {&shaped, &cloudformation}) == want);
  CHECK(claimed(t, config, {&cloudformation, &shaped}) == want);
  // Globs are relative to the configuration's directory.
  config.forced_frontends = {{"cloudformation", {"eu/*.yaml"}, 1, 1}};
  CHECK(claimed(t, config, {&shaped, &cloudformation}, "infra") ==
        std::map<std::string, std::string>{{"apps/deploy.yaml", "kubernetes"},
                                           {"infra/eu/stack.yaml", "cloudformation"}});
}

TEST_CASE("discovery walks the whole root, skipping vendored and ignored files") {
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
  t.write("vendor/lib.tf");
  engine::Config config;
  config.exclude = {"vendor"};
  auto d = walk(t, config);
  CHECK(d.errors.empty());
  CHECK(names(d) == std::vector<std::string>{"envs/prod/db.tf", "main.tf"});
  // Named paths do not narrow the walk: they decide what is reported, later.
  CHECK(names(walk(t, config, {"envs/prod"})) == names(d));
}

TEST_CASE("discovery keeps each listed directory's files, skipped ones included") {
  Tree t;
  t.write("main.tf");
  t.write("README.md");
  t.write("modules/db/main.tf");
  t.write("modules/db/extra.tf.json");
  t.write("generated/out.tf");
  t.write(".gitignore", "/generated/\n");
  auto d = walk(t, engine::Config{});
  // What a frontend's Context::list answers from: every regular file, wanted or not.
  CHECK(d.listed.at("") == std::vector<std::string>{".gitignore", "README.md", "main.tf"});
  CHECK(d.listed.at("modules/db") == std::vector<std::string>{"extra.tf.json", "main.tf"});
  // A directory the walk skipped was not listed: Context::list asks the source.
  CHECK(d.listed.count("generated") == 0);
}

TEST_CASE("what the user names is read even when ignored or excluded") {
  Tree t;
  t.write(".gitignore", "/generated/\n");
  t.write("generated/out.tf", "x = 1\n");
  t.write("generated/other.tf");
  t.write("vendor/lib.tf");
  engine::Config config;
  config.exclude = {"vendor"};
  CHECK(names(walk(t, config, {"generated/out.tf"})) ==
        std::vector<std::string>{"generated/out.tf"});
  CHECK(names(walk(t, config, {"generated"})) ==
        std::vector<std::string>{"generated/other.tf", "generated/out.tf"});
  CHECK(names(walk(t, config, {"vendor"})) == std::vector<std::string>{"vendor/lib.tf"});
}

TEST_CASE("links: followed inside the root, reported when they lead outside") {
  Tree outside;
  outside.root = outside.root.string() + "-outside";
  fs::create_directories(outside.root);
  outside.write("secret.tf");
  Tree t;
  t.write("modules/db/main.tf");
  fs::create_symlink(t.root / "modules/db/main.tf", t.root / "linked.tf");
  fs::create_symlink(outside.root / "secret.tf", t.root / "escape.tf");
  fs::create_directory_symlink(outside.root, t.root / "escape-dir");
  fs::create_directory_symlink(t.root / "modules", t.root / "modules-again");
  engine::Config config;
  auto d = walk(t, config);
  // A linked directory inside the root is walked where it really is, once.
  CHECK(names(d) == std::vector<std::string>{"linked.tf", "modules/db/main.tf"});
  REQUIRE(d.errors.size() == 2);
  CHECK(d.errors[0].path == "escape-dir");
  CHECK(d.errors[0].level == ir::DiagnosticLevel::Warning);
  CHECK(d.errors[1].path == "escape.tf");
  CHECK(d.errors[1].unanalyzable);
  CHECK(d.errors[1].message.find("outside the repository root") != std::string::npos);
}

// Regression: a file that could not be read was an error but not a failing
// finding. It is unanalyzable now (the engine turns that into BW001).
TEST_CASE("a file that cannot be read is unanalyzable") {
  Tree t;
  t.write("ok.tf");
  {
    std::ofstream out(t.root / "huge.tf");
    std::string chunk(1 << 20, '#');
    for (int i = 0; i < 17; ++i) out << chunk;
  }
  engine::Config config;
  auto d = walk(t, config);
  CHECK(names(d) == std::vector<std::string>{"ok.tf"});
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].path == "huge.tf");
  CHECK(d.errors[0].unanalyzable);
  CHECK(d.errors[0].level == ir::DiagnosticLevel::Error);
  CHECK(d.errors[0].message ==
        "cannot read file: file is larger than 16 MiB, the file_bytes limit");
}

TEST_CASE("paths within named paths and relative to the configuration") {
  CHECK(engine::path_within("envs/prod/db.tf", "envs/prod"));
  CHECK(engine::path_within("envs/prod", "envs/prod"));
  CHECK_FALSE(engine::path_within("envs/production/db.tf", "envs/prod"));
  CHECK(engine::path_within("anything", ""));
  CHECK(engine::config_relative("infra/eu/db.tf", "infra") == "eu/db.tf");
  CHECK(engine::config_relative("db.tf", "") == "db.tf");
  CHECK_FALSE(engine::config_relative("other/db.tf", "infra"));
}
