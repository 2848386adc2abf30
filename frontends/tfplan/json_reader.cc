#include "frontends/tfplan/json_reader.h"

#include <cstdlib>

#include "ir/utf8.h"

namespace bw::frontends::tfplan {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

JsonReader::Token JsonReader::fail(std::string message, size_t at) {
  if (!failed_) {
    failed_ = true;
    error_ = std::move(message);
    error_offset_ = static_cast<uint32_t>(at > text_.size() ? text_.size() : at);
  }
  return Token::Error;
}

void JsonReader::skip_space() {
  while (at_ < text_.size()) {
    char c = text_[at_];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
    ++at_;
  }
}

double JsonReader::number() const {
  return std::strtod(string_.c_str(), nullptr);
}

JsonReader::Token JsonReader::next() {
  if (failed_) return Token::Error;
  if (ended_) return Token::End;
  while (true) {
    skip_space();
    begin_ = static_cast<uint32_t>(at_);
    bool more = at_ < text_.size();
    char c = more ? text_[at_] : '\0';
    switch (expect_) {
      case Expect::Done:
        if (more) return fail("unexpected text after the end of the JSON value", at_);
        ended_ = true;
        end_ = begin_;
        return Token::End;
      case Expect::Value:
        return value_start();
      case Expect::ValueOrEnd:
      case Expect::KeyOrEnd:
        if (more && c == (expect_ == Expect::ValueOrEnd ? ']' : '}')) {
          bool object = stack_.back();
          stack_.pop_back();
          ++at_;
          end_ = static_cast<uint32_t>(at_);
          expect_ = stack_.empty() ? Expect::Done : Expect::CommaOrEnd;
          return object ? Token::EndObject : Token::EndArray;
        }
        if (expect_ == Expect::ValueOrEnd) return value_start();
        [[fallthrough]];
      case Expect::Key: {
        if (!more) return fail("the JSON ends early: an object member's name is missing", at_);
        if (c != '"') return fail("expected an object member's name in double quotes", at_);
        if (scan_string(Token::Key) == Token::Error) return Token::Error;
        skip_space();
        if (at_ >= text_.size()) return fail("the JSON ends early: ':' is missing", at_);
        if (text_[at_] != ':') return fail("expected ':' after an object member's name", at_);
        ++at_;
        expect_ = Expect::Value;
        return Token::Key;
      }
      case Expect::Colon:
        return fail("expected ':'", at_);
      case Expect::CommaOrEnd: {
        bool object = stack_.back();
        if (!more)
          return fail(object ? "the JSON ends early: an object is not closed"
                             : "the JSON ends early: a list is not closed",
                      at_);
        if (c == ',') {
          ++at_;
          expect_ = object ? Expect::Key : Expect::Value;
          continue;
        }
        if (c == (object ? '}' : ']')) {
          stack_.pop_back();
          ++at_;
          end_ = static_cast<uint32_t>(at_);
          expect_ = stack_.empty() ? Expect::Done : Expect::CommaOrEnd;
          return object ? Token::EndObject : Token::EndArray;
        }
        return fail(object ? "expected ',' or '}' in an object" : "expected ',' or ']' in a list",
                    at_);
      }
    }
  }
}

JsonReader::Token JsonReader::value_start() {
  if (at_ >= text_.size()) return fail("the JSON ends early: a value is missing", at_);
  char c = text_[at_];
  auto after_scalar = [this](Token t) {
    if (t != Token::Error) expect_ = stack_.empty() ? Expect::Done : Expect::CommaOrEnd;
    return t;
  };
  switch (c) {
    case '{':
    case '[':
      if (stack_.size() >= kMaxDepth)
        return fail("JSON nested too deeply (more than " + std::to_string(kMaxDepth) +
                        " levels of lists and objects)",
                    at_);
      stack_.push_back(c == '{');
      ++at_;
      end_ = static_cast<uint32_t>(at_);
      expect_ = c == '{' ? Expect::KeyOrEnd : Expect::ValueOrEnd;
      return c == '{' ? Token::BeginObject : Token::BeginArray;
    case '"':
      return after_scalar(scan_string(Token::String));
    case 't':
      return after_scalar(scan_word("true", Token::True));
    case 'f':
      return after_scalar(scan_word("false", Token::False));
    case 'n':
      return after_scalar(scan_word("null", Token::Null));
    default:
      if (c == '-' || is_digit(c)) return after_scalar(scan_number());
      return fail("unexpected character where a JSON value should start", at_);
  }
}

JsonReader::Token JsonReader::scan_word(std::string_view word, Token as) {
  if (text_.substr(at_, word.size()) != word)
    return fail(at_ + word.size() > text_.size() && word.starts_with(text_.substr(at_))
                    ? "the JSON ends early inside '" + std::string(word) + "'"
                    : "unexpected character where a JSON value should start",
                at_);
  at_ += word.size();
  end_ = static_cast<uint32_t>(at_);
  return as;
}

JsonReader::Token JsonReader::scan_number() {
  size_t start = at_;
  auto digits = [this] {
    size_t from = at_;
    while (at_ < text_.size() && is_digit(text_[at_])) ++at_;
    return at_ > from;
  };
  if (text_[at_] == '-') ++at_;
  if (at_ < text_.size() && text_[at_] == '0')
    ++at_;
  else if (!digits())
    return fail("a number has no digits", at_);
  if (at_ < text_.size() && text_[at_] == '.') {
    ++at_;
    if (!digits()) return fail("a number has no digits after its '.'", at_);
  }
  if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
    ++at_;
    if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
    if (!digits()) return fail("a number has no digits in its exponent", at_);
  }
  string_.assign(text_.substr(start, at_ - start));
  end_ = static_cast<uint32_t>(at_);
  return Token::Number;
}

