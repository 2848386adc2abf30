#include "ir/glob.h"

#include <doctest/doctest.h>

#include <string>

using bw::ir::match_path_glob;
using bw::ir::match_path_glob_or_below;
using bw::ir::match_text_glob;

TEST_CASE("path globs: `*` within a component, `**` across") {
  CHECK(match_path_glob("*.tf", "main.tf"));
  CHECK_FALSE(match_path_glob("*.tf", "dir/main.tf"));
  CHECK(match_path_glob("**/*.tf", "main.tf"));
  CHECK(match_path_glob("**/*.tf", "a/b/main.tf"));
  CHECK(match_path_glob("envs/**", "envs/prod/db.tf"));
  CHECK(match_path_glob("envs/*/db.tf", "envs/prod/db.tf"));
  CHECK_FALSE(match_path_glob("envs/*/db.tf", "envs/prod/eu/db.tf"));
  CHECK(match_path_glob("file?.tf", "file1.tf"));
  CHECK(match_path_glob("[ab].tf", "b.tf"));
  CHECK_FALSE(match_path_glob("[!ab].tf", "b.tf"));
  CHECK(match_path_glob("a/**/b", "a/b"));
  CHECK(match_path_glob("a/**/b", "a/x/y/b"));
  CHECK_FALSE(match_path_glob("a", "ab"));
}

TEST_CASE("configuration globs name a path or a directory above it") {
  CHECK(match_path_glob_or_below("vendor", "vendor"));
  CHECK(match_path_glob_or_below("vendor", "vendor/a/b.tf"));
  CHECK(match_path_glob_or_below("envs/*", "envs/prod/db.tf"));
  CHECK_FALSE(match_path_glob_or_below("vendor", "vendored/a.tf"));
  CHECK_FALSE(match_path_glob_or_below("a/vendor", "vendor/a.tf"));
}

TEST_CASE("text globs: the rule language's glob()") {
  CHECK(match_text_glob("rds:Delete*", "rds:DeleteDBInstance"));
  CHECK(match_text_glob("rds:Delete*", "rds:Delete"));  // `*` may be empty
  CHECK_FALSE(match_text_glob("rds:Delete*", "rds:CreateDBInstance"));
  CHECK_FALSE(match_text_glob("rds:Delete*", "RDS:DeleteDBInstance"));  // case-sensitive
  CHECK(match_text_glob("s3:*Object", "s3:GetObject"));
  CHECK(match_text_glob("a?c", "abc"));
  CHECK_FALSE(match_text_glob("a?c", "ac"));
  CHECK(match_text_glob("*", ""));
  CHECK(match_text_glob("", ""));
  CHECK_FALSE(match_text_glob("", "a"));
  CHECK(match_text_glob("*.*.*", "a.b.c"));
  CHECK(match_text_glob("*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab"));
  CHECK_FALSE(match_text_glob("*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
  CHECK(match_text_glob("[x]", "[x]"));  // nothing else is special
  CHECK_FALSE(match_text_glob("[x]", "x"));
  // A `*` in the text is a character like any other, not the end of the match.
  CHECK(match_text_glob("*x", "*x"));
  CHECK(match_text_glob("*x", "**x"));
  CHECK(match_text_glob("*x", "*ax"));
  // `?` is one character, as size() counts them, not one byte.
  CHECK(match_text_glob("caf?", "caf\xC3\xA9"));
  CHECK(match_text_glob("?", "\xF0\x9F\x98\x80"));
  CHECK_FALSE(match_text_glob("??", "\xC3\xA9"));
  CHECK(match_text_glob("*\xC3\xA9", "cr\xC3\xA8me br\xC3\xBBl\xC3\xA9"));
}

// The two kinds differ exactly where a path's `/` matters; a caller that
// picked the wrong one would pass every test without a slash.
TEST_CASE("path and text globs differ on `/`, `**` and classes") {
  CHECK_FALSE(match_path_glob("*.tf", "modules/db.tf"));
  CHECK(match_text_glob("*.tf", "modules/db.tf"));
  CHECK_FALSE(match_path_glob("a?b", "a/b"));
  CHECK(match_text_glob("a?b", "a/b"));
  CHECK(match_path_glob("**/db.tf", "db.tf"));  // `**/` may be no directory at all
  CHECK_FALSE(match_text_glob("**/db.tf", "db.tf"));
  CHECK(match_path_glob("[ab].tf", "a.tf"));
  CHECK_FALSE(match_text_glob("[ab].tf", "a.tf"));
  CHECK(match_text_glob("arn:aws:s3:::*", "arn:aws:s3:::bucket/key"));
  CHECK_FALSE(match_path_glob("arn:aws:s3:::*", "arn:aws:s3:::bucket/key"));
}

TEST_CASE("hostile patterns finish quickly") {
  std::string path(2000, 'a');
  CHECK_FALSE(match_path_glob("*a*a*a*a*a*a*a*a*a*a*b", path));
  CHECK_FALSE(match_path_glob("**/**/**/**/**/b", path));
  CHECK_FALSE(match_text_glob("*a*a*a*a*a*a*a*a*a*a*b", path));
}
