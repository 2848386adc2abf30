#pragma once
// Words a tree-sitter error for a person: finds the first ERROR or MISSING
// node under an item and says what is wrong there ("unexpected '}'",
// "missing '=' after 'engine'", "unclosed block 'resource ...'").

#include <tree_sitter/api.h>

#include <optional>

#include "frontends/terraform/hcl_ast.h"

namespace bw::frontends::terraform::oracle {

// The first syntax error under `item`, or nothing when it has none.
std::optional<SyntaxError> describe_syntax_error(TSNode item, const ir::SourceFile& file);

}  // namespace bw::frontends::terraform::oracle
