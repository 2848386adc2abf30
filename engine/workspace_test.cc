#include "engine/workspace.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

// display() does with strings what std::filesystem does slowly: it must agree.
TEST_CASE("paths are shown relative to the current directory, as the filesystem would") {
  const std::vector<std::string> directories = {
      "/r", "/r/envs", "/r/envs/prod", "/r/modules/db", "/r/en", "/r/envs/prodx", "/r/a/b/c/d"};
  const std::vector<std::string> files = {
      "",     "main.tf",   "envs/prod/main.tf", "envs/prodx/a.tf", "modules/db/main.tf",
      "envs", "envs/prod", "en/x.tf",           "envs/proda/b.tf", "a/b/x.tf"};
  for (const std::string& cwd : directories)
    for (const std::string& relative : files) {
      bw::engine::Workspace w;
      w.root = "/r";
      w.cwd = cwd;
      fs::path absolute = relative.empty() ? fs::path("/r") : fs::path("/r") / relative;
      std::string want = absolute.lexically_relative(cwd).generic_string();
      if (want.empty()) want = ".";
      CHECK_MESSAGE(w.display(relative) == want, "cwd " << cwd << ", file " << relative);
    }
  bw::engine::Workspace outside;
  outside.root = "/r";
  outside.cwd = "/elsewhere";
  // Regression: outside the root these were absolute (/r/main.tf).
  CHECK(outside.display("main.tf") == "../r/main.tf");
  CHECK(outside.display("") == "../r");
  outside.cwd = "/r2/deep";
  CHECK(outside.display("envs/main.tf") == "../../r/envs/main.tf");
  bw::engine::Workspace top;
  top.root = "/";
  top.cwd = "/srv/app";
  CHECK(top.display("srv/app/main.tf") == "main.tf");
  CHECK(top.display("etc/x.tf") == "../../etc/x.tf");
  top.cwd = "/elsewhere";
  CHECK(top.display("etc/x.tf") == "../etc/x.tf");
  top.cwd = "/";
  CHECK(top.display("etc/x.tf") == "etc/x.tf");
}

TEST_CASE("outside git, a root named exactly an environment word is that environment") {
  bw::engine::Workspace w;
  w.root = "/work/envs/production";
  CHECK(w.root_environment().environment == "prod");
  CHECK(w.root_environment().reason.find("'production'") != std::string::npos);
  w.root = "/work/envs/prod-eu";  // a word in a name is not the name
  CHECK(w.root_environment().environment == "");
  w.root = "/work/envs/prod";
  w.in_git = true;  // inside a repository, only root-relative paths count
  CHECK(w.root_environment().environment == "");
}

// Regression: `check x.tf` with x.tf a link to ../outside/secret.tf took the
// root from where the link led, and read the outside file.
TEST_CASE("a named link to a file is the link, and the root is found from where it lies") {
  fs::path base = fs::temp_directory_path() / ("bw-workspace-link-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "repo/.git");
  fs::create_directories(base / "outside");
  std::ofstream(base / "outside/secret.tf") << "secret";
  fs::create_symlink("../outside/secret.tf", base / "repo/x.tf");
  fs::create_directory_symlink(base / "repo", base / "repo-link");
  base = fs::canonical(base);
  bw::engine::Workspace workspace;
  std::string error;
  REQUIRE(bw::engine::find_workspace({(base / "repo/x.tf").string()}, "", workspace, error));
  CHECK(workspace.root == (base / "repo").string());
  CHECK(workspace.relative((base / "repo/x.tf").string()) == "x.tf");
  // A linked directory is still scanned where it really is.
  REQUIRE(bw::engine::find_workspace({(base / "repo-link").string()}, "", workspace, error));
  CHECK(workspace.root == (base / "repo").string());
  fs::remove_all(base);
}
