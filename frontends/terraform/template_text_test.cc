#include "frontends/terraform/template_text.h"

#include <doctest/doctest.h>

using namespace bw::frontends::terraform;

TEST_CASE("quoted strings process HCL escapes") {
  CHECK(unescape_quoted(R"(a\nb\t\"c\"\\)") == "a\nb\t\"c\"\\");
  CHECK(unescape_quoted(R"(caf\u00e9)") == "caf\xC3\xA9");
  CHECK(unescape_quoted(R"(\U0001F600)") == "\xF0\x9F\x98\x80");
  CHECK(unescape_quoted("$${literal} and %%{directive}") == "${literal} and %{directive}");
  // Escapes HCL does not know are kept as written.
  CHECK(unescape_quoted(R"(\q\u12)") == R"(\q\u12)");
}

TEST_CASE("heredocs only unescape template markers and normalise CRLF") {
  CHECK(unescape_heredoc("a\\n$${x}\r\nb") == "a\\n${x}\nb");
}

TEST_CASE("flush heredocs lose the common indentation of lines with content") {
  std::vector<std::string> segments = {"    a\n      b\n\n    ", "", "\n"};
  std::vector<bool> literal = {true, false, true};
  strip_heredoc_indentation(segments, literal);
  CHECK(segments[0] == "a\n  b\n\n");
  CHECK(segments[2] == "\n");
}

TEST_CASE("an interpolation at the start of a line counts as content") {
  std::vector<std::string> segments = {"    a\n", "", "\n"};
  std::vector<bool> literal = {true, false, true};
  strip_heredoc_indentation(segments, literal);
  CHECK(segments[0] == "    a\n");
}
