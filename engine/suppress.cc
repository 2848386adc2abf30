#include "engine/suppress.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "compiler/rule.h"
#include "engine/analyse.h"

namespace bw::engine {

namespace {

constexpr std::string_view kMarker = "blastwall:ignore";

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

// Where a file's comments lie, to tell a line of code from one that holds
// only blanks and comments.
class CommentRanges {
 public:
  CommentRanges(const ir::SourceFile& file, const std::vector<ir::Comment>& comments)
      : file_(file) {
    for (const ir::Comment& c : comments)
      ranges_.emplace_back(c.span.begin.offset, c.span.end.offset);
    std::sort(ranges_.begin(), ranges_.end());
  }

  // Whether text[from, to) holds only blanks and comments.
  bool only_comments(uint32_t from, uint32_t to) const {
    to = std::min<uint32_t>(to, static_cast<uint32_t>(file_.text.size()));
    while (from < to) {
      if (is_blank(file_.text[from])) {
        ++from;
        continue;
      }
      // The last comment starting at or before `from` must hold it.
      auto after =
          std::upper_bound(ranges_.begin(), ranges_.end(), std::make_pair(from, UINT32_MAX));
      if (after == ranges_.begin() || std::prev(after)->second <= from) return false;
      from = std::prev(after)->second;
    }
    return true;
  }
  uint32_t line_begin(uint32_t line) const { return file_.line_starts[line - 1]; }
  uint32_t line_end(uint32_t line) const {
    return line < file_.line_count() ? file_.line_starts[line]
                                     : static_cast<uint32_t>(file_.text.size());
  }
  bool line_only_comments(uint32_t line) const {
    return only_comments(line_begin(line), line_end(line));
  }

