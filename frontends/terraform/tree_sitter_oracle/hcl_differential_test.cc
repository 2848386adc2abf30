// The differential test: HclParser must build the very tree the tree-sitter
// oracle builds (blocks, labels, attributes, expression kinds, texts, numbers
// and every span) for each fixture and for a corpus of tricky snippets.
// Where tree-sitter itself reports an error there is nothing to compare.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "frontends/terraform/hcl_parser.h"
#include "frontends/terraform/tree_sitter_oracle/ast_compare.h"
#include "frontends/terraform/tree_sitter_oracle/ts_hcl_parser.h"

using namespace bw::frontends::terraform;

namespace {

enum class Outcome { Same, OracleError, Different };

// Parses `text` both ways; reports what differs.
Outcome differential(const std::string& name, const std::string& text,
                     bool expect_rejection = false) {
  bw::ir::SourceManager sources;
  bw::ir::FileId id = sources.add(name, text);
  HclFile ours = HclParser().parse(sources.file(id));
  HclFile theirs = oracle::TreeSitterHclParser().parse(sources.file(id));
  if (!theirs.errors.empty()) return Outcome::OracleError;
  CAPTURE(name);
  if (expect_rejection) {
    CHECK_MESSAGE(!ours.errors.empty(), "Terraform rejects this file; HclParser must too");
    return Outcome::Same;
  }
  if (!ours.errors.empty()) {
    const SyntaxError& error = ours.errors.front();
    FAIL_CHECK(name << ":" << error.span.begin.line << ":" << error.span.begin.column
                    << ": HclParser rejects what tree-sitter accepts: " << error.message);
    return Outcome::Different;
  }
  std::vector<oracle::Difference> differences = oracle::compare_bodies(ours, theirs, 5);
  for (const oracle::Difference& difference : differences)
    FAIL_CHECK(name << ":" << difference.where.line << ":" << difference.where.column << ": "
                    << difference.what);
  return differences.empty() ? Outcome::Same : Outcome::Different;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("every fixture and example parses as the tree-sitter oracle parses it") {
  namespace fs = std::filesystem;
  const fs::path root = BW_SOURCE_DIR;
  // Fixtures that Terraform itself rejects (`terraform fmt` reports a syntax
  // error) while tree-sitter accepts them: HclParser must reject them too.
  // (There was one: a comment after `<<-EOT`, whose marker must end its line.)
  // tree-sitter reads `10.11.10.12/32` as arithmetic; Terraform does not.
  const std::set<std::string> terraform_rejects = {
      "fixtures/terraform/unanalyzable/terraform_rejects.tf"};
  size_t files = 0, compared = 0;
  for (const char* directory : {"fixtures", "examples"}) {
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root / directory)) {
      std::string extension = entry.path().extension().string();
      if (!entry.is_regular_file() || (extension != ".tf" && extension != ".tfvars")) continue;
      std::string relative = fs::relative(entry.path(), root).string();
      bool rejected = terraform_rejects.count(relative) > 0;
      std::string text = read_file(entry.path());
      ++files;
      if (differential(relative, text, rejected) != Outcome::OracleError) {
        ++compared;
        continue;
      }
      // Skipped only when the file is broken on purpose (a fixture for
      // syntax errors): HclParser must reject it too.
      bw::ir::SourceManager sources;
      bw::ir::FileId id = sources.add(relative, text);
      CHECK_MESSAGE(!HclParser().parse(sources.file(id)).errors.empty(),
                    relative << ": tree-sitter refuses it and HclParser accepts it");
    }
  }
  CHECK(files > 0);
  CHECK(compared > 0);
}

