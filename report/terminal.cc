#include "report/terminal.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "ir/utf8.h"

namespace bw::report {

namespace {

struct Range {
  char32_t first, last;
};

// Combining marks, zero-width spaces and joiners, variation selectors.
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489},  {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7},  {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4},  {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0900, 0x0902},
    {0x093A, 0x093A}, {0x093C, 0x093C},  {0x0941, 0x0948}, {0x094D, 0x094D}, {0x0951, 0x0957},
    {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},  {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
    {0x200B, 0x200F}, {0x2060, 0x2064},  {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
    {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF}};

// East Asian wide and full-width characters, and the emoji terminals draw wide.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18AFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B},
    {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}};

template <size_t N>
bool in(const Range (&ranges)[N], char32_t c) {
  auto it = std::upper_bound(std::begin(ranges), std::end(ranges), c,
                             [](char32_t value, const Range& r) { return value < r.first; });
  return it != std::begin(ranges) && c <= std::prev(it)->last;
}

// Characters shown as `\uHHHH`: C1 controls, line and paragraph separators,
// bidirectional embeddings, overrides and isolates.
bool escaped_code_point(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

constexpr char kHex[] = "0123456789abcdef";

// One character of text as a terminal is given it.
struct Step {
  size_t length = 1;  // bytes of the input
  int width = 1;      // columns shown
  enum Kind { Plain, Byte, CodePoint, Space } kind = Plain;
  char32_t code_point = 0;
};

Step step_at(std::string_view text, size_t at, bool keep_newlines, bool tab_as_space) {
  unsigned char byte = static_cast<unsigned char>(text[at]);
  if (byte >= 0x20 && byte < 0x7F) return {1, 1, Step::Plain, byte};
  if (byte == '\t') return {1, 1, tab_as_space ? Step::Space : Step::Plain, byte};
  if (byte == '\n' && keep_newlines) return {1, 0, Step::Plain, byte};
  if (byte < 0x80) return {1, 4, Step::Byte, byte};  // C0 and DEL: \x1b
  ir::Utf8Char c = ir::decode_utf8(text, at);
  if (!c.valid) return {1, 4, Step::Byte, byte};  // \xff
  if (escaped_code_point(c.code_point)) return {c.length, 6, Step::CodePoint, c.code_point};
  return {c.length, display_width(c.code_point), Step::Plain, c.code_point};
}

void append_step(std::string& out, std::string_view text, size_t at, const Step& s) {
  switch (s.kind) {
    case Step::Plain:
      out.append(text.data() + at, s.length);
      break;
    case Step::Space:
      out += ' ';
      break;
    case Step::Byte:
      out += "\\x";
      out += kHex[s.code_point >> 4];
      out += kHex[s.code_point & 15];
      break;
    case Step::CodePoint:
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(s.code_point >> shift) & 15];
      break;
  }
}

}  // namespace

int display_width(char32_t c) {
  if (c < 0x300) return 1;
  if (in(kZeroWidth, c)) return 0;
  if (in(kWide, c)) return 2;
  return 1;
}

void append_for_terminal(std::string& out, std::string_view text, bool keep_newlines) {
  size_t plain = 0;  // start of the run of bytes written as they are
  for (size_t at = 0; at < text.size();) {
    unsigned char byte = static_cast<unsigned char>(text[at]);
    if (byte >= 0x20 && byte < 0x7F) {
      ++at;
      continue;
    }
    Step s = step_at(text, at, keep_newlines, false);
    if (s.kind == Step::Plain) {
      at += s.length;
      continue;
    }
    out.append(text.data() + plain, at - plain);
    append_step(out, text, at, s);
    at += s.length;
    plain = at;
  }
  out.append(text.data() + plain, text.size() - plain);
}

std::string for_terminal(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  append_for_terminal(out, text, keep_newlines);
  return out;
}

ShownLine show_line(std::string_view full, size_t begin, size_t end, size_t max_width) {
  max_width = std::max<size_t>(max_width, 8);
  begin = std::min(begin, full.size());
  end = std::min(end, full.size());
  // Only bytes near the span can be shown: no column takes more than six
  // bytes but zero-width ones, so a reach of eight bytes a column on each
  // side is enough. A minified one-line file of 16 MB with thousands of
  // findings then costs each finding its window, not the whole line.
  size_t reach = 8 * max_width;
  size_t first = begin > reach ? begin - reach : 0;
  size_t last = std::min(full.size(), begin + reach);
  auto continuation = [&](size_t at) {
    return at < full.size() && (static_cast<unsigned char>(full[at]) & 0xC0) == 0x80;
  };
  for (int i = 0; i < 3 && first > 0 && first < begin && continuation(first); ++i) ++first;
  for (int i = 0; i < 3 && last > begin && continuation(last); ++i) --last;
  bool cut_before = first > 0, cut_after = last < full.size();
  std::string_view line = full.substr(first, last - first);
  begin -= first;
  end = std::clamp(end, first, last) - first;

  // Columns of the line as cut, of the span's start and of its end.
  size_t total = 0, caret = 0, span_end = 0;
  bool begin_seen = false, end_seen = false;
  for (size_t at = 0; at < line.size();) {
    if (!begin_seen && at >= begin) {
      caret = total;
      begin_seen = true;
    }
    if (!end_seen && at >= end) {
      span_end = total;
      end_seen = true;
    }
    Step s = step_at(line, at, false, true);
    total += static_cast<size_t>(s.width);
    at += s.length;
  }
  if (!begin_seen) caret = total;
  if (!end_seen) span_end = total;
  if (span_end <= caret) span_end = caret + 1;

  // The window of columns shown: all of it when it fits; else `max_width`
  // columns, the caret a third of the way in (or as near as the ends allow),
  // an ellipsis taking the place of each side cut.
  size_t from = 0, to = total;
  if (total + cut_before + cut_after > max_width) {
    size_t lead = std::min(caret, max_width / 3);
    from = caret - lead;
    to = std::min(total, from + max_width);
    if (to - from < max_width) from = to > max_width ? to - max_width : 0;
    if (from > 0 || cut_before) ++from;
    if (to < total || cut_after) --to;
  }

  ShownLine shown;
  bool cut_left = from > 0 || cut_before, cut_right = to < total || cut_after;
  if (cut_left) shown.text += "\u2026";
  size_t column = 0, first_shown = SIZE_MAX, last_shown = 0;
  for (size_t at = 0; at < line.size();) {
    Step s = step_at(line, at, false, true);
    size_t next = column + static_cast<size_t>(s.width);
    if (column >= from && next <= to) {
      if (first_shown == SIZE_MAX) first_shown = column;
      last_shown = next;
      append_step(shown.text, line, at, s);
    }
    if (column >= to) break;
    column = next;
    at += s.length;
  }
  if (first_shown == SIZE_MAX) first_shown = last_shown = from;
  cut_right = cut_right || last_shown < total;
  if (cut_right) shown.text += "\u2026";
  // The caret where the span starts in what is shown; a span starting
  // before the window points at its first column, one past it at its end.
  size_t offset = cut_left ? 1 : 0;
  size_t start = std::clamp(caret, first_shown, std::max(first_shown, last_shown));
  size_t stop = std::clamp(span_end, start + 1, std::max(start + 1, last_shown));
  shown.caret = offset + (start - first_shown);
  shown.width = stop - start;
  return shown;
}

}  // namespace bw::report
