// Syntax errors: Terraform's words at Terraform's position (each line and
// column below is where `terraform fmt` / hclsyntax puts it, unless noted),
// and recovery that costs one top-level item per error.

#include <doctest/doctest.h>

#include "frontends/terraform/hcl_test_support.h"

using namespace bw::frontends::terraform;
using namespace bw::frontends::terraform::testing;
using bw::ir::SourceManager;

TEST_CASE("syntax errors are worded as Terraform words them, where it puts them") {
  struct Case {
    const char* text;
    uint32_t line;
    uint32_t column;
    const char* message;
  };
  const Case cases[] = {
      // Bodies.
      {"resource \"a\" \"b\" {\n  x 1\n}\n", 2, 3,
       "Argument or block definition required: use '=' to set the argument 'x'"},
      {"resource \"a\" \"b\" {\n  x = 1\n}}\n", 3, 2,
       "Missing newline after block definition: found '}' after the block's '}'"},
      // Unclosed: at the block's header (Terraform points at its `{`).
      {"resource \"a\" \"b\" {\n  x = 1\n", 1, 1,
       "Unclosed configuration block: no closing '}' for 'resource \"a\" \"b\"' before the end of "
       "the file"},
      {"\"a\" = 1\n", 1, 1, "Invalid argument name: argument names must not be quoted"},
      {"a = 1, b = 2\n", 1, 6,
       "Unexpected comma after argument: separate arguments with newlines, not commas"},
      {"a {\n  b = 1 }\n", 2, 9,
       "Missing newline after argument: found '}' after the value of 'b'"},
      {"a { b = 1, c = 2 }\n", 1, 10,
       "Invalid single-argument block definition: a one-line block holds one argument; put each "
       "on its own line"},
      {"a { b = 1\n}\n", 1, 10,
       "Invalid single-argument block definition: a one-line block closes on its line, right "
       "after its argument"},
      {"a { b {} }\n", 1, 5,
       "Argument definition required: a one-line block holds only one argument; put the block "
       "'b' on a line of its own"},
      {"a \"b\" = 1\n", 1, 7,
       "Invalid block definition: '=' defines an argument; a block's labels are followed by '{'"},
      {"resource \"a\" \"b\"\n{\n}\n", 1, 17,
       "Invalid block definition: a block's '{' must be on the same line as its header"},
      {"a { b = 1 } c\n", 1, 13,
       "Missing newline after block definition: found 'c' after the block's '}'"},
      {"a \"${x}\" {}\n", 1, 4,
       "Invalid string literal: a block label cannot hold template sequences; write '$${' or "
       "'%%{' for a literal '${' or '%{'"},
      // Expressions.
      {"resource \"a\" \"b\" {\n  x = 1 +\n}\n", 2, 10,
       "Invalid expression: expected a value, found a newline"},
      {"resource \"a\" \"b\" {\n  x = foo(1,\n}\n", 3, 1,
       "Invalid expression: expected a value, found '}'"},
      {"resource \"a\" \"b\" {\n  y = [1, 2\n  z = 3\n}\n", 3, 3,
       "Missing item separator: expected ',' or ']', found 'z'"},
      {"a = b ? c\n", 1, 10,
       "Missing false expression in conditional: expected ':' and a value, found a newline"},
      {"a = x.\n", 1, 7, "Invalid attribute name: expected a name after '.', found a newline"},
      {"a = x.*.*\n", 1, 9,
       "Nested splat expression not allowed: a '.*' splat cannot hold another splat; use [*]"},
      {"a = f(1 2)\n", 1, 9, "Missing argument separator: expected ',' or ')', found '2'"},
      {"a = f(1...,2)\n", 1, 8,
       "Missing closing parenthesis: an argument expanded with '...' must be the last"},
      {"a = {x 1}\n", 1, 8, "Missing key/value separator: expected '=', found '1'"},
      {"a = {x\n}\n", 1, 7, "Missing attribute value: expected '=' and a value after the key"},
      {"a = {x = 1 y = 2}\n", 1, 12,
       "Missing attribute separator: expected a newline or ',', found 'y'"},
      {"a = [for 1 in x: 1]\n", 1, 10,
       "Invalid 'for' expression: expected a variable name after 'for', found '1'"},
      {"a = [for x y: 1]\n", 1, 12,
       "Invalid 'for' expression: expected 'in' after the variable names, found 'y'"},
      {"a = [for x in y: x => 1]\n", 1, 18,
       "Invalid 'for' expression: a key (key => value) is only for building an object"},
      {"a = {for x in y: x}\n", 1, 18,
       "Invalid 'for' expression: building an object needs a key: key => value"},
      {"a = 1.2.3\n", 1, 5, "Invalid number literal: this is not a number HCL can read"},
      {"a = 1\n  /* never closed\n", 2, 3, "Unterminated comment: '/*' has no closing '*/'"},
      {"a = 1 /* never closed\n", 1, 7, "Unterminated comment: '/*' has no closing '*/'"},
      {"a = x.0.1\n", 1, 7, "Invalid legacy index syntax: chain two indexes as [0][1], not .0.1"},
      {"a = provider::aws::f\n", 1, 21,
       "Missing open parenthesis: expected '(' after the function name, found a newline"},
      // Templates.
      {"resource \"a\" \"b\" {\n  x = \"abc\n}\n", 2, 11,
       "Invalid multi-line string: a quoted string must end on its line; use \\n or a heredoc"},
      {"a = \"\\q\"\n", 1, 6,
       "Invalid escape sequence: '\\q' is not an escape; write '\\\\' for a backslash"},
      {"a = \"\\u12\"\n", 1, 6, "Invalid escape sequence: \\u needs 4 hex digits"},
      {"a = \"${x y}\"\n", 1, 10,
       "Extra characters after interpolation expression: expected '}' (write '$${' for a "
       "literal '${'), found 'y'"},
      // Terraform reports the stray quote the scanner then finds; the `${` is what is open.
      {"resource \"a\" \"b\" {\n  x = \"${var.a\"\n}\n", 2, 8,
       "Unclosed template interpolation sequence: no '}' for this '${'"},
      {"a = \"%{ endif }\"\n", 1, 6,
       "Unexpected endif directive: there is no if directive open here"},
      {"a = \"%{ if x }%{ else }%{ else }%{ endif }\"\n", 1, 24,
       "Unexpected else directive: the if directive on line 1 already has an else"},
      {"a = \"%{ bogus }\"\n", 1, 9,
       "Invalid template control keyword: expected if, for, else, endif or endfor"},
      {"a = \"%{ if x y }%{ endif }\"\n", 1, 14,
       "Extra characters in if marker: expected '}', found 'y'"},
      // At the opening directive and marker (Terraform points at the end of the text).
      {"a = \"%{ if x }\"\n", 1, 6,
       "Unexpected end of template: the if directive on line 1 has no endif"},
      {"resource \"a\" \"b\" {\n  x = <<EOT\nhello\n}\n", 2, 7,
       "Unterminated template string: no closing marker for this heredoc before the end of the "
       "file"},
      // Characters HCL never uses.
      {"resource \"a\" \"b\" {\n  @@@\n}\n", 2, 3,
       "Invalid character: '@' is not used in the language"},
      {"a = x & y\n", 1, 7,
       "Unsupported operator: bitwise '&' is not supported; did you mean '&&'?"},
      {"a = 'x'\n", 1, 5, "Invalid character: single quotes are not valid; use double quotes (\")"},
      {"a = x;\n", 1, 6,
       "Invalid character: ';' is not valid; end arguments with a newline, separate items with "
       "','"},
      {"a = \xE2\x80\x9Cx\xE2\x80\x9D\n", 1, 5,
       "Invalid character: curly quotes are not valid; use straight quotes (\")"},
      {"a = \"\xFF\"\n", 1, 6, "Invalid character encoding: the file is not valid UTF-8"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    HclFile file = parse(c.text);
    REQUIRE(file.errors.size() == 1);
    CHECK(file.errors[0].span.begin.line == c.line);
    CHECK(file.errors[0].span.begin.column == c.column);
    CHECK(file.errors[0].message == c.message);
  }
}

TEST_CASE("an argument set twice in one body is Terraform's 'Attribute redefined'") {
  HclFile nested = parse("resource \"a\" \"b\" {\n  x = 1\n  y = 2\n  x = 3\n}\nlocals {}\n");
  REQUIRE(nested.errors.size() == 1);
  CHECK(nested.errors[0].span.begin.line == 4);
  CHECK(nested.errors[0].span.begin.column == 3);
  CHECK(nested.errors[0].message == "Attribute redefined: 'x' was already set on line 2");
  // The block is dropped; the rest of the file is not.
  REQUIRE(nested.body.blocks.size() == 1);
  CHECK(nested.body.blocks[0].type == "locals");
  // At the top (a tfvars file) only the second is dropped.
  HclFile top = parse("env = \"a\"\nsize = 1\nenv = \"b\"\n");
  REQUIRE(top.errors.size() == 1);
  CHECK(top.errors[0].message == "Attribute redefined: 'env' was already set on line 1");
  CHECK(top.body.attributes.size() == 2);
  // The same name in two bodies, or as a block, is fine.
  CHECK(parse("a {\n  x = 1\n}\nb {\n  x = 1\n  x {}\n}\n").errors.empty());
}

TEST_CASE("each broken block is dropped and reported; the others are kept") {
  HclFile file = parse(
      "resource \"a\" \"one\" {\n  x = [\n}\n"
      "resource \"a\" \"two\" {\n  y = 2\n}\n"
      "resource \"a\" \"three\" {\n  z = \"unterminated\n}\n"
      "resource \"a\" \"four\" {\n  w = <<EOT\n  z = 1\nEOT\n}\n"
      "resource \"a\" \"five\" {\n  v = x +\n}\n");
  REQUIRE(file.errors.size() == 3);
  CHECK(file.errors[0].span.begin.line == 3);
  CHECK(file.errors[1].span.begin.line == 8);
  CHECK(file.errors[2].span.begin.line == 16);
  REQUIRE(file.body.blocks.size() == 2);
  CHECK(file.body.blocks[0].labels[1] == "two");
  CHECK(file.body.blocks[1].labels[1] == "four");
}

TEST_CASE("an unclosed block does not swallow the blocks after it") {
  HclFile file = parse(
      "resource \"a\" \"open\" {\n  x = 1\n\n"
      "resource \"a\" \"next\" {\n  y = 2\n}\n");
  REQUIRE(file.errors.size() == 1);
  CHECK(file.errors[0].span.begin.line == 1);
  REQUIRE(file.body.blocks.size() == 1);
  CHECK(file.body.blocks[0].labels[1] == "next");
}

TEST_CASE("a stray character says what it is, not what the parser made of it") {
  HclFile file = parse("resource \"a\" \"b\" {\n  x = `echo`\n}\n");
  REQUIRE(file.errors.size() == 1);
  CHECK(file.errors[0].message.find("Invalid character: '`'") == 0);
}

// Work, not time: a loaded machine or a sanitizer build cannot fail this,
// and a parser that rescanned the rest of the file after every error (once
// errors are past counting) or searched from the start for where to resume
// would.
TEST_CASE("pathological input is parsed in work linear in its size") {
  auto work = [](const std::string& text) {
    SourceManager sources;
    bw::ir::FileId id = sources.add("main.tf", text, "main.tf");
    HclParser parser;
    HclFile file = parser.parse(sources.file(id));
    CHECK_FALSE(file.errors.empty());
    return parser.scanned_bytes();
  };
  const char* patterns[] = {"x = <<EOT\n", "a {\nb = [\n", "x = \"${\"\n",
                            "a \"b\" { c = d e }\nf = {\n"};
  for (const char* pattern : patterns) {
    CAPTURE(pattern);
    std::string text, twice;
    for (int i = 0; i < 20000; ++i) text += pattern;
    twice = text + text;
    size_t once = work(text);
    // Each of the first kMaxSyntaxErrorsPerFile errors may rescan the rest
    // of the file; after that, each item is scanned on its own.
    CHECK(once >= text.size());
    CHECK(once <= (kMaxSyntaxErrorsPerFile + 2) * text.size());
    // Twice the input, twice the work (and a pass to spare): quadratic work
    // would be four times.
    CHECK(work(twice) <= 2 * once + text.size());
  }
}

TEST_CASE("a file without errors is scanned once") {
  std::string text;
  for (int i = 0; i < 1000; ++i)
    text += "resource \"a\" \"r" + std::to_string(i) + "\" {\n  x = \"${var.y}\"\n}\n";
  SourceManager sources;
  bw::ir::FileId id = sources.add("main.tf", text, "main.tf");
  HclParser parser;
  CHECK(parser.parse(sources.file(id)).errors.empty());
  CHECK(parser.scanned_bytes() == text.size());
}
