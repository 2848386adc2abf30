#include "frontends/tfplan/json_reader.h"

#include <doctest/doctest.h>

#include <string>

using bw::frontends::tfplan::JsonReader;
using Token = JsonReader::Token;

namespace {

// The tokens of `text`, one letter each ({}[] k s n t f 0 . E), up to the end or an error.
std::string tokens(const std::string& text, std::string* error = nullptr) {
  JsonReader json(text);
  std::string out;
  while (true) {
    Token t = json.next();
    switch (t) {
      case Token::BeginObject:
        out += '{';
        break;
      case Token::EndObject:
        out += '}';
        break;
      case Token::BeginArray:
        out += '[';
        break;
      case Token::EndArray:
        out += ']';
        break;
      case Token::Key:
        out += 'k';
        break;
      case Token::String:
        out += 's';
        break;
      case Token::Number:
        out += 'n';
        break;
      case Token::True:
        out += 't';
        break;
      case Token::False:
        out += 'f';
        break;
      case Token::Null:
        out += '0';
        break;
      case Token::End:
        return out + '.';
      case Token::Error:
        if (error) *error = json.error() + " at " + std::to_string(json.error_offset());
        return out + 'E';
    }
  }
}

}  // namespace

TEST_CASE("json reader: tokens of well-formed JSON") {
  CHECK(tokens(R"({"a": [1, "x", true, false, null, {}], "b": {"c": []}})") ==
        "{k[nstf0{}]k{k[]}}.");
  CHECK(tokens("  -0.5e+3 ") == "n.");
  CHECK(tokens("[]") == "[].");
}

TEST_CASE("json reader: offsets, strings and numbers") {
  JsonReader json("{\n  \"k\\u00e9y\": \"a\\\"b\\ud83d\\ude00\\ud800\", \"n\": 12.5e1}");
  CHECK(json.next() == Token::BeginObject);
  CHECK(json.next() == Token::Key);
  CHECK(json.string() == "k\xc3\xa9y");
  CHECK(json.begin() == 4);
  CHECK(json.next() == Token::String);
  CHECK(json.string() == "a\"b\xf0\x9f\x98\x80\xef\xbf\xbd");
  CHECK(json.next() == Token::Key);
  CHECK(json.next() == Token::Number);
  CHECK(json.number() == 125.0);
  CHECK(json.next() == Token::EndObject);
  CHECK(json.end() == json.begin() + 1);
  CHECK(json.next() == Token::End);
  CHECK(json.next() == Token::End);
}

TEST_CASE("json reader: errors say what and where") {
  std::string error;
  CHECK(tokens(R"({"a": [1, 2)", &error) == "{k[nnE");
  CHECK(error == "the JSON ends early: a list is not closed at 11");
  CHECK(tokens(R"({"a" 1})", &error) == "{E");
  CHECK(error == "expected ':' after an object member's name at 5");
  CHECK(tokens(R"({"a": "x)", &error) == "{kE");
  CHECK(error == "the JSON ends early inside a string at 6");
  CHECK(tokens("[1,]", &error) == "[nE");
  CHECK(tokens("[01]", &error) == "[nE");
  CHECK(tokens("[-]", &error) == "[E");
  CHECK(tokens("[tru]", &error) == "[E");
  CHECK(tokens("[\"a\nb\"]", &error) == "[E");
  CHECK(error == "a control character inside a string at 3");
  CHECK(tokens("{} {}", &error) == "{}E");
  CHECK(error == "unexpected text after the end of the JSON value at 3");
  CHECK(tokens(std::string("[\"\x01\"]"), &error) == "[E");
  CHECK(tokens("", &error) == "E");
  CHECK(error == "the JSON ends early: a value is missing at 0");
}

TEST_CASE("json reader: nesting is bounded, without recursion") {
  std::string deep(100000, '[');
  std::string error;
  std::string out = tokens(deep, &error);
  CHECK(out.size() == JsonReader::kMaxDepth + 1);
  CHECK(error.starts_with("JSON nested too deeply"));
  std::string ok =
      std::string(JsonReader::kMaxDepth, '[') + std::string(JsonReader::kMaxDepth, ']');
  CHECK(tokens(ok).back() == '.');
}

TEST_CASE("json reader: skip passes over a whole value") {
  JsonReader json(R"({"skip": {"a": [1, {"b": 2}], "c": "}"}, "keep": 7})");
  CHECK(json.next() == Token::BeginObject);
  Token t = json.next();
  CHECK(t == Token::Key);
  CHECK(json.skip(t));
  CHECK(json.next() == Token::Key);
  CHECK(json.string() == "keep");
  CHECK(json.next() == Token::Number);
  CHECK(json.next() == Token::EndObject);
  JsonReader broken(R"({"skip": [1, 2)");
  broken.next();
  CHECK_FALSE(broken.skip(broken.next()));
}
