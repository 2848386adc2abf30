#include "report/json_writer.h"

#include <array>

#include "ir/utf8.h"

namespace bw::report {

namespace {

constexpr size_t kFlushAt = 1 << 16;

// Bytes copied as they are: printable ASCII but the quote and the backslash.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  out.push_back('"');
  size_t i = 0;
  while (i < text.size()) {
    // Most text needs no escaping: copy runs of plain ASCII at once.
    size_t run = i;
    while (run < text.size() && kPlain[static_cast<unsigned char>(text[run])]) ++run;
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) break;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      ir::Utf8Char character = ir::decode_utf8(text, i);
      if (character.valid)
        out.append(text.data() + i, character.length);
      else
        ir::append_utf8(out, ir::kReplacementCharacter);
      i += character.length;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
}

JsonWriter::JsonWriter(std::ostream& out) : out_(&out) {
  buffer_.reserve(kFlushAt + 4096);
}

JsonWriter::~JsonWriter() {
  if (out_) out_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
}

void JsonWriter::flush_if_full() {
  if (!out_ || buffer_.size() < kFlushAt) return;
  out_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

JsonWriter JsonWriter::branch(bool preceded) const {
  JsonWriter part;
  part.open_ = open_;
  if (!part.open_.empty()) part.open_.back() = preceded;
  return part;
}

void JsonWriter::splice(std::string_view rendered) {
  if (rendered.empty()) return;
  buffer_.append(rendered);
  open_.back() = true;
  flush_if_full();
}

void JsonWriter::newline() {
  buffer_.push_back('\n');
  buffer_.append(2 * open_.size(), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  if (open_.back()) buffer_.push_back(',');
  open_.back() = true;
  newline();
}

void JsonWriter::key(std::string_view name) {
  before_value();
  // Keys are the writer's own words: plain ASCII, nothing to escape.
  buffer_.push_back('"');
  buffer_.append(name);
  buffer_ += "\": ";
  after_key_ = true;
}

void JsonWriter::begin_object() {
  before_value();
  buffer_.push_back('{');
  open_.push_back(false);
}

void JsonWriter::begin_array() {
  before_value();
  buffer_.push_back('[');
  open_.push_back(false);
}

void JsonWriter::end_object() {
  bool any = open_.back();
  open_.pop_back();
  if (any) newline();
  buffer_.push_back('}');
  if (open_.empty()) buffer_.push_back('\n');
  flush_if_full();
}

void JsonWriter::end_array() {
  bool any = open_.back();
  open_.pop_back();
  if (any) newline();
  buffer_.push_back(']');
  if (open_.empty()) buffer_.push_back('\n');
  flush_if_full();
}

void JsonWriter::value(std::string_view text) {
  before_value();
  append_json_string(buffer_, text);
}

void JsonWriter::number(long long n) {
  before_value();
  buffer_ += std::to_string(n);
}

void JsonWriter::value(bool flag) {
  before_value();
  buffer_ += flag ? "true" : "false";
}

}  // namespace bw::report
