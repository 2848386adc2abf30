#pragma once
// Where a root module's variables come from beyond the files Terraform loads
// by itself (terraform.tfvars, *.auto.tfvars): the command line (`--var-file`,
// `--var`, as `terraform plan` takes them) and the environments of
// `.blastwall.yaml`'s `terraform:` section, each of which makes one instance
// of the root modules it names:
//
//   terraform:
//     environments:
//       production: {var-files: [envs/prod.tfvars]}
//       staging: {var-files: [envs/staging.tfvars], root: infra}
//
// This file checks those settings and turns the planned root modules into
// the instances they ask for; module_walk.cc applies the values.

#include <string>
#include <utility>
#include <vector>

#include "frontends/frontend.h"

namespace bw::frontends::terraform {

// One environment of the configuration: its variable files, applied in
// order after the auto-loaded ones, to the root modules it names.
struct EnvironmentSettings {
  std::string name;                    // as written: the instance says `infra [production]`
  std::string environment;             // its findings' environment: the word normalised ("prod")
  std::vector<std::string> var_files;  // root-relative
  // Root-relative directories of the root modules it applies to; empty: every
  // root module at or below the configuration's directory.
  std::vector<std::string> roots;
};

struct VariableSettings {
  std::vector<EnvironmentSettings> environments;
  // ("var-file", root-relative path) and ("var", "NAME=VALUE"), in
  // command-line order: applied after every other source.
  std::vector<std::pair<std::string, std::string>> command_line;
  std::vector<std::string> named;        // root-relative paths the run names; "" is the root
  std::vector<std::string> named_files;  // those of them that are files
  std::string config_directory = ".";
  std::string config_path;
};

// Reads and checks the settings: the section's shape (errors with its line
// and column), that every file and root it names lies inside the root and
// exists, and that each `--var` is NAME=VALUE. False when any is wrong.
bool read_variable_settings(const Settings& settings, VariableSettings& out,
                            std::vector<SettingError>& errors);

// The instances of `roots` (plan_root_modules' units; `modules[i]` says
// whether roots[i] holds a .tf file, not only variable files): a root module no
// environment names is one instance, as planned; one an environment names
// is one instance per environment (`infra [production]`), whose environment
// is that environment's. The command line's values go to every instance of
// the root modules in the named paths (a root module whose directory lies in
// a named path, or that holds a named file). What could not be applied —
// command-line values when no named path holds a root module, an
// environment whose roots hold none — is added to `unused`.
// A directory of variable files alone is no root module: neither takes them.
std::vector<Unit> plan_instances(std::vector<Unit> roots, const std::vector<bool>& modules,
                                 const VariableSettings& settings,
                                 std::vector<std::string>& unused);

// A `--var` value as Terraform reads it: "NAME=VALUE" split at the first "=".
std::pair<std::string, std::string> split_variable(const std::string& assignment);

}  // namespace bw::frontends::terraform
