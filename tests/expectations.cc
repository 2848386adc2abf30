#include "tests/expectations.h"

#include <cctype>
#include <tuple>

namespace bw::tests {

bool Expectation::operator<(const Expectation& o) const {
  return std::tie(path, line, kind, what) < std::tie(o.path, o.line, o.kind, o.what);
}

bool Expectation::operator==(const Expectation& o) const {
  return std::tie(path, line, kind, what) == std::tie(o.path, o.line, o.kind, o.what);
}

std::string Expectation::describe() const {
  static const char* names[] = {"finding", "unknown finding", "warning containing"};
  return path + ":" + std::to_string(line) + ": " + names[kind] + " " + what;
}

static std::vector<std::string> items(const std::string& list) {
  std::vector<std::string> out;
  std::string current;
  for (char c : list) {
    if (c == '#' || (c == '-' && current.empty())) break;
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') {
      current.push_back(c);
    } else if (!current.empty()) {
      out.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

std::vector<Expectation> read_expectations(const std::string& path, const std::string& text) {
  struct Marker {
    const char* text;
    Expectation::Kind kind;
    unsigned offset;
  };
  static const Marker markers[] = {
      {"expect-next-line:", Expectation::Finding, 1},
      {"expect-unknown:", Expectation::Unknown, 0},
      {"expect-warning:", Expectation::Warning, 0},
      {"expect:", Expectation::Finding, 0},
  };
  std::vector<Expectation> out;
  unsigned line = 1;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string content = text.substr(start, end - start);
    for (const Marker& m : markers) {
      size_t at = content.find(m.text);
      if (at == std::string::npos) continue;
      // `expect:` must not match inside `expect-next-line:` and friends.
      if (at > 0 && content[at - 1] == '-') continue;
      for (const std::string& what : items(content.substr(at + std::string(m.text).size())))
        out.push_back({path, line + m.offset, what, m.kind});
      break;
    }
    ++line;
    start = end + 1;
  }
  return out;
}

}  // namespace bw::tests
