#include "engine/duplicates.h"

#include <map>
#include <string_view>
#include <tuple>

namespace bw::engine {

namespace {

bool same_place(const ir::Span& a, const ir::Span& b) {
  return a.file == b.file && a.begin.offset == b.begin.offset && a.end.offset == b.end.offset;
}

// Whether `a` says more than `b`: known over unknown, then a value over the header.
bool better(const ir::Finding& a, const ir::Finding& b) {
  if (a.unknown != b.unknown) return !a.unknown;
  bool a_precise = !same_place(a.span, a.resource_span);
  bool b_precise = !same_place(b.span, b.resource_span);
  return a_precise && !b_precise;
}

}  // namespace

void merge_duplicate_findings(std::vector<ir::Finding>& findings) {
  using Key = std::tuple<std::string_view, std::string_view, ir::FileId, std::string_view>;
  std::map<Key, size_t> first;  // the group's kept finding so far
  std::vector<bool> drop(findings.size(), false);
  bool any = false;
  for (size_t i = 0; i < findings.size(); ++i) {
    const ir::Finding& f = findings[i];
    if (f.resource.empty() || f.span.file == ir::kNoFile) continue;
    auto [at, added] = first.try_emplace(Key{f.rule, f.resource, f.span.file, f.instance}, i);
    if (added) continue;
    size_t& kept = at->second;
    if (findings[kept].unit == f.unit) continue;  // one unit never says a thing twice
    any = true;
    if (better(f, findings[kept])) {
      drop[kept] = true;
      kept = i;
    } else {
      drop[i] = true;
    }
  }
  if (!any) return;
  size_t out = 0;
  for (size_t i = 0; i < findings.size(); ++i)
    if (!drop[i]) {
      if (out != i) findings[out] = std::move(findings[i]);
      ++out;
    }
  findings.resize(out);
}

}  // namespace bw::engine
