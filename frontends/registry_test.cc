#include "frontends/registry.h"

#include <doctest/doctest.h>

using namespace bw;

namespace {

// A frontend that is only a name.
template <const char* Name>
struct Named : frontends::Frontend {
  std::string_view name() const override { return Name; }
  bool wants(std::string_view) const override { return false; }
  int claim(std::string_view, std::string_view) const override { return 0; }
  std::vector<frontends::Unit> plan_units(const std::vector<ir::FileId>&,
                                          const ir::SourceManager&) override {
    return {};
  }
  void analyze(const frontends::Unit&, frontends::Context&) override {}
};

constexpr char kYaml[] = "yaml";
constexpr char kAlpha[] = "alpha";

std::unique_ptr<frontends::Frontend> make_yaml() {
  return std::make_unique<Named<kYaml>>();
}
std::unique_ptr<frontends::Frontend> make_alpha() {
  return std::make_unique<Named<kAlpha>>();
}
std::unique_ptr<frontends::Frontend> make_other_yaml() {
  return std::make_unique<Named<kYaml>>();
}

std::vector<std::string> names_of(const std::vector<std::unique_ptr<frontends::Frontend>>& all) {
  std::vector<std::string> names;
  for (const auto& f : all) names.emplace_back(f->name());
  return names;
}

}  // namespace

TEST_CASE("the global registry holds the built-in frontends") {
  std::vector<std::string> names = frontends::Registry::global().names();
  CHECK(std::find(names.begin(), names.end(), "terraform") != names.end());
  CHECK(names_of(frontends::make_frontends()).size() == names.size());
}

TEST_CASE("a registry makes a fresh instance of each frontend, in order or reversed") {
  frontends::Registry registry;
  CHECK(registry.add(&make_yaml));
  CHECK(registry.add(&make_alpha));
  CHECK(registry.names() == std::vector<std::string>{"alpha", "yaml"});
  CHECK(names_of(registry.make()) == std::vector<std::string>{"yaml", "alpha"});
  auto first = registry.make();
  auto second = registry.make();
  CHECK(first[0].get() != second[0].get());
  registry.reverse_for_testing(true);
  CHECK(names_of(registry.make()) == std::vector<std::string>{"alpha", "yaml"});
  registry.reverse_for_testing(false);
  CHECK(names_of(registry.make()) == std::vector<std::string>{"yaml", "alpha"});
}

TEST_CASE("two frontends cannot share a name") {
  frontends::Registry registry;
  CHECK(registry.add(&make_yaml));
  CHECK_FALSE(registry.add(&make_other_yaml));
  CHECK(registry.names() == std::vector<std::string>{"yaml"});
}
