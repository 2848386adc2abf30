#include "frontends/terraform/terraform_frontend.h"

#include "frontends/terraform/hcl_json.h"
#include "frontends/terraform/hcl_lexer.h"
#include "frontends/terraform/module_calls.h"
#include "frontends/terraform/module_walk.h"
#include "frontends/terraform/unit_planner.h"

namespace bw::frontends::terraform {

bool TerraformFrontend::wants(std::string_view path) const {
  return path.ends_with(".tf") || path.ends_with(".tfvars") || is_json_configuration(path);
}

int TerraformFrontend::claim(std::string_view path, std::string_view /*text*/) const {
  return wants(path) ? 100 : 0;
}

std::vector<Unit> TerraformFrontend::plan_units(const std::vector<ir::FileId>& files,
                                                const ir::SourceManager& sources) {
  return plan_root_modules(files, sources);
}

void TerraformFrontend::analyze(const Unit& unit, Context& context) {
  if (!table_ || table_data_ != context.data) {
    table_ = std::make_unique<ModuleTable>(context.data ? ModuleTable::read(*context.data, nullptr)
                                                        : ModuleTable());
    table_data_ = context.data;
  }
  WalkContext shared(context, cache_);
  shared.module_table = table_.get();
  std::vector<ParsedFile> files = parse_files(unit.files, shared);
  ModuleInstance root;
  root.directory = join_path(unit.directory, ".");
  root.root_directory = root.directory;
  root.call_stack.push_back(root.directory);
  walk_module(files, root, {}, shared);
  // Only files read again as someone's module profit from the cache; a root's
  // own files are dropped, and parsed again if a later unit calls them.
  for (ir::FileId id : unit.files) cache_.erase(id);
}

std::vector<ir::Comment> TerraformFrontend::comments(const ir::SourceFile& file) const {
  // JSON has no comments (a "//" property is data, not a suppression).
  if (is_json_configuration(file.path)) return {};
  // A scanner of its own: the engine may ask from several threads at once.
  return hcl::Lexer().comments(file);
}

std::vector<std::string> TerraformFrontend::data_folders() const {
  return {std::string(kModuleTableFolder)};
}

std::vector<DataError> TerraformFrontend::check_data(const DataFiles& data) const {
  std::vector<DataError> errors;
  ModuleTable::read(data, &errors);
  return errors;
}

std::unique_ptr<Frontend> make_terraform_frontend() {
  return std::make_unique<TerraformFrontend>();
}

}  // namespace bw::frontends::terraform
