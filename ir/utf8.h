#pragma once
// UTF-8, read one code point at a time. Every layer that steps through text
// by characters (lexers, the rule language's size() and split(), Terraform's
// string functions, the JSON writer) decodes here, so they agree on what a
// character is and on what an ill-formed byte counts as.

#include <cstdint>
#include <string>
#include <string_view>

namespace bw::ir {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// One step through text: a code point and the bytes it took. A byte that
// does not start a well-formed sequence (a stray continuation byte, a
// truncated sequence, an overlong form, a surrogate, a value past U+10FFFF)
// is one step of one byte that stands for U+FFFD, and reading resumes at the
// next byte: "\xE9\x9A" is two replacement characters, "\xC0\xAF" (an
// overlong '/') two, the surrogate "\xED\xA0\x80" three.
struct Utf8Char {
  char32_t code_point = kReplacementCharacter;
  uint32_t length = 1;
  bool valid = false;
};

// The character at byte `at` of `text` (at < text.size()). Inline: lexers
// call it in their hottest loops.
inline Utf8Char decode_utf8(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, 1, true};
  uint32_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || at + length > text.size()) return {};
  char32_t code_point = lead & (0x7F >> length);
  for (uint32_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return {};
    code_point = (code_point << 6) | (byte(at + i) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000) ||
      (code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF)
    return {};
  return {code_point, length, true};
}

// Whether the whole of `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

// Characters in `text`, each ill-formed byte counting as one.
size_t utf8_length(std::string_view text);

// The byte offset of the `index`-th character; text.size() past the end.
size_t utf8_offset(std::string_view text, size_t index);

// Appends `code_point` encoded; a surrogate or a value past U+10FFFF, which
// UTF-8 cannot carry, is written as U+FFFD.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace bw::ir
