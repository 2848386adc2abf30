#include "frontends/terraform/hcl_parser.h"

#include <doctest/doctest.h>

#include "frontends/terraform/ast_builder.h"

using namespace bw::frontends::terraform;
using bw::ir::SourceManager;

namespace {

HclFile parse(SourceManager& sources, const std::string& text) {
  bw::ir::FileId id = sources.add("main.tf", text);
  HclParser parser;
  return parser.parse(sources.file(id));
}

}  // namespace

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
}

TEST_CASE("a postfix chain nests from its root") {
  SourceManager sources;
  HclFile file = parse(sources, "x = aws_s3_bucket.b[0].arn\n");
  REQUIRE(file.body.attributes.size() == 1);
  const Expr& arn = file.body.attributes[0].value;
  CHECK(arn.kind == Expr::Kind::GetAttr);
  CHECK(arn.text == "arn");
  REQUIRE(arn.children.size() == 1);
  CHECK(arn.children[0].kind == Expr::Kind::Index);
  CHECK(arn.children[0].children[0].kind == Expr::Kind::GetAttr);
  CHECK(arn.children[0].children[0].children[0].kind == Expr::Kind::Variable);
}

TEST_CASE("operators keep HCL precedence") {
  SourceManager sources;
  HclFile file = parse(sources, "x = 1 + 2 * 3\n");
  const Expr& sum = file.body.attributes[0].value;
  REQUIRE(sum.kind == Expr::Kind::Binary);
  CHECK(sum.text == "+");
  CHECK(sum.children[1].kind == Expr::Kind::Binary);
  CHECK(sum.children[1].text == "*");
}

TEST_CASE("a negative number is a literal, not an operation") {
  SourceManager sources;
  HclFile file = parse(sources, "x = -5\n");
  CHECK(file.body.attributes[0].value.kind == Expr::Kind::Number);
  CHECK(file.body.attributes[0].value.number == -5);
}

TEST_CASE("a byte order mark and CRLF line ends are accepted") {
  SourceManager sources;
  HclFile file = parse(sources, "\xEF\xBB\xBFlocals {\r\n  a = 1\r\n}\r\n");
  CHECK(file.errors.empty());
  REQUIRE(file.body.blocks.size() == 1);
  CHECK(file.body.blocks[0].body.attributes[0].value.span.begin.line == 2);
}

TEST_CASE("an empty file has nothing and no error") {
  SourceManager sources;
  HclFile file = parse(sources, "");
  CHECK(file.errors.empty());
  CHECK(file.body.blocks.empty());
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
  CHECK(file.errors[0].message == "missing value after 'x ='");
  REQUIRE(file.body.blocks.size() == 2);
  CHECK(file.body.blocks[0].labels[1] == "one");
  CHECK(file.body.blocks[1].labels[1] == "three");
}

TEST_CASE("syntax errors are worded for people") {
  struct Case {
    const char* text;
    uint32_t line;
    const char* message;
  };
  const Case cases[] = {
      {"resource \"a\" \"b\" {\n  x 1\n}\n", 2, "missing '=' after 'x'"},
      {"resource \"a\" \"b\" {\n  x = 1\n}}\n", 3, "unexpected '}'"},
      {"resource \"a\" \"b\" {\n  x = 1\n", 1,
       "unclosed block 'resource \"a\" \"b\"' (missing '}')"},
      {"resource \"a\" \"b\" {\n  y = [1, 2\n  z = 3\n}\n", 2, "unclosed '[' (missing ']')"},
      {"resource \"a\" \"b\" {\n  x = \"abc\n}\n", 2, "unterminated string"},
      {"resource \"a\" \"b\" {\n  x = 1 +\n}\n", 2, "missing operand after '+'"},
      {"resource \"a\" \"b\"\n  x = 1\n}\n", 1, "missing '{' after 'resource' block header"},
      {"resource \"a\" \"b\" {\n  x = foo(1,\n}\n", 2, "unclosed '(' (missing ')')"},
      {"resource \"a\" \"b\" {\n  @@@\n}\n", 2, "unexpected '@@@'"},
      {"resource \"a\" \"b\" {\n  x = \"${var.a\"\n}\n", 2, "unclosed '${' (missing '}')"},
      {"resource \"a\" \"b\" {\n  x = <<EOT\nhello\n}\n", 2,
       "unterminated heredoc (missing its closing marker)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    SourceManager sources;
    HclFile file = parse(sources, c.text);
    REQUIRE(file.errors.size() == 1);
    CHECK(file.errors[0].span.begin.line == c.line);
    CHECK(file.errors[0].message == c.message);
  }
}

TEST_CASE("many errors in one file are reported a bounded number of times") {
  std::string text;
  for (int i = 0; i < 50; ++i)
    text += "resource \"a\" \"b" + std::to_string(i) + "\" {\n  x 1\n}\n";
  SourceManager sources;
  HclFile file = parse(sources, text);
  CHECK(file.errors.size() == kMaxSyntaxErrorsPerFile + 1);
}

TEST_CASE("deep nesting is cut off instead of exhausting the stack") {
  std::string text = "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  SourceManager sources;
  HclFile file = parse(sources, text);
  REQUIRE(file.body.attributes.size() == 1);
  const Expr* expr = &file.body.attributes[0].value;
  int depth = 0;
  while (!expr->children.empty()) {
    expr = &expr->children[0];
    ++depth;
  }
  CHECK(depth < kMaxSyntaxDepth);
  CHECK(expr->kind == Expr::Kind::Invalid);
}

TEST_CASE("a missing value in a tfvars file names its variable") {
  SourceManager sources;
  HclFile file = parse(sources, "env = \"prod\"\nsize = \ntags = {}\n");
  REQUIRE(file.errors.size() == 1);
  CHECK(file.errors[0].span.begin.line == 2);
  CHECK(file.errors[0].message == "missing value after 'size ='");
  REQUIRE(file.body.attributes.size() == 2);
  CHECK(file.body.attributes[1].name == "tags");
}
