#include "frontends/terraform/tree_sitter_oracle/template_text.h"

#include "ir/utf8.h"

namespace bw::frontends::terraform::oracle {

namespace {

// Reads `digits` hex digits at raw[at]; false when they are not all there.
bool read_hex(std::string_view raw, size_t at, size_t digits, uint32_t& value) {
  if (at + digits > raw.size()) return false;
  value = 0;
  for (size_t i = at; i < at + digits; ++i) {
    char c = raw[i];
    uint32_t digit;
    if (c >= '0' && c <= '9')
      digit = c - '0';
    else if (c >= 'a' && c <= 'f')
      digit = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      digit = c - 'A' + 10;
    else
      return false;
    value = value * 16 + digit;
  }
  return true;
}

// `$${` and `%%{` stand for a literal `${` and `%{` in both kinds of template.
bool template_escape(std::string_view raw, size_t& i, std::string& out) {
  if (i + 2 < raw.size() && (raw[i] == '$' || raw[i] == '%') && raw[i + 1] == raw[i] &&
      raw[i + 2] == '{') {
    out += raw[i];
    out += '{';
    i += 3;
    return true;
  }
  return false;
}

}  // namespace

std::string unescape_quoted(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    if (template_escape(raw, i, out)) continue;
    char c = raw[i];
    if (c != '\\' || i + 1 >= raw.size()) {
      out += c;
      ++i;
      continue;
    }
    char next = raw[i + 1];
    uint32_t code_point = 0;
    switch (next) {
      case 'n':
        out += '\n';
        i += 2;
        break;
      case 'r':
        out += '\r';
        i += 2;
        break;
      case 't':
        out += '\t';
        i += 2;
        break;
      case '"':
        out += '"';
        i += 2;
        break;
      case '\\':
        out += '\\';
        i += 2;
        break;
      case 'u':
        if (read_hex(raw, i + 2, 4, code_point)) {
          ir::append_utf8(out, code_point);
          i += 6;
        } else {
          out += c;
          ++i;
        }
        break;
      case 'U':
        if (read_hex(raw, i + 2, 8, code_point)) {
          ir::append_utf8(out, code_point);
          i += 10;
        } else {
          out += c;
          ++i;
        }
        break;
      default:  // not an escape HCL knows: keep the backslash, as written
        out += c;
        ++i;
    }
  }
  return out;
}

std::string unescape_heredoc(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    if (template_escape(raw, i, out)) continue;
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') {
      ++i;
      continue;
    }
    out += raw[i++];
  }
  return out;
}

}  // namespace bw::frontends::terraform::oracle
