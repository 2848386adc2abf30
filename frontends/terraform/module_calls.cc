#include "frontends/terraform/module_calls.h"

#include <cstdint>

#include "frontends/terraform/hcl_lexer.h"

namespace bw::frontends::terraform {

namespace {

bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_word_char(char c) {
  return is_word_start(c) || (c >= '0' && c <= '9') || c == '-';
}

// The lexer and the few states it needs to recognise
// `module "x" { source = "..." }` at the top level of a file.
class SourceScanner {
 public:
  explicit SourceScanner(std::string_view text) : text_(text) { pos_ = hcl::hcl_start(text_); }

  std::vector<ModuleSource> run() {
    enum class State : uint8_t { Idle, Module, Label, Source, Equals, Value };
    State state = State::Idle;
    bool item_start = true;  // the next token begins an attribute or a block
    std::string name, source;
    for (;;) {
      Token token = next();
      if (token == Token::End) break;
      bool at_top = stack_.empty();
      bool in_module = stack_.size() == 1 && stack_.back() == kModuleBrace;
      bool ends_item = token == Token::Newline || token == Token::Close;
      if (state == State::Value && ends_item && in_module) found_.push_back({name, source});
      switch (token) {
        case Token::Word:
          if (item_start && at_top && word_ == "module") {
            state = State::Module;
          } else if (state == State::Module) {
            name = word_;
            state = State::Label;
          } else if (item_start && in_module && word_ == "source") {
            state = State::Source;
          } else {
            state = State::Idle;
          }
          break;
        case Token::String:
          if (state == State::Module) {
            name = literal_;
            state = State::Label;
          } else if (state == State::Equals && plain_) {
            source = literal_;
            state = State::Value;
          } else {
            state = State::Idle;
          }
          break;
        case Token::Equals:
          state = state == State::Source ? State::Equals : State::Idle;
          break;
        case Token::Open:
          stack_.push_back(state == State::Label && opened_ == '{' && at_top ? kModuleBrace
                                                                             : opened_);
          state = State::Idle;
          break;
        case Token::Close:
          if (!stack_.empty()) stack_.pop_back();
          state = State::Idle;
          break;
        default:
          state = State::Idle;
          break;
      }
      item_start = token == Token::Newline || token == Token::Close ||
                   (token == Token::Open && opened_ == '{');
    }
    if (state == State::Value && stack_.size() == 1 && stack_.back() == kModuleBrace)
      found_.push_back({name, source});
    return std::move(found_);
  }

 private:
  enum class Token : uint8_t { End, Newline, Word, String, Open, Close, Equals, Other };
  static constexpr char kModuleBrace = 'm';

  char at(size_t offset) const { return offset < text_.size() ? text_[offset] : '\0'; }

  Token next() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '#' || (c == '/' && at(pos_ + 1) == '/')) {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (c == '/' && at(pos_ + 1) == '*') {
        size_t close = text_.find("*/", pos_ + 2);
        pos_ = close == std::string_view::npos ? text_.size() : close + 2;
      } else {
        break;
      }
    }
    if (pos_ >= text_.size()) return Token::End;
    char c = text_[pos_];
    if (c == '\n') {
      ++pos_;
      return Token::Newline;
    }
    if (c == '"') {
      skip_string();
      return Token::String;
    }
    if (c == '<' && at(pos_ + 1) == '<' && skip_heredoc()) return Token::Other;
    if (is_word_start(c)) {
      size_t start = pos_;
      while (pos_ < text_.size() && is_word_char(text_[pos_])) ++pos_;
      word_ = text_.substr(start, pos_ - start);
      return Token::Word;
    }
    ++pos_;
    if (c == '{' || c == '[' || c == '(') {
      opened_ = c;
      return Token::Open;
    }
    if (c == '}' || c == ']' || c == ')') return Token::Close;
    if (c == '=') {
      if (at(pos_) != '=' && at(pos_) != '>') return Token::Equals;
      ++pos_;
    }
    return Token::Other;
  }

