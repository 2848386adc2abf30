#include "frontends/terraform/hcl_parser.h"

#include <doctest/doctest.h>

#include "frontends/terraform/hcl_grammar.h"
#include "frontends/terraform/hcl_test_support.h"

using namespace bw::frontends::terraform;
using namespace bw::frontends::terraform::testing;
using bw::ir::SourceManager;

TEST_CASE("blocks, labels, attributes and nested blocks become the AST") {
  SourceManager sources;
  HclFile file = parse(sources,
                       "resource \"aws_s3_bucket\" \"logs\" {\n"
                       "  bucket = \"logs\"\n"
                       "  versioning {\n"
                       "    enabled = true\n"
                       "  }\n"
                       "}\n");
  REQUIRE(file.errors.empty());
  REQUIRE(file.body.blocks.size() == 1);
  const Block& block = file.body.blocks[0];
  CHECK(block.type == "resource");
  CHECK(block.labels == std::vector<std::string>{"aws_s3_bucket", "logs"});
  CHECK(block.span.begin.line == 1);
  CHECK(block.span.end.line == 6);
  CHECK(block.header_span.end.column == 32);  // just after "logs"
  REQUIRE(block.body.attributes.size() == 1);
  CHECK(block.body.attributes[0].name == "bucket");
  CHECK(block.body.attributes[0].value.kind == Expr::Kind::String);
  CHECK(block.body.attributes[0].value.text == "logs");
  REQUIRE(block.body.blocks.size() == 1);
  CHECK(block.body.blocks[0].type == "versioning");
}

TEST_CASE("expression spans are 1-based lines and byte columns") {
  SourceManager sources;
  HclFile file = parse(sources, "locals {\n  retention = 7\n}\n");
  REQUIRE(file.body.blocks.size() == 1);
  const Expr& value = file.body.blocks[0].body.attributes[0].value;
  CHECK(value.span.begin.line == 2);
  CHECK(value.span.begin.column == 15);
  CHECK(value.span.end.column == 16);
  // Columns count bytes: "é" is two.
  Expr after_accent = value_of("x = { \xC3\xA9 = 1 }\n");
  CHECK(after_accent.children[1].span.begin.column == 12);
}

TEST_CASE("spans agree with SourceFile::span, to the end of the file") {
  SourceManager sources;
  bw::ir::FileId id = sources.add("main.tf", "a = 1\nb = [\n  2,\n]\n");
  HclParser parser;
  HclFile file = parser.parse(sources.file(id));
  REQUIRE(file.body.attributes.size() == 2);
  const bw::ir::Span& tuple = file.body.attributes[1].value.span;
  bw::ir::Span expected = sources.file(id).span(tuple.begin.offset, tuple.end.offset);
  CHECK(tuple.begin.line == expected.begin.line);
  CHECK(tuple.end.line == expected.end.line);
  CHECK(tuple.end.column == expected.end.column);
}

TEST_CASE("a postfix chain nests from its root") {
  Expr arn = value_of("x = aws_s3_bucket.b[0].arn\n");
  CHECK(arn.kind == Expr::Kind::GetAttr);
  CHECK(arn.text == "arn");
  REQUIRE(arn.children.size() == 1);
  CHECK(arn.children[0].kind == Expr::Kind::Index);
  CHECK(arn.children[0].children[0].kind == Expr::Kind::GetAttr);
  CHECK(arn.children[0].children[0].children[0].kind == Expr::Kind::Variable);
  // The legacy `.0` index: its key's span starts at the dot.
  Expr legacy = value_of("x = a.0\n");
  REQUIRE(legacy.kind == Expr::Kind::Index);
  CHECK(legacy.children[1].number == 0);
  CHECK(legacy.children[1].span.begin.column == 6);
}

