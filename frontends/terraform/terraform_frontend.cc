#include "frontends/terraform/terraform_frontend.h"

#include "frontends/terraform/module_walk.h"

namespace bw::frontends::terraform {

bool TerraformFrontend::claims(std::string_view path, std::string_view /*head*/) const {
  return path.ends_with(".tf") || path.ends_with(".tfvars");
}

void TerraformFrontend::analyze(const Unit& unit, Context& context) {
  WalkContext shared(context, cache_);
  std::vector<ParsedFile> files = parse_files(unit.files, shared);
  ModuleInstance root;
  root.directory = unit.directory;
  root.call_stack.push_back(unit.directory);
  walk_module(files, root, {}, shared);
  // Only files read again as someone's module profit from the cache; a root's
  // own files are dropped, and parsed again if a later unit calls them.
  for (ir::FileId id : unit.files) cache_.erase(id);
}

std::unique_ptr<Frontend> make_terraform_frontend() {
  return std::make_unique<TerraformFrontend>();
}

}  // namespace bw::frontends::terraform
