#include "compiler/expr/suggest.h"

#include <doctest/doctest.h>

using namespace bw::compiler::expr;

TEST_CASE("suggest: edit distance counts a swap as one typo") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "abc") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("deletion_protecton", "deletion_protection") == 1);
  CHECK(edit_distance("enigne", "engine") == 1);
  CHECK(edit_distance("ab", "ba") == 1);
}

TEST_CASE("suggest: the closest plausible candidate, or nothing") {
  std::vector<std::string> names{"engine", "deletion_protection", "tags", "name"};
  CHECK(did_you_mean("enigne", names) == "; did you mean 'engine'?");
  CHECK(did_you_mean("deletion_protecton", names) == "; did you mean 'deletion_protection'?");
  CHECK(did_you_mean("tag", names) == "; did you mean 'tags'?");
  CHECK(did_you_mean("zzzzzz", names).empty());
  CHECK(did_you_mean("x", {"y"}).empty());  // replacing all of it is no typo
  CHECK(did_you_mean("nmae", names) == "; did you mean 'name'?");
  CHECK(did_you_mean("anything", {}).empty());
  // Case alone is one typo.
  CHECK(did_you_mean("incidr", {"inCIDR", "isIP"}) == "; did you mean 'inCIDR'?");
  CHECK(did_you_mean("ISIP", {"inCIDR", "isIP"}) == "; did you mean 'isIP'?");
}
