// The template half of the Grammar: quoted strings and heredocs with `${ }`
// interpolations and `%{ }` directives. As in hclsyntax it runs in two
// passes: here the tokens become a flat list of parts (literal text, one line
// at a time in a heredoc, with `~` markers trimming the literal next to them
// and `<<-` indentation removed); hcl_template_tree.cc then matches the
// `if`/`for` directives into a tree. Doing it in that order is what makes a
// `~` in a heredoc trim only to the end of its line, and a `<<-` heredoc keep
// the spaces of a blank line.

#include <algorithm>

#include "frontends/terraform/hcl_diagnostics.h"
#include "frontends/terraform/hcl_grammar.h"
#include "ir/utf8.h"

namespace bw::frontends::terraform::hcl {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

void trim_left(const std::string& text, TemplatePart& part) {
  while (part.text_begin < part.text_end && is_space(text[part.text_begin])) ++part.text_begin;
}

void trim_right(const std::string& text, TemplatePart& part) {
  while (part.text_end > part.text_begin && is_space(text[part.text_end - 1])) --part.text_end;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A heredoc line's text: `$${` and `%%{` stand for `${` and `%{`; a CRLF line
// end is read as LF, so values do not depend on how the file was checked out.
void append_heredoc_text(std::string_view raw, std::string& out) {
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if ((c == '$' || c == '%') && i + 2 < raw.size() && raw[i + 1] == c && raw[i + 2] == '{') {
      out += c;
      out += '{';
      i += 2;
    } else if (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') {
      continue;
    } else {
      out += c;
    }
  }
}

}  // namespace

bool Grammar::unescape_quoted(const Token& token, std::string& out) {
  std::string_view raw = text(token);
  auto escape_span = [&](size_t at, size_t length) {
    ir::Position begin = token.begin;
    begin.offset += static_cast<uint32_t>(at);
    begin.column += static_cast<uint32_t>(at);
    ir::Position end = begin;
    end.offset += static_cast<uint32_t>(length);
    end.column += static_cast<uint32_t>(length);
    return span(begin, end);
  };
  size_t i = 0;
  bool ok = true;
  while (i < raw.size()) {
    size_t stop = i;
    while (stop < raw.size() && raw[stop] != '\\' && raw[stop] != '$' && raw[stop] != '%') ++stop;
    out.append(raw.substr(i, stop - i));
    if (stop == raw.size()) break;
    i = stop;
    char c = raw[i];
    if (c != '\\') {
      bool escaped = i + 2 < raw.size() && raw[i + 1] == c && raw[i + 2] == '{';
      out += c;
      if (escaped) out += '{';
      i += escaped ? 3 : 1;
      continue;
    }
    char selector = i + 1 < raw.size() ? raw[i + 1] : '\0';
    const char* simple = nullptr;
    switch (selector) {
      case 'n':
        simple = "\n";
        break;
      case 'r':
        simple = "\r";
        break;
      case 't':
        simple = "\t";
        break;
      case '"':
        simple = "\"";
        break;
      case '\\':
        simple = "\\";
        break;
      default:
        break;
    }
    if (simple) {
      out += simple;
      i += 2;
      continue;
    }
    if (selector == 'u' || selector == 'U') {
      size_t digits = selector == 'u' ? 4 : 8;
      char32_t code_point = 0;
      size_t read = 0;
      while (read < digits && i + 2 + read < raw.size() && hex_value(raw[i + 2 + read]) >= 0)
        code_point = code_point * 16 + static_cast<char32_t>(hex_value(raw[i + 2 + read++]));
      if (read < digits) {
        complain(escape_span(i, 2 + read),
                 message("Invalid escape sequence", std::string("\\") + selector + " needs " +
                                                        std::to_string(digits) + " hex digits"));
        ok = false;
        i += 2 + read;
        continue;
      }
      if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        complain(escape_span(i, 2 + digits),
                 message("Invalid escape sequence", "this character cannot be written in UTF-8"));
        ok = false;
      } else {
        ir::append_utf8(out, code_point);
      }
      i += 2 + digits;
      continue;
    }
    complain(escape_span(i, 2), message("Invalid escape sequence",
                                        "'\\" + std::string(1, selector) +
                                            "' is not an escape; write '\\\\' for a backslash"));
    ok = false;
    i += 2;
  }
  return ok;
}