JsonReader::Token JsonReader::scan_string(Token as) {
  size_t start = at_;
  ++at_;
  string_.clear();
  while (true) {
    size_t run = at_;
    while (at_ < text_.size()) {
      unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (c == '"' || c == '\\' || c < 0x20) break;
      ++at_;
    }
    string_.append(text_.substr(run, at_ - run));
    if (at_ >= text_.size()) return fail("the JSON ends early inside a string", start);
    char c = text_[at_];
    if (c == '"') {
      ++at_;
      end_ = static_cast<uint32_t>(at_);
      return as;
    }
    if (c != '\\') return fail("a control character inside a string", at_);
    if (at_ + 1 >= text_.size()) return fail("the JSON ends early inside a string", start);
    char e = text_[at_ + 1];
    at_ += 2;
    switch (e) {
      case '"':
        string_ += '"';
        break;
      case '\\':
        string_ += '\\';
        break;
      case '/':
        string_ += '/';
        break;
      case 'b':
        string_ += '\b';
        break;
      case 'f':
        string_ += '\f';
        break;
      case 'n':
        string_ += '\n';
        break;
      case 'r':
        string_ += '\r';
        break;
      case 't':
        string_ += '\t';
        break;
      case 'u': {
        auto hex4 = [this](size_t from) -> int32_t {
          if (from + 4 > text_.size()) return -1;
          int32_t v = 0;
          for (size_t i = 0; i < 4; ++i) {
            int d = hex_digit(text_[from + i]);
            if (d < 0) return -1;
            v = v * 16 + d;
          }
          return v;
        };
        int32_t unit = hex4(at_);
        if (unit < 0) return fail("an escape \\u without four hexadecimal digits", at_ - 2);
        at_ += 4;
        uint32_t code = static_cast<uint32_t>(unit);
        if (code >= 0xD800 && code <= 0xDBFF && text_.substr(at_, 2) == "\\u") {
          int32_t low = hex4(at_ + 2);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            code = 0x10000 + ((code - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
            at_ += 6;
          }
        }
        if (code >= 0xD800 && code <= 0xDFFF) code = 0xFFFD;  // a lone surrogate
        ir::append_utf8(string_, code);
        break;
      }
      default:
        return fail("an unknown escape in a string", at_ - 2);
    }
  }
}

bool JsonReader::skip(Token started) {
  if (started == Token::Key) started = next();
  if (started == Token::Error || started == Token::End) return false;
  if (started != Token::BeginObject && started != Token::BeginArray) return true;
  size_t target = depth() - 1;
  while (true) {
    Token t = next();
    if (t == Token::Error || t == Token::End) return false;
    if ((t == Token::EndObject || t == Token::EndArray) && depth() == target) return true;
  }
}

}  // namespace bw::frontends::tfplan
