// A git revision through plumbing: `git ls-tree -r -z` once for the whole
// tree, and one long-lived `git cat-file --batch` for contents, so reading a
// revision costs two processes, not one per file. No shell is involved and
// every argument is fixed or validated, so nothing in a repository can make
// this run anything else.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "engine/source.h"

extern char** environ;

namespace bw::engine {

namespace {

// Runs git with `arguments` in `directory`; its standard output in `out`.
bool run_git(const std::string& directory, const std::vector<std::string>& arguments,
             std::string& out, std::string& error) {
  std::vector<std::string> argv_storage = {"git", "-C", directory};
  argv_storage.insert(argv_storage.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    error = std::strerror(errno);
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  int spawned = ::posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    error = "cannot run git: " + std::string(std::strerror(spawned));
    return false;
  }
  char buffer[65536];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    out.append(buffer, static_cast<size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    error = "git " + arguments.front() + " failed";
    return false;
  }
  return true;
}

bool read_exactly(int fd, char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

}  // namespace

std::unique_ptr<GitSource> GitSource::open(const std::string& root, const std::string& revision,
                                           std::string& error) {
  if (revision.empty() || revision[0] == '-') {
    error = "'" + revision + "' is not a revision";
    return nullptr;
  }
  std::unique_ptr<GitSource> source(new GitSource());
  source->root_ = root;
  std::string out;
  if (!run_git(root,
               {"rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"},
               out, error)) {
    error = "'" + revision + "' is not a commit of the repository at " + root;
    return nullptr;
  }
  source->commit_ = out.substr(0, out.find('\n'));
  // The root may lie below the repository's top: its paths start with this prefix.
  std::string prefix;
  out.clear();
  if (!run_git(root, {"rev-parse", "--show-prefix"}, out, error)) return nullptr;
  prefix = out.substr(0, out.find('\n'));
  out.clear();
  if (!run_git(root, {"ls-tree", "-r", "-z", "--full-tree", source->commit_}, out, error))
    return nullptr;
  // Each entry: "<mode> <type> <object>\t<path>\0".
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\0', start);
    if (end == std::string::npos) end = out.size();
    std::string_view entry(out.data() + start, end - start);
    start = end + 1;
    size_t tab = entry.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string_view meta = entry.substr(0, tab);
    std::string path(entry.substr(tab + 1));
    if (path.compare(0, prefix.size(), prefix) != 0) continue;
    path.erase(0, prefix.size());
    size_t first_space = meta.find(' ');
    size_t second_space = meta.find(' ', first_space + 1);
    if (first_space == std::string_view::npos || second_space == std::string_view::npos) continue;
    Blob blob;
    std::string_view mode = meta.substr(0, first_space);
    blob.object = std::string(meta.substr(second_space + 1));
    blob.link = mode == "120000";
    blob.submodule = mode == "160000";
    // Every directory on the way knows its children.
    std::string child = path;
    for (std::string dir = parent_of(child);; dir = parent_of(dir)) {
      auto& names = source->directories_[dir];
      std::string name = child.substr(dir.empty() ? 0 : dir.size() + 1);
      if (names.empty() || names.back() != name) names.push_back(name);
      if (dir.empty()) break;
      child = dir;
    }
    source->files_.emplace(std::move(path), std::move(blob));
  }
  for (auto& [dir, names] : source->directories_) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
  }
  if (!source->start_cat_file(error)) return nullptr;
  return source;
}

bool GitSource::start_cat_file(std::string& error) {
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) != 0 || ::pipe2(from, O_CLOEXEC) != 0) {
    error = std::strerror(errno);
    return false;
  }
  std::vector<std::string> storage = {"git", "-C", root_, "cat-file", "--batch"};
  std::vector<char*> argv;
  for (std::string& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  int spawned = ::posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(to[0]);
  ::close(from[1]);
  if (spawned != 0) {
    ::close(to[1]);
    ::close(from[0]);
    error = "cannot run git: " + std::string(std::strerror(spawned));
    return false;
  }
  // A dead cat-file must fail a read, not kill this process.
  ::signal(SIGPIPE, SIG_IGN);
  to_git_ = to[1];
  from_git_ = from[0];
  pid_ = pid;
  return true;
}

