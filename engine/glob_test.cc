#include "engine/glob.h"

#include <doctest/doctest.h>

#include <string>

using bw::engine::glob_match;

TEST_CASE("globs") {
  CHECK(glob_match("*.tf", "main.tf"));
  CHECK_FALSE(glob_match("*.tf", "dir/main.tf"));
  CHECK(glob_match("**/*.tf", "main.tf"));
  CHECK(glob_match("**/*.tf", "a/b/main.tf"));
  CHECK(glob_match("envs/**", "envs/prod/db.tf"));
  CHECK(glob_match("envs/*/db.tf", "envs/prod/db.tf"));
  CHECK_FALSE(glob_match("envs/*/db.tf", "envs/prod/eu/db.tf"));
  CHECK(glob_match("file?.tf", "file1.tf"));
  CHECK(glob_match("[ab].tf", "b.tf"));
  CHECK_FALSE(glob_match("[!ab].tf", "b.tf"));
  CHECK(glob_match("a/**/b", "a/b"));
  CHECK(glob_match("a/**/b", "a/x/y/b"));
  CHECK_FALSE(glob_match("a", "ab"));
}

TEST_CASE("hostile patterns finish quickly") {
  std::string path(2000, 'a');
  CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*b", path));
  CHECK_FALSE(glob_match("**/**/**/**/**/b", path));
}
