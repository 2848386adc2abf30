#pragma once
// The one small interface every input language implements. The engine walks
// the repository and offers each file to the frontends; each frontend groups
// the files it claimed into units (a Terraform root module, a chart with one
// values file, a YAML stream) and analyses one unit at a time, adding
// resources and diagnostics to the unit's model and nothing else. A frontend
// never opens files itself: it reads through the Context, which answers only
// inside the repository root, so it can never read outside it.

#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ir/comment.h"
#include "ir/limits.h"
#include "ir/model.h"
#include "ir/timings.h"

namespace bw::frontends {

// Files of one frontend analysed together, and the instance that names them
// in findings and fingerprints.
struct Unit {
  // Shown in every finding of the unit and part of its fingerprint: the same
  // module reached from two root modules gives two instances.
  std::string instance;
  std::string directory;          // root-relative; "." for the root itself
  std::vector<ir::FileId> files;  // its own files, in the order the frontend wants them
  // The environment of every resource of this instance when the planner
  // decided it from the frontend's settings (an environment of
  // `.blastwall.yaml`); "" leaves each file its own.
  std::string environment;
  // What the frontend's settings give this instance, in the order the
  // frontend applies them, as (what, value) pairs only the frontend reads
  // (Terraform: ("var-file", root-relative path), ("var", "NAME=VALUE")).
  std::vector<std::pair<std::string, std::string>> inputs;
};

// What the user set for one frontend, which the engine passes on unread: the
// section of `.blastwall.yaml` under the frontend's name, and the
// command-line options the CLI addressed to it. The frontend checks them in
// configure() and uses them when it plans units.
struct Settings {
  YAML::Node section;            // undefined when the configuration has none
  std::string config_path;       // the configuration as shown, for errors
  std::string config_directory;  // its directory, root-relative ("" for the root)
  // (option, value) in command-line order, e.g. ("var-file", "envs/prod.tfvars").
  std::vector<std::pair<std::string, std::string>> arguments;
  // The root-relative paths the user named ("" for the whole root); empty
  // while the engine loads, before a run names any.
  std::vector<std::string> named;
  // A path as the user typed it (relative to the current directory, or
  // absolute) as a root-relative one; nullopt when it lies outside the root.
  std::function<std::optional<std::string>(const std::string&)> from_user;
  // What a root-relative path holds: "file", "directory", "other", or ""
  // when nothing is there.
  std::function<std::string(const std::string&)> type_of;
};

// A setting the frontend refuses: in the configuration (line and column of
// its section), or on the command line (line 0: the message names the option).
struct SettingError {
  bool in_configuration = false;
  int line = 0;
  int column = 0;
  std::string message;
};

// What Context::load answers: the file, or why it cannot be read
// ("outside the repository root", "no such file").
struct Loaded {
  ir::FileId file = ir::kNoFile;
  std::string error;
  bool ok() const { return file != ir::kNoFile; }
};

// What Context::list answers: the names of a directory's regular files,
// sorted, or why it cannot be listed.
struct Listed {
  std::vector<std::string> names;
  std::string error;  // "" when listed
  bool ok() const { return error.empty(); }
};

// A data file a frontend reads beside the rule pack: a YAML file from a folder
// the frontend names (`Frontend::data_folders`) in the built-in rules/ or in a
// user's rule directory (Terraform's module table, rules/terraform-modules/).
struct DataFile {
  std::string path;  // as shown in errors: rules/terraform-modules/rds.yaml
  std::string text;
};

// Data files by folder name, built-in files first, then each user rule
// directory's in the order they are read: a later file may override an
// earlier one's entries; what an entry means is the frontend's to say.
using DataFiles = std::map<std::string, std::vector<DataFile>, std::less<>>;

// What is wrong in a data file, as a configuration error (path:line:col).
struct DataError {
  std::string path;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
  std::string message;
};

struct Context {
  ir::Model& model;
  // Reads a file by its root-relative path (a local module's sources). A file
  // the walk already read is returned as it is: one file, one id.
  std::function<Loaded(const std::string& path)> load;
  // Lists a directory by its root-relative path.
  std::function<Listed(const std::string& directory)> list;
  // Where the frontend adds the time it spends parsing (ir::Phase::Parse);
  // may be null.
  ir::Timings* timings = nullptr;
  // The run's limits (ir/limits.h), from `.blastwall.yaml`'s `limits:`.
  ir::Limits limits = ir::default_limits();
  // The data files of the folders frontends named (Frontend::data_folders);
  // null when there are none. Shared by every unit and thread: read only.
  const DataFiles* data = nullptr;
};

class Frontend {
 public:
  virtual ~Frontend() = default;
  virtual std::string_view name() const = 0;
  // Whether this frontend may read the file, judged by its root-relative path
  // alone: the engine reads only files some frontend wants.
  virtual bool wants(std::string_view path) const = 0;
  // How surely the file is this frontend's, judged by its root-relative path
  // and its text, on the scale below; 0 when it is not. Every frontend that
  // wants a file scores it and the highest score takes it; between equal
  // scores the frontend whose name sorts first (byte order) takes it, so the
  // order frontends were registered in never matters. A file nobody scores
  // above 0 is not analysed. `.blastwall.yaml` may force a frontend for a
  // glob (`frontends: {cloudformation: ["infra/**/*.yaml"]}`), whatever the
  // scores. The scale, so that frontends written apart agree:
  //   100  the path alone says so (Terraform's `.tf`, `.tfvars`)
  //    95  the file's place says so, above what its text looks like (Helm:
  //        a file inside a chart directory, whose templates look like
  //        Kubernetes manifests but are the chart's)
  //    90  a marker only this language writes (CloudFormation
  //        `AWSTemplateFormatVersion`, or `Resources` whose entries have
  //        `Type: AWS::…`)
  //    80  the language's required shape (Kubernetes `apiVersion` with
  //        `kind`; compose `services:` in a compose file name)
  //    50  a shape others may share (compose `services:` in another name)
  //    10  any file of the format (plain configuration: what nobody else claims)
  //     0  not this frontend's
  virtual int claim(std::string_view path, std::string_view text) const = 0;
  // Groups the files it claimed (all of them, across the repository) into
  // units. `files` are in path order; units come back in the order to report them.
  virtual std::vector<Unit> plan_units(const std::vector<ir::FileId>& files,
                                       const ir::SourceManager& sources) = 0;
  // Takes the user's settings for this frontend before it plans; false, with
  // `errors`, when they are wrong. The engine calls it once when it loads
  // (to refuse a wrong configuration before anything is read) and again on
  // the frontend that plans a run, with the named paths. A frontend with no
  // settings refuses any.
  virtual bool configure(const Settings& settings, std::vector<SettingError>& errors) {
    size_t before = errors.size();
    if (settings.section.IsDefined() && !settings.section.IsNull()) {
      YAML::Mark mark = settings.section.Mark();
      errors.push_back({true, mark.line + 1, mark.column + 1,
                        "the " + std::string(name()) + " frontend takes no settings"});
    }
    for (const auto& argument : settings.arguments)
      errors.push_back({false, 0, 0,
                        "--" + argument.first + " is not an option of the " + std::string(name()) +
                            " frontend"});
    return errors.size() == before;
  }
  // What the settings asked for that the plan could not give, each a usage
  // error of the run (a command-line variable file for which no named path
  // holds a root module, say). Asked after plan_units.
  virtual std::vector<std::string> unused_settings() const { return {}; }
  virtual void analyze(const Unit& unit, Context& context) = 0;
  // The comments of a file it claimed, found by its own lexer, in file
  // order; a language without comments (JSON) reports none. The engine asks
  // only for files whose text holds a suppression marker, from any thread.
  virtual std::vector<ir::Comment> comments(const ir::SourceFile& /*file*/) const { return {}; }
  // Folders of a rule directory whose YAML files this frontend reads as data
  // (Terraform: `terraform-modules`). The engine reads them in the built-in
  // pack and in every user rule directory alike, hands them to each unit
  // through Context::data, and never looks inside.
  virtual std::vector<std::string> data_folders() const { return {}; }
  // Checks the data files once, when the engine loads: what is wrong in them
  // is a configuration error, like a rule that does not compile.
  virtual std::vector<DataError> check_data(const DataFiles& /*data*/) const { return {}; }
};

}  // namespace bw::frontends
