// The scanner's string modes: quoted strings, heredocs (opener, one literal
// per line, closing marker) and the `${`/`%{` sequences inside them, which
// are scanned as plain syntax up to the `}` that matches them.

#include <cstring>

#include "frontends/terraform/hcl_identifiers.h"
#include "frontends/terraform/hcl_lexer.h"

namespace bw::frontends::terraform::hcl {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Bytes that end a run of literal text in a quoted string or a heredoc line.
struct LiteralStops {
  bool quoted[256] = {};
  bool heredoc[256] = {};
  constexpr LiteralStops() {
    for (unsigned char c : {'"', '\\', '$', '%', '\n', '\r'}) quoted[c] = true;
    for (unsigned char c : {'$', '%', '\n'}) heredoc[c] = true;
    for (int c = 0x80; c < 256; ++c) quoted[c] = heredoc[c] = true;
  }
};
constexpr LiteralStops kStops;

// Well-formed UTF-8 at `at`: its length, or 0.
uint32_t well_formed_length(const char* text, uint32_t at, uint32_t end) {
  Utf8Char u = decode_utf8(std::string_view(text, end), at);
  return u.valid ? u.length : 0;
}

}  // namespace

bool Lexer::lex_heredoc_start(uint32_t p, uint32_t& next) {
  // `<<` or `<<-`, an identifier, and the end of the line, all at once.
  uint32_t q = p + 2;
  bool flush = q < end_ && text_[q] == '-';
  if (flush) ++q;
  uint32_t marker = q;
  if (q >= end_) return false;
  unsigned char first = static_cast<unsigned char>(text_[q]);
  if (is_ascii_id_start(first)) {
    ++q;
  } else if (first >= 0x80) {
    Utf8Char u = decode_utf8(std::string_view(text_, end_), q);
    if (!u.valid || !is_id_start_above_ascii(u.code_point)) return false;
    q += u.length;
  } else {
    return false;
  }
  q = identifier_end(std::string_view(text_, end_), q);
  uint32_t marker_end = q;
  if (q < end_ && text_[q] == '\r') ++q;
  if (q >= end_ || text_[q] != '\n') return false;
  emit_through_newline(Tok::OHeredoc, p, q, flush ? kFlushHeredoc : 0);
  Mode& heredoc = modes_.emplace_back();
  heredoc.kind = ModeKind::Heredoc;
  heredoc.start_of_line = true;
  heredoc.marker = std::string_view(text_ + marker, marker_end - marker);
  next = q + 1;
  return true;
}

uint32_t Lexer::open_template_sequence(uint32_t p, Tok type) {
  bool strip = p + 2 < end_ && text_[p + 2] == '~';
  uint32_t end = p + 2 + strip;
  emit(type, p, end, strip ? kStripMarker : 0);
  ++braces_;
  modes_.emplace_back().return_braces = braces_;
  return end;
}

uint32_t Lexer::close_template_sequence(uint32_t p, uint32_t length, uint8_t flags) {
  emit(Tok::TemplateSeqEnd, p, p + length, flags);
  // A `~}` that closes no sequence is still a sequence end, as in hclsyntax,
  // so the parser reports it where it stands.
  if (modes_.size() > 1 && modes_.back().return_braces == braces_) modes_.pop_back();
  --braces_;
  return p + length;
}

uint32_t Lexer::skip_newline_run(uint32_t p) {
  uint32_t q = p;
  ir::Position first = at(p);
  while (q < end_ && (text_[q] == '\n' || text_[q] == '\r')) {
    if (text_[q] == '\n') passed_newline(q);
    ++q;
  }
  new (out_++) Token(Tok::Invalid, static_cast<uint8_t>(LexProblem::QuotedNewline), first, at(q));
  return q;
}

