#include "frontends/terraform/hcl_lexer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace bw::frontends::terraform::hcl;
using bw::ir::SourceManager;

namespace {

struct Scanned {
  SourceManager sources;
  bw::ir::FileId id = bw::ir::kNoFile;
  std::vector<Token> tokens;

  explicit Scanned(const std::string& text) {
    id = sources.add("main.tf", text);
    Lexer lexer;
    lexer.lex(sources.file(id), 0, static_cast<uint32_t>(text.size()), tokens);
  }
  std::vector<Tok> types() const {
    std::vector<Tok> result;
    for (const Token& token : tokens) result.push_back(token.type);
    return result;
  }
  std::string text(size_t i) const {
    return sources.file(id).text.substr(tokens[i].begin.offset,
                                        tokens[i].end_offset - tokens[i].begin.offset);
  }
};

}  // namespace

TEST_CASE("plain syntax becomes hclsyntax's tokens") {
  Scanned s("a = b.c[0] == \"x\" ? 1.5e3 : !d\n");
  CHECK(s.types() == std::vector<Tok>{Tok::Ident, Tok::Equal, Tok::Ident, Tok::Dot, Tok::Ident,
                                      Tok::OBrack, Tok::NumberLit, Tok::CBrack, Tok::EqualOp,
                                      Tok::OQuote, Tok::QuotedLit, Tok::CQuote, Tok::Question,
                                      Tok::NumberLit, Tok::Colon, Tok::Bang, Tok::Ident,
                                      Tok::Newline, Tok::Eof});
  CHECK(s.text(13) == "1.5e3");
}

TEST_CASE("operators of two and three characters") {
  Scanned s("<= >= != && || => ... :: < >");
  CHECK(s.types() == std::vector<Tok>{Tok::LessEqual, Tok::GreaterEqual, Tok::NotEqual, Tok::And,
                                      Tok::Or, Tok::FatArrow, Tok::Ellipsis, Tok::DoubleColon,
                                      Tok::Less, Tok::Greater, Tok::Eof});
}

TEST_CASE("numbers are cut as hclsyntax cuts them") {
  Scanned s("1.x 1.2.3 1e5e5 2e 0.5");
  CHECK(s.types() == std::vector<Tok>{Tok::NumberLit, Tok::Dot, Tok::Ident, Tok::NumberLit,
                                      Tok::NumberLit, Tok::NumberLit, Tok::Ident, Tok::NumberLit,
                                      Tok::Eof});
  CHECK(s.text(3) == "1.2.3");
  CHECK(s.text(4) == "1e5e5");
  CHECK(is_valid_number("1.5e-3"));
  CHECK(is_valid_number("2.e5"));
  CHECK_FALSE(is_valid_number("1.2.3"));
  CHECK_FALSE(is_valid_number("1e5e5"));
  CHECK_FALSE(is_valid_number("1e9999999999"));
}

TEST_CASE("a line comment is a newline; a block comment is nothing") {
  Scanned s("a # one\nb // two\r\nc /* three\nfour */ d");
  CHECK(s.types() == std::vector<Tok>{Tok::Ident, Tok::Newline, Tok::Ident, Tok::Newline,
                                      Tok::Ident, Tok::Ident, Tok::Eof});
  CHECK((s.tokens[1].flags & kLineComment) != 0);
  CHECK(s.tokens[1].begin.column == 3);  // the comment's span
  CHECK(s.tokens[5].begin.line == 4);    // lines inside the comment still count
  CHECK(s.tokens[5].begin.column == 9);
}

TEST_CASE("CRLF is one newline token; a lone CR is refused") {
  Scanned s("a\r\nb\rc");
  CHECK(s.types() ==
        std::vector<Tok>{Tok::Ident, Tok::Newline, Tok::Ident, Tok::Invalid, Tok::Ident, Tok::Eof});
  CHECK(s.tokens[1].end_offset - s.tokens[1].begin.offset == 2);
  CHECK(s.tokens[2].begin.line == 2);
}

TEST_CASE("identifiers take unicode letters, digits and dashes, not at the start") {
  Scanned s("na\xC3\xAFve-1 _x \xC3\xA9t\xC3\xA9 -y 2z");
  CHECK(s.types() == std::vector<Tok>{Tok::Ident, Tok::Ident, Tok::Ident, Tok::Minus, Tok::Ident,
                                      Tok::NumberLit, Tok::Ident, Tok::Eof});
  CHECK(s.text(0) == "na\xC3\xAFve-1");
}

