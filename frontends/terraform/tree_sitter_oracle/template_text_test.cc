#include "frontends/terraform/tree_sitter_oracle/template_text.h"

#include <doctest/doctest.h>

using namespace bw::frontends::terraform::oracle;

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