Expr Grammar::quoted_template() {
  const Token& open = next();
  // Most strings are plain text: no escapes, no template sequences.
  const Token& first = tokens_[pos_];
  if (first.type == Tok::QuotedLit && (first.flags & kPlainText) &&
      tokens_[pos_ + 1].type == Tok::CQuote) {
    Expr literal = make(Expr::Kind::String, open.begin, end_of(tokens_[pos_ + 1]));
    literal.text = text(first);
    pos_ += 2;
    return literal;
  }
  size_t base = parts_.size();
  const Token* close = nullptr;
  if (!template_parts(open, Tok::CQuote, close)) return {};
  return build_template(base, span(open.begin, end_of(*close)));
}

Expr Grammar::heredoc_template() {
  const Token& open = next();
  size_t base = parts_.size();
  const Token* close = nullptr;
  if (!template_parts(open, Tok::CHeredoc, close)) return {};
  if (open.flags & kFlushHeredoc) flush_heredoc(base);
  // The heredoc ends with its marker, not the spaces around it.
  std::string_view line = text(*close);
  size_t indent = 0;
  while (indent < line.size() && is_space(line[indent])) ++indent;
  std::string_view opener = text(open);
  size_t marker_at = opener.find_first_not_of("<-");
  size_t marker_length = opener.find_first_of("\r\n") - marker_at;
  ir::Position end = close->begin;
  end.offset += static_cast<uint32_t>(indent + marker_length);
  end.column += static_cast<uint32_t>(indent + marker_length);
  return build_template(base, span(open.begin, end));
}

bool Grammar::template_parts(const Token& open, Tok end, const Token*& close) {
  bool trim_next = false;
  bool after_literal = false;
  for (;;) {
    const Token& token = next();
    if (token.type == end) {
      close = &token;
      return true;
    }
    // A `~}` trims the literal right after it, a `${~` the literal right before.
    bool trim_this = trim_next;
    trim_next = false;
    bool can_trim_previous = after_literal;
    after_literal = false;
    switch (token.type) {
      case Tok::QuotedLit:
      case Tok::StringLit: {
        TemplatePart& part = parts_.emplace_back();
        part.begin = token.begin;
        part.end = end_of(token);
        part.text_begin = static_cast<uint32_t>(literals_.size());
        if (token.flags & kPlainText)
          literals_ += text(token);
        else if (token.type == Tok::QuotedLit)
          unescape_quoted(token, literals_);
        else
          append_heredoc_text(text(token), literals_);
        part.text_end = static_cast<uint32_t>(literals_.size());
        if (trim_this) trim_left(literals_, part);
        after_literal = true;
        continue;
      }
      case Tok::TemplateInterp:
      case Tok::TemplateControl: {
        if (can_trim_previous && (token.flags & kStripMarker)) trim_right(literals_, parts_.back());
        if (!template_sequence(token, end, trim_next)) return false;
        continue;
      }
      default:
        if (token.type == Tok::Eof && end == Tok::CHeredoc)
          fail(open, "Unterminated template string",
               "no closing marker for this heredoc before the end of the file");
        else if (token.type == Tok::Eof)
          fail(open, "Unterminated template string",
               "no closing '\"' for this string before the end of the file");
        else
          fail_found(token, "Unterminated template string", "expected the end of the string");
        return false;
    }
  }
}

