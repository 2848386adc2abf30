#pragma once
// Converts the tree-sitter nodes of one file into the HCL AST. It is only
// given nodes without syntax errors; anything it still does not recognise
// becomes an Invalid expression rather than a crash.

#include <tree_sitter/api.h>

#include <string_view>
#include <vector>

#include "frontends/terraform/hcl_ast.h"

namespace bw::frontends::terraform::oracle {

// Deeper nesting than this becomes an Invalid expression, so hostile input
// cannot exhaust the stack while converting or later while evaluating.
inline constexpr int kMaxConversionDepth = 1000;

// The visible children of a node, comments left out, in order. Uses a cursor:
// ts_node_child(n, i) walks from the first child each time.
std::vector<TSNode> children_of(TSNode node);

// Where a node starts and ends.
ir::Position start_position(TSNode node);
ir::Position end_position(TSNode node);

// The span of a node (or of a run of nodes) in `file`.
ir::Span span_of(ir::FileId file, TSNode node);
ir::Span span_between(ir::FileId file, TSNode first, TSNode last);

// Builds the AST of one file, node by node; one builder per file.
class AstBuilder {
 public:
  explicit AstBuilder(const ir::SourceFile& file) : file_(file) {}

  Block block(TSNode node);
  Attribute attribute(TSNode node);
  Body body(TSNode node);

 private:
  // Counts nesting while converting; see kMaxConversionDepth.
  struct DepthGuard {
    explicit DepthGuard(int& depth) : depth(depth) { ++depth; }
    ~DepthGuard() { --depth; }
    int& depth;
  };

  static std::string_view type_of(TSNode node);
  static Expr make(Expr::Kind kind, ir::Span span);
  std::string_view text(TSNode node) const;
  ir::Span span(TSNode node) const { return span_of(file_.id, node); }
  Expr invalid(TSNode node, std::string why) const;
  Expr invalid_span(const ir::Span& span, std::string why) const;

  Expr convert(TSNode node);
  Expr conditional(TSNode node);
  Expr term_sequence(const std::vector<TSNode>& nodes, size_t begin, size_t end);
  Expr apply_steps(Expr base, const std::vector<TSNode>& steps, const ir::Position& origin);
  Expr postfix(Expr base, TSNode step, const ir::Span& whole);
  Expr literal_value(TSNode node);
  Expr string_literal(TSNode node);
  Expr quoted_template(TSNode node);
  Expr heredoc(TSNode node);
  // A template's content, text[begin, end) around the interpolation and
  // directive nodes `items`: flattened, trimmed and built as Terraform does
  // (ast_templates.cc).
  Expr template_content(const std::vector<TSNode>& items, uint32_t begin, uint32_t end,
                        bool heredoc, bool flush, const ir::Span& whole);
  Expr tuple(TSNode node);
  Expr object(TSNode node);
  Expr object_key(TSNode node);
  Expr function_call(TSNode node);
  Expr for_expression(TSNode node);
  Expr binary(TSNode node);
  Expr unary(TSNode node);

  const ir::SourceFile& file_;
  int depth_ = 0;
};

}  // namespace bw::frontends::terraform::oracle
