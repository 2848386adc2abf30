#include "ir/model.h"

#include <doctest/doctest.h>

using namespace bw::ir;

TEST_CASE("retain keeps resources in order with the edges between them, renumbered") {
  Model model;
  auto add = [&](std::string address) {
    Resource r;
    r.address = std::move(address);
    return model.add(std::move(r));
  };
  ResourceId a = add("a"), b = add("b"), c = add("c"), d = add("d");
  model.connect(a, b, "references", {});
  model.connect(b, c, "references", {});
  model.connect(c, d, "launch-template", {});
  model.connect(d, d, "self", {});
  model.retain([](const Resource& r) { return r.address != "b"; });

  REQUIRE(model.resources.size() == 3);
  CHECK(model.resources[0].address == "a");
  CHECK(model.resources[1].address == "c");
  CHECK(model.resources[2].address == "d");
  // Edges touching b are gone; c -> d and d -> d remain, with new ids.
  REQUIRE(model.edges.size() == 2);
  CHECK(model.edges[0].from == 1);
  CHECK(model.edges[0].to == 2);
  CHECK(model.edges[0].relation == "launch-template");
  CHECK(model.edges[1].from == 2);
  CHECK(model.edges[1].to == 2);
  CHECK(model.resources[0].edges.empty());
  CHECK(model.resources[1].edges == std::vector<size_t>{0});
  CHECK(model.resources[2].edges == std::vector<size_t>{0, 1});
}
