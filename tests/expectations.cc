#include "tests/expectations.h"

#include <cctype>
#include <tuple>

namespace bw::tests {

bool Expectation::operator<(const Expectation& o) const {
  return std::tie(path, line, kind, what, column, message) <
         std::tie(o.path, o.line, o.kind, o.what, o.column, o.message);
}

bool Expectation::operator==(const Expectation& o) const {
  return std::tie(path, line, kind, what, column, message) ==
         std::tie(o.path, o.line, o.kind, o.what, o.column, o.message);
}

std::string Expectation::describe() const {
  static const char* names[] = {"finding", "unknown finding", "warning containing",
                                "error containing"};
  std::string out = path + ":" + std::to_string(line);
  if (column) out += ":" + std::to_string(column);
  out += ": " + std::string(names[kind]) + " " + what;
  if (!message.empty()) out += " \"" + message + "\"";
  return out;
}

bool Expectation::matches(const Expectation& got) const {
  if (kind != got.kind || path != got.path || line != got.line) return false;
  if (column && column != got.column) return false;
  if (kind == Warning || kind == Error) {
    if (got.message.find(what) == std::string::npos) return false;
  } else if (what != got.what) {
    return false;
  }
  return message.empty() || got.message.find(message) != std::string::npos;
}

namespace {

// Items after a marker: `ID[:COLUMN] ["message part"]`, separated by commas.
// A `#` outside quotes ends the list, so the marker can sit before another comment.
std::vector<Expectation> items(const std::string& text, const Expectation& base) {
  std::vector<Expectation> out;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ',')) ++i;
  };
  auto quoted = [&](std::string& into) {
    size_t close = text.find('"', i + 1);
    if (close == std::string::npos) close = text.size();
    into = text.substr(i + 1, close - i - 1);
    i = close + 1;
  };
  while (true) {
    skip_space();
    if (i >= text.size() || text[i] == '#' || text.compare(i, 2, "*/") == 0 ||
        text.compare(i, 3, "-->") == 0)
      break;
    Expectation e = base;
    if (text[i] == '"') {
      quoted(e.what);
    } else {
      size_t start = i;
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) ||
                                 text[i] == '_' || text[i] == '-'))
        ++i;
      if (i == start) break;
      e.what = text.substr(start, i - start);
    }
    if (i < text.size() && text[i] == ':') {
      ++i;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
        e.column = e.column * 10 + static_cast<unsigned>(text[i++] - '0');
    }
    while (i < text.size() && text[i] == ' ') ++i;
    if (i < text.size() && text[i] == '"') quoted(e.message);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::vector<Expectation> read_expectations(const std::string& path, const std::string& text) {
  struct Marker {
    const char* text;
    Expectation::Kind kind;
    unsigned offset;
  };
  static const Marker markers[] = {
      {"expect-next-line:", Expectation::Finding, 1}, {"expect-unknown:", Expectation::Unknown, 0},
      {"expect-warning:", Expectation::Warning, 0},   {"expect-error:", Expectation::Error, 0},
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
      Expectation base;
      base.path = path;
      base.line = line + m.offset;
      base.kind = m.kind;
      for (Expectation& e : items(content.substr(at + std::string(m.text).size()), base))
        out.push_back(std::move(e));
      break;
    }
    ++line;
    start = end + 1;
  }
  return out;
}

}  // namespace bw::tests
