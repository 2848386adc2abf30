#include "tests/expectations.h"

#include <doctest/doctest.h>

using bw::tests::Expectation;
using bw::tests::read_expectations;

TEST_CASE("expectations are read from comments in any comment style") {
  auto e = read_expectations("a.tf",
                             "x = 1  # expect: BW101, BW451\n"
                             "# expect-next-line: BW201\n"
                             "y = 2\n"
                             "z = var.v  # expect-unknown: BW401\n"
                             "DROP TABLE t; -- expect: BW701\n"
                             "# blastwall:ignore BW101  # expect-warning: unused\n");
  REQUIRE(e.size() == 6);
  CHECK(e[0].line == 1);
  CHECK(e[0].what == "BW101");
  CHECK(e[1].what == "BW451");
  CHECK(e[2].line == 3);
  CHECK(e[2].what == "BW201");
  CHECK(e[3].kind == Expectation::Unknown);
  CHECK(e[4].line == 5);
  CHECK(e[5].kind == Expectation::Warning);
  CHECK(e[5].what == "unused");
}

TEST_CASE("text that is not a marker expects nothing") {
  CHECK(read_expectations("a.tf", "expected = true\n# we expect nothing\n").empty());
}
