#pragma once
// What HCL identifiers are made of: Unicode ID_Start (or `_`) then ID_Continue
// or `-`, read from UTF-8. ASCII is answered from a table; the rest from the
// generated ranges in hcl_identifier_tables.cc.

#include <cstdint>
#include <string_view>

#include "ir/utf8.h"

namespace bw::frontends::terraform::hcl {

bool is_id_start_above_ascii(char32_t c);
bool is_id_continue_above_ascii(char32_t c);

using ir::decode_utf8;
using ir::Utf8Char;

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
      if (!u.valid || !is_id_continue_above_ascii(u.code_point)) break;
      at += u.length;
    } else {
      break;
    }
  }
  return at;
}

}  // namespace bw::frontends::terraform::hcl