  // A quoted template from its opening quote. Interpolations and directives
  // may hold braces and strings of their own, to any depth: each frame is 0
  // inside a string, else the number of braces open in an interpolation.
  // Leaves the outer string's text in `literal_`, and `plain_` false when it
  // interpolates anything.
  void skip_string() {
    literal_.clear();
    plain_ = true;
    std::vector<uint32_t> frames{0};
    ++pos_;
    while (pos_ < text_.size() && !frames.empty()) {
      char c = text_[pos_];
      bool outer = frames.size() == 1;
      if (frames.back() != 0) {
        if (c == '"') frames.push_back(0);
        if (c == '{') ++frames.back();
        if (c == '}' && --frames.back() == 0) frames.pop_back();
        ++pos_;
        continue;
      }
      if (c == '"') {
        frames.pop_back();
        ++pos_;
      } else if (c == '\n') {
        break;  // an unterminated string ends at its line, as HCL's lexer does
      } else if (c == '\\') {
        if (outer) literal_ += unescape(at(pos_ + 1));
        pos_ += 2;
      } else if ((c == '$' || c == '%') && at(pos_ + 1) == c && at(pos_ + 2) == '{') {
        if (outer) literal_ += std::string{c, '{'};
        pos_ += 3;
      } else if ((c == '$' || c == '%') && at(pos_ + 1) == '{') {
        plain_ = false;
        frames.push_back(1);
        pos_ += 2;
      } else {
        if (outer) literal_ += c;
        ++pos_;
      }
    }
    if (pos_ > text_.size()) pos_ = text_.size();
    // An unfinished string is no literal a source could be read from.
    if (!frames.empty()) plain_ = false;
  }

  static char unescape(char c) {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      default:
        return c;
    }
  }

  // `<<EOT` or `<<-EOT` and a newline, then lines up to one that is only
  // the marker. Leaves the position before that line's newline, so the
  // attribute ends there. False, moving nothing, when `<<` opens no heredoc.
  bool skip_heredoc() {
    size_t i = pos_ + 2;
    if (at(i) == '-') ++i;
    size_t marker_start = i;
    if (!is_word_start(at(i))) return false;
    while (i < text_.size() && is_word_char(text_[i])) ++i;
    std::string_view marker = text_.substr(marker_start, i - marker_start);
    if (at(i) == '\r') ++i;
    if (at(i) != '\n') return false;
    size_t line = i + 1;
    while (line < text_.size()) {
      size_t end = text_.find('\n', line);
      if (end == std::string_view::npos) end = text_.size();
      std::string_view content = text_.substr(line, end - line);
      while (!content.empty() && (content.front() == ' ' || content.front() == '\t'))
        content.remove_prefix(1);
      while (!content.empty() &&
             (content.back() == ' ' || content.back() == '\t' || content.back() == '\r'))
        content.remove_suffix(1);
      if (content == marker) {
        pos_ = end;
        return true;
      }
      line = end + 1;
    }
    pos_ = text_.size();
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::vector<char> stack_;  // open brackets; kModuleBrace for a top-level module block
  std::string_view word_;
  std::string literal_;
  bool plain_ = true;
  char opened_ = 0;
  std::vector<ModuleSource> found_;
};

std::vector<std::string> components(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string part =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..")
        parts.pop_back();
      else
        parts.push_back(part);
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "/") + part;
  return out.empty() ? "." : out;
}

}  // namespace

std::vector<ModuleSource> scan_module_sources(std::string_view text) {
  // Most files call no module: without the word there is nothing to scan for.
  if (text.find("module") == std::string_view::npos) return {};
  return SourceScanner(text).run();
}

bool is_local_source(std::string_view source) {
  return source.starts_with("./") || source.starts_with("../");
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string parent_directory(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : join_path(path.substr(0, slash), ".");
}

std::string join_path(const std::string& directory, const std::string& path) {
  std::string combined = path.empty() ? directory : directory + "/" + path;
  return joined(components(combined));
}

std::string relative_path(const std::string& from, const std::string& to) {
  std::vector<std::string> a = components(from), b = components(to);
  size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common] && a[common] != "..")
    ++common;
  std::vector<std::string> parts(a.size() - common, "..");
  parts.insert(parts.end(), b.begin() + static_cast<long>(common), b.end());
  return joined(parts);
}

}  // namespace bw::frontends::terraform
