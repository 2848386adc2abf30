#include "compiler/compile_error.h"

#include <yaml-cpp/depthguard.h>

#include <algorithm>

#include "compiler/expr/suggest.h"

namespace bw::compiler {

std::string CompileError::format() const {
  std::string out = path;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  return out + ": error: " + message;
}

void ErrorSink::at(const YAML::Node& node, std::string message) {
  YAML::Mark mark = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
  if (mark.line < 0)
    at(0, 0, std::move(message));
  else
    at(mark.line + 1, mark.column + 1, std::move(message));
}

void ErrorSink::at(int line, int column, std::string message) {
  ++count_;
  errors_.push_back({path_, line, column, std::move(message)});
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length: a word far longer
    // than any candidate (a hostile 16 MB key) costs nothing to dismiss.
    size_t longer = std::max(word.size(), candidate.size());
    if (longer - std::min(word.size(), candidate.size()) >= best_distance) continue;
    size_t d = expr::edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

namespace {

// Where flow brackets (`[`, `{`) first open `depth` levels deep, outside
// quotes and comments; npos when they never do (the nesting is by
// indentation, which yaml-cpp's own mark locates).
size_t where_flow_reaches(const std::string& text, int depth) {
  int open = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\' && quote == '"')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n')) {
      i = text.find('\n', i);
      if (i == std::string::npos) break;
    } else if (c == '[' || c == '{') {
      if (++open >= depth) return i;
    } else if (c == ']' || c == '}') {
      --open;
    }
  }
  return std::string::npos;
}

}  // namespace

YAML::Node parse_yaml(const std::string& text, ErrorSink& sink) {
  try {
    return YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp stops at a fixed depth, with "bad file" for a message and,
    // for flow collections, a mark where its scanner had got to.
    int line = e.mark.line + 1, column = e.mark.column + 1;
    if (size_t at = where_flow_reaches(text, e.depth()); at != std::string::npos) {
      line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
      size_t start = text.rfind('\n', at);
      column = static_cast<int>(at - (start == std::string::npos ? 0 : start + 1)) + 1;
    }
    sink.at(line, column,
            "invalid YAML: nested too deeply (" + std::to_string(e.depth()) +
                " levels of lists and mappings; a configuration or rule file needs a few)");
  } catch (const YAML::Exception& e) {
    sink.at(e.mark.line + 1, e.mark.column + 1, "invalid YAML: " + e.msg);
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, ErrorSink& sink,
                const std::string& what) {
  if (!map.IsMap()) return;
  for (const auto& entry : map) {
    std::string key = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string hint = closest_match(key, allowed);
    sink.at(entry.first, "unknown key '" + key + "' in " + what +
                             (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
  }
}

// Aligns a YAML scalar's value with the raw text. Parsing folds block
// scalars and strips quotes and indentation, so the value is aligned with the
// raw text character by character, whitespace matching any run of
// whitespace; where alignment fails (escapes), the node's start is used.
const ScalarLocator::Alignment& ScalarLocator::align(const YAML::Node& node) {
  YAML::Mark mark = node.Mark();
  auto [found, fresh] = scalars_.try_emplace(mark.pos);
  Alignment& a = found->second;
  if (!fresh) return a;
  const std::string value = node.Scalar();
  size_t j = static_cast<size_t>(std::max(0, mark.pos));
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  bool aligned = j < text_.size();
  if (aligned && (text_[j] == '|' || text_[j] == '>')) {
    j = text_.find('\n', j);
    aligned = j != std::string::npos;
  } else if (aligned && (text_[j] == '"' || text_[j] == '\'')) {
    ++j;
  }
  if (!aligned) return a;
  // A blank of the value stands where the character before it ended.
  a.at.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (is_space(value[i])) {
      a.at.push_back(static_cast<uint32_t>(j));
      continue;
    }
    while (j < text_.size() && is_space(text_[j])) ++j;
    if (j >= text_.size() || text_[j] != value[i]) return a;
    a.at.push_back(static_cast<uint32_t>(j));
    ++j;
  }
  a.end = static_cast<uint32_t>(j);
  a.complete = true;
  return a;
}

std::pair<int, int> ScalarLocator::line_column(size_t offset) {
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line = static_cast<size_t>(it - line_starts_.begin());
  return {static_cast<int>(line), static_cast<int>(offset - line_starts_[line - 1] + 1)};
}

std::pair<int, int> ScalarLocator::locate(const YAML::Node& node, size_t offset) {
  YAML::Mark mark = node.Mark();
  std::pair<int, int> start{mark.line + 1, mark.column + 1};
  const Alignment& a = align(node);
  size_t at;
  if (offset < a.at.size())
    at = a.at[offset];
  else if (a.complete)
    at = a.end;
  else
    return start;
  if (at >= text_.size()) return start;
  return line_column(at);
}

std::pair<int, int> locate_in_scalar(const std::string& file_text, const YAML::Node& node,
                                     size_t offset) {
  return ScalarLocator(file_text).locate(node, offset);
}

}  // namespace bw::compiler
