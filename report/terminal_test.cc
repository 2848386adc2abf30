#include "report/terminal.h"

#include <doctest/doctest.h>

#include <string>

using bw::report::display_width;
using bw::report::for_terminal;
using bw::report::kSnippetWidth;
using bw::report::show_line;

TEST_CASE("control characters reach the terminal only as visible escapes") {
  CHECK(for_terminal("plain text, 100% ASCII") == "plain text, 100% ASCII");
  CHECK(for_terminal("a\x1b]0;pwned\x07z") == "a\\x1b]0;pwned\\x07z");
  CHECK(for_terminal(std::string("nul\0here", 8)) == "nul\\x00here");
  CHECK(for_terminal("del\x7f") == "del\\x7f");
  CHECK(for_terminal("cr\rlf\n") == "cr\\x0dlf\\x0a");
  CHECK(for_terminal("two\nlines", true) == "two\nlines");
  CHECK(for_terminal("tab\tkept") == "tab\tkept");
  // C1 controls (CSI as one code point) and bidirectional overrides.
  CHECK(for_terminal("\xc2\x9b"
                     "31m") == "\\u009b31m");
  CHECK(for_terminal("a\xe2\x80\xae"
                     "b") == "a\\u202eb");
  CHECK(for_terminal("a\xe2\x81\xa6"
                     "b") == "a\\u2066b");
  // Bytes that are not UTF-8, one escape each; good UTF-8 is kept.
  CHECK(for_terminal("\xff\xfe ok") == "\\xff\\xfe ok");
  CHECK(for_terminal("\xc3(") == "\\xc3(");
  CHECK(for_terminal("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac") ==
        "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac");
}

TEST_CASE("display width: wide characters take two columns, combining marks none") {
  CHECK(display_width(U'a') == 1);
  CHECK(display_width(U'\u00e9') == 1);
  CHECK(display_width(U'\u65e5') == 2);
  CHECK(display_width(U'\uff21') == 2);
  CHECK(display_width(U'\U0001F600') == 2);
  CHECK(display_width(U'\u0301') == 0);
  CHECK(display_width(U'\u200b') == 0);
}

TEST_CASE("a snippet line: escaped, and the caret under the span as displayed") {
  auto shown = show_line("x = \"\x1b[2J\" + y", 13, 14, kSnippetWidth);
  CHECK(shown.text == "x = \"\\x1b[2J\" + y");
  CHECK(shown.caret == 16);  // the escape takes four columns where ESC took one
  CHECK(shown.width == 1);
  // Wide characters before the span move the caret two columns each.
  shown = show_line("n = \"\xe6\x97\xa5\xe6\x9c\xac\" bad", 13, 16, kSnippetWidth);
  CHECK(shown.text == "n = \"\xe6\x97\xa5\xe6\x9c\xac\" bad");
  CHECK(shown.caret == 11);
  CHECK(shown.width == 3);
  // Tabs are one space, as before.
  shown = show_line("\tx", 1, 2, kSnippetWidth);
  CHECK(shown.text == " x");
  CHECK(shown.caret == 1);
  // A span to the end of the line, and one past it.
  shown = show_line("abc", 1, 100, kSnippetWidth);
  CHECK(shown.caret == 1);
  CHECK(shown.width == 2);
  shown = show_line("abc", 3, 3, kSnippetWidth);
  CHECK(shown.caret == 3);
  CHECK(shown.width == 1);
}

TEST_CASE("a long line is cut around the caret, with an ellipsis on each side cut") {
  std::string line(400'000, '(');
  line[250'000] = 'X';
  auto shown = show_line(line, 250'000, 250'001, kSnippetWidth);
  // The window's columns, plus an ellipsis (one column, three bytes) each side.
  CHECK(shown.text.size() == kSnippetWidth - 2 + 2 * 3);
  CHECK(shown.text.starts_with("\u2026("));
  CHECK(shown.text.ends_with("(\u2026"));
  // The caret is under the X: count columns, an ellipsis being one.
  std::string before = shown.text.substr(3, shown.caret - 1);
  CHECK(before == std::string(shown.caret - 1, '('));
  CHECK(shown.text.substr(3 + shown.caret - 1, 1) == "X");
  CHECK(shown.width == 1);

  // At the start: cut on the right only, the caret at the first column, the
  // span's marks stopping at the window's edge.
  shown = show_line(line, 0, line.size(), kSnippetWidth);
  CHECK(shown.text == std::string(kSnippetWidth - 1, '(') + "\u2026");
  CHECK(shown.caret == 0);
  CHECK(shown.width == kSnippetWidth - 1);

  // At the end: cut on the left only.
  shown = show_line(line, line.size() - 1, line.size(), kSnippetWidth);
  CHECK(shown.text == "\u2026" + std::string(kSnippetWidth - 1, '('));
  CHECK(shown.caret == kSnippetWidth - 1);

  // A line of escapes is cut by its displayed width, never inside an escape.
  std::string controls(1000, '\x07');
  shown = show_line(controls, 0, 1, kSnippetWidth);
  CHECK(shown.text.size() <= kSnippetWidth + 3);
  CHECK(shown.text.starts_with("\\x07\\x07"));
  CHECK(shown.text.ends_with("\\x07\u2026"));
}

TEST_CASE("a snippet reads only a window of its line, cut at whole characters") {
  // A one-line file of wide characters: the window's ends fall inside
  // characters, which must be left out whole, not shown as broken bytes.
  std::string wide;
  for (int i = 0; i < 1'000'000; ++i) wide += "\xe6\x97\xa5";
  auto shown = show_line(wide, 1'500'000, 1'500'003, kSnippetWidth);
  CHECK(shown.text.starts_with("\u2026\xe6\x97\xa5"));
  CHECK(shown.text.ends_with("\xe6\x97\xa5\u2026"));
  CHECK(shown.text.find("\\x") == std::string::npos);
  CHECK(shown.caret % 2 == 1);  // after the ellipsis, on a character's first column
  CHECK(shown.width == 2);
  // At most kSnippetWidth columns: the two ellipses and whole characters.
  CHECK(shown.caret < kSnippetWidth);
  CHECK((shown.text.size() - 6) / 3 * 2 + 2 <= kSnippetWidth);
}
