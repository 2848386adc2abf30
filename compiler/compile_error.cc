#include "compiler/compile_error.h"

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
    size_t d = expr::edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

YAML::Node parse_yaml(const std::string& text, ErrorSink& sink) {
  try {
    return YAML::Load(text);
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

// Finds the file position of byte `offset` of a YAML scalar's value. Parsing
// folds block scalars and strips quotes and indentation, so the value is
// aligned with the raw text character by character, whitespace matching any
// run of whitespace; where alignment fails (escapes), the node's start is used.
std::pair<int, int> locate_in_scalar(const std::string& file_text, const YAML::Node& node,
                                     size_t offset) {
  YAML::Mark mark = node.Mark();
  const std::string value = node.Scalar();
  size_t j = static_cast<size_t>(std::max(0, mark.pos));
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  bool aligned = j < file_text.size();
  if (aligned && (file_text[j] == '|' || file_text[j] == '>')) {
    j = file_text.find('\n', j);
    aligned = j != std::string::npos;
  } else if (aligned && (file_text[j] == '"' || file_text[j] == '\'')) {
    ++j;
  }
  for (size_t i = 0; aligned && i <= offset && i < value.size(); ++i) {
    if (is_space(value[i])) continue;
    while (j < file_text.size() && is_space(file_text[j])) ++j;
    if (j >= file_text.size() || file_text[j] != value[i]) {
      aligned = false;
      break;
    }
    if (i == offset) break;
    ++j;
  }
  if (!aligned || j >= file_text.size()) return {mark.line + 1, mark.column + 1};
  int line = 1, column = 1;
  for (size_t i = 0; i < j; ++i) {
    if (file_text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace bw::compiler
