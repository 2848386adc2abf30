#pragma once
// The built-in rule pack, embedded at build time from rules/**/*.yaml.

#include <string_view>
#include <vector>

namespace bw::rules {

struct EmbeddedFile {
  const char* path;  // relative to the repository: rules/kinds/database.yaml
  const char* text;
};

const std::vector<EmbeddedFile>& embedded_files();

// Kinds files are compiled before every rule, which compiles against them.
inline bool is_kinds_file(std::string_view path) {
  return path.find("/kinds/") != std::string_view::npos;
}

}  // namespace bw::rules
