#pragma once
// Writes JSON straight to a stream, pretty-printed with two-space indents,
// without building a document first: a report of 100,000 findings costs the
// bytes it writes, not a tree of them. Strings that are not valid UTF-8 (a
// resource name, a path) have each bad byte replaced by U+FFFD, so the output
// is always valid JSON. A document ends with a newline.

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
  JsonWriter(JsonWriter&&) = default;

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

  // A writer of values that will follow this writer's current array's
  // `preceded` (whether it already holds values), rendered into a string
  // and not a stream: another thread can render a run of values while this
  // one waits, and `splice` puts them in, indented and separated as if this
  // writer had written them.
  JsonWriter branch(bool preceded) const;
  std::string take() { return std::move(buffer_); }
  void splice(std::string_view rendered);

 private:
  JsonWriter() = default;
  void number(long long n);
  void before_value();
  void newline();
  void flush_if_full();

  std::ostream* out_ = nullptr;  // none: a branch, which keeps what it writes
  std::string buffer_;
  // For each open container: whether it has had a member yet.
  std::vector<bool> open_;
  bool after_key_ = false;
};

// Appends `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace bw::report
