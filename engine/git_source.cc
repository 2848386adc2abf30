// A git revision through plumbing: `git ls-tree -r -z` once for the whole
// tree, one long-lived `git cat-file --batch-check` for the sizes of the
// blobs about to be read and one `git cat-file --batch` for their contents,
// each asked for many blobs at a time, so reading a revision costs a few
// processes and no round trip per file. A blob over the limit is refused from
// its size before git is asked for its contents, each blob's size is asked
// once however many files share it, and the empty blob is never asked for. No shell is involved and
// every argument is fixed or validated, so nothing in a repository can make this run anything else.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
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

// Links longer than a path can be are not links anyone wrote.
constexpr uint64_t kMaxLinkBytes = 4096;
// Links followed on the way to one file, as the kernel allows (ELOOP past it).
constexpr int kMaxLinkHops = 40;
// Blobs asked for at a time: their requests fit in a pipe's buffer, so
// writing them never waits for git, which may be waiting for us to read.
constexpr size_t kBatch = 512;

const char* const kOutside = "leads outside the repository root";

}  // namespace

// Reads git's answers through a buffer: one read call for many small
// answers, never one per byte.
class GitReader {
 public:
  explicit GitReader(int fd) : fd_(fd) {}
  bool line(std::string& out) {
    out.clear();
    while (true) {
      size_t newline = buffer_.find('\n', at_);
      if (newline != std::string::npos) {
        out.append(buffer_, at_, newline - at_);
        at_ = newline + 1;
        return true;
      }
      out.append(buffer_, at_, std::string::npos);
      at_ = buffer_.size();
      if (out.size() > 4096 || !fill()) return false;
    }
  }
  // `size` bytes into `out`, or, with `out` null, skipped without keeping them.
  bool bytes(uint64_t size, std::string* out) {
    if (out) out->reserve(static_cast<size_t>(size));
    while (size > 0) {
      if (at_ == buffer_.size() && !fill()) return false;
      size_t take = static_cast<size_t>(std::min<uint64_t>(size, buffer_.size() - at_));
      if (out) out->append(buffer_, at_, take);
      at_ += take;
      size -= take;
    }
    return true;
  }

 private:
  bool fill() {
    buffer_.erase(0, at_);
    at_ = 0;
    size_t old = buffer_.size();
    buffer_.resize(old + 65536);
    while (true) {
      ssize_t n = ::read(fd_, buffer_.data() + old, 65536);
      if (n < 0 && errno == EINTR) continue;
      buffer_.resize(old + static_cast<size_t>(std::max<ssize_t>(n, 0)));
      return n > 0;
    }
  }
  int fd_;
  std::string buffer_;
  size_t at_ = 0;
};

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
    std::string_view path_view = entry.substr(tab + 1);
    if (path_view.compare(0, prefix.size(), prefix) != 0) continue;
    std::string path(path_view.substr(prefix.size()));
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
  if (!source->start_cat_file(false, source->contents_, error)) return nullptr;
  // What every link says, in one stream: the walk asks for each.
  std::vector<const Blob*> links, short_links;
  for (const auto& [path, blob] : source->files_)
    if (blob.link) links.push_back(&blob);
  std::vector<uint64_t> sizes = source->sizes(links);
  for (size_t i = 0; i < links.size(); ++i)
    if (sizes[i] <= kMaxLinkBytes) short_links.push_back(links[i]);
  links = std::move(short_links);
  std::vector<std::string> texts, errors;
  source->read_blobs(links, texts, errors);
  for (size_t i = 0; i < links.size(); ++i)
    if (errors[i].empty()) source->links_.emplace(links[i]->object, std::move(texts[i]));
  return source;
}

bool GitSource::start_cat_file(bool check, CatFile& process, std::string& error) const {
  int to[2], from[2];
  if (::pipe2(to, O_CLOEXEC) != 0 || ::pipe2(from, O_CLOEXEC) != 0) {
    error = std::strerror(errno);
    return false;
  }
  std::vector<std::string> storage = {"git", "-C", root_, "cat-file",
                                      check ? "--batch-check" : "--batch"};
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
  process.to = to[1];
  process.from = from[0];
  process.pid = pid;
  process.reader = std::make_unique<GitReader>(process.from);
  return true;
}