TEST_CASE("operators keep HCL precedence and associativity") {
  Expr sum = value_of("x = 1 + 2 * 3\n");
  REQUIRE(sum.kind == Expr::Kind::Binary);
  CHECK(sum.text == "+");
  CHECK(sum.children[1].kind == Expr::Kind::Binary);
  CHECK(sum.children[1].text == "*");
  Expr difference = value_of("x = 5 - 2 - 1\n");
  CHECK(difference.children[0].text == "-");  // (5 - 2) - 1
  Expr logic = value_of("x = a || b && c == d\n");
  CHECK(logic.text == "||");
  CHECK(logic.children[1].text == "&&");
  CHECK(logic.children[1].children[1].text == "==");
  Expr negated = value_of("x = !a.b\n");
  CHECK(negated.kind == Expr::Kind::Unary);
  CHECK(negated.children[0].kind == Expr::Kind::GetAttr);
}

TEST_CASE("a conditional chain nests from the right") {
  Expr chain = value_of("x = a ? b : c ? d : e\n");
  REQUIRE(chain.kind == Expr::Kind::Conditional);
  CHECK(chain.children[0].text == "a");
  CHECK(chain.children[2].kind == Expr::Kind::Conditional);
  CHECK(chain.children[2].span.begin.column == 13);
  // A parenthesised expression is its inner node with the parentheses' span.
  Expr grouped = value_of("x = (a ? b : c) ? d : e\n");
  CHECK(grouped.children[0].kind == Expr::Kind::Conditional);
  CHECK(grouped.children[0].span.begin.column == 5);
}

TEST_CASE("a negative number is a literal, not an operation") {
  Expr five = value_of("x = -5\n");
  CHECK(five.kind == Expr::Kind::Number);
  CHECK(five.number == -5);
  CHECK(five.span.begin.column == 5);
  CHECK(value_of("x = - 2.5\n").number == -2.5);
  CHECK(value_of("x = -(5)\n").kind == Expr::Kind::Unary);
  CHECK(value_of("x = --5\n").number == 5);
}

TEST_CASE("numbers with fractions and exponents") {
  CHECK(value_of("x = 1.5\n").number == 1.5);
  CHECK(value_of("x = 1e3\n").number == 1000);
  CHECK(value_of("x = 2.5E-1\n").number == 0.25);
  CHECK(value_of("x = 007\n").number == 7);
  // `1.x` is the number 1 and an attribute step.
  CHECK(value_of("x = 1.x\n").kind == Expr::Kind::GetAttr);
}

TEST_CASE("comments of each kind, and what ends an argument") {
  SourceManager sources;
  HclFile file = parse(sources,
                       "# a comment\n"
                       "// another\n"
                       "/* a block\n   comment */\n"
                       "a = 1 # ends the line\n"
                       "b = /* inside */ 2 // and after\n"
                       "c = [ # in a list\n  3,\n]\n");
  REQUIRE(file.errors.empty());
  REQUIRE(file.body.attributes.size() == 3);
  CHECK(file.body.attributes[1].value.number == 2);
  CHECK(file.body.attributes[2].value.children.size() == 1);
}

TEST_CASE("identifiers take unicode letters and dashes") {
  SourceManager sources;
  HclFile file = parse(sources, "résumé-2 = 1\nx = local.naïve_value-x\n");
  REQUIRE(file.errors.empty());
  CHECK(file.body.attributes[0].name == "résumé-2");
  CHECK(file.body.attributes[1].value.text == "naïve_value-x");
}

