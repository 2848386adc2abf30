#include "compiler/expr/lexer.h"

#include <doctest/doctest.h>

using namespace bw::compiler;
using namespace bw::compiler::expr;

namespace {

std::vector<TokenKind> kinds_of(std::string_view text) {
  std::vector<ExprError> errors;
  std::vector<TokenKind> kinds;
  for (const Token& token : lex(text, errors)) kinds.push_back(token.kind);
  CHECK(errors.empty());
  return kinds;
}

}  // namespace

TEST_CASE("lexer: operators, keywords and punctuation") {
  using K = TokenKind;
  CHECK(kinds_of("== != < <= > >= && || ! + - * / % ? : . , ( ) [ ] { }") ==
        std::vector<K>{K::EqualEqual,   K::NotEqual,     K::Less,      K::LessEqual,  K::Greater,
                       K::GreaterEqual, K::AndAnd,       K::OrOr,      K::Not,        K::Plus,
                       K::Minus,        K::Star,         K::Slash,     K::Percent,    K::Question,
                       K::Colon,        K::Dot,          K::Comma,     K::LeftParen,  K::RightParen,
                       K::LeftBracket,  K::RightBracket, K::LeftBrace, K::RightBrace, K::End});
  CHECK(kinds_of("true false null in self _x1") ==
        std::vector<K>{K::True, K::False, K::Null, K::In, K::Identifier, K::Identifier, K::End});
  CHECK(kinds_of("a!=b") == std::vector<K>{K::Identifier, K::NotEqual, K::Identifier, K::End});
}

TEST_CASE("lexer: tokens keep their byte range") {
  std::vector<ExprError> errors;
  std::vector<Token> tokens = lex("  self.name ==\n 'x'", errors);
  REQUIRE(tokens.size() == 6);
  CHECK(tokens[0].offset == 2);
  CHECK(tokens[0].length == 4);
  CHECK(tokens[0].text == "self");
  CHECK(tokens[2].offset == 7);
  CHECK(tokens[3].offset == 12);
  CHECK(tokens[3].length == 2);
  CHECK(tokens[4].offset == 16);
  CHECK(tokens[4].length == 3);
  CHECK(tokens[5].kind == TokenKind::End);
  CHECK(tokens[5].offset == 19);
}

TEST_CASE("lexer: numbers are doubles") {
  std::vector<ExprError> errors;
  std::vector<Token> tokens = lex("7 0.5 1e3 2.5E-1", errors);
  REQUIRE(errors.empty());
  CHECK(tokens[0].number == 7);
  CHECK(tokens[1].number == 0.5);
  CHECK(tokens[2].number == 1000);
  CHECK(tokens[3].number == 0.25);
  // A dot not followed by a digit is member access.
  CHECK(kinds_of("1.size()") == std::vector<TokenKind>{TokenKind::Number, TokenKind::Dot,
                                                       TokenKind::Identifier, TokenKind::LeftParen,
                                                       TokenKind::RightParen, TokenKind::End});
}

TEST_CASE("lexer: strings in either quote, with escapes") {
  std::vector<ExprError> errors;
  std::vector<Token> tokens =
      lex(R"("a\"b" 'it\'s' "tab\there\nnew" "back\\slash" "\d+\." 'say "hi"')", errors);
  REQUIRE(errors.empty());
  CHECK(tokens[0].text == "a\"b");
  CHECK(tokens[1].text == "it's");
  CHECK(tokens[2].text == "tab\there\nnew");
  CHECK(tokens[3].text == "back\\slash");
  CHECK(tokens[4].text == "\\d+\\.");  // unknown escapes keep their backslash
  CHECK(tokens[5].text == "say \"hi\"");
}

TEST_CASE("lexer: an unterminated string points at its opening quote") {
  std::vector<ExprError> errors;
  lex("self.name == \"prod", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == 13);
  CHECK(errors[0].length == 5);
  CHECK(errors[0].message == "unterminated string");

  errors.clear();
  lex("'abc\n' == 'x'", errors);  // a string ends on its line
  REQUIRE(!errors.empty());
  CHECK(errors[0].offset == 0);
  CHECK(errors[0].length == 4);

  errors.clear();
  lex("'abc\\", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "unterminated string");
}

TEST_CASE("lexer: stray characters, all of them, with hints") {
  std::vector<ExprError> errors;
  lex("a = b & c | d # é", errors);
  REQUIRE(errors.size() == 5);
  CHECK(errors[0].offset == 2);
  CHECK(errors[0].message == "unexpected '='; did you mean '=='?");
  CHECK(errors[1].offset == 6);
  CHECK(errors[1].message == "unexpected '&'; did you mean '&&'?");
  CHECK(errors[2].offset == 10);
  CHECK(errors[2].message == "unexpected '|'; did you mean '||'?");
  CHECK(errors[3].offset == 14);
  CHECK(errors[3].message == "unexpected character '#'");
  CHECK(errors[4].offset == 16);
  CHECK(errors[4].length == 2);  // one UTF-8 character
  CHECK(errors[4].message == "unexpected character 'é'");
}

TEST_CASE("lexer: a number run into a name is one error") {
  std::vector<ExprError> errors;
  lex("x == 12abc", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].offset == 5);
  CHECK(errors[0].length == 5);
  CHECK(errors[0].message == "invalid number '12abc'");
}