GitSource::CatFile::~CatFile() {
  if (to >= 0) ::close(to);
  if (from >= 0) ::close(from);
  if (pid > 0) {
    int status;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

GitSource::~GitSource() = default;

// The empty blob's id, with SHA-1 and with SHA-256: known to hold nothing.
static bool empty_blob(std::string_view object) {
  return object == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391" ||
         object == "473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813";
}

std::vector<uint64_t> GitSource::sizes(const std::vector<const Blob*>& blobs) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<const std::string*> unknown;
  for (const Blob* blob : blobs)
    if (!empty_blob(blob->object) && sizes_.try_emplace(blob->object, kUnknownSize).second)
      unknown.push_back(&blob->object);
  std::string error;
  if (!unknown.empty() && !checks_.reader) start_cat_file(true, checks_, error);
  for (size_t first = 0; checks_.reader && first < unknown.size(); first += kBatch) {
    size_t last = std::min(unknown.size(), first + kBatch);
    std::string requests;
    for (size_t i = first; i < last; ++i) requests += *unknown[i] + "\n";
    if (!write_all(checks_.to, requests)) break;
    // "<object> blob <size>", or "<object> missing".
    for (size_t i = first; i < last; ++i) {
      std::string line;
      if (!checks_.reader->line(line)) break;
      size_t space = line.rfind(' ');
      uint64_t size = kUnknownSize;
      if (line.find(" blob ") != std::string::npos && space != std::string::npos)
        std::from_chars(line.data() + space + 1, line.data() + line.size(), size);
      sizes_[*unknown[i]] = size;
    }
  }
  std::vector<uint64_t> out;
  for (const Blob* blob : blobs) out.push_back(empty_blob(blob->object) ? 0 : sizes_[blob->object]);
  return out;
}

bool GitSource::read_blobs(const std::vector<const Blob*>& blobs, std::vector<std::string>& texts,
                           std::vector<std::string>& errors) const {
  texts.assign(blobs.size(), "");
  errors.assign(blobs.size(), "");
  std::lock_guard<std::mutex> lock(mutex_);
  CatFile& git = contents_;
  bool ok = true;
  for (size_t first = 0; first < blobs.size(); first += kBatch) {
    size_t last = std::min(blobs.size(), first + kBatch);
    std::string requests;
    for (size_t i = first; i < last; ++i) requests += blobs[i]->object + "\n";
    if (!git.reader || !write_all(git.to, requests)) {
      for (size_t i = first; i < blobs.size(); ++i) errors[i] = "git cat-file stopped";
      return false;
    }
    // "<object> blob <size>\n<content>\n", or "<object> missing\n".
    for (size_t i = first; i < last; ++i) {
      std::string header;
      if (!git.reader->line(header)) {
        for (size_t j = i; j < blobs.size(); ++j) errors[j] = "git cat-file stopped";
        return false;
      }
      // "<object> <type> <size>" is followed by the contents, whatever the
      // type; anything else ("missing", "ambiguous") by nothing.
      size_t space = header.rfind(' ');
      size_t type_at = header.find(' ');
      uint64_t size = 0;
      bool sized =
          space != std::string::npos && type_at != space &&
          std::from_chars(header.data() + space + 1, header.data() + header.size(), size).ec ==
              std::errc();
      bool blob = sized && header.compare(type_at, space - type_at + 1, " blob ") == 0;
      if (!blob) {
        errors[i] = "git cannot read " + blobs[i]->object;
        ok = false;
        if (sized && !(git.reader->bytes(size, nullptr) && git.reader->bytes(1, nullptr))) {
          for (size_t j = i; j < blobs.size(); ++j) errors[j] = "git cat-file stopped";
          return false;
        }
        continue;
      }
      // Its size was checked before it was asked for; should git disagree,
      // the limit still holds and the contents are skipped, never kept.
      bool kept = size <= file_limit();
      if (!git.reader->bytes(size, kept ? &texts[i] : nullptr) || !git.reader->bytes(1, nullptr)) {
        for (size_t j = i; j < blobs.size(); ++j) errors[j] = "git cat-file stopped";
        return false;
      }
      if (!kept) {
        errors[i] = too_large(file_limit());
        ok = false;
      }
    }
  }
  return ok;
}

bool GitSource::link_text(const Blob& blob, std::string& text, std::string& error) const {
  {
    std::lock_guard<std::mutex> lock(links_mutex_);
    if (auto it = links_.find(blob.object); it != links_.end()) {
      text = it->second;
      return true;
    }
  }
  if (sizes({&blob})[0] > kMaxLinkBytes) {
    error = "is a symbolic link longer than any path";
    return false;
  }
  std::vector<std::string> texts, errors;
  if (!read_blobs({&blob}, texts, errors)) {
    error = errors[0];
    return false;
  }
  text = texts[0];
  std::lock_guard<std::mutex> lock(links_mutex_);
  links_.emplace(blob.object, texts[0]);
  return true;
}

std::optional<std::string> GitSource::resolve(std::string_view path, bool follow_last,
                                              std::string& problem) const {
  std::optional<std::string> start = normalize_relative(path);
  if (!start) {
    problem = kOutside;
    return std::nullopt;
  }
  // The components still to walk, the next one last.
  std::vector<std::string> pending;
  auto push = [&pending](std::string_view text) {
    std::vector<std::string> parts;
    size_t from = 0;
    while (from <= text.size()) {
      size_t slash = text.find('/', from);
      if (slash == std::string_view::npos) slash = text.size();
      parts.emplace_back(text.substr(from, slash - from));
      from = slash + 1;
    }
    pending.insert(pending.end(), parts.rbegin(), parts.rend());
  };
  push(*start);
  std::string at;  // resolved so far: a directory of the tree
  int hops = 0;
  while (!pending.empty()) {
    std::string part = std::move(pending.back());
    pending.pop_back();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (at.empty()) {
        problem = kOutside;
        return std::nullopt;
      }
      at = parent_of(at);
      continue;
    }
    std::string next = join_relative(at, part);
    auto file = files_.find(next);
    bool last = std::all_of(pending.begin(), pending.end(),
                            [](const std::string& p) { return p.empty() || p == "."; });
    if (file != files_.end() && file->second.link && (!last || follow_last)) {
      if (++hops > kMaxLinkHops) {
        problem = "is a loop of symbolic links";
        return std::nullopt;
      }
      std::string target;
      if (!link_text(file->second, target, problem)) return std::nullopt;
      if (target.empty() || target[0] == '/') {
        problem = kOutside;
        return std::nullopt;
      }
      push(target);  // relative to the link's directory, which `at` still is
      continue;
    }
    if (file == files_.end() && !directories_.count(next)) {
      problem = hops ? "leads nowhere" : "no such file in revision " + commit_.substr(0, 12);
      return std::nullopt;
    }
    if (file != files_.end() && !last) {
      problem = "not a directory";
      return std::nullopt;
    }
    at = std::move(next);
  }
  return at;
}

