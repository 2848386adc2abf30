#pragma once
// Parses HCL files (Terraform's native syntax, .tf and .tfvars) into the AST.
// A hand-written scanner and recursive-descent parser that follow HashiCorp's
// hclsyntax: what Terraform accepts parses, and what it rejects is a syntax
// error in Terraform's words at Terraform's position. Errors never stop it: a
// top-level item with an error is dropped and reported, and parsing resumes
// at the next item, so one bad block costs only itself.

#include <memory>

#include "frontends/terraform/hcl_ast.h"

namespace bw::frontends::terraform {

// At most this many syntax errors are reported per file; the rest are noise.
inline constexpr size_t kMaxSyntaxErrorsPerFile = 10;

// Nesting deeper than this (blocks, brackets, templates) or a syntax tree
// taller than this is a syntax error, so no input can exhaust the stack.
inline constexpr int kMaxSyntaxDepth = 500;

// Reuse one parser for many files: it keeps its buffers. Not thread-safe;
// use one per thread.
class HclParser {
 public:
  HclParser();
  ~HclParser();
  HclParser(const HclParser&) = delete;
  HclParser& operator=(const HclParser&) = delete;

  HclFile parse(const ir::SourceFile& file);
  // A tuple literal keeps at most this many items (ir::Limits::collection_items);
  // a longer one evaluates to an unknown naming the limit.
  void set_max_items(size_t items);

  // The bytes the last parse scanned, counting each rescan after an error and
  // each search for where to resume: the work a file cost, linear in its size
  // on any input (at most kMaxSyntaxErrorsPerFile + 2 passes), which the tests
  // hold it to without timing it.
  size_t scanned_bytes() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace bw::frontends::terraform
