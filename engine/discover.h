#pragma once
// Walks the repository root through a Source and decides, for each file,
// which frontend reads it. Skips .git, .terraform, node_modules, what
// .gitignore files ignore and the configuration's excludes — except what the
// user named, which is read even when ignored. The whole root is walked, not
// just the named paths: a module above them, a library chart beside them,
// and repository-wide facts all live elsewhere in the root.

#include <string>
#include <unordered_map>
#include <vector>

#include "engine/config.h"
#include "engine/source.h"
#include "frontends/frontend.h"
#include "ir/timings.h"

namespace bw::engine {

struct DiscoveredFile {
  std::string relative;  // root-relative path
  size_t frontend = 0;   // index into the frontends given to discover()
  std::string text;
};

struct Discovery {
  std::vector<DiscoveredFile> files;  // in path order
  // Paths (root-relative, in Diagnostic::path) that could not be listed or
  // read. Unanalyzable where a frontend wanted the file; warnings otherwise.
  std::vector<ir::Diagnostic> errors;
  // The regular files of each directory the walk listed (links that stay in
  // the root included), as the source listed them: a frontend that asks what
  // a directory holds (Context::list) is answered without listing it again.
  std::unordered_map<std::string, std::vector<std::string>> listed;
  // Files and directories within the named paths that .gitignore or the
  // configuration's exclude left out: why a scan may read nothing.
  size_t skipped_named = 0;
};

struct DiscoverOptions {
  const Config* config = nullptr;
  std::string config_prefix;       // the configuration's directory, root-relative
  std::vector<std::string> named;  // root-relative paths the user named
  unsigned jobs = 1;               // threads reading files
  ir::Timings* timings = nullptr;  // walking counts as Discover, reading as Read
};

Discovery discover(const Source& source, const DiscoverOptions& options,
                   const std::vector<frontends::Frontend*>& frontends);

// Of the frontends that want a file, the one that claims it most surely;
// between equal scores, the one whose name sorts first, so the order
// frontends come in never decides. nullopt when none claims it.
std::optional<size_t> choose_frontend(const std::vector<frontends::Frontend*>& frontends,
                                      std::string_view path, std::string_view text);

// Whether `path` is `named` or lies below it (root-relative; "" is the root).
bool path_within(std::string_view path, std::string_view named);

// A root-relative path relative to the configuration's directory, for its
// globs; nullopt when it lies outside that directory.
std::optional<std::string> config_relative(std::string_view path, std::string_view config_prefix);

}  // namespace bw::engine