TEST_CASE("a quoted string: literal runs, template sequences and strip markers") {
  Scanned s("\"a\\\"b ${~ x ~} %{ if y }$${z}%%{w}%{ endif }\"");
  CHECK(s.types() == std::vector<Tok>{Tok::OQuote, Tok::QuotedLit, Tok::TemplateInterp, Tok::Ident,
                                      Tok::TemplateSeqEnd, Tok::QuotedLit, Tok::TemplateControl,
                                      Tok::Ident, Tok::Ident, Tok::TemplateSeqEnd, Tok::QuotedLit,
                                      Tok::TemplateControl, Tok::Ident, Tok::TemplateSeqEnd,
                                      Tok::CQuote, Tok::Eof});
  CHECK(s.text(1) == "a\\\"b ");
  CHECK((s.tokens[2].flags & kStripMarker) != 0);
  CHECK((s.tokens[4].flags & kStripMarker) != 0);
  CHECK(s.text(10) == "$${z}%%{w}");  // escapes stay literal text
}

TEST_CASE("braces inside an interpolation do not end it") {
  Scanned s("\"${ {a = 1} }\"");
  CHECK(s.types() == std::vector<Tok>{Tok::OQuote, Tok::TemplateInterp, Tok::OBrace, Tok::Ident,
                                      Tok::Equal, Tok::NumberLit, Tok::CBrace, Tok::TemplateSeqEnd,
                                      Tok::CQuote, Tok::Eof});
}

TEST_CASE("a newline inside a quoted string is refused, and the string goes on") {
  Scanned s("\"a\nb\"");
  CHECK(s.types() == std::vector<Tok>{Tok::OQuote, Tok::QuotedLit, Tok::Invalid, Tok::QuotedLit,
                                      Tok::CQuote, Tok::Eof});
  CHECK(s.tokens[2].problem() == LexProblem::QuotedNewline);
}

TEST_CASE("a heredoc: its opener, one literal per line, its marker and a newline") {
  Scanned s("x = <<-EOT\n  a ${b}\n\n  EOT\ny");
  CHECK(s.types() == std::vector<Tok>{Tok::Ident, Tok::Equal, Tok::OHeredoc, Tok::StringLit,
                                      Tok::TemplateInterp, Tok::Ident, Tok::TemplateSeqEnd,
                                      Tok::StringLit, Tok::StringLit, Tok::CHeredoc, Tok::Newline,
                                      Tok::Ident, Tok::Eof});
  CHECK((s.tokens[2].flags & kFlushHeredoc) != 0);
  CHECK(s.text(3) == "  a ");
  CHECK(s.text(7) == "\n");
  CHECK(s.text(9) == "  EOT");
  CHECK(s.tokens[11].begin.line == 5);
}

TEST_CASE("a heredoc marker after an interpolation on its line does not close it") {
  Scanned s("<<EOT\n${x}EOT\nEOT\n");
  std::vector<Tok> types = s.types();
  CHECK(std::count(types.begin(), types.end(), Tok::CHeredoc) == 1);
  CHECK(s.tokens[s.tokens.size() - 3].begin.line == 3);
}

TEST_CASE("`<<` without a marker and a newline is two less-than signs") {
  Scanned s("a << b");
  CHECK(s.types() == std::vector<Tok>{Tok::Ident, Tok::Less, Tok::Less, Tok::Ident, Tok::Eof});
}

TEST_CASE("characters HCL never accepts carry the reason") {
  Scanned s("; ' ` & | ^ ~ @ \xE2\x80\x9C \xFF");
  std::vector<LexProblem> problems;
  for (const Token& token : s.tokens)
    if (token.type == Tok::Invalid) problems.push_back(token.problem());
  CHECK(problems == std::vector<LexProblem>{LexProblem::Semicolon, LexProblem::Apostrophe,
                                            LexProblem::Backtick, LexProblem::BitwiseAnd,
                                            LexProblem::BitwiseOr, LexProblem::BitwiseXor,
                                            LexProblem::BitwiseNot, LexProblem::InvalidCharacter,
                                            LexProblem::CurlyQuote, LexProblem::BadUtf8});
}

TEST_CASE("positions are counted as SourceFile counts them") {
  std::string text = "a = {\n  b = \"c\"\n}\n";
  Scanned s(text);
  const bw::ir::SourceFile& file = s.sources.file(s.id);
  for (const Token& token : s.tokens) {
    CAPTURE(token.begin.offset);
    bw::ir::Position begin = file.position_at(token.begin.offset);
    bw::ir::Position end = file.position_at(token.end_offset);
    CHECK(token.begin.line == begin.line);
    CHECK(token.begin.column == begin.column);
    // The end is on the token's line unless it holds a newline (what
    // Grammar::end_of assumes).
    if (text.substr(token.begin.offset, token.end_offset - token.begin.offset).find('\n') ==
        std::string::npos) {
      CHECK(end.line == token.begin.line);
      CHECK(end.column == token.begin.column + (token.end_offset - token.begin.offset));
    }
  }
}