uint32_t Lexer::lex_quoted(uint32_t p, bool in_mode) {
  uint32_t literal = p;
  bool plain = true;  // no escapes: the parser can take the text as written
  auto flush_literal = [&](uint32_t end) {
    if (end > literal) emit(Tok::QuotedLit, literal, end, plain ? kPlainText : 0);
    plain = true;
  };
  while (p < end_) {
    unsigned char c = static_cast<unsigned char>(text_[p]);
    if (!kStops.quoted[c]) {
      ++p;
      continue;
    }
    switch (c) {
      case '"':
        flush_literal(p);
        emit(Tok::CQuote, p, p + 1);
        if (in_mode) modes_.pop_back();
        return p + 1;
      case '\\': {
        // A backslash takes the next character along; the parser checks it.
        uint32_t length = p + 1 < end_ ? well_formed_length(text_, p + 1, end_) : 0;
        if (length > 0 && text_[p + 1] != '\n' && text_[p + 1] != '\r') {
          p += 1 + length;
          plain = false;
        } else {
          flush_literal(p);
          emit_invalid(p, p + 1, LexProblem::InvalidCharacter);
          literal = ++p;
        }
        continue;
      }
      case '$':
      case '%':
        if (p + 1 < end_ && text_[p + 1] == '{') {
          flush_literal(p);
          if (!in_mode) modes_.emplace_back().kind = ModeKind::Quoted;
          return open_template_sequence(p, c == '$' ? Tok::TemplateInterp : Tok::TemplateControl);
        }
        // `$${` and `%%{` are literal text, as is a lone `$` or `%`.
        p += (p + 2 < end_ && text_[p + 1] == static_cast<char>(c) && text_[p + 2] == '{') ? 3 : 1;
        plain = false;
        continue;
      case '\n':
      case '\r':
        flush_literal(p);
        literal = p = skip_newline_run(p);
        continue;
      default: {
        uint32_t length = well_formed_length(text_, p, end_);
        if (length > 0) {
          p += length;
        } else {
          flush_literal(p);
          emit_invalid(p, p + 1, LexProblem::BadUtf8);
          literal = ++p;
        }
        continue;
      }
    }
  }
  flush_literal(p);
  return p;
}

uint32_t Lexer::lex_heredoc(uint32_t p) {
  while (p < end_) {
    Mode& mode = modes_.back();
    if (mode.start_of_line) {
      // The closing marker: a line holding only the marker, ending in a newline.
      const void* found = std::memchr(text_ + p, '\n', end_ - p);
      if (found) {
        uint32_t newline = static_cast<uint32_t>(static_cast<const char*>(found) - text_);
        uint32_t content_end = newline;
        if (content_end > p && text_[content_end - 1] == '\r') --content_end;
        uint32_t b = p, e = content_end;
        while (b < e && is_space(text_[b])) ++b;
        while (e > b && is_space(text_[e - 1])) --e;
        if (std::string_view(text_ + b, e - b) == mode.marker) {
          emit(Tok::CHeredoc, p, content_end);
          emit_through_newline(Tok::Newline, content_end, newline);
          modes_.pop_back();
          return newline + 1;
        }
      }
    }
    // Literal text to the end of the line or the next template sequence.
    uint32_t literal = p;
    bool line_ended = false;
    bool plain = true;  // no `$${`, `%%{` or CRLF: the parser can take the text as written
    while (p < end_ && !line_ended) {
      unsigned char c = static_cast<unsigned char>(text_[p]);
      if (!kStops.heredoc[c]) {
        ++p;
        continue;
      }
      if (c == '\n') {
        if (p > literal && text_[p - 1] == '\r') plain = false;
        emit_through_newline(Tok::StringLit, literal, p, plain ? kPlainText : 0);
        mode.start_of_line = true;
        line_ended = true;
        ++p;
        continue;
      }
      if (c == '$' || c == '%') {
        if (p + 1 < end_ && text_[p + 1] == '{') {
          if (p > literal) emit(Tok::StringLit, literal, p, plain ? kPlainText : 0);
          mode.start_of_line = false;
          return open_template_sequence(p, c == '$' ? Tok::TemplateInterp : Tok::TemplateControl);
        }
        p += (p + 2 < end_ && text_[p + 1] == static_cast<char>(c) && text_[p + 2] == '{') ? 3 : 1;
        plain = false;
        continue;
      }
      uint32_t length = well_formed_length(text_, p, end_);
      if (length > 0) {
        p += length;
      } else {
        if (p > literal) emit(Tok::StringLit, literal, p);
        emit_invalid(p, p + 1, LexProblem::BadUtf8);
        literal = ++p;
      }
    }
    if (!line_ended && p > literal) {
      emit(Tok::StringLit, literal, p);
      mode.start_of_line = false;
    }
  }
  return p;
}

}  // namespace bw::frontends::terraform::hcl
