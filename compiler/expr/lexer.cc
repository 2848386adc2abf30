#include "compiler/expr/lexer.h"

#include <charconv>

#include "ir/utf8.h"

namespace bw::compiler::expr {

std::string_view describe(TokenKind kind) {
  switch (kind) {
    case TokenKind::End:
      return "end of expression";
    case TokenKind::Identifier:
      return "identifier";
    case TokenKind::Number:
      return "number";
    case TokenKind::String:
      return "string";
    case TokenKind::True:
      return "'true'";
    case TokenKind::False:
      return "'false'";
    case TokenKind::Null:
      return "'null'";
    case TokenKind::In:
      return "'in'";
    case TokenKind::LeftParen:
      return "'('";
    case TokenKind::RightParen:
      return "')'";
    case TokenKind::LeftBracket:
      return "'['";
    case TokenKind::RightBracket:
      return "']'";
    case TokenKind::LeftBrace:
      return "'{'";
    case TokenKind::RightBrace:
      return "'}'";
    case TokenKind::Dot:
      return "'.'";
    case TokenKind::Comma:
      return "','";
    case TokenKind::Colon:
      return "':'";
    case TokenKind::Question:
      return "'?'";
    case TokenKind::Not:
      return "'!'";
    case TokenKind::Plus:
      return "'+'";
    case TokenKind::Minus:
      return "'-'";
    case TokenKind::Star:
      return "'*'";
    case TokenKind::Slash:
      return "'/'";
    case TokenKind::Percent:
      return "'%'";
    case TokenKind::EqualEqual:
      return "'=='";
    case TokenKind::NotEqual:
      return "'!='";
    case TokenKind::Less:
      return "'<'";
    case TokenKind::LessEqual:
      return "'<='";
    case TokenKind::Greater:
      return "'>'";
    case TokenKind::GreaterEqual:
      return "'>='";
    case TokenKind::AndAnd:
      return "'&&'";
    case TokenKind::OrOr:
      return "'||'";
  }
  return "token";
}

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_identifier_char(char c) {
  return is_identifier_start(c) || is_digit(c);
}

// Lexes one expression; a class only to share the cursor between the helpers.
class Lexer {
 public:
  Lexer(std::string_view text, std::vector<ExprError>& errors) : text_(text), errors_(errors) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    while (true) {
      skip_whitespace();
      if (pos_ >= text_.size()) break;
      Token token;
      if (next(token)) tokens.push_back(std::move(token));
    }
    Token end;
    end.offset = static_cast<uint32_t>(text_.size());
    tokens.push_back(end);
    return tokens;
  }

 private:
  void skip_whitespace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  char peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  void error(size_t offset, size_t length, std::string message) {
    errors_.push_back(
        {static_cast<uint32_t>(offset), static_cast<uint32_t>(length), std::move(message)});
  }

  // Lexes the token at pos_. Returns false when there is none (after an error).
  bool next(Token& token) {
    size_t start = pos_;
    token.offset = static_cast<uint32_t>(start);
    char c = text_[pos_];
    if (is_identifier_start(c)) {
      lex_identifier(token);
    } else if (is_digit(c)) {
      if (!lex_number(token)) return false;
    } else if (c == '"' || c == '\'') {
      if (!lex_string(token)) return false;
    } else if (!lex_punctuation(token)) {
      return false;
    }
    token.length = static_cast<uint32_t>(pos_ - start);
    return true;
  }

  void lex_identifier(Token& token) {
    size_t start = pos_;
    while (pos_ < text_.size() && is_identifier_char(text_[pos_])) ++pos_;
    std::string_view word = text_.substr(start, pos_ - start);
    if (word == "true") {
      token.kind = TokenKind::True;
    } else if (word == "false") {
      token.kind = TokenKind::False;
    } else if (word == "null") {
      token.kind = TokenKind::Null;
    } else if (word == "in") {
      token.kind = TokenKind::In;
    } else {
      token.kind = TokenKind::Identifier;
      token.text = std::string(word);
    }
  }

