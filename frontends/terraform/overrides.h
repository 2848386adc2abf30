#pragma once
// Override files (`override.tf`, `*_override.tf` and their `.tf.json`
// forms) merged into the module's other files as Terraform merges them
// (https://developer.hashicorp.com/terraform/language/files/override):
// override files in file-name order, each top-level block merged into the
// block of the same type and labels in a primary file:
// - an argument replaces the argument of the same name;
// - a nested block replaces every nested block of its type, `dynamic`
//   blocks making that type included (a `dynamic "T"` replaces them too);
// - in resource and data blocks, `lifecycle` is merged argument by argument;
// - `locals` values are replaced one by one, by name, in whichever primary
//   `locals` block defines them;
// - `terraform` blocks merge `required_providers` entry by entry.
// An override of a block no primary file declares is an error Terraform
// reports ("Missing base ... to override"): unanalyzable; so is `depends_on`
// in an overriding resource, data or output block.

#include <string_view>
#include <vector>

#include "frontends/terraform/module_walk.h"
#include "ir/model.h"

namespace bw::frontends::terraform {

// `override.tf`, `x_override.tf`, `override.tf.json`, `x_override.tf.json`.
bool is_override_file(std::string_view path);

// The module's files with every override merged in and the override files
// themselves left out. Files nothing overrides keep their shared AST;
// merged ones get a copy. Errors go to `model`.
std::vector<ParsedFile> merge_overrides(const std::vector<ParsedFile>& files, ir::Model& model);

}  // namespace bw::frontends::terraform
