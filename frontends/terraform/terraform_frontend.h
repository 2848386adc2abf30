#pragma once
// The Terraform frontend: reads one module directory's .tf and .tfvars files
// and adds its resources, data sources and module calls to the model, with
// every argument evaluated as far as Terraform could before apply.

#include <memory>

#include "frontends/frontend.h"
#include "frontends/terraform/module_walk.h"

namespace bw::frontends::terraform {

// What the engine holds: claims Terraform files and analyses a directory.
class TerraformFrontend : public Frontend {
 public:
  std::string_view name() const override { return "terraform"; }
  // `.tf` and `.tfvars` files. `.tf.json` is not read yet.
  bool claims(std::string_view path, std::string_view head) const override;
  void analyze(const Unit& unit, Context& context) override;

 private:
  ParseCache cache_;
};

std::unique_ptr<Frontend> make_terraform_frontend();

}  // namespace bw::frontends::terraform