GitSource::~GitSource() {
  if (to_git_ >= 0) ::close(to_git_);
  if (from_git_ >= 0) ::close(from_git_);
  if (pid_ > 0) {
    int status;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

bool GitSource::read_blob(const std::string& object, std::string& text, std::string& error) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!write_all(to_git_, object + "\n")) {
    error = "git cat-file stopped";
    return false;
  }
  // "<object> blob <size>\n<content>\n"
  std::string header;
  char c;
  while (read_exactly(from_git_, &c, 1) && c != '\n') header.push_back(c);
  size_t space = header.rfind(' ');
  if (header.find(" blob ") == std::string::npos || space == std::string::npos) {
    error = "git cannot read " + object;
    return false;
  }
  uint64_t size = std::stoull(header.substr(space + 1));
  std::string content(static_cast<size_t>(size), '\0');
  char newline;
  if (!read_exactly(from_git_, content.data(), content.size()) ||
      !read_exactly(from_git_, &newline, 1)) {
    error = "git cat-file stopped";
    return false;
  }
  if (size > kMaxFileBytes) {
    error = "file is larger than 16 MiB";
    return false;
  }
  text = std::move(content);
  return true;
}

bool GitSource::list(std::string_view directory, std::vector<DirEntry>& entries,
                     std::string& error) const {
  entries.clear();
  std::string base = normalize_relative(directory).value_or("");
  auto it = directories_.find(base);
  if (it == directories_.end()) {
    error = "no such directory in revision " + commit_.substr(0, 12);
    return false;
  }
  for (const std::string& name : it->second) {
    std::string path = join_relative(base, name);
    DirEntry entry;
    entry.name = name;
    auto file = files_.find(path);
    if (file == files_.end()) {
      entry.type = DirEntry::Type::Directory;
    } else if (file->second.link) {
      entry.link = true;
      std::string target;
      std::string ignored;
      if (read_blob(file->second.object, target, ignored) && !target.empty() && target[0] != '/')
        if (auto resolved = normalize_relative(join_relative(base, target)))
          if (auto type = type_of(*resolved)) {
            entry.type = *type;
            entry.target = *resolved;
          }
    } else {
      entry.type = file->second.submodule ? DirEntry::Type::Other : DirEntry::Type::File;
    }
    entries.push_back(std::move(entry));
  }
  return true;
}

bool GitSource::read(std::string_view path, std::string& text, std::string& error) const {
  std::optional<std::string> relative = normalize_relative(path);
  if (!relative) {
    error = "leads outside the repository root";
    return false;
  }
  // Links are followed inside the tree, a few steps at most.
  for (int hops = 0; hops < 8; ++hops) {
    auto it = files_.find(*relative);
    if (it == files_.end()) {
      error = directories_.count(*relative) ? "is a directory"
                                            : "no such file in revision " + commit_.substr(0, 12);
      return false;
    }
    if (it->second.submodule) {
      error = "is a submodule";
      return false;
    }
    if (!it->second.link) return read_blob(it->second.object, text, error);
    std::string target;
    if (!read_blob(it->second.object, target, error)) return false;
    relative = target.empty() || target[0] == '/'
                   ? std::nullopt
                   : normalize_relative(join_relative(parent_of(*relative), target));
    if (!relative) {
      error = "leads outside the repository root";
      return false;
    }
  }
  error = "too many levels of symbolic links";
  return false;
}

std::optional<DirEntry::Type> GitSource::type_of(std::string_view path) const {
  std::string relative = normalize_relative(path).value_or("");
  if (directories_.count(relative)) return DirEntry::Type::Directory;
  auto it = files_.find(relative);
  if (it == files_.end()) return std::nullopt;
  return it->second.submodule ? DirEntry::Type::Other : DirEntry::Type::File;
}

}  // namespace bw::engine