  // digits [. digits] [(e|E) [+-] digits]. "1.x" stays "1" "." "x" so that a
  // method call on a number reads as one.
  bool lex_number(Token& token) {
    size_t start = pos_;
    while (is_digit(peek())) ++pos_;
    if (peek() == '.' && is_digit(peek(1))) {
      ++pos_;
      while (is_digit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      size_t exponent = pos_ + 1;
      if (exponent < text_.size() && (text_[exponent] == '+' || text_[exponent] == '-')) ++exponent;
      if (exponent < text_.size() && is_digit(text_[exponent])) {
        pos_ = exponent;
        while (is_digit(peek())) ++pos_;
      }
    }
    if (is_identifier_start(peek())) {
      size_t end = pos_;
      while (end < text_.size() && is_identifier_char(text_[end])) ++end;
      error(start, end - start,
            "invalid number '" + std::string(text_.substr(start, end - start)) + "'");
      pos_ = end;
      return false;
    }
    std::string_view digits = text_.substr(start, pos_ - start);
    token.kind = TokenKind::Number;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), token.number);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) {
      error(start, digits.size(), "number '" + std::string(digits) + "' is out of range");
      return false;
    }
    return true;
  }

  // Strings end on the line they start on. Besides \n \t \r \\ \" \', an
  // unknown escape keeps its backslash, so regular expressions such as
  // "\d+" and "\." read as their authors meant without doubling backslashes.
  bool lex_string(Token& token) {
    size_t start = pos_;
    char quote = text_[pos_++];
    token.kind = TokenKind::String;
    while (true) {
      if (pos_ >= text_.size() || text_[pos_] == '\n' || text_[pos_] == '\r') {
        error(start, pos_ - start, "unterminated string");
        return false;
      }
      char c = text_[pos_++];
      if (c == quote) return true;
      if (c != '\\') {
        token.text.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) continue;  // reported as unterminated on the next turn
      char escaped = text_[pos_];
      switch (escaped) {
        case 'n':
          token.text.push_back('\n');
          break;
        case 't':
          token.text.push_back('\t');
          break;
        case 'r':
          token.text.push_back('\r');
          break;
        case '\\':
          token.text.push_back('\\');
          break;
        case '"':
          token.text.push_back('"');
          break;
        case '\'':
          token.text.push_back('\'');
          break;
        case '\n':
        case '\r':
          continue;  // the string is unterminated; reported on the next turn
        default:
          token.text.push_back('\\');
          token.text.push_back(escaped);
      }
      ++pos_;
    }
  }

  bool lex_punctuation(Token& token) {
    char c = text_[pos_];
    char n = peek(1);
    auto one = [&](TokenKind kind) {
      token.kind = kind;
      pos_ += 1;
      return true;
    };
    auto two = [&](TokenKind kind) {
      token.kind = kind;
      pos_ += 2;
      return true;
    };
    switch (c) {
      case '(':
        return one(TokenKind::LeftParen);
      case ')':
        return one(TokenKind::RightParen);
      case '[':
        return one(TokenKind::LeftBracket);
      case ']':
        return one(TokenKind::RightBracket);
      case '{':
        return one(TokenKind::LeftBrace);
      case '}':
        return one(TokenKind::RightBrace);
      case '.':
        return one(TokenKind::Dot);
      case ',':
        return one(TokenKind::Comma);
      case ':':
        return one(TokenKind::Colon);
      case '?':
        return one(TokenKind::Question);
      case '+':
        return one(TokenKind::Plus);
      case '-':
        return one(TokenKind::Minus);
      case '*':
        return one(TokenKind::Star);
      case '/':
        return one(TokenKind::Slash);
      case '%':
        return one(TokenKind::Percent);
      case '!':
        return n == '=' ? two(TokenKind::NotEqual) : one(TokenKind::Not);
      case '<':
        return n == '=' ? two(TokenKind::LessEqual) : one(TokenKind::Less);
      case '>':
        return n == '=' ? two(TokenKind::GreaterEqual) : one(TokenKind::Greater);
      case '=':
        if (n == '=') return two(TokenKind::EqualEqual);
        error(pos_, 1, "unexpected '='; did you mean '=='?");
        ++pos_;
        return false;
      case '&':
        if (n == '&') return two(TokenKind::AndAnd);
        error(pos_, 1, "unexpected '&'; did you mean '&&'?");
        ++pos_;
        return false;
      case '|':
        if (n == '|') return two(TokenKind::OrOr);
        error(pos_, 1, "unexpected '|'; did you mean '||'?");
        ++pos_;
        return false;
      default:
        break;
    }
    // Report a multi-byte UTF-8 character as one.
    size_t length = ir::decode_utf8(text_, pos_).length;
    error(pos_, length, "unexpected character '" + std::string(text_.substr(pos_, length)) + "'");
    pos_ += length;
    return false;
  }

  std::string_view text_;
  std::vector<ExprError>& errors_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<Token> lex(std::string_view text, std::vector<ExprError>& errors) {
  return Lexer(text, errors).run();
}

}  // namespace bw::compiler::expr
