#pragma once
// The subset of .gitignore that decides what a scan skips: patterns,
// negation, anchoring, directory-only patterns; nested files override outer ones.

#include <string>
#include <string_view>
#include <vector>

namespace bw::engine {

class GitIgnore {
 public:
  // Adds the patterns of the .gitignore in `directory` (relative to the scan root, "" for it).
  void add(const std::string& directory, std::string_view text);
  // `path` is relative to the scan root.
  bool ignored(std::string_view path, bool is_directory) const;
  size_t size() const { return patterns_.size(); }

 private:
  struct Pattern {
    std::string base;  // the .gitignore's directory
    std::string glob;  // relative to base; "**/" prefixed when unanchored
    bool negate = false;
    bool directory_only = false;
  };
  std::vector<Pattern> patterns_;
};

}  // namespace bw::engine
