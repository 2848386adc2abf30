#include "ir/model.h"

#include <algorithm>
#include <cstdint>

namespace bw::ir {

const std::vector<ResourceId>& RepositoryIndex::of_kind(std::string_view kind) const {
  static const std::vector<ResourceId> none;
  auto it = by_kind.find(std::string(kind));
  return it == by_kind.end() ? none : it->second;
}

std::vector<std::string> RepositoryIndex::environments_of(std::string_view literal) const {
  std::vector<std::string> out;
  auto it = literals.find(std::string(literal));
  if (it == literals.end()) return out;
  for (const LiteralUse& use : it->second)
    if (!use.environment.empty()) out.push_back(use.environment);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void Model::renumber_edges(const std::vector<ResourceId>& renumbered) {
  std::vector<Edge> kept;
  std::vector<size_t> new_index(edges.size(), SIZE_MAX);
  for (size_t e = 0; e < edges.size(); ++e) {
    ResourceId from = renumbered[edges[e].from], to = renumbered[edges[e].to];
    if (from == kDropped || to == kDropped) continue;
    new_index[e] = kept.size();
    kept.push_back({from, to, std::move(edges[e].relation), edges[e].span});
  }
  edges = std::move(kept);
  for (Resource& resource : resources) {
    std::vector<size_t> touching;
    for (size_t e : resource.edges)
      if (new_index[e] != SIZE_MAX) touching.push_back(new_index[e]);
    resource.edges = std::move(touching);
  }
}

Value planned_change(const std::vector<std::string>& actions,
                     const std::vector<std::string>& replace_paths, Span span) {
  auto strings = [&](const std::vector<std::string>& texts) {
    std::vector<Value> items;
    for (const std::string& text : texts) items.push_back(Value::string(text, span));
    return Value::list(std::move(items), span);
  };
  Value change = Value::object(span);
  change.set("actions", strings(actions));
  change.set("replace_paths", strings(replace_paths));
  return change;
}

}  // namespace bw::ir
