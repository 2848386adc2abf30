#pragma once
// The differential oracle: HCL parsed with tree-sitter-hcl into the same AST,
// for the tests and hcl_compare only (the product parses with HclParser,
// hcl_parser.h, which is many times faster). Errors never stop it: a region
// with a syntax error is cut at the next top-level block header and parsed
// again piece by piece. Where tree-sitter's tree means something else than
// Terraform reads (splats, `~` and `<<-` in heredocs), the conversion
// (ast_builder.cc, ast_templates.cc) follows Terraform.

#include "frontends/terraform/hcl_ast.h"
#include "frontends/terraform/hcl_parser.h"

struct TSParser;

namespace bw::frontends::terraform::oracle {

// Owns a tree-sitter parser set up for HCL; reuse it for many files.
class TreeSitterHclParser {
 public:
  TreeSitterHclParser();
  ~TreeSitterHclParser();
  TreeSitterHclParser(const TreeSitterHclParser&) = delete;
  TreeSitterHclParser& operator=(const TreeSitterHclParser&) = delete;

  HclFile parse(const ir::SourceFile& file);

 private:
  TSParser* parser_;
};

}  // namespace bw::frontends::terraform::oracle
