#include "frontends/terraform/hcl_lexer.h"

#include <algorithm>
#include <cstring>

#include "frontends/terraform/hcl_identifiers.h"

namespace bw::frontends::terraform::hcl {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

bool is_valid_number(std::string_view digits) {
  size_t i = 0;
  auto run = [&] {
    size_t from = i;
    while (i < digits.size() && is_digit(digits[i])) ++i;
    return i - from;
  };
  if (run() == 0) return false;
  if (i < digits.size() && digits[i] == '.') {
    ++i;
    run();
  }
  if (i < digits.size() && (digits[i] == 'e' || digits[i] == 'E')) {
    ++i;
    if (i < digits.size() && (digits[i] == '+' || digits[i] == '-')) ++i;
    // An exponent past what a big float holds is refused too.
    size_t from = i;
    while (i < digits.size() && digits[i] == '0') ++i;
    size_t significant = run();
    if (i == from || significant > 9) return false;
  }
  return i == digits.size();
}

std::span<const Token> Lexer::scan(const ir::SourceFile& file, uint32_t begin, uint32_t end) {
  text_ = file.text.data();
  size_ = static_cast<uint32_t>(file.text.size());
  end_ = end;
  unclosed_from_ = UINT32_MAX;
  // At most one token per byte, and the end.
  size_t needed = static_cast<size_t>(end - begin) + 1;
  if (buffer_capacity_ < needed) {
    buffer_capacity_ = std::max(needed, 2 * buffer_capacity_);
    buffer_.reset(static_cast<Token*>(::operator new(buffer_capacity_ * sizeof(Token))));
  }
  out_ = buffer_.get();
  ir::Position start = file.position_at(begin);
  line_ = start.line;
  line_start_ = begin - (start.column - 1);
  braces_ = 0;
  open_braces_.clear();
  modes_.clear();
  modes_.push_back({});
  uint32_t p = begin;
  while (p < end_) {
    switch (modes_.back().kind) {
      case ModeKind::Main:
        p = lex_main(p);
        break;
      case ModeKind::Quoted:
        p = lex_quoted(p, true);
        break;
      case ModeKind::Heredoc:
        p = lex_heredoc(p);
        break;
    }
  }
  emit(Tok::Eof, end_, end_);
  return {buffer_.get(), out_};
}

std::vector<ir::Comment> Lexer::comments(const ir::SourceFile& file) {
  if (file.text.size() >= UINT32_MAX / 2) return {};  // the parser refuses it too
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  comments_ = &ranges;
  uint32_t size = static_cast<uint32_t>(file.text.size());
  scan(file, hcl_start(file.text), size);
  comments_ = nullptr;
  std::vector<ir::Comment> out;
  out.reserve(ranges.size());
  for (auto [begin, end] : ranges)
    out.push_back({file.span(begin, end), file.text.substr(begin, end - begin)});
  return out;
}

uint32_t Lexer::lex_main(uint32_t p) {
  // Each case returns when the mode changes; the loop serves plain syntax.
  while (p < end_) {
    char c = text_[p];
    // Indentation first: it is most of the bytes between tokens.
    if (c == ' ') {
      ++p;
      continue;
    }
    char next = p + 1 < end_ ? text_[p + 1] : '\0';
    switch (c) {
      case '\t':
        ++p;
        continue;
      case '\n':
        emit_through_newline(Tok::Newline, p, p);
        ++p;
        continue;
      case '\r':
        if (next == '\n') {
          emit_through_newline(Tok::Newline, p, p + 1);
          p += 2;
        } else {
          emit_invalid(p, p + 1, LexProblem::InvalidCharacter);
          ++p;
        }
        continue;
      case '#':
        p = lex_comment(p);
        continue;
      case '/':
        if (next == '/' || next == '*') {
          p = lex_comment(p);
          continue;
        }
        emit(Tok::Slash, p, p + 1);
        ++p;
        continue;
      case '"': {
        // A string without template sequences needs no mode of its own.
        emit(Tok::OQuote, p, p + 1);
        size_t depth = modes_.size();
        p = lex_quoted(p + 1, false);
        if (modes_.size() != depth) return p;
        continue;
      }
      case '{':
        emit(Tok::OBrace, p, p + 1);
        open_braces_.push_back(out_ - 1);
        ++braces_;
        ++p;
        continue;
      case '}':
        if (modes_.size() > 1 && modes_.back().return_braces == braces_)
          return close_template_sequence(p, 1, 0);
        emit(Tok::CBrace, p, p + 1);
        if (!open_braces_.empty()) open_braces_.pop_back();
        --braces_;
        ++p;
        continue;
      case '~':
        if (next == '}') return close_template_sequence(p, 2, kStripMarker);
        emit_invalid(p, p + 1, LexProblem::BitwiseNot);
        ++p;
        continue;
      case '<': {
        uint32_t after = p;
        if (next == '<' && lex_heredoc_start(p, after)) return after;
        bool equal = next == '=';
        emit(equal ? Tok::LessEqual : Tok::Less, p, p + 1 + equal);
        p += 1 + equal;
        continue;
      }
      case '>': {
        bool equal = next == '=';
        emit(equal ? Tok::GreaterEqual : Tok::Greater, p, p + 1 + equal);
        p += 1 + equal;
        continue;
      }
      case '=':
        if (next == '=' || next == '>') {
          emit(next == '=' ? Tok::EqualOp : Tok::FatArrow, p, p + 2);
          p += 2;
        } else {
          emit(Tok::Equal, p, p + 1);
          ++p;
        }
        continue;
      case '!': {
        bool equal = next == '=';
        emit(equal ? Tok::NotEqual : Tok::Bang, p, p + 1 + equal);
        p += 1 + equal;
        continue;
      }
      case '&':
      case '|':
        if (next == c) {
          emit(c == '&' ? Tok::And : Tok::Or, p, p + 2);
          p += 2;
        } else {
          emit_invalid(p, p + 1, c == '&' ? LexProblem::BitwiseAnd : LexProblem::BitwiseOr);
          ++p;
        }
        continue;
      case ':': {
        bool twice = next == ':';
        emit(twice ? Tok::DoubleColon : Tok::Colon, p, p + 1 + twice);
        p += 1 + twice;
        continue;
      }
      case '.':
        if (next == '.' && p + 2 < end_ && text_[p + 2] == '.') {
          emit(Tok::Ellipsis, p, p + 3);
          p += 3;
        } else {
          emit(Tok::Dot, p, p + 1);
          ++p;
        }
        continue;
      case '[':
      case ']':
      case '(':
      case ')':
      case ',':
      case '?':
      case '+':
      case '-':
      case '%':
      case '*': {
        static constexpr struct {
          char c;
          Tok type;
        } kSingle[] = {{'[', Tok::OBrack}, {']', Tok::CBrack}, {'(', Tok::OParen},
                       {')', Tok::CParen}, {',', Tok::Comma},  {'?', Tok::Question},
                       {'+', Tok::Plus},   {'-', Tok::Minus},  {'%', Tok::Percent},
                       {'*', Tok::Star}};
        for (const auto& single : kSingle)
          if (single.c == c) emit(single.type, p, p + 1);
        ++p;
        continue;
      }
      case '^':
      case ';':
      case '\'':
      case '`':
        emit_invalid(p, p + 1,
                     c == '^'   ? LexProblem::BitwiseXor
                     : c == ';' ? LexProblem::Semicolon
                     : c == '`' ? LexProblem::Backtick
                                : LexProblem::Apostrophe);
        ++p;
        continue;
      default:
        break;
    }
    unsigned char byte = static_cast<unsigned char>(c);
    if (is_digit(c)) {
      p = lex_number(p);
    } else if (is_ascii_id_start(byte)) {
      uint32_t q = identifier_end(std::string_view(text_, end_), p + 1);
      bool line_start =
          out_ == buffer_.get() || out_[-1].type == Tok::Newline || out_[-1].type == Tok::OBrace;
      emit(Tok::Ident, p, q);
      if (line_start && !open_braces_.empty()) count_item(q);
      p = q;
    } else if (byte >= 0x80) {
      p = lex_non_ascii(p);
    } else {
      emit_invalid(p, p + 1, LexProblem::InvalidCharacter);
      ++p;
    }
  }
  return p;
}

void Lexer::count_item(uint32_t after_name) {
  while (after_name < end_ && (text_[after_name] == ' ' || text_[after_name] == '\t')) ++after_name;
  if (after_name >= end_) return;
  char c = text_[after_name];
  char next = after_name + 1 < end_ ? text_[after_name + 1] : '\0';
  Token& open = *open_braces_.back();
  if (c == '=' && next != '=' && next != '>') {
    if (open.arguments < 255) ++open.arguments;
  } else if (c == '"' || c == '{' || is_ascii_id_start(static_cast<unsigned char>(c))) {
    if (open.blocks < 255) ++open.blocks;
  }
}

uint32_t Lexer::lex_number(uint32_t p) {
  // A digit, then digits, dots and exponents, not ending in a dot: `1.x` is
  // the number 1 and an attribute; `1.2.3` is one (invalid) number.
  uint32_t q = p + 1, last = p + 1;
  while (q < end_) {
    char d = text_[q];
    if (is_digit(d)) {
      last = ++q;
    } else if (d == '.') {
      ++q;
    } else if ((d == 'e' || d == 'E') && q + 1 < end_ && is_digit(text_[q + 1])) {
      last = q += 2;
    } else if ((d == 'e' || d == 'E') && q + 2 < end_ &&
               (text_[q + 1] == '+' || text_[q + 1] == '-') && is_digit(text_[q + 2])) {
      last = q += 3;
    } else {
      break;
    }
  }
  emit(Tok::NumberLit, p, last);
  return last;
}

uint32_t Lexer::lex_comment(uint32_t p) {
  if (text_[p] == '/' && text_[p + 1] == '*') {
    const char* close = nullptr;
    if (p < unclosed_from_) {
      for (uint32_t q = p + 2; q + 1 < end_; ++q) {
        if (text_[q] == '*' && text_[q + 1] == '/') {
          close = text_ + q;
          break;
        }
      }
      if (!close) unclosed_from_ = p;
    }
    // Unclosed: hclsyntax reads `/` and `*` as operators and complains about
    // the '/'; saying the comment is unterminated, where it starts, is clearer.
    if (!close) {
      emit_invalid(p, p + 2, LexProblem::UnterminatedComment);
      return p + 2;
    }
    uint32_t after = static_cast<uint32_t>(close - text_) + 2;
    if (comments_) comments_->emplace_back(p, after);
    for (uint32_t q = p; q < after; ++q)
      if (text_[q] == '\n') passed_newline(q);
    return after;
  }
  // A line comment takes its newline along, which still ends an argument.
  const void* found = std::memchr(text_ + p, '\n', end_ - p);
  if (!found) {
    if (comments_) comments_->emplace_back(p, end_);
    return end_;
  }
  uint32_t newline = static_cast<uint32_t>(static_cast<const char*>(found) - text_);
  if (comments_)
    comments_->emplace_back(p, newline > p && text_[newline - 1] == '\r' ? newline - 1 : newline);
  emit_through_newline(Tok::Newline, p, newline, kLineComment);
  return newline + 1;
}

uint32_t Lexer::lex_non_ascii(uint32_t p) {
  Utf8Char u = decode_utf8(std::string_view(text_, end_), p);
  if (!u.valid) {
    emit_invalid(p, p + 1, LexProblem::BadUtf8);
    return p + 1;
  }
  if (is_id_start_above_ascii(u.code_point)) {
    uint32_t q = identifier_end(std::string_view(text_, end_), p + u.length);
    emit(Tok::Ident, p, q);
    return q;
  }
  bool curly = u.code_point == 0x201C || u.code_point == 0x201D;
  emit_invalid(p, p + u.length, curly ? LexProblem::CurlyQuote : LexProblem::InvalidCharacter);
  return p + u.length;
}

}  // namespace bw::frontends::terraform::hcl
