#pragma once
// The first stage of the rule language: turns predicate text into tokens that
// remember their byte range, so every later error can point at the text.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/expr/expr.h"

namespace bw::compiler::expr {

enum class TokenKind : uint8_t {
  End,
  Identifier,
  Number,
  String,
  True,
  False,
  Null,
  In,
  LeftParen,
  RightParen,
  LeftBracket,
  RightBracket,
  LeftBrace,
  RightBrace,
  Dot,
  Comma,
  Colon,
  Question,
  Not,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  EqualEqual,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  AndAnd,
  OrOr,
};

// How a token is named in messages: "')'", "identifier", "end of expression".
std::string_view describe(TokenKind kind);

// One token. `text` is an identifier's name or a string literal's decoded value.
struct Token {
  TokenKind kind = TokenKind::End;
  uint32_t offset = 0;
  uint32_t length = 0;
  std::string text;
  double number = 0;
};

// Splits `text` into tokens ending with an End token. Lexical errors (an
// unterminated string, a stray character) are appended to `errors`; lexing
// goes on after each so that all of them are reported at once.
std::vector<Token> lex(std::string_view text, std::vector<ExprError>& errors);

}  // namespace bw::compiler::expr
