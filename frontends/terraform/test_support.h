#pragma once
// Test helpers: a model with some Terraform files, analysed by the frontend
// as one directory, and short ways to reach what it produced. Paths are
// root-relative, as the engine gives them.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "frontends/terraform/terraform_frontend.h"

namespace bw::frontends::terraform::testing {

struct Analysis {
  ir::Model model;
  std::vector<ir::FileId> files;

  ir::FileId add(std::string path, std::string text, std::string environment = "") {
    ir::FileId id = model.sources.add(path, std::move(text), path);
    model.sources.file(id).environment = std::move(environment);
    files.push_back(id);
    return id;
  }

  // Files only reachable through Context::load and Context::list, as local
  // modules are: path -> text.
  std::map<std::string, std::string> disk;
  std::set<std::string> unreadable;  // listed, but loading them fails
  size_t loads = 0;
  ir::Limits limits;  // the run's limits, as `.blastwall.yaml` would set them
  // What the unit's planner would give it: variable files and --var values
  // (Unit::inputs), and an environment's name (Unit::environment).
  std::vector<std::pair<std::string, std::string>> inputs;
  std::string environment;
  const DataFiles* data = nullptr;  // the frontends' data files (the module table)

  // Answers load and list as the engine does: refusing paths outside the
  // root, and a directory that holds no file.
  Analysis& run(std::string directory = ".") {
    auto outside = [](const std::string& path) { return path == ".." || path.starts_with("../"); };
    auto load = [this, outside](const std::string& path) -> Loaded {
      if (outside(path)) return {ir::kNoFile, "outside the repository root"};
      auto found = disk.find(path);
      if (found == disk.end()) return {ir::kNoFile, "no such file"};
      if (unreadable.count(path)) return {ir::kNoFile, "permission denied"};
      ++loads;
      return {model.sources.add(path, found->second, path), ""};
    };
    auto list = [this, outside](const std::string& directory) -> Listed {
      if (outside(directory)) return {{}, "outside the repository root"};
      Listed listed;
      std::string prefix = directory == "." ? "" : directory + "/";
      for (const auto& [path, text] : disk)
        if (path.compare(0, prefix.size(), prefix) == 0 &&
            path.find('/', prefix.size()) == std::string::npos)
          listed.names.push_back(path.substr(prefix.size()));
      if (listed.names.empty()) listed.error = "no such directory";
      return listed;
    };
    Context context{model, load, list};
    context.limits = limits;
    context.data = data;
    TerraformFrontend frontend;
    frontend.analyze(Unit{directory, directory, files, environment, inputs}, context);
    return *this;
  }

  const ir::Resource* resource(const std::string& address) const {
    for (const ir::Resource& resource : model.resources)
      if (resource.address == address) return &resource;
    return nullptr;
  }

  // An attribute of a resource by a dotted path; list items by number ("lifecycle.0.x").
  const ir::Value* attribute(const std::string& address, const std::string& path) const {
    const ir::Resource* found = resource(address);
    if (!found) return nullptr;
    const ir::Value* value = &found->attributes;
    size_t start = 0;
    while (value && start <= path.size()) {
      size_t dot = path.find('.', start);
      std::string part =
          path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (value->is_list()) {
        size_t index = std::stoul(part);
        value = index < value->items().size() ? &value->items()[index] : nullptr;
      } else {
        value = value->get(part);
      }
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return value;
  }

  std::vector<std::string> messages() const {
    std::vector<std::string> result;
    for (const ir::Diagnostic& diagnostic : model.diagnostics) result.push_back(diagnostic.message);
    return result;
  }

  bool has_message(const std::string& part) const {
    for (const ir::Diagnostic& diagnostic : model.diagnostics)
      if (diagnostic.message.find(part) != std::string::npos) return true;
    return false;
  }
};

// Evaluates one expression as the argument `x` of a resource, with `extra`
// configuration (variables, locals) beside it.
inline ir::Value evaluate(const std::string& expression, const std::string& extra = "") {
  Analysis analysis;
  analysis.add("main.tf", extra + "\nresource \"t\" \"r\" {\n  x = " + expression + "\n}\n");
  analysis.run();
  const ir::Value* value = analysis.attribute("t.r", "x");
  return value ? *value : ir::Value::unknown("test: resource or attribute missing");
}

}  // namespace bw::frontends::terraform::testing
