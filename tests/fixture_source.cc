#include "tests/fixture_source.h"

#include "engine/discover.h"
#include "tests/expectations.h"

namespace bw::tests {

FixtureSource::FixtureSource(const std::string& root, std::string fixture)
    : disk_(root), fixture_(std::move(fixture)) {}

bool FixtureSource::list(std::string_view directory, std::vector<engine::DirEntry>& entries,
                         std::string& error) const {
  std::string dir = engine::normalize_relative(directory).value_or("");
  if (!visible(dir) && !engine::path_within(fixture_, dir)) {
    error = "not part of this fixture";
    return false;
  }
  if (!disk_.list(directory, entries, error)) return false;
  std::erase_if(entries, [&](const engine::DirEntry& e) {
    std::string path = engine::join_relative(dir, e.name);
    return (!visible(path) && !engine::path_within(fixture_, path)) || hidden(path);
  });
  return true;
}

bool FixtureSource::read(std::string_view path, std::string& text, std::string& error) const {
  std::string relative = engine::normalize_relative(path).value_or("\n");
  if (!visible(relative) || hidden(relative)) {
    error = "not part of this fixture";
    return false;
  }
  return disk_.read(path, text, error);
}

std::optional<engine::DirEntry::Type> FixtureSource::type_of(std::string_view path) const {
  std::string relative = engine::normalize_relative(path).value_or("\n");
  if (!visible(relative) && !engine::path_within(fixture_, relative)) return std::nullopt;
  if (hidden(relative)) return std::nullopt;
  return disk_.type_of(path);
}

bool FixtureSource::visible(const std::string& path) const {
  return engine::path_within(path, fixture_);
}

// A sidecar is what the harness reads, not part of the input.
bool FixtureSource::hidden(const std::string& path) const {
  return visible(path) && is_sidecar(path);
}

}  // namespace bw::tests
