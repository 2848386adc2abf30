#pragma once
// Compares two parses of one file node by node: blocks, labels, attributes,
// expression kinds, texts, numbers, flags and every span. The differential
// test and hcl_compare use it to hold HclParser to the tree-sitter oracle.

#include <string>
#include <vector>

#include "frontends/terraform/hcl_ast.h"

namespace bw::frontends::terraform::oracle {

// One place where the parses differ, at a position in the file (ours).
struct Difference {
  ir::Position where;
  std::string what;
};

// The differences between `ours` and `theirs`, at most `limit` of them.
// Syntax errors are not compared: callers decide what an error on either
// side means.
std::vector<Difference> compare_bodies(const HclFile& ours, const HclFile& theirs,
                                       size_t limit = 20);

// The shape of an expression for messages: "GetAttr(Variable var, name)".
std::string describe_expr(const Expr& expr);

}  // namespace bw::frontends::terraform::oracle
