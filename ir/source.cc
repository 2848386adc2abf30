#include "ir/source.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace bw::ir {

Position SourceFile::position_at(uint32_t offset) const {
  if (line_starts.empty()) return {offset, 1, offset + 1};
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  uint32_t line_index = static_cast<uint32_t>(it - line_starts.begin()) - 1;
  return {offset, line_index + 1, offset - line_starts[line_index] + 1};
}

Span SourceFile::span(uint32_t begin_offset, uint32_t end_offset) const {
  return {id, position_at(begin_offset), position_at(end_offset)};
}

std::string_view SourceFile::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts.size()) return {};
  uint32_t begin = line_starts[line - 1];
  uint32_t end = line < line_starts.size() ? line_starts[line] : static_cast<uint32_t>(text.size());
  std::string_view view(text.data() + begin, end - begin);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
  return view;
}

SourceManager::SourceManager() : storage_(std::make_shared<Storage>()) {}

FileId SourceManager::add(std::string path, std::string text, std::string relative) {
  SourceFile file;
  file.path = std::move(path);
  file.relative = std::move(relative);
  file.text = std::move(text);
  return add(std::move(file));
}

void SourceFile::index_lines() {
  line_starts.assign(1, 0);
  const char* data = text.data();
  size_t size = text.size();
  for (const char* at = data;
       (at = static_cast<const char*>(std::memchr(at, '\n', size - (at - data))));) {
    ++at;
    if (static_cast<size_t>(at - data) < size)
      line_starts.push_back(static_cast<uint32_t>(at - data));
  }
}

FileId SourceManager::add(SourceFile source) {
  auto file = std::make_unique<SourceFile>(std::move(source));
  if (file->line_starts.empty()) file->index_lines();
  const std::string& key = file->relative.empty() ? file->path : file->relative;
  Storage& storage = *storage_;
  std::lock_guard<std::mutex> lock(storage.mutex);
  // Looked up and added under one lock: a file is never added twice.
  size_t size = storage.size.load(std::memory_order_relaxed);
  auto [it, fresh] = storage.by_path.emplace(key, static_cast<FileId>(size));
  if (!fresh) return it->second;
  // 4M files: no repository is this large, and the walk stops long before.
  if (size >= kChunkSize * kMaxChunks) std::abort();
  file->id = it->second;
  std::atomic<Chunk*>& chunk = storage.chunks[size >> kChunkBits];
  if (!chunk.load(std::memory_order_relaxed)) chunk.store(new Chunk(), std::memory_order_release);
  chunk.load(std::memory_order_relaxed)->files[size & (kChunkSize - 1)] = std::move(file);
  storage.size.store(size + 1, std::memory_order_release);
  return it->second;
}

SourceManager::Storage::~Storage() {
  for (std::atomic<Chunk*>& chunk : chunks) delete chunk.load();
}

std::optional<FileId> SourceManager::find(std::string_view path) const {
  std::lock_guard<std::mutex> lock(storage_->mutex);
  auto it = storage_->by_path.find(std::string(path));
  if (it == storage_->by_path.end()) return std::nullopt;
  return it->second;
}

const SourceFile& SourceManager::file(FileId id) const {
  if (id >= storage_->size.load(std::memory_order_acquire)) throw std::out_of_range("no such file");
  return *storage_->chunks[id >> kChunkBits]
              .load(std::memory_order_acquire)
              ->files[id & (kChunkSize - 1)];
}

SourceFile& SourceManager::file(FileId id) {
  return const_cast<SourceFile&>(static_cast<const SourceManager&>(*this).file(id));
}

size_t SourceManager::size() const {
  return storage_->size.load(std::memory_order_acquire);
}

SourceManager SourceManager::share() const {
  SourceManager other;
  other.storage_ = storage_;
  return other;
}

Span SourceManager::original(Span span) const {
  // Bounded: a rendered file maps into a template, never into itself.
  for (int depth = 0; depth < 8 && span.valid(); ++depth) {
    const SourceFile& f = file(span.file);
    if (f.origins.empty() || span.begin.line > f.origins.size()) break;
    span = f.origins[span.begin.line - 1];
  }
  return span;
}

}  // namespace bw::ir
