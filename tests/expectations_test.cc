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

TEST_CASE("an expectation may name the column and a part of the message") {
  auto e = read_expectations("a.tf",
                             "x = 1  # expect: BW101:25 \"deletion protection is off\", BW451:3\n"
                             "y = (  # expect-error: \"unknown name\"\n"
                             "/* expect: BW201 */\n");
  REQUIRE(e.size() == 4);
  CHECK(e[0].what == "BW101");
  CHECK(e[0].column == 25);
  CHECK(e[0].message == "deletion protection is off");
  CHECK(e[1].what == "BW451");
  CHECK(e[1].column == 3);
  CHECK(e[1].message.empty());
  CHECK(e[2].kind == Expectation::Error);
  CHECK(e[2].what == "unknown name");
  CHECK(e[3].what == "BW201");

  Expectation got{"a.tf",  1,
                  "BW101", Expectation::Finding,
                  25,      "aws_db_instance 'a' can be deleted: deletion protection is off"};
  CHECK(e[0].matches(got));
  got.column = 24;
  CHECK_FALSE(e[0].matches(got));
  got.column = 25;
  got.message = "something else";
  CHECK_FALSE(e[0].matches(got));
  Expectation error{"a.tf", 2, "", Expectation::Error, 7, "syntax error: unknown name \"q\""};
  CHECK(e[2].matches(error));
}
