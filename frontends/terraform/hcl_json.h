#pragma once
// Terraform's JSON configuration syntax (`.tf.json`) read into the same AST
// the HCL parser builds (hcl_ast.h), with positions, following the rules of
// https://developer.hashicorp.com/terraform/language/syntax/json:
// - blocks by nesting, one level per label: `{"resource": {"T": {"N": {...}}}}`;
//   an array of objects where a body is expected is one block per object;
// - inside resource, data, module, variable, output, locals, provider,
//   terraform, moved, import, removed and check bodies, Terraform's own
//   nested blocks (lifecycle, dynamic/content, provisioner, connection,
//   validation, precondition, postcondition, check's data and assert) are
//   blocks; every other property is an argument, and a provider's nested
//   blocks stay objects (rules read `a.b` through an object as through a
//   block);
// - strings are templates (`"${var.x}"`, `%{if}`), except where Terraform
//   reads an expression (`depends_on`, `provider`, `providers`, `type` of a
//   variable, `ignore_changes`, `replace_triggered_by`, `iterator`, moved,
//   import and removed addresses) and a variable's `default`, which is
//   literal;
// - a `"//"` property is a comment.
// A JSON syntax error, or a structure Terraform refuses, is a SyntaxError.

#include <cstdint>
#include <string_view>
#include <vector>

#include "frontends/terraform/hcl_ast.h"
#include "frontends/terraform/hcl_parser.h"
#include "frontends/terraform/module_calls.h"

namespace bw::frontends::terraform {

// Whether `path` is a JSON configuration file (`main.tf.json`).
inline bool is_json_configuration(std::string_view path) {
  return path.ends_with(".tf.json");
}

// Reads a `.tf.json` file. Templates and expressions inside its strings are
// parsed with `parser`. An array longer than `max_items`
// (ir::Limits::collection_items) is not kept, as the HCL parser keeps no
// longer tuple.
HclFile parse_json_configuration(const ir::SourceFile& file, HclParser& parser,
                                 size_t max_items = SIZE_MAX);

// The literal `source` of each top-level module call in a `.tf.json` text,
// for unit planning (module_calls.h); nothing when the text is no JSON.
std::vector<ModuleSource> scan_json_module_sources(std::string_view text);

}  // namespace bw::frontends::terraform