DirEntry GitSource::describe(const std::string& path, std::string name) const {
  DirEntry entry;
  entry.name = std::move(name);
  auto file = files_.find(path);
  if (file == files_.end()) {
    entry.type = DirEntry::Type::Directory;
    return entry;
  }
  if (file->second.submodule) {
    entry.problem = "a submodule";
    return entry;
  }
  if (!file->second.link) {
    entry.type = DirEntry::Type::File;
    return entry;
  }
  entry.link = true;
  std::string problem;
  std::optional<std::string> target = resolve(path, true, problem);
  if (!target) {
    entry.problem =
        problem == "no such file in revision " + commit_.substr(0, 12) ? "leads nowhere" : problem;
    return entry;
  }
  auto resolved = files_.find(*target);
  if (resolved == files_.end()) {
    entry.type = DirEntry::Type::Directory;
  } else if (resolved->second.submodule) {
    entry.problem = "a submodule";
  } else {
    entry.type = DirEntry::Type::File;
  }
  entry.target = target->empty() ? "." : *target;
  return entry;
}

bool GitSource::list(std::string_view directory, std::vector<DirEntry>& entries,
                     std::string& error) const {
  entries.clear();
  std::string problem;
  std::optional<std::string> base = resolve(directory, true, problem);
  auto it = base ? directories_.find(*base) : directories_.end();
  if (it == directories_.end()) {
    error = base && files_.count(*base) ? "not a directory"
            : base                      ? "no such directory in revision " + commit_.substr(0, 12)
                                        : problem;
    return false;
  }
  for (const std::string& name : it->second)
    entries.push_back(describe(join_relative(*base, name), name));
  return true;
}

