#pragma once
// Parses HCL files with tree-sitter-hcl into the AST. Errors never stop it:
// a region with a syntax error is cut at the next top-level block header and
// parsed again piece by piece, so one bad block costs only itself.

#include "frontends/terraform/hcl_ast.h"

struct TSParser;

namespace bw::frontends::terraform {

// At most this many syntax errors are reported per file; the rest are noise.
inline constexpr size_t kMaxSyntaxErrorsPerFile = 10;

// Owns a tree-sitter parser set up for HCL; reuse it for many files.
class HclParser {
 public:
  HclParser();
  ~HclParser();
  HclParser(const HclParser&) = delete;
  HclParser& operator=(const HclParser&) = delete;

  HclFile parse(const ir::SourceFile& file);

 private:
  TSParser* parser_;
};

}  // namespace bw::frontends::terraform
