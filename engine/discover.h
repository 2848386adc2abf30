#pragma once
// Walks the paths a user names and decides, for each file, which frontend
// reads it. Skips .git, .terraform, node_modules, what .gitignore ignores,
// the configuration's excludes, and symbolic links (a link may lead outside
// the scanned tree).

#include <string>
#include <vector>

#include "engine/config.h"
#include "frontends/frontend.h"

namespace bw::engine {

struct DiscoveredFile {
  std::string path;     // as shown to the user: relative to the working directory
  std::string fs_path;  // as opened
  std::string root;     // the scanned path it was found under (absolute, normalised)
  size_t frontend = 0;  // index into the frontends given to discover()
  std::string text;
};

struct Discovery {
  std::vector<DiscoveredFile> files;
  std::vector<ir::Diagnostic> errors;  // unreadable or missing paths
};

Discovery discover(const std::vector<std::string>& paths, const Config& config,
                   const std::vector<frontends::Frontend*>& frontends);

// `path` relative to the working directory when it lies below it.
std::string display_path(const std::string& path);

// Reads a whole file; false when it cannot be read.
bool read_file(const std::string& path, std::string& text);

}  // namespace bw::engine
