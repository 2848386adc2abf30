#pragma once
// The unit phase: every frontend plans its units from the files it claimed
// across the root; units are analysed in parallel, each into a model of its
// own (frontend, then normalise, link and the unit's rules), and merged into
// the run's model in plan order, so the result never depends on scheduling.

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/rule_pack.h"
#include "engine/config.h"
#include "engine/discover.h"
#include "engine/evaluate.h"
#include "engine/source.h"
#include "engine/workspace.h"
#include "frontends/frontend.h"
#include "ir/model.h"

namespace bw::engine {

struct AnalyseContext {
  const Source& source;
  const Workspace& workspace;
  const Config& config;
  const std::string& config_prefix;
  const compiler::RulePack& pack;
  const std::vector<std::string>& named;  // root-relative paths the user named
  unsigned jobs = 1;
  ir::Timings* timings = nullptr;
  // When set, the rules these options run are evaluated in each unit's
  // thread (their `reports` is the unit's scope), and the unit then keeps
  // only the resources `needs` keeps: its findings are made, the rest of
  // its model is no longer needed.
  const EvaluateOptions* unit_rules = nullptr;
  const RepositoryNeeds* needs = nullptr;
  // What discovery listed, by root-relative directory: Context::list answers
  // from it, and lists through the source only a directory the walk skipped.
  const std::unordered_map<std::string, std::vector<std::string>>* listed = nullptr;
  // The user's settings for a frontend by name (Engine::frontend_settings),
  // given to the frontend that plans; null: none.
  std::function<frontends::Settings(std::string_view)> settings;
  // Where what the settings asked for and the plans could not give goes
  // (Frontend::unused_settings), each a usage error; may be null.
  std::vector<std::string>* unused_settings = nullptr;
  // The frontends' data files (Frontend::data_folders), for Context::data.
  const frontends::DataFiles* data = nullptr;
};

// The frontend name of what the engine itself adds: the walk's unit and the
// resources that carry diagnostics.
inline constexpr std::string_view kWalkFrontend = "engine";

// Registers a file read from the root: its display path and its environment
// (the configuration's globs, else the words of its root-relative path).
ir::FileId register_file(ir::SourceManager& sources, const AnalyseContext& context,
                         const std::string& relative, std::string text);

// Plans and analyses the units of `files` (DiscoveredFile::frontend indexes
// frontends::make_frontends(), as discover() was given them), appending them
// to `model` and the findings of the unit rules to `findings`, in unit order.
void analyse_units(const AnalyseContext& context, std::vector<DiscoveredFile> files,
                   ir::Model& model, std::vector<ir::Finding>& findings);

// Turns problems that hide hazards into resources of kind diagnostic
// (reported by BW001) in a unit of their own: for what the walk could not
// read. `diagnostics` carry root-relative paths in Diagnostic::path.
void add_walk_unit(const AnalyseContext& context, std::vector<ir::Diagnostic> diagnostics,
                   ir::Model& model, std::vector<ir::Finding>& findings);

// The frontend that read each file, by file id: that of the first unit
// holding it as its own file, else of the first unit that reached it; ""
// for a file no frontend read (the walk's own errors). Suppressions ask this
// frontend for the file's comments, and stats count files per frontend by it.
std::vector<std::string_view> frontend_of_files(const ir::Model& model);

}  // namespace bw::engine
