#include "engine/workspace.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "engine/config.h"
#include "engine/source.h"

namespace bw::engine {

namespace fs = std::filesystem;

namespace {

fs::path canonical_or_weak(const fs::path& path) {
  std::error_code ec;
  fs::path result = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::absolute(path, ec).lexically_normal() : result;
}

// A path the user named, canonical, except that a symbolic link named last
// stays itself unless it leads to a directory: `check x.tf` with x.tf a link
// names the link (which lies in the repository), never what it leads to,
// while a linked directory is scanned where it really is.
fs::path canonical_named(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (!ec && absolute.has_filename() && fs::is_symlink(fs::symlink_status(absolute, ec)) &&
      !fs::is_directory(absolute, ec))
    return canonical_or_weak(absolute.parent_path()) / absolute.filename();
  return canonical_or_weak(path);
}

std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// The directory holding `.git` (a directory, or a file in a worktree) at or above `start`.
std::string git_top(const fs::path& start) {
  std::error_code ec;
  for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return dir.string();
    if (dir == dir.root_path()) break;
  }
  return "";
}

std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

}  // namespace

// String work only: this runs once per file of the repository.
std::string Workspace::display(std::string_view relative) const {
  std::vector<std::string_view> here = components(cwd);
  std::vector<std::string_view> file = components(root);
  for (std::string_view part : components(relative)) file.push_back(part);
  size_t common = 0;
  while (common < here.size() && common < file.size() && here[common] == file[common]) ++common;
  std::string shown;
  for (size_t i = common; i < here.size(); ++i)
    shown += i + 1 < here.size() || common < file.size() ? "../" : "..";
  for (size_t i = common; i < file.size(); ++i) {
    shown += file[i];
    if (i + 1 < file.size()) shown += '/';
  }
  return shown.empty() ? "." : shown;
}

ir::EnvironmentGuess Workspace::root_environment() const {
  if (in_git) return {};
  std::string_view name = root;
  if (size_t slash = name.find_last_of('/'); slash != std::string_view::npos)
    name.remove_prefix(slash + 1);
  std::string environment = ir::environment_from_word(name);
  if (environment.empty()) return {};
  return {environment, std::string(ir::kRootNameReason) + " '" + std::string(name) +
                           "' (no git repository or configuration above it)"};
}

std::optional<std::string> Workspace::relative(const std::string& user_path) const {
  fs::path absolute =
      fs::path(user_path).is_absolute() ? fs::path(user_path) : fs::path(cwd) / user_path;
  std::string resolved = without_trailing_slash(canonical_named(absolute).generic_string());
  if (resolved == root) return std::string();
  if (resolved.compare(0, root.size() + 1, root + "/") != 0) return std::nullopt;
  return normalize_relative(resolved.substr(root.size() + 1));
}

bool find_workspace(const std::vector<std::string>& paths, const std::string& explicit_root,
                    Workspace& workspace, std::string& error) {
  std::error_code ec;
  workspace.cwd = without_trailing_slash(fs::current_path(ec).generic_string());
  fs::path root;
  if (!explicit_root.empty()) {
    root = canonical_or_weak(explicit_root);
    workspace.why = "--root";
  } else {
    std::vector<fs::path> scanned;
    for (const std::string& p : paths.empty() ? std::vector<std::string>{"."} : paths) {
      fs::path c = canonical_named(p);
      scanned.push_back(fs::is_directory(c, ec) ? c : c.parent_path());
    }
    std::string config = find_config(scanned[0].string());
    std::string git = git_top(scanned[0]);
    if (!config.empty()) {
      root = fs::path(config).parent_path();
      workspace.why = "the directory of " + display_path(config);
    } else if (!git.empty()) {
      root = git;
      workspace.why = "the top of the git repository";
    } else {
      // The common directory of what was named.
      root = scanned[0];
      for (const fs::path& s : scanned)
        while (!root.empty() && s.generic_string() != root.generic_string() &&
               s.generic_string().compare(0, root.generic_string().size() + 1,
                                          root.generic_string() + "/") != 0 &&
               root != root.root_path())
          root = root.parent_path();
      workspace.why = "the scanned directory";
    }
  }
  workspace.root = without_trailing_slash(root.generic_string());
  workspace.in_git = !git_top(workspace.root).empty();
  if (!fs::is_directory(workspace.root, ec)) {
    error = "the repository root " + workspace.root + " is not a directory";
    return false;
  }
  return true;
}

std::string display_path(const std::string& path) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  fs::path absolute = fs::absolute(path, ec).lexically_normal();
  if (!ec) {
    std::string text = absolute.lexically_relative(cwd).generic_string();
    if (!text.empty()) return text;
  }
  return fs::path(path).lexically_normal().generic_string();
}

bool read_file(const std::string& path, std::string& text, std::string* error, uint64_t limit) {
  auto fail = [&](std::string why) {
    if (error) *error = std::move(why);
    return false;
  };
  // As a source reads: a FIFO must not block, a device must not be read forever.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return fail(std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return fail(S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
  }
  if (static_cast<uint64_t>(st.st_size) > limit) {
    ::close(fd);
    return fail(too_large(limit));
  }
  text.assign(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::read(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      return fail(std::strerror(saved));
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  text.resize(done);  // a file that shrank meanwhile; one that grew is read to its old size
  ::close(fd);
  return true;
}

}  // namespace bw::engine
