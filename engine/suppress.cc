#include "engine/suppress.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace bw::engine {

static constexpr std::string_view kMarker = "blastwall:ignore";

static bool blank_or_comment(std::string_view line) {
  size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos) return true;
  std::string_view rest = line.substr(i);
  return rest[0] == '#' || rest.rfind("//", 0) == 0 || rest.rfind("--", 0) == 0 ||
         rest.rfind("/*", 0) == 0;
}

std::vector<CommentSuppression> find_suppressions(const ir::SourceFile& file) {
  std::vector<CommentSuppression> out;
  if (file.text.find(kMarker) == std::string::npos) return out;  // the common case, cheaply
  for (uint32_t line = 1; line <= file.line_count(); ++line) {
    std::string_view text = file.line_text(line);
    size_t at = text.find(kMarker);
    if (at == std::string_view::npos) continue;
    // Only inside a comment: the marker must follow a comment leader.
    std::string_view before = text.substr(0, at);
    bool in_comment =
        before.find('#') != std::string_view::npos || before.find("//") != std::string_view::npos ||
        before.find("--") != std::string_view::npos || before.find("/*") != std::string_view::npos;
    if (!in_comment) continue;
    CommentSuppression s;
    s.file = file.id;
    s.comment_line = line;
    s.column = static_cast<uint32_t>(at) + 1;
    std::string_view rest = text.substr(at + kMarker.size());
    size_t dashes = rest.find("--");
    std::string_view ids = rest.substr(0, dashes);
    if (dashes != std::string_view::npos) {
      std::string_view reason = rest.substr(dashes + 2);
      size_t b = reason.find_first_not_of(" \t");
      size_t e = reason.find_last_not_of(" \t*/");
      if (b != std::string_view::npos && e != std::string_view::npos && e >= b)
        s.reason = std::string(reason.substr(b, e - b + 1));
    }
    std::string current;
    for (char c : ids) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        current.push_back(c);
      } else if (!current.empty()) {
        s.rules.push_back(current);
        current.clear();
      }
    }
    if (!current.empty()) s.rules.push_back(current);
    // A comment alone on its line applies to the next line that is not a comment.
    if (blank_or_comment(before)) {
      uint32_t next = line + 1;
      while (next <= file.line_count() && blank_or_comment(file.line_text(next))) ++next;
      s.target_line = next;
    } else {
      s.target_line = line;
    }
    out.push_back(std::move(s));
  }
  return out;
}

void apply_suppressions(const ir::Model& model, const std::vector<ir::FileId>& files,
                        std::vector<ir::Finding>& findings, std::vector<ir::Diagnostic>& warnings) {
  std::vector<CommentSuppression> all;
  for (ir::FileId id : files) {
    const ir::SourceFile& file = model.sources.file(id);
    if (!file.origins.empty()) continue;  // rendered output: comments live in the template
    auto found = find_suppressions(file);
    all.insert(all.end(), found.begin(), found.end());
  }
  std::vector<bool> used(all.size(), false);

  auto at_line = [](const ir::Span& span, const CommentSuppression& s) {
    return span.file == s.file && span.begin.line == s.target_line;
  };
  auto matches = [&](const CommentSuppression& s, const ir::Finding& f) {
    if (std::find(s.rules.begin(), s.rules.end(), f.rule) == s.rules.end()) return false;
    if (at_line(f.span, s) || at_line(f.resource_span, s)) return true;
    return std::any_of(f.via.begin(), f.via.end(),
                       [&](const ir::Span& call) { return at_line(call, s); });
  };

  // Inline suppressions by the resource they sit on; addresses are unique within a unit.
  std::map<std::pair<ir::UnitId, std::string_view>, const ir::Resource*> by_address;
  for (const ir::Resource& r : model.resources)
    if (!r.suppressions.empty())
      by_address.emplace(std::make_pair(r.unit, std::string_view(r.address)), &r);

  size_t kept = 0;
  for (size_t index = 0; index < findings.size(); ++index) {
    ir::Finding& f = findings[index];
    bool suppressed = false;
    for (size_t i = 0; i < all.size(); ++i) {
      if (!matches(all[i], f)) continue;
      used[i] = true;
      // Without a reason the finding stays: the suppression is reported instead.
      if (!all[i].reason.empty()) suppressed = true;
    }
    if (auto it = by_address.find({f.unit, f.resource}); it != by_address.end())
      for (const ir::InlineSuppression& s : it->second->suppressions)
        if (s.rule == f.rule && !s.reason.empty()) suppressed = true;
    if (suppressed) continue;
    if (kept != index) findings[kept] = std::move(f);
    ++kept;
  }
  findings.resize(kept);

  for (size_t i = 0; i < all.size(); ++i) {
    const CommentSuppression& s = all[i];
    const ir::SourceFile& file = model.sources.file(s.file);
    ir::Span span{s.file, {0, s.comment_line, s.column}, {0, s.comment_line, s.column}};
    std::string ids;
    for (const std::string& r : s.rules) ids += (ids.empty() ? "" : ", ") + r;
    if (s.rules.empty())
      warnings.push_back({ir::DiagnosticLevel::Warning, span, file.path,
                          "suppression names no rule: write `blastwall:ignore BW101 -- reason`",
                          false});
    else if (s.reason.empty())
      warnings.push_back({ir::DiagnosticLevel::Warning, span, file.path,
                          "suppression of " + ids +
                              " gives no reason, so it suppresses nothing: add `-- why it is safe`",
                          false});
    else if (!used[i])
      warnings.push_back({ir::DiagnosticLevel::Warning, span, file.path,
                          "unused suppression: " + ids + " reports nothing here", false});
  }
  std::set<const ir::Resource*> seen;
  for (const auto& [key, resource] : by_address)
    for (const ir::InlineSuppression& s : resource->suppressions)
      if (s.reason.empty() && seen.insert(resource).second)
        warnings.push_back({ir::DiagnosticLevel::Warning, s.span, "",
                            "suppression of " + s.rule +
                                " gives no reason, so it suppresses nothing: add a reason",
                            false});
}

}  // namespace bw::engine