TEST_CASE("tricky snippets parse as the tree-sitter oracle parses them") {
  const char* snippets[] = {
      // Bodies.
      "a = 1\n",
      "\xEF\xBB\xBF"
      "a = 1\r\nb {\r\n  c = 2\r\n}\r\n",
      "resource \"aws_db_instance\" \"main\" {\n  engine = \"postgres\"\n\n  tags = {}\n}\n",
      "a { b = 1 }\nc {}\nd \"x\" y {\n}\n",
      "locals {\n\tx\t=\t1\n}\n",
      "# comment\n// comment\n/* block\ncomment */\na = 1 # end\nb = /* mid */ 2\n",
      "a {\n  b {\n    c {\n      d = [1]\n    }\n  }\n}\n",
      "label_with-dash \"with space\" \"esc\\\"aped\" {\n}\n",
      "\xC3\xA9t\xC3\xA9 = \"\xE2\x9C\x93\"\n",
      // Expressions.
      "x = 1 + 2 * 3 - 4 / 5 % 6\n",
      "x = a || b && !c == d != e < f <= g > h >= i\n",
      "x = (1 + 2) * (3)\n",
      "x = ((a))\n",
      "x = -5\ny = -a\nz = - 2.5\nw = !true\nv = -(1)\n",
      "x = a ? b : c ? d : e\n",
      "x = (a ? b : c) ? d : e\n",
      "x = a ? (b ? c : d) : e\n",
      "x = null\ny = true\nz = false\n",
      "x = 0.5\ny = 10\nz = 123456789012345678\n",
      "x = a.b.c[0][\"k\"].d\n",
      "x = a.0.b\n",
      "x = a.*.b\n",
      "x = a[*].b.c\n",
      "x = a[*]\n",
      "x = a.*\n",
      "x = aws_instance.web.*.id[0]\n",
      "x = a[*].b[0].c\n",
      "x = f()\ny = f(1)\nz = f(1, 2,)\nw = f(a...)\n",
      "x = f(\n  1,\n  2\n)\n",
      "x = provider::aws::arn_parse(var.arn)\n",
      "x = [1, 2, 3]\ny = []\nz = [\n  1,\n  2,\n]\n",
      "x = {}\ny = { a = 1, b = 2 }\nz = {\n  a = 1\n  b = 2\n}\n",
      "x = { \"a\" = 1, \"b\" : 2, (c) = 3, d = 4, }\n",
      "x = { a = { b = { c = [] } } }\n",
      "x = [for v in var.l : v]\n",
      "x = [for k, v in var.m : \"${k}=${v}\" if v != null]\n",
      "x = { for k, v in var.m : k => v }\n",
      "x = { for s in var.l : s.k => s.v... if s.ok }\n",
      "x = [\n  for v in var.l :\n  v\n]\n",
      "x = [for x in [for y in z : y] : x]\n",
      // Templates.
      "x = \"\"\ny = \"plain\"\n",
      "x = \"a\\nb\\t\\\"c\\\"\\\\ \\u00e9 \\U0001F600\"\n",
      "x = \"$${literal} %%{literal}\"\n",
      "x = \"${a}\"\n",
      "x = \"pre-${a}-mid-${b.c}-post\"\n",
      "x = \"${a}${b}\"\n",
      "x = \"${ {a = 1}.a }\"\n",
      "x = \"a ${\"b ${c}\"} d\"\n",
      "x = \"%{ if a }b%{ endif }\"\n",
      "x = \"%{ if a }b%{ else }c%{ endif }\"\n",
      "x = \"%{ for v in l }${v},%{ endfor }\"\n",
      "x = \"%{ for k, v in m }${k}%{ endfor }\"\n",
      "x = \"%{ if a }%{ for v in l }${v}%{ endfor }%{ endif }\"\n",
      "x = \"  ${~ a ~}  \"\n",
      "x = \"a %{~ if p ~} b %{~ else ~} c %{~ endif ~} d\"\n",
      "x = <<EOT\nhello\nEOT\n",
      "x = <<EOT\nEOT\n",
      "x = <<EOT\n  ${a}\n  $${b}\nEOT\n",
      "x = <<-EOT\n    a\n      b\n\n    c\n    EOT\n",
      "x = <<-EOT\n\ttab\n\t  more\n\tEOT\n",
      "x = <<-EOT\n    a\n      \n    b\n    EOT\n",
      "x = <<-EOT\n    %{ if true }\n      inside\n    %{ endif }\n    after\n  EOT\n",
      "x = <<-EOT\n    x\n    %{~ if true ~}\n      y\n    %{~ endif ~}\n    z\n  EOT\n",
      "x = <<EOT\nx ${\"y\" ~}\n\n   z\nEOT\n",
      "x = <<EOT\n  a   \n${~ \"b\"}\nEOT\n",
      "x = <<EOT\r\nwindows\r\nEOT\r\n",
      "x = base64encode(<<-EOT\n    #!/bin/bash\n    echo hi\n  EOT\n)\n",
      "x = [<<EOT\none\nEOT\n, \"two\"]\n",
      "x = <<EOT\n${<<INNER\nnested\nINNER\n}\nEOT\n",
      "x = <<EOT\n%{ for v in l ~}\n${v}\n%{ endfor ~}\nEOT\n",
  };
  size_t compared = 0, oracle_errors = 0;
  for (size_t i = 0; i < std::size(snippets); ++i) {
    Outcome outcome = differential("snippet" + std::to_string(i) + ".tf", snippets[i]);
    if (outcome == Outcome::OracleError)
      ++oracle_errors;
    else
      ++compared;
  }
  // tree-sitter refuses a few things Terraform accepts; most snippets compare.
  CHECK(oracle_errors <= 3);
  CHECK(compared + oracle_errors == std::size(snippets));
}
