#include "engine/workspace.h"

#include <doctest/doctest.h>

#include <filesystem>

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
