#pragma once
// A rule message's text and its {placeholders}, parsed in one place: the
// compiler checks the names a message uses and the engine fills them in, so
// the two must agree on what is a placeholder.
//
//   {name}, { name }   a placeholder: a name (letter or _, then letters,
//                      digits, _), spaces around it allowed
//   {{ and }}          a literal { and }
//   anything else      literal text: `{"a": 1}`, `{1}`, an unterminated `{`

#include <string>
#include <string_view>
#include <vector>

namespace bw::compiler {

struct MessagePart {
  enum Kind { Text, Placeholder } kind = Text;
  // Text as printed (a `{{` gives "{"), or the placeholder's name; a view
  // into the message.
  std::string_view text;
  size_t offset = 0;  // where the part starts in the message: the `{` of a placeholder
};

// The message as text and placeholders, in order; adjacent text may come in
// several parts.
std::vector<MessagePart> parse_message(std::string_view message);

// The placeholders of a message, in order, each name once (where it first
// stands).
std::vector<MessagePart> distinct_placeholders(std::string_view message);

// Their names.
std::vector<std::string> placeholders(std::string_view message);

}  // namespace bw::compiler
