// The working tree: every open goes through openat2(RESOLVE_BENEATH) on the
// root directory, so `..` and links cannot lead outside it; where the kernel
// has no openat2, or refuses an absolute link that stays inside, the path is
// resolved with realpath and checked against the root instead.

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "engine/source.h"

namespace bw::engine {

std::optional<std::string> normalize_relative(std::string_view path) {
  if (!path.empty() && path[0] == '/') return std::nullopt;
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view part = path.substr(start, slash - start);
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = slash + 1;
  }
  std::string out;
  for (std::string_view part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

std::string join_relative(std::string_view directory, std::string_view name) {
  if (directory.empty() || directory == ".") return std::string(name);
  std::string out(directory);
  out += '/';
  out += name;
  return out;
}

namespace {

bool inside(const std::string& root, const std::string& path) {
  return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                          path[root.size()] == '/');
}

std::string error_text(int error) {
  switch (error) {
    case ELOOP:
      return "too many levels of symbolic links";
    case ENOENT:
      return "no such file or directory";
    case EACCES:
    case EPERM:
      return "permission denied";
    case EXDEV:
      return "leads outside the repository root";
    case ENOTDIR:
      return "not a directory";
    case EISDIR:
      return "is a directory";
    default:
      return std::strerror(error);
  }
}

DirEntry::Type type_of_mode(mode_t mode) {
  if (S_ISREG(mode)) return DirEntry::Type::File;
  if (S_ISDIR(mode)) return DirEntry::Type::Directory;
  return DirEntry::Type::Other;
}

// What a file that is neither a regular file nor a directory is, in words.
std::string special_kind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "a special file";
}

}  // namespace

// A root-relative path's directory ("" for the root) and last name.
static std::pair<std::string, std::string> directory_and_name(const std::string& relative) {
  size_t slash = relative.rfind('/');
  if (slash == std::string::npos) return {"", relative};
  return {relative.substr(0, slash), relative.substr(slash + 1)};
}

std::string too_large(uint64_t limit) {
  constexpr uint64_t kMiB = 1024 * 1024;
  std::string size =
      limit % kMiB == 0 ? std::to_string(limit / kMiB) + " MiB" : std::to_string(limit) + " bytes";
  return "file is larger than " + size + ", the file_bytes limit";
}

std::optional<DirEntry> Source::entry(std::string_view path) const {
  std::optional<std::string> relative = normalize_relative(path);
  if (!relative || relative->empty()) return std::nullopt;
  auto [directory, name] = directory_and_name(*relative);
  std::vector<DirEntry> entries;
  std::string error;
  if (!list(directory, entries, error)) return std::nullopt;
  for (DirEntry& e : entries)
    if (e.name == name) return std::move(e);
  return std::nullopt;
}

bool Source::read_all(const std::vector<std::string>&, std::vector<std::string>&,
                      std::vector<std::string>&) const {
  return false;
}

DiskSource::DiskSource(std::string root) : root_(std::move(root)) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
  root_fd_ = ::open(root_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
}

DiskSource::~DiskSource() {
  if (root_fd_ >= 0) ::close(root_fd_);
}

int DiskSource::open_beneath(std::string_view path, int flags) const {
  std::optional<std::string> relative = normalize_relative(path);
  if (!relative || root_fd_ < 0) {
    errno = EXDEV;
    return -1;
  }
  std::string name = relative->empty() ? "." : *relative;
  open_how how{};
  how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  int fd = static_cast<int>(::syscall(SYS_openat2, root_fd_, name.c_str(), &how, sizeof how));
  if (fd >= 0 || (errno != ENOSYS && errno != EXDEV && errno != EPERM)) return fd;
  // No openat2 here, or an absolute link: resolve it and see where it lands.
  std::string full = root_ + "/" + name;
  char resolved[PATH_MAX];
  if (!::realpath(full.c_str(), resolved)) return -1;
  if (!inside(root_, resolved)) {
    errno = EXDEV;
    return -1;
  }
  return ::open(resolved, flags | O_CLOEXEC);
}

std::string DiskSource::link_target(const std::string& relative) const {
  std::string full = root_ + "/" + relative;
  char resolved[PATH_MAX];
  if (!::realpath(full.c_str(), resolved) || !inside(root_, resolved)) return "";
  std::string target = resolved;
  return target.size() == root_.size() ? "." : target.substr(root_.size() + 1);
}

