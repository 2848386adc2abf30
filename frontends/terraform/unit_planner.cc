#include "frontends/terraform/unit_planner.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "frontends/terraform/hcl_json.h"
#include "frontends/terraform/module_calls.h"

namespace bw::frontends::terraform {

namespace {

// The repository root sorts first; other directories by name.
struct DirectoryOrder {
  bool operator()(const std::string& a, const std::string& b) const {
    if (a == "." || b == ".") return a == "." && b != ".";
    return a < b;
  }
};

// A directory holding Terraform files, and the local modules it calls.
struct Directory {
  std::vector<std::pair<std::string, ir::FileId>> files;  // root-relative path, id
  std::set<std::string> calls;                            // other directories it calls
  bool called = false;
  bool reached = false;
};

}  // namespace

std::vector<Unit> plan_root_modules(const std::vector<ir::FileId>& files,
                                    const ir::SourceManager& sources) {
  std::map<std::string, Directory, DirectoryOrder> directories;
  for (ir::FileId id : files) {
    const ir::SourceFile& file = sources.file(id);
    const std::string& path = file.relative.empty() ? file.path : file.relative;
    directories[parent_directory(path)].files.emplace_back(path, id);
  }
  for (auto& [name, directory] : directories) {
    for (const auto& [path, id] : directory.files) {
      std::vector<ModuleSource> calls;
      if (path.ends_with(".tf"))
        calls = scan_module_sources(sources.file(id).text);
      else if (is_json_configuration(path))
        calls = scan_json_module_sources(sources.file(id).text);
      for (const ModuleSource& call : calls) {
        if (!is_local_source(call.source)) continue;
        std::string callee = join_path(name, call.source);
        auto found = directories.find(callee);
        if (callee == name || found == directories.end()) continue;
        directory.calls.insert(callee);
        found->second.called = true;
      }
    }
  }

  auto reach = [&](const std::string& start) {
    std::vector<std::string> pending{start};
    while (!pending.empty()) {
      Directory& directory = directories.at(pending.back());
      pending.pop_back();
      if (directory.reached) continue;
      directory.reached = true;
      pending.insert(pending.end(), directory.calls.begin(), directory.calls.end());
    }
  };
  std::set<std::string> roots;
  for (const auto& [name, directory] : directories)
    if (!directory.called) roots.insert(name);
  for (const std::string& root : roots) reach(root);
  for (auto& [name, directory] : directories) {
    if (directory.reached) continue;
    roots.insert(name);
    reach(name);
  }

  std::vector<Unit> units;
  for (auto& [name, directory] : directories) {
    if (!roots.count(name)) continue;
    std::sort(directory.files.begin(), directory.files.end());
    Unit unit{name, name, {}, "", {}};
    for (const auto& [path, id] : directory.files) unit.files.push_back(id);
    units.push_back(std::move(unit));
  }
  return units;
}

}  // namespace bw::frontends::terraform
