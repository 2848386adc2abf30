#pragma once
// The repository root and the current directory: the root bounds what may be
// read and names every file (environments come from root-relative paths, so
// where blastwall runs from never changes a result); the current directory
// only decides how paths are shown. Both are canonical, resolved once, so a
// symlinked path to the repository works like the real one.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/environment.h"
#include "ir/limits.h"

namespace bw::engine {

struct Workspace {
  std::string root;     // absolute and canonical
  std::string cwd;      // absolute and canonical
  std::string why;      // how the root was chosen, for messages
  bool in_git = false;  // the root lies in a git repository

  // Outside git only: the environment the root's own directory name is,
  // when it is exactly an environment word (`prod` when scanning envs/prod
  // itself), for files whose root-relative path names none.
  ir::EnvironmentGuess root_environment() const;

  // A root-relative path as shown to the user: always relative to the
  // current directory (`../../modules/db/main.tf`, `../repo/main.tf` when the
  // current directory lies outside the root), never absolute.
  std::string display(std::string_view relative) const;
  // A path as the user wrote it (relative to the current directory, or
  // absolute) as a root-relative one; nullopt when it lies outside the root.
  std::optional<std::string> relative(const std::string& user_path) const;
};

// The root for a scan of `paths`: `explicit_root` when given; else the
// directory of the nearest .blastwall.yaml above the first path; else the
// top of the git repository it is in; else the scanned directory (a file's
// directory; the common directory of several paths). False, with `error`,
// when that directory does not exist.
bool find_workspace(const std::vector<std::string>& paths, const std::string& explicit_root,
                    Workspace& workspace, std::string& error);

// `path` (a file or directory on disk) relative to the current directory
// (`../rules/x.yaml` when it lies beside it): for configuration and rule files.
std::string display_path(const std::string& path);

// Reads a whole regular file from disk, at most `limit` bytes; false, with
// `error` in words when given, when it cannot be read. Only for paths the user
// typed (--config, --rules): what the repository holds goes through a Source.
// Like a source, it never blocks on a FIFO nor reads a device.
bool read_file(const std::string& path, std::string& text, std::string* error = nullptr,
               uint64_t limit = ir::Limits{}.file_bytes);

}  // namespace bw::engine
