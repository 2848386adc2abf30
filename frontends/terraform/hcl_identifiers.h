#pragma once
// What HCL identifiers are made of: Unicode ID_Start (or `_`) then ID_Continue
// or `-`, read from UTF-8. ASCII is answered from a table; the rest from the
// generated ranges in hcl_identifier_tables.cc.

#include <cstdint>
#include <string_view>

namespace bw::frontends::terraform::hcl {

bool is_id_start_above_ascii(char32_t c);
bool is_id_continue_above_ascii(char32_t c);

// One decoded UTF-8 character: its code point and length in bytes; length 0
// when the bytes at `at` are not well-formed UTF-8.
struct Utf8Char {
  char32_t code_point = 0;
  uint32_t length = 0;
};

inline Utf8Char decode_utf8(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, 1};
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
  return {code_point, length};
}

// One table lookup per byte in the scanner's hottest loop.
struct AsciiIdTable {
  bool start[256] = {};
  bool more[256] = {};
  constexpr AsciiIdTable() {
    for (int c = 0; c < 256; ++c) {
      start[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      more[c] = start[c] || (c >= '0' && c <= '9') || c == '-';
    }
  }
};
inline constexpr AsciiIdTable kAsciiId;

inline bool is_ascii_id_start(unsigned char c) {
  return kAsciiId.start[c];
}

inline bool is_ascii_id_continue(unsigned char c) {
  return kAsciiId.more[c];
}

// Where a name in `text` whose first character is before `at` ends: past
// every ID_Continue character (or `-`) from `at` on.
inline uint32_t identifier_end(std::string_view text, uint32_t at) {
  while (at < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[at]);
    if (is_ascii_id_continue(c)) {
      ++at;
    } else if (c >= 0x80) {
      Utf8Char u = decode_utf8(text, at);
      if (u.length == 0 || !is_id_continue_above_ascii(u.code_point)) break;
      at += u.length;
    } else {
      break;
    }
  }
  return at;
}

}  // namespace bw::frontends::terraform::hcl
