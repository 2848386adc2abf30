#pragma once
// The built-in rule pack, embedded at build time from rules/**/*.yaml.

#include <string>
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
// Data: a folder a frontend reads as data (Frontend::data_folders, such as
// terraform-modules/), which the compiler never sees.
enum class FileRole { Kinds, Shared, Rule, Data };

inline bool in_folder(std::string_view path, std::string_view folder) {
  return (path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/') ||
         path.find("/" + std::string(folder) + "/") != std::string_view::npos;
}

// `data_folders`: the folders the frontends read as data
// (frontends::data_folders()).
inline FileRole role_of(std::string_view path, const std::vector<std::string>& data_folders = {}) {
  for (const std::string& folder : data_folders)
    if (in_folder(path, folder)) return FileRole::Data;
  if (path.find("kinds/") == 0 || path.find("/kinds/") != std::string_view::npos)
    return FileRole::Kinds;
  if (path.find("shared/") == 0 || path.find("/shared/") != std::string_view::npos)
    return FileRole::Shared;
  return FileRole::Rule;
}

}  // namespace bw::rules
