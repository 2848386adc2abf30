#include "report/json_writer.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "report/ordered.h"

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

TEST_CASE("a document ends with a newline, an array as well as an object") {
  std::ostringstream out;
  {
    JsonWriter json(out);
    json.begin_array();
    json.value("a");
    json.begin_array();
    json.end_array();
    json.end_array();
  }
  CHECK(out.str() == "[\n  \"a\",\n  []\n]\n");
}

TEST_CASE("values rendered in branches on several threads read as if written in one go") {
  for (size_t count : {0, 1, 255, 256, 257, 3000})
    for (unsigned jobs : {1u, 2u, 3u}) {
      auto document = [&](bool in_parts) {
        std::ostringstream out;
        {
          JsonWriter json(out);
          json.begin_object();
          json.member("version", 1);
          json.key("items");
          json.begin_array();
          auto item = [](JsonWriter& w, size_t i) {
            w.begin_object();
            w.member("n", i);
            w.member("name", "item \"" + std::to_string(i) + "\"\n");
            w.end_object();
          };
          if (in_parts) {
            bw::report::render_in_order(
                count, jobs,
                [&](size_t begin, size_t end, std::string& rendered) {
                  JsonWriter part = json.branch(begin > 0);
                  for (size_t i = begin; i < end; ++i) item(part, i);
                  rendered = part.take();
                },
                [&](const std::string& rendered) { json.splice(rendered); });
          } else {
            for (size_t i = 0; i < count; ++i) item(json, i);
          }
          json.end_array();
          json.member("after", true);
          json.end_object();
        }
        return out.str();
      };
      std::string whole = document(false);
      CHECK_MESSAGE(document(true) == whole, count << " items on " << jobs << " threads");
      CHECK(nlohmann::json::parse(whole)["items"].size() == count);
    }
}
