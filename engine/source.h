#pragma once
// Where a run reads from. The engine reads only through a Source, by paths
// relative to the repository root, and a Source answers nothing outside the
// root: not through `..`, not through a symbolic link. Three of them: the
// working tree on disk, unsaved editor buffers over it (the language
// server), and a git revision (runs against a base revision).

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bw::engine {

// Files larger than this are not read: no configuration file is this large,
// and a generated blob must not exhaust memory.
inline constexpr uint64_t kMaxFileBytes = 16 * 1024 * 1024;

struct DirEntry {
  enum class Type : uint8_t { File, Directory, Other };
  std::string name;
  Type type = Type::Other;  // of what it leads to, for a link
  // A symbolic link: `target` is where it leads, root-relative, or "" when it
  // leads outside the root or nowhere.
  bool link = false;
  std::string target;
};

class Source {
 public:
  virtual ~Source() = default;
  // The entries of a root-relative directory ("" or "." for the root),
  // sorted by name. False, with `error` in words, when it cannot be listed.
  virtual bool list(std::string_view directory, std::vector<DirEntry>& entries,
                    std::string& error) const = 0;
  // A whole file. False, with `error` in words ("no such file", "larger than
  // 16 MiB"), when it cannot be read.
  virtual bool read(std::string_view path, std::string& text, std::string& error) const = 0;
  // What a root-relative path is, if anything.
  virtual std::optional<DirEntry::Type> type_of(std::string_view path) const = 0;
};

// A root-relative path with `.` and `..` resolved and slashes single; nullopt
// when it leaves the root. "" is the root.
std::optional<std::string> normalize_relative(std::string_view path);
// `directory` + "/" + `name`, for root-relative paths ("" is the root).
std::string join_relative(std::string_view directory, std::string_view name);

// The working tree under a root directory.
class DiskSource : public Source {
 public:
  // `root` must be an absolute, canonical directory.
  explicit DiskSource(std::string root);
  ~DiskSource() override;
  DiskSource(const DiskSource&) = delete;
  DiskSource& operator=(const DiskSource&) = delete;

  bool list(std::string_view directory, std::vector<DirEntry>& entries,
            std::string& error) const override;
  bool read(std::string_view path, std::string& text, std::string& error) const override;
  std::optional<DirEntry::Type> type_of(std::string_view path) const override;

 private:
  // Opens a root-relative path without leaving the root; -1 with errno set.
  int open_beneath(std::string_view path, int flags) const;
  // Where a link inside the root leads, root-relative; "" outside.
  std::string link_target(const std::string& relative) const;

  std::string root_;
  int root_fd_ = -1;
};

// Editor buffers (root-relative path → text) over another source: a buffer
// replaces the file, and a buffer for a file that does not exist yet adds it.
class OverlaySource : public Source {
 public:
  OverlaySource(const Source& base, std::map<std::string, std::string> buffers);

  bool list(std::string_view directory, std::vector<DirEntry>& entries,
            std::string& error) const override;
  bool read(std::string_view path, std::string& text, std::string& error) const override;
  std::optional<DirEntry::Type> type_of(std::string_view path) const override;

 private:
  const Source& base_;
  std::map<std::string, std::string, std::less<>> buffers_;
};

// A git revision of the repository the root lies in, read with git plumbing
// (ls-tree once, one cat-file --batch process for contents), without a checkout.
class GitSource : public Source {
 public:
  // nullptr, with `error`, when `revision` is not a commit of the repository.
  static std::unique_ptr<GitSource> open(const std::string& root, const std::string& revision,
                                         std::string& error);
  ~GitSource() override;

  bool list(std::string_view directory, std::vector<DirEntry>& entries,
            std::string& error) const override;
  bool read(std::string_view path, std::string& text, std::string& error) const override;
  std::optional<DirEntry::Type> type_of(std::string_view path) const override;
  const std::string& commit() const { return commit_; }

 private:
  struct Blob {
    std::string object;  // the blob's id
    bool link = false;
    bool submodule = false;
  };
  GitSource() = default;
  bool read_blob(const std::string& object, std::string& text, std::string& error) const;
  bool start_cat_file(std::string& error);

  std::string root_;
  std::string commit_;
  std::map<std::string, Blob, std::less<>> files_;  // root-relative path → blob
  std::map<std::string, std::vector<std::string>, std::less<>> directories_;  // → child names
  mutable std::mutex mutex_;  // one cat-file process serves every thread
  int to_git_ = -1;
  int from_git_ = -1;
  int pid_ = -1;
};

}  // namespace bw::engine
