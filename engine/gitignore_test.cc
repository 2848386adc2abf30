#include "engine/gitignore.h"

#include <doctest/doctest.h>

using bw::engine::GitIgnore;

TEST_CASE("gitignore patterns: unanchored, anchored, directories, negation, nesting") {
  GitIgnore ignore;
  ignore.add("", "# comment\n*.tfstate\n/build\nvendor/\n!keep.tfstate\n");
  ignore.add("sub", "local.tf\n");
  CHECK(ignore.ignored("a/b/x.tfstate", false));
  CHECK_FALSE(ignore.ignored("a/keep.tfstate", false));
  CHECK(ignore.ignored("build", true));
  CHECK_FALSE(ignore.ignored("src/build", true));
  CHECK(ignore.ignored("deep/vendor", true));
  CHECK_FALSE(ignore.ignored("vendor", false));  // a file named vendor is not a directory
  CHECK(ignore.ignored("sub/local.tf", false));
  CHECK_FALSE(ignore.ignored("local.tf", false));
}
