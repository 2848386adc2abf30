#pragma once
// The repository as a fixture sees it: a source that shows only the fixture
// (a file, or a directory) and the directories on the way to it, so a
// fixture is scanned as if it were alone in the repository. Its sidecars
// (`F.expect`, `expect.yaml`) are what the harness reads, never input: they
// are neither listed nor readable.

#include <string>

#include "engine/source.h"

namespace bw::tests {

class FixtureSource : public engine::Source {
 public:
  // `root` is absolute and canonical; `fixture` is relative to it.
  FixtureSource(const std::string& root, std::string fixture);

  bool list(std::string_view directory, std::vector<engine::DirEntry>& entries,
            std::string& error) const override;
  bool read(std::string_view path, std::string& text, std::string& error) const override;
  std::optional<engine::DirEntry::Type> type_of(std::string_view path) const override;

 private:
  bool visible(const std::string& path) const;
  bool hidden(const std::string& path) const;

  engine::DiskSource disk_;
  std::string fixture_;
};

}  // namespace bw::tests
