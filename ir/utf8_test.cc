#include "ir/utf8.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace bw::ir;

namespace {

// Each step through `text`: its code point, or 0 for a replaced byte.
std::vector<char32_t> steps(std::string_view text) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < text.size();) {
    Utf8Char c = decode_utf8(text, i);
    CHECK(c.length >= 1);
    out.push_back(c.valid ? c.code_point : 0);
    i += c.length;
  }
  return out;
}

}  // namespace

TEST_CASE("well-formed UTF-8 decodes to its code points, one to four bytes") {
  CHECK(steps("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80") ==
        std::vector<char32_t>{'a', 0xE9, 0x20AC, 0x1F600});
  CHECK(steps("\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF") ==
        std::vector<char32_t>{0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF});
  CHECK(decode_utf8("\xE2\x82\xAC", 0).length == 3);
  CHECK(is_valid_utf8("caf\xC3\xA9"));
  CHECK(is_valid_utf8(""));
}

// One rule everywhere: a byte that starts no well-formed sequence is one
// U+FFFD, and reading goes on at the next byte.
TEST_CASE("each ill-formed byte is one replacement character") {
  CHECK(steps("\x80") == std::vector<char32_t>{0});                // a stray continuation
  CHECK(steps("\xE9\x9A") == std::vector<char32_t>{0, 0});         // truncated
  CHECK(steps("\xE9\x9Ax") == std::vector<char32_t>{0, 0, 'x'});   // cut short by ASCII
  CHECK(steps("\xC0\xAF") == std::vector<char32_t>{0, 0});         // overlong '/'
  CHECK(steps("\xC1\xBF") == std::vector<char32_t>{0, 0});         // overlong
  CHECK(steps("\xE0\x80\xAF") == std::vector<char32_t>{0, 0, 0});  // overlong, three bytes
  CHECK(steps("\xF0\x80\x80\xAF") == std::vector<char32_t>{0, 0, 0, 0});
  CHECK(steps("\xED\xA0\x80") == std::vector<char32_t>{0, 0, 0});         // a surrogate
  CHECK(steps("\xF4\x90\x80\x80") == std::vector<char32_t>{0, 0, 0, 0});  // past U+10FFFF
  CHECK(steps("\xF5\x80") == std::vector<char32_t>{0, 0});
  CHECK(steps("\xFF") == std::vector<char32_t>{0});
  CHECK(steps("\xC3\xA9\x80\xC3\xA9") == std::vector<char32_t>{0xE9, 0, 0xE9});
  CHECK_FALSE(is_valid_utf8("ok\xC0\xAF"));
}

TEST_CASE("lengths and offsets count characters, a bad byte as one") {
  CHECK(utf8_length("") == 0);
  CHECK(utf8_length("caf\xC3\xA9") == 4);
  CHECK(utf8_length("\xF0\x9F\x98\x80!") == 2);
  CHECK(utf8_length("\xE9\x9A") == 2);
  CHECK(utf8_offset("caf\xC3\xA9!", 4) == 5);
  CHECK(utf8_offset("caf\xC3\xA9!", 5) == 6);
  CHECK(utf8_offset("caf\xC3\xA9!", 9) == 6);
  CHECK(utf8_offset("\x80x", 1) == 1);
}

TEST_CASE("encoding is the inverse of decoding, and refuses what UTF-8 cannot carry") {
  for (char32_t c : {char32_t{'a'}, char32_t{0x7F}, char32_t{0x80}, char32_t{0x7FF},
                     char32_t{0x800}, char32_t{0xFFFF}, char32_t{0x10000}, char32_t{0x10FFFF}}) {
    std::string out;
    append_utf8(out, c);
    Utf8Char back = decode_utf8(out, 0);
    CHECK(back.valid);
    CHECK(back.code_point == c);
    CHECK(back.length == out.size());
  }
  std::string out;
  append_utf8(out, 0xD800);
  append_utf8(out, 0x110000);
  CHECK(out == "\xEF\xBF\xBD\xEF\xBF\xBD");
}
