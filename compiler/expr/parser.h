#pragma once
// Builds the syntax tree from tokens, with CEL's precedence:
//   ?:  <  ||  <  &&  <  == != < <= > >= in  <  + -  <  * / %  <  ! -  <  . [] ()
// Parsing stops at the first syntax error (what follows one is mostly noise);
// nesting deeper than kMaxDepth is a syntax error too.

#include <memory>
#include <vector>

#include "compiler/expr/ast.h"
#include "compiler/expr/lexer.h"

namespace bw::compiler::expr {

// Returns nullptr after appending the syntax error to `errors`.
std::unique_ptr<Node> parse(const std::vector<Token>& tokens, std::vector<ExprError>& errors);

}  // namespace bw::compiler::expr
