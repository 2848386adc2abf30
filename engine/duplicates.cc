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

// A header many resources share (a count of thousands) is left alone: the
// pairing below is quadratic in it.
constexpr size_t kMostAtOneHeader = 64;

bool candidate(const ir::Finding& f) {
  return !f.resource.empty() && f.span.file != ir::kNoFile;
}

// Merges `f` (index i) into the group's kept finding, or starts the group.
template <typename Key>
void merge_into(std::map<Key, size_t>& kept_of, const Key& key, size_t i,
                std::vector<ir::Finding>& findings, std::vector<bool>& drop, bool& any) {
  auto [at, added] = kept_of.try_emplace(key, i);
  if (added) return;
  size_t& kept = at->second;
  if (findings[kept].unit == findings[i].unit) return;  // one unit never says a thing twice
  any = true;
  if (better(findings[i], findings[kept])) {
    drop[kept] = true;
    kept = i;
  } else {
    drop[i] = true;
  }
}

}  // namespace

void merge_duplicate_findings(std::vector<ir::Finding>& findings) {
  std::vector<bool> drop(findings.size(), false);
  bool any = false;
  // The same address.
  using Key = std::tuple<std::string_view, std::string_view, ir::FileId, std::string_view>;
  std::map<Key, size_t> by_address;
  for (size_t i = 0; i < findings.size(); ++i) {
    const ir::Finding& f = findings[i];
    if (candidate(f))
      merge_into(by_address, Key{f.rule, f.resource, f.span.file, f.instance}, i, findings, drop,
                 any);
  }
  // The one resource two units define at the same header, under addresses
  // that differ only in what one of them could not know (an index).
  using Header = std::tuple<std::string_view, ir::FileId, std::string_view, ir::FileId, uint32_t>;
  std::map<Header, std::vector<size_t>> by_header;
  for (size_t i = 0; i < findings.size(); ++i) {
    const ir::Finding& f = findings[i];
    if (!drop[i] && candidate(f) && f.resource_span.file != ir::kNoFile)
      by_header[{f.rule, f.span.file, f.instance, f.resource_span.file,
                 f.resource_span.begin.offset}]
          .push_back(i);
  }
  for (const auto& [header, group] : by_header) {
    if (group.size() > kMostAtOneHeader) continue;
    // Pairs from two units where one address extends the other, each the
    // other's only such partner.
    auto extends = [&](size_t longer, size_t shorter) {
      return findings[longer].unit != findings[shorter].unit &&
             findings[longer].resource.size() > findings[shorter].resource.size() &&
             findings[longer].resource.starts_with(findings[shorter].resource);
    };
    for (size_t shorter : group) {
      size_t partners = 0, partner = 0;
      for (size_t longer : group)
        if (extends(longer, shorter)) ++partners, partner = longer;
      if (partners != 1 || drop[shorter] || drop[partner]) continue;
      size_t back = 0;
      for (size_t other : group) back += extends(partner, other);
      if (back != 1) continue;
      any = true;
      drop[better(findings[partner], findings[shorter]) ? shorter : partner] = true;
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