std::optional<DirEntry> GitSource::entry(std::string_view path) const {
  std::optional<std::string> relative = normalize_relative(path);
  if (!relative || relative->empty()) return std::nullopt;
  std::string problem;
  std::optional<std::string> parent = resolve(parent_of(*relative), true, problem);
  if (!parent || !directories_.count(*parent)) return std::nullopt;
  std::string name = relative->substr(relative->rfind('/') + 1);
  std::string at = join_relative(*parent, name);
  if (!files_.count(at) && !directories_.count(at)) return std::nullopt;
  return describe(at, name);
}

const GitSource::Blob* GitSource::readable(std::string_view path, std::string& error) const {
  std::optional<std::string> resolved = resolve(path, true, error);
  if (!resolved) return nullptr;
  auto it = files_.find(*resolved);
  if (it == files_.end()) {
    error = "is a directory";
    return nullptr;
  }
  if (it->second.submodule) {
    error = "is a submodule";
    return nullptr;
  }
  return &it->second;
}

bool GitSource::read(std::string_view path, std::string& text, std::string& error) const {
  const Blob* blob = readable(path, error);
  if (!blob) return false;
  text.clear();
  uint64_t size = sizes({blob})[0];
  if (size > file_limit()) {
    error = size == kUnknownSize ? "git cannot read " + blob->object : too_large(file_limit());
    return false;
  }
  if (size == 0) return true;
  std::vector<std::string> texts, errors;
  if (!read_blobs({blob}, texts, errors)) {
    error = errors[0];
    return false;
  }
  text = std::move(texts[0]);
  return true;
}

bool GitSource::read_all(const std::vector<std::string>& paths, std::vector<std::string>& texts,
                         std::vector<std::string>& errors) const {
  texts.assign(paths.size(), "");
  errors.assign(paths.size(), "");
  std::vector<const Blob*> blobs(paths.size(), nullptr), wanted;
  for (size_t i = 0; i < paths.size(); ++i) blobs[i] = readable(paths[i], errors[i]);
  std::vector<const Blob*> found;
  for (const Blob* blob : blobs)
    if (blob) found.push_back(blob);
  std::vector<uint64_t> found_sizes = sizes(found);
  std::vector<size_t> at;
  for (size_t i = 0, f = 0; i < paths.size(); ++i) {
    if (!blobs[i]) continue;
    uint64_t size = found_sizes[f++];
    if (size > file_limit())
      errors[i] =
          size == kUnknownSize ? "git cannot read " + blobs[i]->object : too_large(file_limit());
    else if (size > 0) {
      wanted.push_back(blobs[i]);
      at.push_back(i);
    }
  }
  std::vector<std::string> read, read_errors;
  read_blobs(wanted, read, read_errors);
  for (size_t j = 0; j < wanted.size(); ++j) {
    texts[at[j]] = std::move(read[j]);
    errors[at[j]] = std::move(read_errors[j]);
  }
  return true;
}

std::optional<DirEntry::Type> GitSource::type_of(std::string_view path) const {
  std::string problem;
  std::optional<std::string> resolved = resolve(path, true, problem);
  if (!resolved) return std::nullopt;
  if (directories_.count(*resolved)) return DirEntry::Type::Directory;
  auto it = files_.find(*resolved);
  if (it == files_.end()) return std::nullopt;
  return it->second.submodule ? DirEntry::Type::Other : DirEntry::Type::File;
}

}  // namespace bw::engine
