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

}  // namespace bw::compiler