TEST_CASE("splats: `.*` takes only the steps right after it, `[*]` all of them") {
  Expr attribute = value_of("x = a.*.b.c\n");
  REQUIRE(attribute.kind == Expr::Kind::Splat);
  CHECK(attribute.children[1].kind == Expr::Kind::GetAttr);
  CHECK(attribute.children[1].text == "c");
  // Terraform reads `a.*.b[0]` as (a.*.b)[0].
  Expr indexed = value_of("x = a.*.b[0]\n");
  REQUIRE(indexed.kind == Expr::Kind::Index);
  CHECK(indexed.children[0].kind == Expr::Kind::Splat);
  // ... but `a[*].b[0]` applies [0] to each element.
  Expr full = value_of("x = a[*].b[0]\n");
  REQUIRE(full.kind == Expr::Kind::Splat);
  CHECK(full.children[1].kind == Expr::Kind::Index);
  const Expr* item = &full.children[1];
  while (!item->children.empty()) item = &item->children[0];
  CHECK(item->kind == Expr::Kind::SplatItem);
  CHECK(item->span.begin.column == 6);
  CHECK(item->span.end.column == 14);
  // A splat inside `[*]` nests: a list of lists.
  Expr nested = value_of("x = a[*][*].b\n");
  CHECK(nested.children[1].kind == Expr::Kind::Splat);
}

TEST_CASE("calls: provider functions, expansion and trailing commas") {
  Expr provider = value_of("x = provider::aws::arn_parse(var.arn)\n");
  CHECK(provider.kind == Expr::Kind::Call);
  CHECK(provider.text == "provider::aws::arn_parse");
  CHECK(value_of("x = provider :: aws :: f()\n").text == "provider::aws::f");
  Expr expanded = value_of("x = max(var.list...)\n");
  CHECK(expanded.flag);
  Expr trailing = value_of("x = concat(\n  a,\n  b,\n)\n");
  CHECK(trailing.children.size() == 2);
  CHECK_FALSE(trailing.flag);
}

TEST_CASE("objects: bare keys are strings, parenthesised keys are evaluated") {
  Expr object = value_of("x = { a = 1, \"b\" : 2\n  (c) = 3\n  d.e = 4 }\n");
  REQUIRE(object.kind == Expr::Kind::Object);
  REQUIRE(object.children.size() == 8);
  CHECK(object.children[0].kind == Expr::Kind::String);
  CHECK(object.children[0].text == "a");
  CHECK(object.children[2].text == "b");
  CHECK(object.children[4].kind == Expr::Kind::Variable);
  CHECK(object.children[4].span.begin.column == 3);  // the parentheses
  CHECK(object.children[6].kind == Expr::Kind::GetAttr);
}

TEST_CASE("for expressions keep their names, parts and condition") {
  Expr list = value_of("x = [for k, v in var.m : upper(v) if k != \"a\"]\n");
  REQUIRE(list.kind == Expr::Kind::ForTuple);
  CHECK(list.key_name == "k");
  CHECK(list.text == "v");
  CHECK(list.has_condition);
  CHECK(list.children.size() == 3);
  Expr grouped = value_of("x = {\n  for s in var.l :\n  s.k => s.v...\n}\n");
  REQUIRE(grouped.kind == Expr::Kind::ForObject);
  CHECK(grouped.flag);
  CHECK_FALSE(grouped.has_condition);
  CHECK(grouped.children.size() == 3);
}

TEST_CASE("a one-line block holds one argument") {
  SourceManager sources;
  HclFile file = parse(sources, "a { b = 1 }\nc {}\nd \"x\" { }\n");
  REQUIRE(file.errors.empty());
  REQUIRE(file.body.blocks.size() == 3);
  CHECK(file.body.blocks[0].body.attributes[0].name == "b");
  CHECK(file.body.blocks[0].span.end.column == 12);
}

TEST_CASE("a byte order mark and CRLF line ends are accepted") {
  SourceManager sources;
  HclFile file = parse(sources, "\xEF\xBB\xBFlocals {\r\n  a = 1\r\n}\r\n");
  CHECK(file.errors.empty());
  REQUIRE(file.body.blocks.size() == 1);
  CHECK(file.body.blocks[0].span.begin.column == 4);  // after the BOM's bytes
  CHECK(file.body.blocks[0].body.attributes[0].value.span.begin.line == 2);
}

