#include "frontends/terraform/tree_sitter_oracle/template_text.h"

namespace bw::frontends::terraform::oracle {

namespace {

void append_utf8(std::string& out, uint32_t code_point) {
  if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) code_point = 0xFFFD;
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

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
          append_utf8(out, code_point);
          i += 6;
        } else {
          out += c;
          ++i;
        }
        break;
      case 'U':
        if (read_hex(raw, i + 2, 8, code_point)) {
          append_utf8(out, code_point);
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
