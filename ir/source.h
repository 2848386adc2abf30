#pragma once
// Source files and spans. Every value, resource and finding points back into a
// SourceFile through a Span, so reports can quote the line a person wrote.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bw::ir {

using FileId = uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

// A point in a file: byte offset plus 1-based line and column (columns count bytes).
struct Position {
  uint32_t offset = 0;
  uint32_t line = 0;  // 0 means "no position"
  uint32_t column = 0;
};

// A half-open byte range [begin, end) in one file.
struct Span {
  FileId file = kNoFile;
  Position begin;
  Position end;

  bool valid() const { return file != kNoFile && begin.line != 0; }
};

// One input file, loaded once. Files produced by a renderer (a Helm template
// rendered to YAML, say) carry `origins`: for each of their lines, the span in
// the template it came from, so findings are reported where the user wrote them.
struct SourceFile {
  FileId id = kNoFile;
  std::string path;      // as shown to the user: relative to the working directory
  std::string relative;  // relative to the repository root; "" for files a renderer made
  std::string text;
  std::vector<uint32_t> line_starts;  // byte offset of each line's first byte
  std::string environment;            // "prod", "test", ... or "" when unknown
  std::string environment_reason;     // why: "path component 'prod'", "config", ...
  std::vector<Span> origins;          // empty for files read from disk

  // Fills line_starts from the text; add() does it when it is empty.
  void index_lines();
  Position position_at(uint32_t offset) const;
  Span span(uint32_t begin_offset, uint32_t end_offset) const;
  std::string_view line_text(uint32_t line) const;  // without the newline
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts.size()); }
};

// Owns every SourceFile of a run; FileIds index into it. Thread-safe, so
// frontends can analyse units in parallel: each worker's model holds a
// `share()` of the run's manager and sees, and adds to, the same files.
// Files never move once added, so references to them stay valid.
class SourceManager {
 public:
  SourceManager();
  SourceManager(SourceManager&&) = default;
  SourceManager& operator=(SourceManager&&) = default;
  SourceManager(const SourceManager&) = delete;
  SourceManager& operator=(const SourceManager&) = delete;

  // Adds a file. `relative` is its path from the repository root, its key:
  // when a file is already known under that key, that file's id is returned
  // and nothing is added, so two threads loading one module agree on its id.
  // Files without a root-relative path (rendered ones) are keyed by `path`.
  FileId add(std::string path, std::string text, std::string relative = "");
  // The same for a file whose other fields (environment) are already set;
  // its id and line starts are filled in.
  FileId add(SourceFile file);
  // The file known under `key` (its root-relative path, else its path), if any.
  std::optional<FileId> find(std::string_view key) const;
  const SourceFile& file(FileId id) const;
  SourceFile& file(FileId id);
  size_t size() const;
  // Follows a rendered file's origin map back to the file the user wrote.
  Span original(Span span) const;
  // Another handle on the same files.
  SourceManager share() const;

 private:
  // Files live in fixed chunks that never move, so reading a file by its id
  // takes no lock (file() is on every hot path: sorting, reporting, spans);
  // adding one does.
  static constexpr size_t kChunkBits = 12;
  static constexpr size_t kChunkSize = size_t{1} << kChunkBits;
  static constexpr size_t kMaxChunks = 1024;  // 4M files
  struct Chunk {
    std::unique_ptr<SourceFile> files[kChunkSize];
  };
  struct Storage {
    mutable std::mutex mutex;
    std::atomic<Chunk*> chunks[kMaxChunks] = {};
    std::atomic<size_t> size{0};
    std::unordered_map<std::string, FileId> by_path;
    ~Storage();
  };
  std::shared_ptr<Storage> storage_;
};

}  // namespace bw::ir
