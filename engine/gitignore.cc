#include "engine/gitignore.h"

#include "ir/glob.h"

namespace bw::engine {

void GitIgnore::add(const std::string& directory, std::string_view text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    start = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    Pattern p;
    p.base = directory;
    if (line[0] == '!') {
      p.negate = true;
      line.erase(0, 1);
    } else if (line[0] == '\\') {
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      p.directory_only = true;
      line.pop_back();
    }
    if (line.empty()) continue;
    bool anchored = line.find('/') != std::string::npos;
    if (line[0] == '/') line.erase(0, 1);
    p.glob = anchored ? line : "**/" + line;
    patterns_.push_back(std::move(p));
  }
}

bool GitIgnore::ignored(std::string_view path, bool is_directory) const {
  bool result = false;
  for (const Pattern& p : patterns_) {
    if (p.directory_only && !is_directory) continue;
    std::string_view relative = path;
    if (!p.base.empty()) {
      if (path.size() <= p.base.size() || path.compare(0, p.base.size(), p.base) != 0 ||
          path[p.base.size()] != '/')
        continue;
      relative = path.substr(p.base.size() + 1);
    }
    if (ir::match_path_glob(p.glob, relative)) result = !p.negate;
  }
  return result;
}

}  // namespace bw::engine
