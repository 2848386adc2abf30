#include "compiler/message.h"

#include <algorithm>
#include <unordered_set>

namespace bw::compiler {

namespace {

bool name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool name_continue(char c) {
  return name_start(c) || (c >= '0' && c <= '9');
}

// The placeholder whose `{` is at `open`: its name and the offset after its
// `}`; an empty name when the braces hold something else.
std::string_view placeholder_at(std::string_view message, size_t open, size_t& after) {
  size_t i = open + 1;
  while (i < message.size() && message[i] == ' ') ++i;
  size_t begin = i;
  if (i >= message.size() || !name_start(message[i])) return {};
  while (i < message.size() && name_continue(message[i])) ++i;
  size_t end = i;
  while (i < message.size() && message[i] == ' ') ++i;
  if (i >= message.size() || message[i] != '}') return {};
  after = i + 1;
  return message.substr(begin, end - begin);
}

}  // namespace

std::vector<MessagePart> parse_message(std::string_view message) {
  std::vector<MessagePart> parts;
  size_t text_start = 0;
  auto flush = [&](size_t end) {
    if (end > text_start)
      parts.push_back(
          {MessagePart::Text, message.substr(text_start, end - text_start), text_start});
  };
  for (size_t i = 0; i < message.size();) {
    char c = message[i];
    if ((c == '{' || c == '}') && i + 1 < message.size() && message[i + 1] == c) {
      // Keep the first of the pair as text, drop the second.
      flush(i + 1);
      i += 2;
      text_start = i;
      continue;
    }
    size_t after = 0;
    if (c == '{') {
      if (std::string_view name = placeholder_at(message, i, after); !name.empty()) {
        flush(i);
        parts.push_back({MessagePart::Placeholder, name, i});
        i = after;
        text_start = i;
        continue;
      }
    }
    ++i;
  }
  flush(message.size());
  return parts;
}

std::vector<MessagePart> distinct_placeholders(std::string_view message) {
  std::vector<MessagePart> distinct;
  std::unordered_set<std::string_view> seen;  // a message may hold thousands
  for (const MessagePart& part : parse_message(message))
    if (part.kind == MessagePart::Placeholder && seen.insert(part.text).second)
      distinct.push_back(part);
  return distinct;
}

std::vector<std::string> placeholders(std::string_view message) {
  std::vector<std::string> names;
  for (const MessagePart& part : distinct_placeholders(message)) names.emplace_back(part.text);
  return names;
}

}  // namespace bw::compiler
