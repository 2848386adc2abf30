#pragma once
// The Terraform frontend: plans one unit per root module, then reads each
// root module's .tf and .tfvars files, and the local modules it calls, and
// adds their resources, data sources and module calls to the model, with
// every argument evaluated as far as Terraform could before apply.

#include <memory>

#include "frontends/frontend.h"
#include "frontends/terraform/module_walk.h"
#include "frontends/terraform/variable_settings.h"
#include "frontends/terraform/registry_modules.h"

namespace bw::frontends::terraform {

// What the engine holds: wants Terraform files, plans root modules and
// analyses them.
class TerraformFrontend : public Frontend {
 public:
  std::string_view name() const override { return "terraform"; }
  // `.tf` and `.tfvars` files. `.tf.json` is not read yet.
  bool wants(std::string_view path) const override;
  // The same files, surely (100): a Terraform file needs no look at its text to be one.
  int claim(std::string_view path, std::string_view text) const override;
  // `terraform:` in `.blastwall.yaml` (environments and their variable
  // files) and the command line's --var-file and --var (variable_settings.h).
  bool configure(const Settings& settings, std::vector<SettingError>& errors) override;
  // One unit per root module, or one per environment that names it.
  std::vector<Unit> plan_units(const std::vector<ir::FileId>& files,
                               const ir::SourceManager& sources) override;
  std::vector<std::string> unused_settings() const override { return unused_; }
  void analyze(const Unit& unit, Context& context) override;
  // `#`, `//` and `/* */` comments, as the HCL scanner cuts them: never text
  // inside a string, a heredoc or a template.
  std::vector<ir::Comment> comments(const ir::SourceFile& file) const override;
  // The module table: terraform-modules/ (registry_modules.h).
  std::vector<std::string> data_folders() const override;
  std::vector<DataError> check_data(const DataFiles& data) const override;

 private:
  ParseCache cache_;
  VariableSettings settings_;
  std::vector<std::string> unused_;
  // The module table read from the data this frontend was last given: each
  // analysing thread reads it once per run.
  const DataFiles* table_data_ = nullptr;
  std::unique_ptr<ModuleTable> table_;
};

std::unique_ptr<Frontend> make_terraform_frontend();

}  // namespace bw::frontends::terraform
