#include "engine/link.h"

#include <map>
#include <set>

namespace bw::engine {

namespace {

struct Linker {
  ir::Model& model;
  // Addresses are unique within a unit; two root modules may both have aws_launch_template.app.
  std::map<std::pair<uint32_t, std::string>, ir::ResourceId, std::less<>> by_address;
  std::set<std::tuple<ir::ResourceId, ir::ResourceId, std::string>> seen;

  void walk(ir::ResourceId from, const ir::Value& value, const std::string& path) {
    for (const std::string& address : value.references()) {
      auto it = by_address.find(std::make_pair(model.resources[from].unit, address));
      if (it == by_address.end() || it->second == from) continue;
      if (!seen.insert({from, it->second, path}).second) continue;
      size_t index = model.edges.size();
      model.edges.push_back({from, it->second, path, value.span()});
      model.resources[from].edges.push_back(index);
      model.resources[it->second].edges.push_back(index);
    }
    if (value.is_unknown()) return;
    const auto& items = value.items();
    for (size_t i = 0; i < items.size(); ++i) {
      std::string child = path;
      if (value.is_object()) child += (child.empty() ? "" : ".") + value.keys()[i];
      walk(from, items[i], child);
    }
  }
};

}  // namespace

void link(ir::Model& model) {
  Linker linker{model, {}, {}};
  for (ir::ResourceId id = 0; id < model.resources.size(); ++id)
    linker.by_address.emplace(std::make_pair(model.resources[id].unit, model.resources[id].address),
                              id);
  for (ir::ResourceId id = 0; id < model.resources.size(); ++id)
    linker.walk(id, model.resources[id].attributes, "");
}

}  // namespace bw::engine
