#pragma once
// Writes JSON straight to a stream, pretty-printed with two-space indents,
// without building a document first: a report of 100,000 findings costs the
// bytes it writes, not a tree of them. Strings that are not valid UTF-8 (a
// resource name, a path) have each bad byte replaced by U+FFFD, so the output
// is always valid JSON.

#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace bw::report {

class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out);
  ~JsonWriter();  // writes out what is buffered

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // The key of the next member of the current object: the writer's own
  // words, plain ASCII (they are not escaped).
  void key(std::string_view name);
  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(bool flag);
  template <typename T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) void value(T n) {
    number(static_cast<long long>(n));
  }

  template <typename T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

 private:
  void number(long long n);
  void before_value();
  void newline();
  void flush_if_full();

  std::ostream& out_;
  std::string buffer_;
  // For each open container: whether it has had a member yet.
  std::vector<bool> open_;
  bool after_key_ = false;
};

// Appends `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace bw::report
