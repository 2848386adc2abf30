// Templates: quoted strings and heredocs. The expected texts of `~` and `<<-`
// are what `terraform console` (Terraform 1.11) gives for the same input.

#include <doctest/doctest.h>

#include "frontends/terraform/hcl_test_support.h"

using namespace bw::frontends::terraform;
using namespace bw::frontends::terraform::testing;
using bw::ir::SourceManager;

namespace {

// The text of a template whose pieces are strings, with any other piece as
// "{kind}".
std::string flatten(const Expr& expr) {
  if (expr.kind == Expr::Kind::String) return expr.text;
  if (expr.kind != Expr::Kind::Template) return "{" + std::to_string(int(expr.kind)) + "}";
  std::string out;
  for (const Expr& child : expr.children) out += flatten(child);
  return out;
}

}  // namespace

TEST_CASE("a quoted string processes every escape") {
  Expr value = value_of(R"(x = "a\nb\t\"c\"\\ caf\u00e9 \U0001F600 $${x} %%{y} $ % \r")"
                        "\n");
  REQUIRE(value.kind == Expr::Kind::String);
  CHECK(value.text == "a\nb\t\"c\"\\ caf\xC3\xA9 \xF0\x9F\x98\x80 ${x} %{y} $ % \r");
  CHECK(value.span.begin.column == 5);  // the quotes belong to the string
  CHECK(value_of("x = \"\"\n").text.empty());
}

TEST_CASE("an interpolated string is a template whose text parts span it") {
  Expr value = value_of("x = \"${var.env}.db.${local.zone}\"\n");
  REQUIRE(value.kind == Expr::Kind::Template);
  REQUIRE(value.children.size() == 3);
  CHECK(value.children[0].kind == Expr::Kind::GetAttr);
  CHECK(value.children[1].kind == Expr::Kind::String);
  CHECK(value.children[1].text == ".db.");
  CHECK(value.children[1].span.begin.column == 5);
  CHECK(value.children[1].span.end.column == 34);
  // One interpolation alone is still a template of one part.
  CHECK(value_of("x = \"${a}\"\n").children.size() == 1);
  // A template inside an interpolation.
  Expr nested = value_of("x = \"a-${\"b-${c}\"}\"\n");
  REQUIRE(nested.children.size() == 2);
  CHECK(nested.children[1].kind == Expr::Kind::Template);
}

TEST_CASE("if and for directives become TemplateIf and TemplateFor") {
  Expr value = value_of(
      "x = \"a %{ if p }yes%{ else }no%{ endif } %{ for k, v in m }${k}=${v},%{ endfor }\"\n");
  REQUIRE(value.kind == Expr::Kind::Template);
  REQUIRE(value.children.size() == 4);
  const Expr& choice = value.children[1];
  REQUIRE(choice.kind == Expr::Kind::TemplateIf);
  REQUIRE(choice.children.size() == 3);
  CHECK(choice.children[1].text == "yes");
  CHECK(choice.children[2].text == "no");
  // A body's span runs from its opening directive to its closing one.
  CHECK(choice.children[1].span.begin.column == 8);
  CHECK(choice.children[1].span.end.column == 29);
  const Expr& loop = value.children[3];
  REQUIRE(loop.kind == Expr::Kind::TemplateFor);
  CHECK(loop.key_name == "k");
  CHECK(loop.text == "v");
  CHECK(loop.children[1].kind == Expr::Kind::Template);
  // Without an else there is no third child.
  CHECK(value_of("x = \"%{ if p }y%{ endif }\"\n").children[0].children.size() == 2);
}

TEST_CASE("`~` trims the whitespace next to a sequence") {
  // terraform console: "x.  "
  CHECK(flatten(value_of("x = \"  ${~ \"x\" ~}  .  \"\n")) == "x.  ");
  Expr value = value_of("x = \"a %{~ if p ~} b %{~ else ~} c %{~ endif ~} d\"\n");
  const Expr& choice = value.children[1];
  CHECK(value.children[0].text == "a");
  CHECK(choice.children[1].text == "b");
  CHECK(choice.children[2].text == "c");
  CHECK(value.children[2].text == "d");
}

TEST_CASE("in a heredoc `~` trims only to the end of its line") {
  // terraform console: "x y\n   z\n"
  Expr value = value_of("x = <<EOT\nx ${\"y\" ~}\n\n   z\nEOT\n");
  CHECK(flatten(value) == "x y\n   z\n");
  // terraform console: "  ab\n"
  CHECK(flatten(value_of("x = <<EOT\n  a   \n${~ \"b\"}\nEOT\n")) == "  ab\n");
}

TEST_CASE("a heredoc's text, and its span to the end of its marker") {
  Expr value = value_of("x = <<EOT\n  a\n$${b}\nEOT\n");
  REQUIRE(value.kind == Expr::Kind::String);
  CHECK(value.text == "  a\n${b}\n");
  CHECK(value.span.end.line == 4);
  CHECK(value.span.end.column == 4);
  Expr indented = value_of("x = <<-EOT\n    a\n  EOT   \n");
  CHECK(indented.span.end.column == 6);
  CHECK(value_of("x = <<EOT\r\na\r\nEOT\r\n").text == "a\n");
  CHECK(value_of("x = <<EOT\nEOT\n").text.empty());
  // A heredoc in call arguments, closed on the next line.
  Expr call = value_of("x = f(<<EOT\nhi\nEOT\n)\n");
  CHECK(call.children[0].text == "hi\n");
}

TEST_CASE("`<<-` removes the least indentation of the lines with content") {
  // terraform console: "tab\n  more\n"
  CHECK(value_of("x = <<-EOT\n\ttab\n\t  more\n\tEOT\n").text == "tab\n  more\n");
  // terraform console: "a\n      \nb\n": a line of only spaces keeps them.
  CHECK(value_of("x = <<-EOT\n    a\n      \n    b\n    EOT\n").text == "a\n      \nb\n");
  // terraform console: "\n  inside\n\nafter\n": directive bodies are indented text too.
  Expr value =
      value_of("x = <<-EOT\n    %{ if true }\n      inside\n    %{ endif }\n    after\n  EOT\n");
  REQUIRE(value.kind == Expr::Kind::Template);
  CHECK(value.children[0].children[1].text == "\n  inside\n");
  CHECK(value.children[1].text == "\nafter\n");
  // terraform console: "    x\n      y\n    z\n": a line left empty by `~` counts as
  // unindented, so nothing is removed.
  Expr trimmed =
      value_of("x = <<-EOT\n    x\n    %{~ if true ~}\n      y\n    %{~ endif ~}\n    z\n  EOT\n");
  CHECK(trimmed.children[0].text == "    x\n");
  CHECK(trimmed.children[1].children[1].text == "      y\n");
  // An interpolation at the start of a line counts as no indentation.
  CHECK(flatten(value_of("x = <<-EOT\n    a\n${b}\nEOT\n")) == "    a\n{9}\n");
}