 private:
  const ir::SourceFile& file_;
  std::vector<std::pair<uint32_t, uint32_t>> ranges_;
};

// The line a comment covers (see suppress.h): its own when code shares its
// first or last line, else the next line holding code.
uint32_t covered_line(const ir::Comment& comment, const CommentRanges& ranges,
                      const ir::SourceFile& file) {
  uint32_t begin = comment.span.begin.offset, end = comment.span.end.offset;
  uint32_t first = comment.span.begin.line;
  uint32_t last = end > begin ? file.position_at(end - 1).line : first;
  if (!ranges.only_comments(ranges.line_begin(first), begin)) return first;
  if (!ranges.only_comments(end, ranges.line_end(last))) return last;
  uint32_t next = last + 1;
  while (next <= file.line_count() && ranges.line_only_comments(next)) ++next;
  return next;
}

// The suppression written on one line of a comment: `text` runs from the
// marker to the end of that line (without a block comment's `*/`).
CommentSuppression read_suppression(std::string_view text) {
  CommentSuppression s;
  std::string_view rest = text.substr(kMarker.size());
  size_t dashes = rest.find("--");
  if (dashes != std::string_view::npos) s.reason = std::string(trim(rest.substr(dashes + 2)));
  // Rule ids (letters, then digits), separated by spaces or commas; the list
  // ends at the first word that is not one, so text that follows on the line
  // (another comment, a note without `--`) is never taken for rule ids.
  std::string_view ids = rest.substr(0, dashes);
  size_t i = 0;
  while (i < ids.size()) {
    while (i < ids.size() && (ids[i] == ' ' || ids[i] == '\t' || ids[i] == ',')) ++i;
    size_t begin = i;
    while (i < ids.size() && std::isalnum(static_cast<unsigned char>(ids[i]))) ++i;
    std::string_view word = ids.substr(begin, i - begin);
    if (word.empty() || !compiler::valid_rule_id(word)) break;
    s.rules.emplace_back(word);
  }
  return s;
}

}  // namespace

std::vector<CommentSuppression> find_suppressions(const ir::SourceFile& file,
                                                  const std::vector<ir::Comment>& comments) {
  std::vector<CommentSuppression> out;
  if (file.line_starts.empty()) return out;
  std::optional<CommentRanges> ranges;
  for (const ir::Comment& comment : comments) {
    if (comment.text.find(kMarker) == std::string::npos) continue;
    // A span outside the file is a frontend's bug; it must not cost the run.
    if (comment.span.begin.line == 0 || comment.span.begin.offset > comment.span.end.offset ||
        comment.span.end.offset > file.text.size())
      continue;
    if (!ranges) ranges.emplace(file, comments);
    uint32_t target = covered_line(comment, *ranges, file);
    std::string_view text = comment.text;
    bool block = text.starts_with("/*") && text.ends_with("*/");
    if (block) text.remove_suffix(2);
    // Each line of the comment that holds the marker is one suppression.
    for (size_t line_begin = 0; line_begin <= text.size();) {
      size_t line_end = std::min(text.find('\n', line_begin), text.size());
      std::string_view line = text.substr(line_begin, line_end - line_begin);
      if (size_t at = line.find(kMarker); at != std::string_view::npos) {
        CommentSuppression s = read_suppression(line.substr(at));
        ir::Position where =
            file.position_at(comment.span.begin.offset + static_cast<uint32_t>(line_begin + at));
        s.file = file.id;
        s.comment_line = where.line;
        s.column = where.column;
        s.target_line = target;
        out.push_back(std::move(s));
      }
      line_begin = line_end + 1;
    }
  }
  return out;
}

CommentReader comments_from_frontends(
    const ir::Model& model, const std::vector<std::unique_ptr<frontends::Frontend>>& frontends) {
  std::vector<std::string_view> names = frontend_of_files(model);
  std::vector<const frontends::Frontend*> claimed(names.size(), nullptr);
  for (size_t id = 0; id < names.size(); ++id)
    for (const auto& frontend : frontends)
      if (!names[id].empty() && frontend->name() == names[id]) claimed[id] = frontend.get();
  return [claimed = std::move(claimed)](const ir::SourceFile& file) -> std::vector<ir::Comment> {
    if (file.id >= claimed.size() || !claimed[file.id]) return {};
    return claimed[file.id]->comments(file);
  };
}

void apply_suppressions(const ir::Model& model, const std::vector<ir::FileId>& files,
                        const CommentReader& comments, std::vector<ir::Finding>& findings,
                        std::vector<ir::Diagnostic>& warnings) {
  std::vector<CommentSuppression> all;
  for (ir::FileId id : files) {
    const ir::SourceFile& file = model.sources.file(id);
    if (!file.origins.empty()) continue;  // rendered output: comments live in the template
    // The common case, cheaply: no frontend is asked to lex the file again.
    if (!comments || file.text.find(kMarker) == std::string::npos) continue;
    auto found = find_suppressions(file, comments(file));
    all.insert(all.end(), found.begin(), found.end());
  }
  std::vector<bool> used(all.size(), false);

  // Suppressions by the line they cover: a finding looks up only its own
  // lines (its span, its resource's header, the calls that made it), not
  // every suppression of the run.
  std::map<std::pair<ir::FileId, uint32_t>, std::vector<size_t>> by_line;
  for (size_t i = 0; i < all.size(); ++i) by_line[{all[i].file, all[i].target_line}].push_back(i);
  auto mark = [&](const ir::Span& span, const ir::Finding& f, bool& suppressed) {
    auto it = by_line.find({span.file, span.begin.line});
    if (it == by_line.end()) return;
    for (size_t i : it->second) {
      const CommentSuppression& s = all[i];
      if (std::find(s.rules.begin(), s.rules.end(), f.rule) == s.rules.end()) continue;
      used[i] = true;
      // Without a reason the finding stays: the suppression is reported instead.
      if (!s.reason.empty()) suppressed = true;
    }
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
    if (!by_line.empty()) {
      mark(f.span, f, suppressed);
      mark(f.resource_span, f, suppressed);
      for (const ir::Span& call : f.via) mark(call, f, suppressed);
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