bool Grammar::template_sequence(const Token& open, Tok end, bool& trim_next) {
  NewlineScope scope(*this, false);
  TemplatePart part;
  part.begin = open.begin;
  std::string_view keyword;
  if (open.type == Tok::TemplateInterp) {
    part.kind = TemplatePart::Kind::Interpolation;
    part.expr = expression();
    if (stopped_) return false;
  } else {
    const Token& word = peek();
    if (word.type != Tok::Ident) {
      fail(word, "Invalid template directive",
           "expected if, for, else, endif or endfor after '%{'");
      return false;
    }
    next();
    keyword = text(word);
    if (keyword == "if") {
      part.kind = TemplatePart::Kind::If;
      part.expr = expression();
      if (stopped_) return false;
    } else if (keyword == "for") {
      part.kind = TemplatePart::Kind::For;
      std::string_view summary = "Invalid 'for' directive";
      const Token* name = &peek();
      if (name->type != Tok::Ident) {
        fail(*name, summary, "expected a variable name after 'for'");
        return false;
      }
      next();
      if (peek().type == Tok::Comma) {
        next();
        part.key_name = text(*name);
        name = &peek();
        if (name->type != Tok::Ident) {
          fail(*name, summary, "expected the value variable's name after ','");
          return false;
        }
        next();
      }
      part.value_name = text(*name);
      if (!is_keyword(peek(), "in")) {
        fail(peek(), summary, "expected 'in' after the variable names");
        return false;
      }
      next();
      part.expr = expression();
      if (stopped_) return false;
    } else if (keyword == "else" || keyword == "endif" || keyword == "endfor") {
      part.kind = keyword == "else"    ? TemplatePart::Kind::Else
                  : keyword == "endif" ? TemplatePart::Kind::EndIf
                                       : TemplatePart::Kind::EndFor;
    } else {
      fail(word, "Invalid template control keyword", "expected if, for, else, endif or endfor");
      return false;
    }
  }
  const Token& seq_end = peek();
  if (seq_end.type != Tok::TemplateSeqEnd) {
    fail_sequence_end(open, seq_end, keyword, end);
    return false;
  }
  next();
  trim_next = (seq_end.flags & kStripMarker) != 0;
  part.end = end_of(seq_end);
  parts_.push_back(std::move(part));
  return true;
}

void Grammar::fail_sequence_end(const Token& open, const Token& found, std::string_view keyword,
                                Tok end) {
  if (!keyword.empty()) {
    fail_found(found, "Extra characters in " + std::string(keyword) + " marker", "expected '}'");
  } else if (found.type == Tok::Eof ||
             (end == Tok::CQuote && (found.type == Tok::CQuote || found.type == Tok::OQuote))) {
    fail(open, "Unclosed template interpolation sequence", "no '}' for this '${'");
  } else {
    fail_found(found, "Extra characters after interpolation expression",
               "expected '}' (write '$${' for a literal '${')");
  }
}

void Grammar::flush_heredoc(size_t base) {
  // hclsyntax's rule: the least indentation of a line that has content, then
  // that much off every such line. A line of only spaces does not count and
  // keeps its spaces; a line starting with an interpolation counts as zero.
  constexpr size_t kNone = SIZE_MAX;
  size_t least = kNone;
  bool line_start = true;
  for (size_t i = base; i < parts_.size(); ++i) {
    TemplatePart& part = parts_[i];
    bool literal = part.kind == TemplatePart::Kind::Literal;
    std::string_view text = literal ? literal_text(part) : std::string_view();
    if (line_start) {
      line_start = false;
      size_t spaces = 0;
      if (literal) {
        while (spaces < text.size() && is_space(text[spaces])) ++spaces;
        bool blank = spaces == text.size() && !text.empty() && text.back() == '\n';
        part.flush = !blank;
        if (blank) spaces = kNone;
      }
      least = std::min(least, spaces);
    }
    if (literal && !text.empty() && text.back() == '\n') line_start = true;
  }
  if (least == kNone || least == 0) return;
  for (size_t i = base; i < parts_.size(); ++i) {
    TemplatePart& part = parts_[i];
    if (part.flush) part.text_begin += std::min<uint32_t>(least, part.text_end - part.text_begin);
  }
}

}  // namespace bw::frontends::terraform::hcl
