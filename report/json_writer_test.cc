#include "report/json_writer.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

using bw::report::append_json_string;
using bw::report::JsonWriter;

namespace {

std::string as_json(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

}  // namespace

TEST_CASE("strings are escaped as JSON requires, and bad UTF-8 is replaced") {
  CHECK(as_json("plain") == "\"plain\"");
  CHECK(as_json("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(as_json("line\nbreak\ttab\r\b\f") == "\"line\\nbreak\\ttab\\r\\b\\f\"");
  CHECK(as_json(std::string("nul\0x", 5)) == "\"nul\\u0000x\"");
  CHECK(as_json("\x1f") == "\"\\u001f\"");
  CHECK(as_json("café ✓ 😀") == "\"café ✓ 😀\"");
  CHECK(as_json("bad \xe9\x9a end") == "\"bad \xEF\xBF\xBD\xEF\xBF\xBD end\"");
  CHECK(as_json("\xc0\xaf") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                  // overlong '/'
  CHECK(as_json("\xed\xa0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
  CHECK(as_json("\xf4\x90\x80\x80").size() == 14);                               // past U+10FFFF
}

TEST_CASE("documents are pretty-printed and parse back") {
  std::ostringstream out;
  {
    JsonWriter json(out);
    json.begin_object();
    json.member("version", 1);
    json.key("empty");
    json.begin_array();
    json.end_array();
    json.key("list");
    json.begin_array();
    json.begin_object();
    json.member("ok", true);
    json.member("name", "x\xff");
    json.end_object();
    json.end_array();
    json.end_object();
  }
  CHECK(out.str() ==
        "{\n  \"version\": 1,\n  \"empty\": [],\n  \"list\": [\n    {\n      \"ok\": true,\n"
        "      \"name\": \"x\xEF\xBF\xBD\"\n    }\n  ]\n}\n");
  auto parsed = nlohmann::json::parse(out.str());
  CHECK(parsed["list"][0]["ok"] == true);
}