bool DiskSource::list(std::string_view directory, std::vector<DirEntry>& entries,
                      std::string& error) const {
  entries.clear();
  int fd = open_beneath(directory, O_RDONLY | O_DIRECTORY);
  if (fd < 0) {
    error = error_text(errno);
    return false;
  }
  DIR* dir = ::fdopendir(fd);
  if (!dir) {
    error = error_text(errno);
    ::close(fd);
    return false;
  }
  std::string base = normalize_relative(directory).value_or("");
  while (dirent* d = ::readdir(dir)) {
    std::string_view name = d->d_name;
    if (name == "." || name == "..") continue;
    entries.push_back(describe(::dirfd(dir), d->d_name, d->d_type, base));
  }
  ::closedir(dir);
  std::sort(entries.begin(), entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return true;
}

DirEntry DiskSource::describe(int directory_fd, const char* name, unsigned char d_type,
                              const std::string& base) const {
  DirEntry entry;
  entry.name = name;
  struct stat st;
  if (d_type == DT_UNKNOWN || d_type == DT_LNK) {
    // Follows the link to learn what it leads to; lstat says whether it is one.
    if (::fstatat(directory_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
      entry.link = S_ISLNK(st.st_mode);
      entry.type = type_of_mode(st.st_mode);
      if (!entry.link && entry.type == DirEntry::Type::Other)
        entry.problem = special_kind(st.st_mode);
    }
    if (entry.link) {
      entry.type = DirEntry::Type::Other;
      if (::fstatat(directory_fd, name, &st, 0) != 0) {
        entry.problem = errno == ELOOP ? "is a loop of symbolic links" : "leads nowhere";
        return entry;
      }
      entry.type = type_of_mode(st.st_mode);
      entry.target = link_target(join_relative(base, entry.name));
      if (entry.target.empty())
        entry.problem = "leads outside the repository root";
      else if (entry.type == DirEntry::Type::Other)
        entry.problem = special_kind(st.st_mode);
    }
  } else if (d_type == DT_REG) {
    entry.type = DirEntry::Type::File;
  } else if (d_type == DT_DIR) {
    entry.type = DirEntry::Type::Directory;
  } else {
    entry.problem = d_type == DT_FIFO                      ? "a FIFO"
                    : d_type == DT_SOCK                    ? "a socket"
                    : d_type == DT_CHR || d_type == DT_BLK ? "a device"
                                                           : "a special file";
  }
  return entry;
}

std::optional<DirEntry> DiskSource::entry(std::string_view path) const {
  std::optional<std::string> relative = normalize_relative(path);
  if (!relative || relative->empty()) return std::nullopt;
  auto [directory, name] = directory_and_name(*relative);
  int fd = open_beneath(directory, O_RDONLY | O_DIRECTORY);
  if (fd < 0) return std::nullopt;
  struct stat st;
  std::optional<DirEntry> found;
  if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0)
    found = describe(fd, name.c_str(), DT_UNKNOWN, directory);
  ::close(fd);
  return found;
}

bool DiskSource::read(std::string_view path, std::string& text, std::string& error) const {
  // Non-blocking: a FIFO put where a file was expected must not wait for a
  // writer; what it is is known from fstat before anything is read.
  int fd = open_beneath(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    error = error_text(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    error = S_ISDIR(st.st_mode) ? "is a directory"
                                : "not a regular file (" + special_kind(st.st_mode) + ")";
    ::close(fd);
    return false;
  }
  const uint64_t limit = file_limit();
  if (static_cast<uint64_t>(st.st_size) > limit) {
    error = too_large(limit);
    ::close(fd);
    return false;
  }
  // One byte more than the file holds: a read that does not fill the buffer
  // has met the end, so the usual file costs one read, not a second for EOF.
  text.resize(static_cast<size_t>(st.st_size) + 1);
  size_t done = 0;
  while (true) {
    if (done == text.size()) text.resize(text.size() + 4096);  // the file grew meanwhile
    size_t wanted = text.size() - done;
    ssize_t n = ::read(fd, text.data() + done, wanted);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = error_text(errno);
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
    if (done > limit) {
      error = too_large(limit);
      ::close(fd);
      return false;
    }
    if (n == 0 || static_cast<size_t>(n) < wanted) break;
  }
  text.resize(done);
  ::close(fd);
  return true;
}

std::optional<DirEntry::Type> DiskSource::type_of(std::string_view path) const {
  int fd = open_beneath(path, O_PATH);
  if (fd < 0) return std::nullopt;
  struct stat st;
  std::optional<DirEntry::Type> type;
  if (::fstat(fd, &st) == 0) type = type_of_mode(st.st_mode);
  ::close(fd);
  return type;
}

}  // namespace bw::engine
