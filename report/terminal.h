#pragma once
// Text bound for a terminal. What blastwall prints comes from the files it
// scans — a stranger's pull request — so a file name, a message quoting a
// value or a source line may hold bytes a terminal obeys: ESC starts a
// control sequence (moving the cursor, rewriting the title, hiding what
// follows), BEL rings, CR returns over what was written. Every such byte is
// shown as a visible escape instead, so what reaches the terminal is only
// what a reader sees:
//   - C0 controls but tab (U+0000–U+001F), and DEL: `\x1b`, `\x07`, `\x7f`
//   - C1 controls (U+0080–U+009F) and the bidirectional overrides and
//     isolates (U+202A–U+202E, U+2066–U+2069), which reorder what follows
//     on the line: `\u009b`, `\u202e`
//   - bytes that are not UTF-8: `\xff`
// Everything else is written as it is. JSON escapes on its own
// (report/json_writer.h); this is for the text format and the CLI's
// standard error.

#include <cstddef>
#include <string>
#include <string_view>

namespace bw::report {

// Appends `text` with the characters above escaped. `keep_newlines` writes
// '\n' as it is (multi-line text: a rule's docs), and tab is always kept.
void append_for_terminal(std::string& out, std::string_view text, bool keep_newlines = false);
std::string for_terminal(std::string_view text, bool keep_newlines = false);

// The columns a code point takes on a terminal: 0 for combining marks and
// zero-width characters, 2 for East Asian wide and full-width characters and
// most emoji, 1 for the rest (controls are escaped before they are measured).
int display_width(char32_t code_point);

// A source line as a snippet shows it: escaped as above, a tab as one space
// (so the caret stays aligned), and, when it is wider than `max_width`
// columns, cut to a window around the caret with `…` on each side cut.
struct ShownLine {
  std::string text;
  size_t caret = 0;  // columns before the span's first character, in `text`
  size_t width = 1;  // columns the span covers in `text` (at least 1)
};

// `begin` and `end` are byte offsets in `line` of the span to mark (`end`
// past the line: to its end; not after `begin`: one character).
ShownLine show_line(std::string_view line, size_t begin, size_t end, size_t max_width);

// The widest a snippet line is shown, in columns.
inline constexpr size_t kSnippetWidth = 200;

}  // namespace bw::report
