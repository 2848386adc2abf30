#pragma once
// A pull reader over JSON text: one token at a time, with its byte offsets,
// and no document in memory. The plan reader walks `terraform show -json`
// output with it, building values only for what it keeps and skipping the
// rest, so a plan of tens of megabytes costs the memory of what is kept.
// Nesting is bounded (kMaxDepth) so no input exhausts a stack.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bw::frontends::tfplan {

class JsonReader {
 public:
  enum class Token : uint8_t {
    BeginObject,
    EndObject,
    BeginArray,
    EndArray,
    Key,  // an object member's name; string() holds it
    String,
    Number,
    True,
    False,
    Null,
    End,    // the text ended after one complete value
    Error,  // error() says why, error_offset() where
  };

  // Deeper lists and objects are an error ("nested too deeply").
  static constexpr size_t kMaxDepth = 500;

  explicit JsonReader(std::string_view text) : text_(text) {}

  // The next token; after End or Error, the same again.
  Token next();
  // The current Key or String, unescaped; the text of a Number.
  const std::string& string() const { return string_; }
  double number() const;
  // The current token's bytes [begin, end).
  uint32_t begin() const { return begin_; }
  uint32_t end() const { return end_; }
  // Lists and objects open around the current position.
  size_t depth() const { return stack_.size(); }
  const std::string& error() const { return error_; }
  uint32_t error_offset() const { return error_offset_; }

  // After a token that starts a value (a Key's value is the next token),
  // skips the rest of it: nothing when it is a scalar, up to the matching
  // end when it opens a list or object. False on an error.
  bool skip(Token started);

 private:
  Token fail(std::string message, size_t at);
  Token scan_string(Token as);
  Token scan_number();
  Token scan_word(std::string_view word, Token as);
  void skip_space();
  // What the reader expects next in the innermost container.
  enum class Expect : uint8_t { Value, KeyOrEnd, Key, Colon, CommaOrEnd, ValueOrEnd, Done };
  Token value_start();

  std::string_view text_;
  size_t at_ = 0;
  std::vector<bool> stack_;  // true: an object
  Expect expect_ = Expect::Value;
  std::string string_;
  uint32_t begin_ = 0, end_ = 0;
  std::string error_;
  uint32_t error_offset_ = 0;
  bool failed_ = false;
  bool ended_ = false;
};

}  // namespace bw::frontends::tfplan