TEST_CASE("scanning can start and stop in the middle of a file") {
  std::string text = "a = 1\nb = 2\nc = 3\n";
  SourceManager sources;
  bw::ir::FileId id = sources.add("main.tf", text);
  std::vector<Token> tokens;
  Lexer().lex(sources.file(id), 6, 12, tokens);
  REQUIRE(tokens.size() == 5);
  CHECK(tokens[0].begin.line == 2);
  CHECK(tokens[0].begin.column == 1);
  CHECK(tokens.back().type == Tok::Eof);
  CHECK(tokens.back().begin.offset == 12);
}

namespace {

// The comments the scanner reports for `text`, as written.
std::vector<std::string> comment_texts(const std::string& text) {
  SourceManager sources;
  bw::ir::FileId id = sources.add("main.tf", text);
  std::vector<std::string> out;
  for (const bw::ir::Comment& comment : Lexer().comments(sources.file(id))) {
    // The span and the text are the same bytes.
    CHECK(text.substr(comment.span.begin.offset,
                      comment.span.end.offset - comment.span.begin.offset) == comment.text);
    out.push_back(comment.text);
  }
  return out;
}

}  // namespace

TEST_CASE("comments: `#` and `//` to their line end, `/* */` whole, with their spans") {
  std::string text = "a = 1 # one\r\n// two\nb = /* three\nfour */ 2\n  # five";
  SourceManager sources;
  bw::ir::FileId id = sources.add("main.tf", text);
  std::vector<bw::ir::Comment> comments = Lexer().comments(sources.file(id));
  REQUIRE(comments.size() == 4);
  CHECK(comments[0].text == "# one");  // the line end is not part of it, CR included
  CHECK(comments[0].span.begin.line == 1);
  CHECK(comments[0].span.begin.column == 7);
  CHECK(comments[0].span.end.column == 12);
  CHECK(comments[1].text == "// two");
  CHECK(comments[1].span.begin.line == 2);
  CHECK(comments[2].text == "/* three\nfour */");
  CHECK(comments[2].span.begin.line == 3);
  CHECK(comments[2].span.end.line == 4);
  CHECK(comments[2].span.end.column == 8);
  CHECK(comments[3].text == "# five");  // the last line needs no newline
  CHECK(comments[3].span.begin.line == 5);
}

TEST_CASE("comment leaders inside strings, heredocs and templates are text") {
  CHECK(comment_texts("description = \"blastwall:ignore BW101 -- x\"\n").empty());
  CHECK(comment_texts("description = \"# blastwall:ignore // /* x */\"\n").empty());
  CHECK(comment_texts("script = <<-EOT\n  # blastwall:ignore BW101 -- x\n  // y /* z */\n  EOT\n")
            .empty());
  CHECK(comment_texts("name = \"db-${var.n}-# blastwall:ignore BW101 -- x\"\n").empty());
  CHECK(comment_texts("name = \"%{if true}# x%{endif}\"\n").empty());
  // Inside `${ }` the text is syntax again, and a comment there is one.
  CHECK(comment_texts("name = \"${var.n /* here */}\"\n") ==
        std::vector<std::string>{"/* here */"});
  // After a string, on its line, a comment is one.
  CHECK(comment_texts("name = \"# x\" # y\n") == std::vector<std::string>{"# y"});
}

TEST_CASE("an unclosed `/*` is no comment: the comments after it are still found") {
  CHECK(comment_texts("a = 1 /* open\n# after\n") == std::vector<std::string>{"# after"});
}

TEST_CASE("comments after a byte order mark are found") {
  CHECK(comment_texts("\xEF\xBB\xBF# first\n") == std::vector<std::string>{"# first"});
}

TEST_CASE("a lexer that listed comments scans for the parser as before") {
  std::string text = "a = 1 # x\n";
  SourceManager sources;
  bw::ir::FileId id = sources.add("main.tf", text);
  Lexer lexer;
  CHECK(lexer.comments(sources.file(id)).size() == 1);
  std::span<const Token> tokens =
      lexer.scan(sources.file(id), 0, static_cast<uint32_t>(text.size()));
  CHECK(tokens.size() == 5);
  CHECK((tokens[3].flags & kLineComment) != 0);
}
