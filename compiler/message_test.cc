#include "compiler/message.h"

#include <doctest/doctest.h>

using bw::compiler::MessagePart;
using bw::compiler::parse_message;
using bw::compiler::placeholders;

namespace {

// The message as the engine prints it, with each placeholder shown as <name>.
std::string shown(std::string_view message) {
  std::string out;
  for (const MessagePart& part : parse_message(message))
    out += part.kind == MessagePart::Text ? std::string(part.text)
                                          : "<" + std::string(part.text) + ">";
  return out;
}

}  // namespace

TEST_CASE("a placeholder is a name in braces, spaces around it allowed") {
  CHECK(shown("{type} '{name}' is off") == "<type> '<name>' is off");
  CHECK(shown("{ name } and {name_2}") == "<name> and <name_2>");
  auto parts = parse_message("db {name}!");
  REQUIRE(parts.size() == 3);
  CHECK(parts[1].kind == MessagePart::Placeholder);
  CHECK(parts[1].text == "name");
  CHECK(parts[1].offset == 3);  // the `{`
  CHECK(parts[2].offset == 9);
  CHECK(placeholders("{a} { b } {a}") == std::vector<std::string>{"a", "b"});
}

TEST_CASE("braces around anything but a name are text") {
  CHECK(shown(R"(set {"a": 1} here)") == R"(set {"a": 1} here)");
  CHECK(placeholders(R"({"a": 1})").empty());
  CHECK(shown("{1} {a b} {} {-x}") == "{1} {a b} {} {-x}");
  CHECK(shown("unterminated {name") == "unterminated {name");
  CHECK(shown("ends in {") == "ends in {");
  CHECK(shown("a } alone") == "a } alone");
}

TEST_CASE("doubled braces are literal braces") {
  CHECK(shown("{{name}} is {name}") == "{name} is <name>");
  CHECK(placeholders("{{name}}").empty());
  CHECK(shown("{{{name}}}") == "{<name>}");
  CHECK(shown("}}{{") == "}{");
}
