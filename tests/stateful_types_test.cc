// The list BW202 reads (rules/shared/stateful-types.yaml) names every
// Terraform type the data-store kinds map: a store added to a kind cannot
// be forgotten by the removed-block rule.

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

#include "rules/embedded.h"

namespace {

bool is_terraform(const YAML::Node& mapping) {
  if (mapping["frontend"]) return mapping["frontend"].as<std::string>() == "terraform";
  if (mapping["frontends"])
    for (const auto& frontend : mapping["frontends"])
      if (frontend.as<std::string>() == "terraform") return true;
  return !mapping["frontend"] && !mapping["frontends"];
}

}  // namespace

TEST_CASE("every Terraform type of a data-store kind is a stateful type") {
  const std::set<std::string> kStoreKinds = {"database",      "cache",          "object-store",
                                             "file-system",   "search-cluster", "backup-vault",
                                             "encryption-key"};
  std::set<std::string> listed;
  std::set<std::string> kinds_seen;
  std::vector<std::pair<std::string, std::string>> mapped;  // kind, type
  for (const bw::rules::EmbeddedFile& file : bw::rules::embedded_files()) {
    YAML::Node root = YAML::Load(file.text);
    if (std::string(file.path).ends_with("shared/stateful-types.yaml")) {
      for (const auto& item : root["lists"]["stateful_terraform_types"]["items"])
        listed.insert(item.as<std::string>());
      continue;
    }
    if (bw::rules::role_of(file.path) != bw::rules::FileRole::Kinds || !root["kind"]) continue;
    std::string kind = root["kind"].as<std::string>();
    if (!kStoreKinds.count(kind)) continue;
    kinds_seen.insert(kind);
    for (const auto& type : root["types"])
      if (is_terraform(type.second)) mapped.emplace_back(kind, type.first.as<std::string>());
  }
  REQUIRE_FALSE(listed.empty());
  CHECK(kinds_seen.count("database") == 1);
  CHECK(mapped.size() > 10);
  for (const auto& entry : mapped) {
    INFO("kind " << entry.first << " maps " << entry.second);
    CHECK(listed.count(entry.second) == 1);
  }
}
