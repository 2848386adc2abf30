#include <algorithm>
#include <set>

#include "engine/source.h"

namespace bw::engine {

OverlaySource::OverlaySource(const Source& base, std::map<std::string, std::string> buffers)
    : base_(base) {
  for (auto& [path, text] : buffers)
    if (auto relative = normalize_relative(path)) buffers_.emplace(*relative, std::move(text));
}

bool OverlaySource::list(std::string_view directory, std::vector<DirEntry>& entries,
                         std::string& error) const {
  std::string base = normalize_relative(directory).value_or("");
  bool listed = base_.list(directory, entries, error);
  // Buffers for files that do not exist on disk yet, and the directories they imply.
  std::set<std::string> names;
  for (const DirEntry& e : entries) names.insert(e.name);
  std::string prefix = base.empty() ? "" : base + "/";
  bool any = false;
  for (const auto& [path, text] : buffers_) {
    if (path.compare(0, prefix.size(), prefix) != 0 || path.size() == prefix.size()) continue;
    any = true;
    std::string rest = path.substr(prefix.size());
    size_t slash = rest.find('/');
    std::string name = rest.substr(0, slash);
    if (!names.insert(name).second) continue;
    DirEntry entry;
    entry.name = name;
    entry.type = slash == std::string::npos ? DirEntry::Type::File : DirEntry::Type::Directory;
    entries.push_back(std::move(entry));
  }
  if (!listed && !any) return false;
  error.clear();
  std::sort(entries.begin(), entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return true;
}

bool OverlaySource::read(std::string_view path, std::string& text, std::string& error) const {
  if (auto relative = normalize_relative(path)) {
    auto it = buffers_.find(*relative);
    if (it != buffers_.end()) {
      if (it->second.size() > file_limit()) {
        error = too_large(file_limit());
        return false;
      }
      text = it->second;
      return true;
    }
  }
  return base_.read(path, text, error);
}

std::optional<DirEntry::Type> OverlaySource::type_of(std::string_view path) const {
  std::string relative = normalize_relative(path).value_or("");
  if (buffers_.count(relative)) return DirEntry::Type::File;
  std::string prefix = relative.empty() ? "" : relative + "/";
  for (const auto& [buffer, text] : buffers_)
    if (buffer.compare(0, prefix.size(), prefix) == 0) return DirEntry::Type::Directory;
  return base_.type_of(path);
}

}  // namespace bw::engine
