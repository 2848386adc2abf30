#pragma once
// Walks one instance of a Terraform module — the directory the engine handed
// over, or a module it calls — and adds what it defines to the model:
// declarations first, then tfvars (root only), then resources, data sources
// and module calls, one per instance when count or for_each is known.
// Local modules (`source = "./..."`) and remote ones `terraform init`
// installed (.terraform/modules/modules.json) are walked in turn, their
// addresses prefixed with `module.NAME.` (`module.NAME["key"].` per
// instance). Module outputs are evaluated when something asks for them, so
// the order of module calls never matters.

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontends/frontend.h"
#include "frontends/terraform/hcl_ast.h"
#include "frontends/terraform/hcl_parser.h"
#include "frontends/terraform/registry_modules.h"

namespace bw::frontends::terraform {

// Local modules nested deeper than this are not followed: the call is an
// unanalyzable error.
inline constexpr size_t kMaxModuleDepth = 8;

// A file of the module and its AST, shared by every unit that reads it.
struct ParsedFile {
  const ir::SourceFile* source = nullptr;
  std::shared_ptr<const HclFile> hcl;
  bool is_tfvars = false;
};

// ASTs by file, kept across the units one frontend instance analyses: twenty
// example directories calling one module parse it once. FileIds belong to
// one run, so a cache serves one run.
using ParseCache = std::unordered_map<ir::FileId, std::shared_ptr<const HclFile>>;

// A remote module `terraform init` installed, from modules.json.
struct InstalledModule {
  std::string source;     // as modules.json records it
  std::string version;    // "" when none
  std::string directory;  // root-relative
};

// A value for the root module's variables beyond its auto-loaded files: a
// variables file (--var-file, an environment's) or one --var NAME=TEXT.
struct VariableInput {
  const ParsedFile* file = nullptr;  // a variables file; null for a --var
  std::string name;
  std::string text;  // as typed: a string, or an HCL expression for a complex type
};

// What every module instance of one analysis shares.
struct WalkContext {
  WalkContext(Context& context, ParseCache& cache) : context(context), cache(cache) {
    parser.set_max_items(context.limits.collection_items);
  }
  Context& context;
  ParseCache& cache;
  HclParser parser;
  // Every address emitted so far, for duplicate detection.
  std::unordered_map<std::string, ir::Span> addresses;
  // A local module directory's parsed .tf files, or why it cannot be read.
  struct ModuleFiles {
    std::vector<ParsedFile> files;
    std::string failed_file;  // the file that could not be loaded; "" for the directory
    std::string error;        // "" when every file was read
  };
  // Local module directories already read, so each file is parsed (and its
  // errors reported) once however often the module is called.
  std::map<std::string, std::unique_ptr<ModuleFiles>> modules;
  // Module instances expanded so far under the root module, against
  // ir::Limits::module_instances (counted before each is walked).
  uint64_t instances = 0;
  // Evaluation steps of every module instance, against unit_evaluation_steps.
  uint64_t steps = 0;
  // Remote modules blastwall knows (registry_modules.h); null: none.
  const ModuleTable* module_table = nullptr;
  // Nesting of evaluation across every module instance (see
  // Evaluator::set_shared_depth), and the names being evaluated, to name a
  // cycle through several modules.
  int depth = 0;
  std::vector<std::string> evaluating;
  // The root module's installed modules by modules.json key ("db",
  // "db.db_instance"), read at the first remote call; `installed_read`
  // once read (or found missing), `installed_error` when it is unreadable.
  std::map<std::string, InstalledModule> installed;
  bool installed_read = false;
  std::string installed_error;
  // Files read from an installed copy, and the header of the call that
  // entered it: their errors are reported there.
  std::unordered_map<ir::FileId, ir::Span> installed_files;
  // Applied to the root module after terraform.tfvars and *.auto.tfvars, in
  // order (a later one wins), as Terraform applies -var-file and -var.
  std::vector<VariableInput> inputs;
};

// Where a module instance sits: the root, or `module "db"` inside it.
struct ModuleInstance {
  std::string directory;                // root-relative
  std::string root_directory;           // the root module's, for path.module
  std::string address_prefix;           // "" for the root, "module.db." for a child
  std::string environment;              // a child's comes from its caller; "" means each file's own
  std::string caller;                   // "module \"db\"", or "" for the root
  std::vector<std::string> call_stack;  // directories of this instance and its callers
  std::vector<ir::Span> via;  // headers of the module calls that lead here, outermost first
  std::string module_key;     // the calls' names from the root, dotted: "app.db"; "" for the root
  // Inside an installed copy (.terraform/modules/...): the header of the
  // call that entered it, where its findings and errors point. Invalid
  // elsewhere.
  ir::Span installed_call;
};

// Whether a root-relative path lies in a `.terraform` directory, where
// `terraform init` installs modules.
bool in_installed_copy(std::string_view path);

// Parses files and reports their syntax errors to the model.
std::vector<ParsedFile> parse_files(const std::vector<ir::FileId>& ids, WalkContext& shared);

// Analyses one module instance; `values` are a child module's arguments.
void walk_module(const std::vector<ParsedFile>& files, const ModuleInstance& instance,
                 const std::vector<std::pair<std::string, ir::Value>>& values, WalkContext& shared);

}  // namespace bw::frontends::terraform
