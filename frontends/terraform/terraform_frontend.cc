#include "frontends/terraform/terraform_frontend.h"

#include <algorithm>

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

bool TerraformFrontend::configure(const Settings& settings, std::vector<SettingError>& errors) {
  return read_variable_settings(settings, settings_, errors);
}

std::vector<Unit> TerraformFrontend::plan_units(const std::vector<ir::FileId>& files,
                                                const ir::SourceManager& sources) {
  unused_.clear();
  std::vector<Unit> roots = plan_root_modules(files, sources);
  std::vector<bool> modules;
  for (const Unit& root : roots)
    modules.push_back(std::any_of(root.files.begin(), root.files.end(), [&](ir::FileId id) {
      return std::string_view(sources.file(id).path).ends_with(".tf");
    }));
  return plan_instances(std::move(roots), modules, settings_, unused_);
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
  // The instance's variable files and --var values, read through the
  // context (inside the root only), in the order they apply.
  std::vector<ParsedFile> var_files;
  var_files.reserve(unit.inputs.size());
  for (const auto& [what, value] : unit.inputs) {
    if (what == "var-file") {
      Loaded loaded = context.load ? context.load(value) : Loaded{ir::kNoFile, "not readable here"};
      if (!loaded.ok()) {
        // Checked when the run began: only a file gone since, or a source
        // without it (a revision), gets here.
        if (!files.empty())
          context.model.error(files.front().source->span(0, 0),
                              "Failed to read variables file: cannot read \"" + value +
                                  "\": " + loaded.error + "; its values are not applied");
        continue;
      }
      for (ParsedFile& parsed : parse_files({loaded.file}, shared)) {
        parsed.is_tfvars = true;
        var_files.push_back(std::move(parsed));
        shared.inputs.push_back({&var_files.back(), "", ""});
      }
    } else if (what == "var") {
      auto [name, text] = split_variable(value);
      shared.inputs.push_back({nullptr, name, text});
    }
  }
  ModuleInstance root;
  root.directory = join_path(unit.directory, ".");
  root.root_directory = root.directory;
  root.environment = unit.environment;
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
