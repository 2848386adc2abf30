#pragma once
// `removed` blocks (Terraform 1.7+): a resource taken out of the
// configuration on purpose. With `lifecycle { destroy = true }`, which is the
// default, Terraform destroys the real object at the next apply; with
// `destroy = false` it only forgets it. Each becomes an `ir::Resource` of
// provider type `removed` (kind `removed-resource`) so rules can see which
// stores a change will delete. `moved` and `import` blocks need nothing:
// they are read by Terraform's state handling, not evaluated here.

#include <optional>
#include <string>
#include <unordered_set>

#include "frontends/terraform/evaluator.h"
#include "frontends/terraform/hcl_ast.h"
#include "ir/model.h"

namespace bw::frontends::terraform {

// The provider type of the resources `removed` blocks become.
inline constexpr const char* kRemovedType = "removed";

// The resource type an address names, past any `module.NAME[KEY].` steps:
// `aws_db_instance` for `module.db.aws_db_instance.main[0]`, `module` for
// `module.db`, "" when it names neither.
std::string removed_address_type(const std::string& address);

// The resource for one `removed` block, its attributes `from` (the address
// as written), `type` (removed_address_type) and `lifecycle`. Errors
// Terraform reports (no `from`, an address that is still declared in
// `declared`) are reported through `evaluator` and give no resource.
std::optional<ir::Resource> removed_resource(const Block& block, const ir::SourceFile& source,
                                             const std::string& address_prefix,
                                             const std::unordered_set<std::string>& declared,
                                             Evaluator& evaluator);

}  // namespace bw::frontends::terraform