TEST_CASE("an empty file has nothing and no error") {
  SourceManager sources;
  HclFile file = parse(sources, "");
  CHECK(file.errors.empty());
  CHECK(file.body.blocks.empty());
  CHECK(parse(sources, "\n\n# only a comment").errors.empty());
}

TEST_CASE("a syntax error costs only the block it is in") {
  SourceManager sources;
  HclFile file = parse(sources,
                       "resource \"a\" \"one\" {\n"
                       "  x = 1\n"
                       "}\n"
                       "resource \"a\" \"broken\" {\n"
                       "  x = \n"
                       "}\n"
                       "resource \"a\" \"three\" {\n"
                       "  x = 3\n"
                       "}\n");
  REQUIRE(file.errors.size() == 1);
  CHECK(file.errors[0].span.begin.line == 5);
  CHECK(file.errors[0].message == "Invalid expression: missing value after 'x ='");
  REQUIRE(file.body.blocks.size() == 2);
  CHECK(file.body.blocks[0].labels[1] == "one");
  CHECK(file.body.blocks[1].labels[1] == "three");
}

TEST_CASE("many errors in one file are reported a bounded number of times") {
  std::string text;
  for (int i = 0; i < 50; ++i) {
    text += "resource \"a\" \"b" + std::to_string(i) + "\" {\n  x 1\n}\n";
    text += "resource \"a\" \"good" + std::to_string(i) + "\" {\n  x = 1\n}\n";
  }
  SourceManager sources;
  HclFile file = parse(sources, text);
  CHECK(file.errors.size() == kMaxSyntaxErrorsPerFile + 1);
  CHECK(file.errors.back().message.find("more syntax errors follow") == 0);
  // Past the count, the good blocks are still read.
  CHECK(file.body.blocks.size() == 50);
}

TEST_CASE("deep nesting is an error instead of exhausting the stack") {
  std::string deep = "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  SourceManager sources;
  HclFile file = parse(sources, deep + "y = 1\n");
  REQUIRE(file.errors.size() == 1);
  CHECK(file.errors[0].message.find("Expression too deeply nested") == 0);
  REQUIRE(file.body.attributes.size() == 1);
  CHECK(file.body.attributes[0].name == "y");
  // Nesting within the bound parses, and the tree records its height.
  int levels = kMaxSyntaxDepth - 10;
  Expr nested = value_of("x = " + std::string(levels, '(') + "1" + std::string(levels, ')') + "\n");
  CHECK(nested.kind == Expr::Kind::Number);
  Expr tall = value_of("x = " + std::string(levels, '[') + std::string(levels, ']') + "\n");
  CHECK(tall.height == levels);
  // A flat operator chain is no nesting (Terraform reads 600 terms and
  // more): it is as tall as its tallest operand, however long...
  std::string chain = "x = 1";
  for (int i = 0; i < 2 * kMaxSyntaxDepth; ++i) chain += " + 1";
  HclFile flat = parse(chain + "\n");
  CAPTURE(flat.errors.empty() ? "" : flat.errors[0].message);
  REQUIRE(flat.errors.empty());
  CHECK(flat.body.attributes[0].value.height == 2);
  // ... up to a bound on its length, which is said as such.
  for (size_t i = 2 * kMaxSyntaxDepth; i <= hcl::kMaxOperatorChain; ++i) chain += "+1";
  HclFile too_long = parse(chain + "\n");
  REQUIRE(too_long.errors.size() == 1);
  CHECK(too_long.errors[0].message ==
        "Expression too long: more than 10000 operators in one chain");
}

TEST_CASE("a missing value in a tfvars file names its variable") {
  SourceManager sources;
  HclFile file = parse(sources, "env = \"prod\"\nsize = \ntags = {}\n");
  REQUIRE(file.errors.size() == 1);
  CHECK(file.errors[0].span.begin.line == 2);
  CHECK(file.errors[0].message == "Invalid expression: missing value after 'size ='");
  REQUIRE(file.body.attributes.size() == 2);
  CHECK(file.body.attributes[1].name == "tags");
}
