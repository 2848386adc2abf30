#pragma once
// Remote modules the repository does not hold: a call to a registry or git
// module that blastwall's module table (rules/terraform-modules/, one YAML
// file per module, embedded like the rule pack and extended by a user's
// `terraform-modules/` folder) describes becomes the resources the module
// would create, with the call's arguments where it sets the module's inputs
// and the module's defaults where it does not. A remote call the table does
// not cover, or whose version it does not hold, is a part not analysed
// (ir::DiagnosticLevel::NotAnalysed) saying why and what to do.
//
// rules/terraform-modules/README.md describes the format.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontends/frontend.h"
#include "ir/model.h"

namespace bw::frontends::terraform {

// The folder of a rule directory that holds the module table.
inline constexpr std::string_view kModuleTableFolder = "terraform-modules";

// A release version, as Terraform compares them (pre-releases are ignored).
struct ModuleVersion {
  long major = 0, minor = 0, patch = 0;
  auto operator<=>(const ModuleVersion&) const = default;
};

// "6", "6.1", "v6.1.0", "6.1.0-beta1": the release; nullopt when it is none.
std::optional<ModuleVersion> parse_module_version(std::string_view text);

// A version constraint in Terraform's syntax (`~> 6.0`, `>= 5.0, < 7`,
// `6.1.0`, `!= 6.2.0`), as the interval of versions it admits.
struct VersionConstraint {
  std::string text;  // as written
  ModuleVersion lower{0, 0, 0};
  bool lower_inclusive = true;
  std::optional<ModuleVersion> upper;  // none: no upper bound
  bool upper_inclusive = false;
  // Whether some version of `major` satisfies it.
  bool admits_major(long major) const;
};

// The constraint, or why it is not one (`error`).
std::optional<VersionConstraint> parse_version_constraint(std::string_view text,
                                                          std::string& error);

// Where a remote source address points, without its version: the registry
// module (`registry.terraform.io/terraform-aws-modules/rds/aws`) or the git
// repository (`github.com/terraform-aws-modules/terraform-aws-rds`), in
// lower case, with the `//subdirectory` it names, and the `?ref=` it asks.
struct RemoteSource {
  std::string address;       // canonical; "" when the source is not one blastwall reads
  std::string subdirectory;  // "modules/postgresql"; "" for the module's root
  std::string ref;           // a git source's ?ref=, "" when none
  bool git = false;          // versioned by ref, not by a `version` argument
};
RemoteSource parse_remote_source(std::string_view source);

// One resource a module creates, for one range of major versions.
struct TableResource {
  std::string type;     // aws_db_instance
  std::string address;  // inside the module: module.db_instance.aws_db_instance.this[0]
  // Inputs that decide whether it is created: "x" needs x true (or, for a
  // collection, not empty), "!x" needs it false; all must hold.
  std::vector<std::string> when;
  // Per attribute path (a.b: a nested block), how the module sets it.
  struct Setting {
    enum Kind { Input, Key, Merge, Fixed, Reference } kind = Input;
    std::vector<std::string> inputs;  // Input, Key: one; Merge: several
    std::vector<std::string> keys;    // Key: input[key], the first key it holds
    ir::Value value;                  // Fixed: the value the module hard-codes
    std::string address;              // Reference: a resource of the module
  };
  std::vector<std::pair<std::string, Setting>> attributes;
};

struct TableVersion {
  std::vector<long> majors;
  std::string read_from;  // the tags the entry was read from, for the docs
  // The module's inputs that matter here and their defaults (null: none).
  std::map<std::string, ir::Value, std::less<>> inputs;
  std::vector<TableResource> resources;
};

struct TableEntry {
  std::string module;  // the name messages give it: terraform-aws-modules/rds/aws
  std::string path;    // the data file it came from
  std::vector<TableVersion> versions;
  // The version whose majors hold `major`, or null.
  const TableVersion* version(long major) const;
  // "6.x–7.x": the majors the entry holds, for messages.
  std::string majors_text() const;
  long highest_major() const;
};

// The module table: entries by canonical source (address, then "//subdir").
class ModuleTable {
 public:
  // Reads the data files of kModuleTableFolder, built-in first: an entry
  // with the `module` name of an earlier one replaces it. What is wrong in a
  // file goes to `errors` and the file is left out.
  static ModuleTable read(const DataFiles& data, std::vector<DataError>* errors);
  // The entry a source answers, or null.
  const TableEntry* find(const RemoteSource& source) const;
  size_t size() const { return entries_.size(); }

 private:
  std::vector<TableEntry> entries_;
  std::map<std::string, size_t, std::less<>> by_source_;
};

// A call to a module whose source is not local, as the walk evaluated it.
struct RemoteCall {
  std::string name;      // the call's label: db
  std::string source;    // as written
  ir::Value attributes;  // every argument, evaluated (an object)
  std::string address;   // of the call instance: module.db, module.app.module.db["a"]
  ir::FileId file = ir::kNoFile;
  ir::Span span;              // the call block
  ir::Span header_span;       // module "db" {
  std::vector<ir::Span> via;  // the calls above it, outermost first
  std::string environment;    // the caller's
};

// Adds the resources the table says the call creates, or a part not
// analysed saying why it cannot: a source the table does not cover, or a
// version it does not hold.
void call_remote_module(const RemoteCall& call, const ModuleTable& table, ir::Model& model);

}  // namespace bw::frontends::terraform
