// The harness itself: a canary alone is reported, with its work measured.
#include "hostile.h"

TEST_CASE("the canary alone is reported, in bounded work") {
  hostile::Scratch s;
  s.write("main.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = hostile::run("check . --format json", s.root());
  CHECK(o.status == 1);
  REQUIRE(o.json.is_object());
  CHECK(!hostile::findings(o, "BW101", "main.tf").empty());
  CHECK(hostile::findings(o, "BW001").empty());
  CHECK(o.cpu_seconds > 0);
  CHECK(o.max_rss_mib > 0);
  hostile::check_bounded(o, 5, 200);
}
