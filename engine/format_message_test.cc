// The engine fills a message with the placeholders the compiler checked:
// both read them with compiler::parse_message, so they agree on what is one.

#include <doctest/doctest.h>

#include "engine/evaluate.h"

using namespace bw;

TEST_CASE("a message is filled placeholder by placeholder; other braces stay as written") {
  ir::Model model;
  ir::Resource resource;
  resource.provider_type = "aws_db_instance";
  resource.name = "orders";
  compiler::Rule rule;
  std::vector<std::pair<std::string, std::string>> bindings = {{"db", "postgres:16"}};
  auto format = [&](const std::string& text) {
    return engine::format_message(text, rule, model, resource, bindings);
  };
  CHECK(format("{type} '{name}'") == "aws_db_instance 'orders'");
  CHECK(format("{ name } runs { db }") == "orders runs postgres:16");
  CHECK(format(R"(set {"a": 1} on {name})") == R"(set {"a": 1} on orders)");
  CHECK(format("{{name}} is {name}") == "{name} is orders");
  CHECK(format("unterminated {name") == "unterminated {name");
  CHECK(format("{1} {} }") == "{1} {} }");
}
