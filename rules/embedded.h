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

// What a file of a rule directory is, by the folder it sits in: kinds/ are
// compiled first, then shared/ (named lists and parameters), then every rule.
enum class FileRole { Kinds, Shared, Rule };

inline FileRole role_of(std::string_view path) {
  if (path.find("kinds/") == 0 || path.find("/kinds/") != std::string_view::npos)
    return FileRole::Kinds;
  if (path.find("shared/") == 0 || path.find("/shared/") != std::string_view::npos)
    return FileRole::Shared;
  return FileRole::Rule;
}

}  // namespace bw::rules
