#pragma once
// The subset of .gitignore that decides what a scan skips: patterns,
// negation, anchoring, directory-only patterns; nested files override outer ones.
//
// Patterns are compiled once, into path components, and a path is matched
// component by component with the set of pattern positions it may be at (a
// `**` component stays, another moves on), so matching costs the path's
// length times the pattern's, whatever the patterns: nothing backtracks.
// Patterns that end in a plain name (`node_modules`, `**/terraform.tfstate`)
// are looked up by the path's last component instead of being tried one by
// one, consecutive `**` are one, and a pattern written twice counts once
// (only the later one can decide), so a file of thousands of patterns costs
// a lookup for most of them.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bw::engine {

class GitIgnore {
 public:
  // Adds the patterns of the .gitignore in `directory` (relative to the scan
  // root, "" for it), until size() reaches `max_patterns`; how many it left out.
  size_t add(const std::string& directory, std::string_view text, size_t max_patterns = SIZE_MAX);
  // `path` is relative to the scan root.
  bool ignored(std::string_view path, bool is_directory) const;
  size_t size() const { return size_; }

 private:
  // One component of a pattern: `**` (any number of path components), a
  // plain name, or a glob over one component (`*`, `?`, `[...]`, `\x`).
  struct Segment {
    enum class Kind : uint8_t { AnyComponents, Name, Glob };
    Kind kind = Kind::Name;
    std::string text;
  };
  struct Pattern {
    std::vector<Segment> segments;  // relative to the file's directory
    bool anchored = false;          // else it matches the path's last component only
    // Text the path's last component must hold for the last segment to
    // match (its longest run without wildcards): most patterns fail on it.
    std::string needed;
    bool negate = false;
    bool directory_only = false;
    uint32_t order = 0;  // within its file: a later pattern wins
  };
  // The patterns of one .gitignore. Those that end in a plain name are
  // indexed by it; the rest are tried last first.
  struct File {
    std::string base;  // the .gitignore's directory
    std::vector<Pattern> patterns;
    std::unordered_map<std::string, std::vector<uint32_t>> by_name;  // → indices, ascending
    std::vector<uint32_t> others;                       // the patterns not in by_name, ascending
    std::unordered_map<std::string, uint32_t> written;  // a pattern's text → its latest index
  };

  static bool matches(const Pattern& pattern, std::string_view relative);
  // Whether some pattern of `file` decides `relative`; `ignored` then says how.
  static bool decide(const File& file, std::string_view relative, bool is_directory, bool& ignored);

  std::vector<File> files_;
  std::unordered_map<std::string, size_t> by_base_;  // a file's directory → its index
  size_t size_ = 0;
};

// The whole of `name` (one path component) against a one-component glob:
// `*` any run, `?` one byte, `[abc]`, `[a-z]`, `[!a]` one byte of a class,
// `\x` the byte x. Backtracks only to the last `*`, so it costs at most the
// name's length times the longest run of the pattern between stars.
bool match_component_glob(std::string_view glob, std::string_view name);

}  // namespace bw::engine
