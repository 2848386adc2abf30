#include "tests/expectations.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
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
                                "error containing", "not analysed, containing"};
  std::string out = path + ":" + std::to_string(line);
  if (column) out += ":" + std::to_string(column);
  out += ": " + std::string(names[kind]) + " " + what;
  if (!message.empty()) out += " \"" + message + "\"";
  return out;
}

bool Expectation::matches(const Expectation& got) const {
  if (kind != got.kind || path != got.path || line != got.line) return false;
  if (column && column != got.column) return false;
  if (kind == Warning || kind == Error || kind == NotAnalysed) {
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
      {"expect-unknown-next-line:", Expectation::Unknown, 1},
      {"expect-next-line:", Expectation::Finding, 1},
      {"expect-unknown:", Expectation::Unknown, 0},
      {"expect-warning:", Expectation::Warning, 0},
      {"expect-error:", Expectation::Error, 0},
      {"expect-not-analysed:", Expectation::NotAnalysed, 0},
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
      base.written = path + ":" + std::to_string(line);
      for (Expectation& e : items(content.substr(at + std::string(m.text).size()), base))
        out.push_back(std::move(e));
      break;
    }
    ++line;
    start = end + 1;
  }
  return out;
}

bool is_sidecar(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  return name == "expect.yaml" || (name.size() > 7 && name.ends_with(".expect"));
}

namespace {

// Reads the items of a sidecar into `out`; problems go to `errors`.
class SidecarReader {
 public:
  SidecarReader(const std::string& path, const std::string& file, const std::string& directory,
                Sidecar& out)
      : path_(path), file_(file), directory_(directory), out_(out) {}

  void read(const std::string& text) {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      error(e.mark.line + 1, "not YAML: " + e.msg);
      return;
    }
    if (root.IsNull()) return;  // an empty sidecar expects nothing
    if (!root.IsSequence()) {
      error(root, "a sidecar is a YAML list of {line, column, rule, message} mappings");
      return;
    }
    for (const YAML::Node& item : root) read_item(item);
  }

 private:
  void error(int line, const std::string& message) {
    out_.errors.push_back(path_ + ":" + std::to_string(line) + ": " + message);
  }
  void error(const YAML::Node& node, const std::string& message) {
    error(node.Mark().line + 1, message);
  }

  // A positive whole number, or 0 after an error.
  unsigned number(const YAML::Node& item, const char* key) {
    YAML::Node node = item[key];
    if (!node) return 0;
    const std::string& text = node.IsScalar() ? node.Scalar() : std::string();
    unsigned value = 0;
    bool digits = !text.empty() && text.size() < 9;
    for (char c : text) {
      digits = digits && std::isdigit(static_cast<unsigned char>(c));
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (!digits || value == 0) {
      error(node, std::string("'") + key + "' is a line or column number, from 1");
      return 0;
    }
    return value;
  }

  std::string text(const YAML::Node& item, const char* key) {
    YAML::Node node = item[key];
    if (!node) return "";
    if (!node.IsScalar() || node.Scalar().empty()) {
      error(node, std::string("'") + key + "' is text");
      return "";
    }
    return node.Scalar();
  }

  void read_item(const YAML::Node& item) {
    if (!item.IsMap()) {
      error(item, "an expectation is a mapping: {line: 4, column: 7, rule: BW101, message: ...}");
      return;
    }
    static const char* const keys[] = {"path",    "line",    "column",  "rule",
                                       "message", "unknown", "warning", "error"};
    for (const auto& entry : item) {
      std::string key = entry.first.as<std::string>("");
      if (std::find(std::begin(keys), std::end(keys), key) == std::end(keys))
        error(entry.first, "unknown key '" + key +
                               "': path, line, column, rule, message, unknown, warning, error");
    }
    size_t before = out_.errors.size();
    Expectation e;
    e.written = path_ + ":" + std::to_string(item.Mark().line + 1);
    e.path = item_path(item);
    if (!item["line"]) error(item, "an expectation needs 'line'");
    e.line = number(item, "line");
    e.column = number(item, "column");
    std::string rule = text(item, "rule"), warning = text(item, "warning"),
                error_text = text(item, "error");
    int kinds = !rule.empty() + !warning.empty() + !error_text.empty();
    if (kinds != 1 && out_.errors.size() == before)
      error(item, "an expectation names one of 'rule', 'warning' or 'error'");
    bool unknown = false;
    if (YAML::Node flag = item["unknown"]) {
      if (!flag.IsScalar() || (flag.Scalar() != "true" && flag.Scalar() != "false"))
        error(flag, "'unknown' is true or false");
      else if ((unknown = flag.Scalar() == "true") && rule.empty())
        error(flag, "only a finding ('rule') may be unknown");
    }
    if (!rule.empty()) {
      e.kind = unknown ? Expectation::Unknown : Expectation::Finding;
      e.what = rule;
      e.message = text(item, "message");
    } else {
      e.kind = warning.empty() ? Expectation::Error : Expectation::Warning;
      e.what = warning.empty() ? error_text : warning;
      if (item["message"])
        error(item["message"], "a warning or an error is itself the text: no 'message'");
    }
    if (out_.errors.size() == before) out_.expectations.push_back(std::move(e));
  }

  std::string item_path(const YAML::Node& item) {
    YAML::Node node = item["path"];
    if (!file_.empty()) {
      if (node) error(node, "in F.expect every item is about F: leave 'path' out");
      return file_;
    }
    if (!node) {
      error(item, "an item of expect.yaml names its 'path', relative to the fixture directory");
      return "";
    }
    std::filesystem::path relative(text(item, "path"));
    std::string normal = relative.lexically_normal().generic_string();
    if (relative.is_absolute() || normal == ".." || normal.starts_with("../")) {
      error(node, "'path' is relative to the fixture directory, inside it");
      return "";
    }
    return (std::filesystem::path(directory_) / normal).lexically_normal().generic_string();
  }

  const std::string& path_;
  const std::string& file_;
  const std::string& directory_;
  Sidecar& out_;
};

}  // namespace

Sidecar read_sidecar(const std::string& path, const std::string& text, const std::string& file,
                     const std::string& directory) {
  Sidecar out;
  SidecarReader(path, file, directory, out).read(text);
  return out;
}

std::vector<std::string> incomplete(const std::vector<Expectation>& expectations) {
  std::vector<std::string> errors;
  for (const Expectation& e : expectations) {
    if (e.kind != Expectation::Finding && e.kind != Expectation::Unknown) continue;
    if (e.column && !e.message.empty()) continue;
    const char* needs = !e.column && e.message.empty() ? "a column and a part of its message"
                        : !e.column                    ? "a column"
                                                       : "a part of its message";
    errors.push_back(e.written + ": the expected " + e.what + " at line " + std::to_string(e.line) +
                     " needs " + needs + ": write " + e.what +
                     ":COLUMN \"part of the message\" (in a sidecar, column: and message:)");
  }
  return errors;
}

}  // namespace bw::tests
