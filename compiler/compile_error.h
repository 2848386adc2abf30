#pragma once
// Errors found while compiling kinds and rule files, reported like a
// compiler's: path:line:col: message.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bw::compiler {

struct CompileError {
  std::string path;
  int line = 0;  // 1-based; 0 when the whole file is at fault
  int column = 0;
  std::string message;

  std::string format() const;
};

// Collects errors for one file, positioned at YAML nodes.
class ErrorSink {
 public:
  ErrorSink(std::string path, std::vector<CompileError>& errors)
      : path_(std::move(path)), errors_(errors) {}
  void at(const YAML::Node& node, std::string message);
  void at(int line, int column, std::string message);
  const std::string& path() const { return path_; }
  size_t count() const { return count_; }

 private:
  std::string path_;
  std::vector<CompileError>& errors_;
  size_t count_ = 0;
};

// The closest of `candidates` to `word` by edit distance, or "" when none is close.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// Parses YAML text; a syntax error becomes a CompileError and an undefined node.
YAML::Node parse_yaml(const std::string& text, ErrorSink& sink);

// Runs `body`, turning any yaml-cpp exception (it throws from accessors on
// nodes of an unexpected shape) into an error at its position: a malformed
// file is an error, never a crash.
template <typename Body>
bool guard_yaml(ErrorSink& sink, Body&& body) {
  try {
    return body();
  } catch (const YAML::Exception& e) {
    sink.at(e.mark.line + 1, e.mark.column + 1, "unexpected shape: " + e.msg);
  }
  return false;
}

// The line and column in a YAML file of byte `offset` of a scalar node's
// value (a predicate inside a folded block scalar, say): errors in an
// expression point into the YAML file where the user wrote them. One locator
// serves every error of a file: each scalar is aligned with the file once and
// the file's lines are indexed once, so a file with thousands of errors costs
// time linear in its size, not in its size times its errors.
class ScalarLocator {
 public:
  explicit ScalarLocator(const std::string& file_text) : text_(file_text) {}
  std::pair<int, int> locate(const YAML::Node& node, size_t offset);

 private:
  // For one scalar: the file offset of each byte of its value, up to where
  // alignment failed (an escape), and the offset just past the last one.
  struct Alignment {
    std::vector<uint32_t> at;
    uint32_t end = 0;
    bool complete = false;
  };
  const Alignment& align(const YAML::Node& node);
  std::pair<int, int> line_column(size_t offset);

  const std::string& text_;
  std::vector<size_t> line_starts_;
  std::unordered_map<int, Alignment> scalars_;  // by the scalar's position in the file
};

// One lookup with a locator of its own: for a single error.
std::pair<int, int> locate_in_scalar(const std::string& file_text, const YAML::Node& node,
                                     size_t offset);

// Warns about keys outside `allowed` (typos like `whne:` must not pass silently).
void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, ErrorSink& sink,
                const std::string& what);

}  // namespace bw::compiler
