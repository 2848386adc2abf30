#pragma once
// What the user named decides what is reported (see Inputs::paths): a file in
// the named paths, or one reached from a unit whose own files are named.

#include <algorithm>
#include <string>
#include <vector>

#include "engine/discover.h"
#include "ir/model.h"

namespace bw::engine {

struct Scope {
  const std::vector<std::string>& named;  // root-relative
  const ir::Model& model;                 // its sources and units

  bool named_file(ir::FileId id) const {
    if (id == ir::kNoFile) return false;
    const std::string& relative = model.sources.file(id).relative;
    if (relative.empty()) return false;
    return std::any_of(named.begin(), named.end(),
                       [&](const std::string& n) { return path_within(relative, n); });
  }
  // In the named paths, or reached from a unit whose own files are.
  bool reports(ir::FileId file, ir::UnitId unit) const {
    if (named_file(file)) return true;
    if (unit >= model.units.size() || !model.units[unit].selected) return false;
    const auto& own = model.units[unit].files;
    return std::find(own.begin(), own.end(), file) == own.end();
  }
};

}  // namespace bw::engine
