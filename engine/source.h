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
#include <unordered_map>
#include <vector>

#include "ir/limits.h"

namespace bw::engine {

// The default for the largest file a source reads (ir::Limits::file_bytes):
// no configuration file is this large, and a generated blob must not
// exhaust memory. `.blastwall.yaml` may change it (`limits: {file_bytes: N}`).
inline constexpr uint64_t kMaxFileBytes = ir::Limits{}.file_bytes;

struct DirEntry {
  enum class Type : uint8_t { File, Directory, Other };
  std::string name;
  Type type = Type::Other;  // of what it leads to, for a link
  // A symbolic link: `target` is where it leads, root-relative, or "" when it
  // leads outside the root or nowhere.
  bool link = false;
  std::string target;
  // Why a link has no target ("leads outside the repository root", "is a
  // loop of symbolic links", "leads nowhere"), or what an entry of type
  // Other is ("a FIFO", "a socket", "a device", "a submodule"); "" otherwise.
  std::string problem;
};

class Source {
 public:
  virtual ~Source() = default;
  // The entries of a root-relative directory ("" or "." for the root),
  // sorted by name. False, with `error` in words, when it cannot be listed.
  virtual bool list(std::string_view directory, std::vector<DirEntry>& entries,
                    std::string& error) const = 0;
  // A whole regular file, no larger than file_limit(). False, with `error`
  // in words ("no such file", "not a regular file (a FIFO)", "file is larger
  // than 16 MiB, the file_bytes limit"), when it cannot be read; a file too
  // large, or not a regular file, is refused before a byte of it is read,
  // and nothing blocks (a FIFO is never opened for reading).
  virtual bool read(std::string_view path, std::string& text, std::string& error) const = 0;
  // What a root-relative path is, if anything, following links inside the
  // root; nullopt when it does not exist or leads outside.
  virtual std::optional<DirEntry::Type> type_of(std::string_view path) const = 0;
  // What is at a root-relative path without following it when it is a link
  // (as list() would show it in its directory); nullopt when nothing is.
  // This one lists the parent directory; a source may answer more cheaply.
  virtual std::optional<DirEntry> entry(std::string_view path) const;
  // Reads every path, each as read() would, into `texts` and `errors` (one
  // slot per path; an empty error means the file was read). A source whose
  // reads are round trips to another process answers them in one stream;
  // false when this source gains nothing from that, and nothing was read.
  virtual bool read_all(const std::vector<std::string>& paths, std::vector<std::string>& texts,
                        std::vector<std::string>& errors) const;

  // The largest file read() returns, in bytes.
  uint64_t file_limit() const { return file_limit_; }
  void set_file_limit(uint64_t bytes) { file_limit_ = bytes; }

 private:
  uint64_t file_limit_ = kMaxFileBytes;
};

// Why a file of `size` bytes is not read under `limit` ("file is larger than
// 16 MiB, the file_bytes limit"): the words every source uses.
std::string too_large(uint64_t limit);

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
  std::optional<DirEntry> entry(std::string_view path) const override;

 private:
  // Opens a root-relative path without leaving the root; -1 with errno set.
  int open_beneath(std::string_view path, int flags) const;
  // Where a link inside the root leads, root-relative; "" outside.
  std::string link_target(const std::string& relative) const;
  // The entry `name` of the directory open as `directory_fd`, at root-relative `base`.
  DirEntry describe(int directory_fd, const char* name, unsigned char d_type,
                    const std::string& base) const;

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

class GitReader;

// A git revision of the repository the root lies in, read with git plumbing
// (ls-tree once; cat-file --batch-check for sizes and cat-file --batch for
// contents, each one process asked for many blobs at a time), without a
// checkout. A blob over the limit is refused from its size, before git is
// asked for it; the empty blob is never asked for.
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
  std::optional<DirEntry> entry(std::string_view path) const override;
  bool read_all(const std::vector<std::string>& paths, std::vector<std::string>& texts,
                std::vector<std::string>& errors) const override;
  const std::string& commit() const { return commit_; }

 private:
  struct Blob {
    std::string object;  // the blob's id
    bool link = false;
    bool submodule = false;
  };
  // A long-lived `git cat-file` and the pipes to it.
  struct CatFile {
    ~CatFile();
    int to = -1;
    int from = -1;
    int pid = -1;
    std::unique_ptr<GitReader> reader;  // buffers what it answers
  };
  static constexpr uint64_t kUnknownSize = UINT64_MAX;
  GitSource() = default;
  // The blobs' sizes (kUnknownSize when git cannot say), each object asked once.
  std::vector<uint64_t> sizes(const std::vector<const Blob*>& blobs) const;
  // The contents of blobs, in one stream; `errors[i]` empty when `texts[i]` was read.
  bool read_blobs(const std::vector<const Blob*>& blobs, std::vector<std::string>& texts,
                  std::vector<std::string>& errors) const;
  bool start_cat_file(bool check, CatFile& process, std::string& error) const;
  // Where a root-relative path leads, following links in every component
  // (the last one only when `follow_last`): the blob or directory it names,
  // root-relative, or nullopt with `problem` in words.
  std::optional<std::string> resolve(std::string_view path, bool follow_last,
                                     std::string& problem) const;
  // What a link's blob says; cached, since the walk and reads both ask.
  bool link_text(const Blob& blob, std::string& text, std::string& error) const;
  // The blob a root-relative path names after links, checked for reading.
  const Blob* readable(std::string_view path, std::string& error) const;
  // The entry `name` at a root-relative path of the tree.
  DirEntry describe(const std::string& path, std::string name) const;

  std::string root_;
  std::string commit_;
  std::map<std::string, Blob, std::less<>> files_;  // root-relative path → blob
  std::map<std::string, std::vector<std::string>, std::less<>> directories_;  // → child names
  mutable std::mutex mutex_;  // guards the cat-file processes and sizes_, for every thread
  mutable std::mutex links_mutex_;
  mutable std::map<std::string, std::string, std::less<>> links_;  // object → link text
  mutable CatFile contents_;                                       // --batch
  mutable CatFile checks_;  // --batch-check, started when first needed
  mutable std::unordered_map<std::string, uint64_t> sizes_;  // object → size
};

}  // namespace bw::engine
