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

TEST_CASE("gitignore globs stay within a component; ** crosses components") {
  GitIgnore ignore;
  ignore.add("", "a/**/b\nlogs/**\n**/tmp\n*.t?state\n[!x]y.tf\ndocs/*.md\n");
  CHECK(ignore.ignored("a/b", true));
  CHECK(ignore.ignored("a/x/y/b", false));
  CHECK_FALSE(ignore.ignored("c/a/b", false));
  CHECK(ignore.ignored("logs/x", false));
  CHECK(ignore.ignored("logs/x/y", false));
  CHECK_FALSE(ignore.ignored("logs", true));  // a trailing /** is what is inside
  CHECK(ignore.ignored("tmp", true));
  CHECK(ignore.ignored("deep/er/tmp", false));
  CHECK(ignore.ignored("x/prod.tfstate", false));
  CHECK(ignore.ignored("ay.tf", false));
  CHECK_FALSE(ignore.ignored("xy.tf", false));
  CHECK(ignore.ignored("docs/a.md", false));
  CHECK_FALSE(ignore.ignored("docs/sub/a.md", false));  // `*` does not cross `/`
}

TEST_CASE("the last pattern that matches decides, plain names and globs alike") {
  GitIgnore ignore;
  ignore.add("", "*.tf\n!keep.tf\nkeep.tf\n!*.tf\nsecret.tf\n");
  CHECK_FALSE(ignore.ignored("a.tf", false));  // !*.tf came last
  CHECK(ignore.ignored("secret.tf", false));   // a plain name after it
  CHECK_FALSE(ignore.ignored("keep.tf", false));
  GitIgnore deeper;
  deeper.add("", "*.tf\n");
  deeper.add("sub", "!main.tf\n");
  CHECK(deeper.ignored("main.tf", false));
  CHECK_FALSE(deeper.ignored("sub/main.tf", false));  // the deeper file decides
  CHECK(deeper.ignored("sub/other.tf", false));
}

TEST_CASE("one-component globs: classes, escapes, stars") {
  using bw::engine::match_component_glob;
  CHECK(match_component_glob("*", ""));
  CHECK(match_component_glob("a*b*c", "aXXbYYc"));
  CHECK_FALSE(match_component_glob("a*b*c", "aXXbYY"));
  CHECK(match_component_glob("[a-c]x", "bx"));
  CHECK_FALSE(match_component_glob("[a-c]x", "dx"));
  CHECK(match_component_glob("[^a-c]x", "dx"));
  CHECK(match_component_glob("\\*x", "*x"));
  CHECK_FALSE(match_component_glob("\\*x", "ax"));
  CHECK(match_component_glob("[x", "[x"));    // an unclosed class is a plain `[`
  CHECK(match_component_glob("**a", "bba"));  // `**` inside a component is `*`
}

// Regression: 5,000 patterns full of `**` took over a minute on a small tree,
// each pattern backtracking over every path. Matching is now a walk over the
// path's components with the set of places each pattern may be at; this
// counts nothing but runs in milliseconds, and a backtracking matcher would
// not finish.
TEST_CASE("thousands of ** patterns match in time linear in the path") {
  GitIgnore ignore;
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    std::string pattern;
    for (int j = 0; j < 20; ++j) pattern += "**/a*a*a*a*/";
    text += pattern + "x" + std::to_string(i) + "\n";
  }
  ignore.add("", text);
  CHECK(ignore.size() == 5000);
  std::string path;
  for (int j = 0; j < 30; ++j) path += "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/";
  CHECK_FALSE(ignore.ignored(path + "y", false));
  CHECK(ignore.ignored(path + "x4999", false));
  // Ending in a glob, each pattern is walked along the path: still no backtracking.
  GitIgnore globs;
  std::string many;
  for (int i = 0; i < 200; ++i) {
    for (int j = 0; j < 20; ++j) many += "**/a*a*a*a*/";
    many += "*b" + std::to_string(i) + "\n";
  }
  globs.add("", many);
  CHECK_FALSE(globs.ignored(path + "y", false));
  CHECK(globs.ignored(path + "yb7", false));
}

TEST_CASE("past the pattern limit, the rest are not applied and counted") {
  GitIgnore ignore;
  CHECK(ignore.add("", "a.tf\nb.tf\n", 3) == 0);
  CHECK(ignore.add("sub", "c.tf\nd.tf\ne.tf\n", 3) == 2);
  CHECK(ignore.size() == 3);
  CHECK(ignore.ignored("sub/c.tf", false));
  CHECK_FALSE(ignore.ignored("sub/d.tf", false));  // not applied: read, not lost
}
