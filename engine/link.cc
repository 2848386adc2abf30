#include "engine/link.h"

#include <map>
#include <set>

namespace bw::engine {

namespace {

struct Linker {
  ir::Model& model;
  // Addresses are unique within a unit, and link runs on one unit's model.
  std::map<std::string, ir::ResourceId, std::less<>> by_address;
  std::set<std::tuple<ir::ResourceId, ir::ResourceId, std::string>> seen;

  void connect(ir::ResourceId from, ir::ResourceId to, const std::string& path,
               const ir::Value& value) {
    if (to == from || !seen.insert({from, to, path}).second) return;
    model.connect(from, to, path, value.span());
  }

  void walk(ir::ResourceId from, const ir::Value& value, const std::string& path) {
    for (const std::string& address : value.references()) {
      auto it = by_address.find(address);
      if (it != by_address.end()) {
        connect(from, it->second, path, value);
        continue;
      }
      // A reference without an instance key to a repeated resource
      // (`aws_s3_bucket.b` when there are `aws_s3_bucket.b["logs"]`, ...):
      // every instance.
      std::string prefix = address + "[";
      for (it = by_address.lower_bound(prefix);
           it != by_address.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
        if (it->first.back() == ']' && it->first.find("].", prefix.size()) == std::string::npos)
          connect(from, it->second, path, value);
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

// A link the kinds expect, written, yet joined to no resource of that kind is
// not "no link": it is one blastwall cannot see.
static void find_unresolved(ir::Model& model, const compiler::Kinds& kinds) {
  for (ir::Resource& resource : model.resources) {
    const compiler::TypeMapping* mapping =
        kinds.mapping(resource.frontend, resource.provider_type, resource.is_data);
    if (!mapping || resource.kind.empty()) continue;
    for (const compiler::LinkMapping& link : mapping->links) {
      std::vector<const ir::Value*> written;
      for (const auto& path : link.from) {
        const ir::Value* unknown = nullptr;
        ir::values_at_path(resource.attributes, path, written, unknown);
        if (unknown) written.push_back(unknown);
      }
      if (written.empty()) continue;
      bool resolved = false;
      for (size_t index : resource.edges) {
        const ir::Edge& edge = model.edges[index];
        const ir::Resource& other =
            model.resources[&resource == &model.resources[edge.from] ? edge.to : edge.from];
        if (other.kind == link.kind) resolved = true;
      }
      if (resolved) continue;
      std::string why = "names no " + link.kind + " in the scanned files";
      ir::Span span = written[0]->span();
      for (const ir::Value* v : written)
        if (const ir::Value* u = ir::first_unknown(*v)) {
          why = u->unknown_reason();
          span = u->span();
          break;
        }
      resource.unresolved_links.emplace_back(
          link.kind, ir::Value::unknown("the " + link.kind + " of " + resource.address +
                                            " cannot be resolved: " + why,
                                        span));
    }
  }
}

void link(ir::Model& model, const compiler::Kinds& kinds) {
  Linker linker{model, {}, {}};
  for (ir::ResourceId id = 0; id < model.resources.size(); ++id)
    linker.by_address.emplace(model.resources[id].address, id);
  for (ir::ResourceId id = 0; id < model.resources.size(); ++id)
    linker.walk(id, model.resources[id].attributes, "");
  find_unresolved(model, kinds);
}

}  // namespace bw::engine
