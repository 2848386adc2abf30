// The text format, for people: each finding like a compiler error (location,
// severity, message, the source line with a caret, notes and the fix), then a
// one-line summary; `blastwall rules` as a table.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "ir/environment.h"
#include "ir/limits.h"
#include "report/ordered.h"
#include "report/terminal.h"
#include "report/writer.h"

namespace bw::report {

namespace {

struct Palette {
  bool on;
  const char* bold() const { return on ? "\033[1m" : ""; }
  const char* reset() const { return on ? "\033[0m" : ""; }
  const char* dim() const { return on ? "\033[2m" : ""; }
  const char* green() const { return on ? "\033[32m" : ""; }
  const char* cyan() const { return on ? "\033[36m" : ""; }
  const char* severity(ir::Severity s) const {
    if (!on) return "";
    switch (s) {
      case ir::Severity::Critical:
      case ir::Severity::High:
        return "\033[1;31m";
      case ir::Severity::Medium:
        return "\033[1;33m";
      default:
        return "\033[1;34m";
    }
  }
};

// The quoted line with its number, and a caret under the span (to its end on
// that line). The line is shown as a terminal must be given it
// (report/terminal.h): escaped, and cut around the caret when it is long.
void append_snippet(std::string& out, const ir::SourceFile& file, const ir::Span& span,
                    const Palette& c) {
  std::string_view line = file.line_text(span.begin.line);
  if (line.empty()) return;
  std::string number = std::to_string(span.begin.line);
  std::string gutter(number.size(), ' ');
  auto bar = [&](std::string_view left) {
    out += c.dim();
    out += left;
    out += " |";
    out += c.reset();
  };
  // Columns count bytes.
  size_t begin = std::max<uint32_t>(span.begin.column, 1) - 1;
  size_t end = span.end.line == span.begin.line && span.end.column > begin + 1 ? span.end.column - 1
                                                                               : line.size();
  ShownLine shown = show_line(line, begin, end, kSnippetWidth);
  bar(gutter);
  out += '\n';
  bar(number);
  out += ' ';
  out += shown.text;
  out += '\n';
  bar(gutter);
  out += ' ';
  out += c.green();
  out.append(shown.caret, ' ');
  out += '^';
  if (shown.width > 1) out.append(shown.width - 1, '~');
  out += c.reset();
  out += '\n';
}

// A finding as a compiler error: location, severity, message, the snippet,
// then notes.
void append_finding(std::string& out, const ir::SourceManager& sources, const ir::Finding& f,
                    const Palette& c, bool show_fix) {
  auto note = [&](std::string_view label, std::string_view text) {
    out += "  ";
    out += c.cyan();
    out += "= ";
    out += label;
    out += ':';
    out += c.reset();
    out += ' ';
    append_for_terminal(out, text, label == "fix");
    out += '\n';
  };
  auto location = [&](const ir::Span& span) {
    append_for_terminal(out, sources.file(span.file).path);
    out += ':';
    out += std::to_string(span.begin.line);
    out += ':';
    out += std::to_string(span.begin.column);
  };
  bool has_span = f.span.valid();
  out += c.bold();
  if (has_span) {
    location(f.span);
    out += ": ";
  }
  out += c.reset();
  out += c.severity(f.severity);
  out += ir::to_string(f.severity);
  out += c.reset();
  out += ": ";
  out += c.bold();
  append_for_terminal(out, f.message);
  out += c.reset();
  out += " [";
  append_for_terminal(out, f.rule);
  out += ']';
  if (f.unknown) out += " (unknown)";
  out += '\n';
  if (has_span) append_snippet(out, sources.file(f.span.file), f.span, c);
  // Code reached through a call stands for one instance among several, and
  // so does a root module analysed once per environment (`infra [production]`): say which.
  if (!f.via.empty() || f.instance.ends_with(']'))
    note("in", std::string(f.resource) +
                   (f.instance.empty() ? "" : ", of instance " + std::string(f.instance)));
  if (!f.note.empty()) note("note", f.note);
  // An environment taken from the root's own name is a guess: say where it came from.
  if (f.environment_reason.starts_with(ir::kRootNameReason))
    note("note", "environment " + f.environment + ", from " + std::string(f.environment_reason));
  for (const ir::Related& r : f.related) {
    if (!r.span.valid()) continue;
    note("note", sources.file(r.span.file).path + ":" + std::to_string(r.span.begin.line) + ":" +
                     std::to_string(r.span.begin.column) + ": " + r.message);
  }
  if (f.unknown && !f.because.empty()) note("note", "not proven: " + f.because);
  if (show_fix && !f.fix.empty()) note("fix", f.fix);
  out += '\n';
}

// An error, a warning, or a value past a limit (a note), like a compiler's.
void write_diagnostic(std::ostream& out, const ir::SourceManager& sources, const ir::Diagnostic& d,
                      const Palette& c) {
  bool has_span = d.span.valid();
  std::string text = c.bold();
  append_for_terminal(text, has_span ? std::string_view(sources.file(d.span.file).path) : d.path);
  if (has_span)
    text += ":" + std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.column);
  text += ": ";
  text += c.reset();
  switch (d.level) {
    case ir::DiagnosticLevel::Warning:
      text += c.severity(ir::Severity::Medium);
      text += "warning";
      break;
    case ir::DiagnosticLevel::Limit:
    case ir::DiagnosticLevel::NotAnalysed:
      text += c.cyan();
      text += "note";
      break;
    case ir::DiagnosticLevel::Error:
      text += c.severity(ir::Severity::High);
      text += "error";
      break;
  }
  text += c.reset();
  text += ": ";
  append_for_terminal(text, d.message);
  text += '\n';
  if (has_span) append_snippet(text, sources.file(d.span.file), d.span, c);
  out << text;
}

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Files with an error in the input: each such error is an unanalyzable
// finding, unless a suppression or the rule's selection hid it. The count
// comes from the errors too, so that nothing hides it.
size_t files_with_errors(const engine::Result& result) {
  const auto& sources = result.model.sources;
  std::set<std::string_view> files;
  for (const ir::Finding& f : result.findings)
    if (f.category == "unanalyzable" && f.span.valid())
      files.insert(sources.file(f.span.file).path);
  for (const ir::Diagnostic& d : result.errors)
    if (d.level == ir::DiagnosticLevel::Error && d.unanalyzable)
      files.insert(d.span.valid() ? std::string_view(sources.file(d.span.file).path)
                                  : std::string_view(d.path));
  return files.size();
}

// The summary's line for values past blastwall's limits: how many, and which
// limits, in ir/limits.h's order; a bound that is no configurable limit (a
// number beyond exact arithmetic) by its message's summary, before its first
// ':', in the order first met.
std::string limits_line(const std::vector<ir::Diagnostic>& limits, bool shown) {
  std::vector<size_t> counts(std::size(ir::kLimitNames), 0);
  std::vector<std::pair<std::string_view, size_t>> others;
  for (const ir::Diagnostic& d : limits) {
    size_t which = std::size(ir::kLimitNames);  // a bound of no limit's name
    size_t earliest = std::string::npos;
    for (size_t i = 0; i < std::size(ir::kLimitNames); ++i) {
      size_t at = d.message.find(ir::kLimitNames[i]);
      if (at < earliest) {
        earliest = at;
        which = i;
      }
    }
    if (which < counts.size()) {
      ++counts[which];
      continue;
    }
    std::string_view summary = std::string_view(d.message).substr(0, d.message.find(':'));
    auto known = std::find_if(others.begin(), others.end(),
                              [&](const auto& o) { return o.first == summary; });
    if (known == others.end())
      others.emplace_back(summary, 1);
    else
      ++known->second;
  }
  std::string parts;
  auto add = [&parts](std::string_view name, size_t count) {
    if (!count) return;
    if (!parts.empty()) parts += ", ";
    parts += name;
    if (count > 1) parts += " \u00d7" + std::to_string(count);
  };
  for (size_t i = 0; i < counts.size(); ++i) add(ir::kLimitNames[i], counts[i]);
  for (const auto& [summary, count] : others) add(summary, count);
  size_t n = limits.size();
  return std::to_string(n) + (n == 1 ? " value is" : " values are") + " unknown because " +
         (n == 1 ? "it" : "they") + " hit blastwall's limits (" + parts + ")" +
         (shown ? "" : "; --unknown=report shows where") +
         "; docs/LIMITS.md says how to raise them\n";
}

// The summary's lines for parts of the input not analysed, one per group, in
// the order groups are first met: "2 module calls are not analysed: remote
// modules neither installed nor in blastwall's module table (...)".
std::string not_analysed_lines(const std::vector<ir::Diagnostic>& parts, bool shown) {
  std::vector<std::pair<const ir::NotAnalysedGroup*, size_t>> groups;
  static const ir::NotAnalysedGroup kOther{"part", "parts", "outside what blastwall reads"};
  for (const ir::Diagnostic& d : parts) {
    const ir::NotAnalysedGroup* group = d.group ? d.group : &kOther;
    auto known = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return g.first->one == group->one && g.first->why == group->why;
    });
    if (known == groups.end())
      groups.emplace_back(group, 1);
    else
      ++known->second;
  }
  std::string out;
  for (const auto& [group, count] : groups) {
    out += std::to_string(count) + " ";
    out += count == 1 ? group->one : group->many;
    out += count == 1 ? " is" : " are";
    out += " not analysed: ";
    out += group->why;
    out += shown ? "\n" : "; --unknown=report shows where\n";
  }
  return out;
}

// --stats: where the time went, summed over threads, the memory it took and
// which frontends read the files.
void write_phases(std::ostream& out, const engine::Stats& stats,
                  std::chrono::steady_clock::time_point report_start) {
  auto phase_ms = phase_ms_with_report(stats, report_start);
  double total = 0;
  for (double ms : phase_ms) total += ms;
  char line[96];
  out << "\nphase        thread-ms   share\n";
  for (size_t p = 0; p < phase_ms.size(); ++p) {
    std::snprintf(line, sizeof line, "%-11s %10.1f  %5.1f%%\n",
                  std::string(ir::to_string(static_cast<ir::Phase>(p))).c_str(), phase_ms[p],
                  total > 0 ? 100 * phase_ms[p] / total : 0.0);
    out << line;
  }
  std::snprintf(line, sizeof line, "%-11s %10.1f\n", "total", total);
  out << line;
  double mb = static_cast<double>(stats.bytes) / 1e6;
  std::snprintf(line, sizeof line,
                "read %.1f MB in %zu units; wall %.0f ms; peak memory %.1f MiB\n", mb, stats.units,
                stats.elapsed_ms, static_cast<double>(peak_memory_kib()) / 1024);
  out << line;
  if (!stats.frontend_files.empty()) {
    const char* separator = "files by frontend: ";
    for (const auto& [frontend, files] : stats.frontend_files) {
      out << separator << frontend << " " << files;
      separator = ", ";
    }
    out << "\n";
  }
}

class TextWriter final : public Writer {
 public:
  using Writer::Writer;

  void write(std::ostream& out, const Run& run) const override {
    auto start = std::chrono::steady_clock::now();
    const engine::Result& result = run.result;
    Palette c{options().color};
    const auto& sources = result.model.sources;
    // An error that is also an unanalyzable finding is shown once, as the finding.
    std::set<std::tuple<ir::FileId, uint32_t, uint32_t>> shown_as_finding;
    for (const ir::Finding& f : result.findings)
      if (f.category == "unanalyzable")
        shown_as_finding.emplace(f.span.file, f.span.begin.line, f.span.begin.column);
    for (const ir::Diagnostic& d : result.errors)
      if (!shown_as_finding.count({d.span.file, d.span.begin.line, d.span.begin.column}))
        write_diagnostic(out, sources, d, c);
    for (const ir::Diagnostic& d : result.warnings) write_diagnostic(out, sources, d, c);
    // Values past a limit are unknowns: each is shown, where, with --unknown=report.
    if (options().report_unknown)
      for (const ir::Diagnostic& d : result.limits) write_diagnostic(out, sources, d, c);
    // So are parts not analysed (a remote module outside the table): each is
    // shown at its place, with its reason and remedy, with --unknown=report.
    if (options().report_unknown)
      for (const ir::Diagnostic& d : result.not_analysed) write_diagnostic(out, sources, d, c);
    render_in_order(
        result.findings.size(), result.stats.jobs,
        [&](size_t begin, size_t end, std::string& text) {
          for (size_t i = begin; i < end; ++i)
            append_finding(text, sources, result.findings[i], c, options().show_fix);
        },
        [&](const std::string& text) {
          out.write(text.data(), static_cast<std::streamsize>(text.size()));
        });

    std::map<ir::Severity, size_t> counts;
    for (const ir::Finding& f : result.findings) ++counts[f.severity];
    out << c.bold();
    if (result.findings.empty()) {
      out << "no findings";
    } else {
      out << plural(result.findings.size(), "finding", "findings");
      std::string parts;
      for (auto it = counts.rbegin(); it != counts.rend(); ++it)
        parts += (parts.empty() ? "" : ", ") + std::to_string(it->second) + " " +
                 std::string(ir::to_string(it->first));
      out << " (" << parts << ")";
    }
    out << c.reset() << " in " << plural(result.stats.files, "file", "files") << ", ";
    if (size_t broken = files_with_errors(result))
      out << plural(broken, "file with errors", "files with errors") << ", ";
    out << plural(result.stats.resources, "resource", "resources") << ", "
        << plural(result.stats.rules, "rule", "rules") << ", "
        << static_cast<long>(result.stats.elapsed_ms + 0.5) << " ms\n";
    if (!result.limits.empty()) out << limits_line(result.limits, options().report_unknown);
    if (!result.not_analysed.empty())
      out << not_analysed_lines(result.not_analysed, options().report_unknown);
    if (options().stats) write_phases(out, result.stats, start);
  }

  bool lists_rules() const override { return true; }

  // One rule a line, in columns: id, severity, category, name, kinds.
  void write_rules(std::ostream& out, const compiler::RulePack& pack) const override {
    for (const auto& r : pack.rules()) {
      std::string kinds;
      for (const auto& k : r->kinds) kinds += (kinds.empty() ? "" : ",") + k;
      std::string severity(ir::to_string(r->severity));
      // A user's rule file may name a rule anything: escaped for the terminal.
      std::string id = for_terminal(r->id), category = for_terminal(r->category),
                  name = for_terminal(r->name);
      const char* format = "%-7s %-9s %-22s %-42s %s\n";
      int length = std::snprintf(nullptr, 0, format, id.c_str(), severity.c_str(), category.c_str(),
                                 name.c_str(), kinds.c_str());
      std::string line(static_cast<size_t>(length) + 1, '\0');
      std::snprintf(line.data(), line.size(), format, id.c_str(), severity.c_str(),
                    category.c_str(), name.c_str(), kinds.c_str());
      line.pop_back();  // snprintf's terminating NUL
      out << line;
    }
  }
};

}  // namespace

std::unique_ptr<Writer> make_text_writer(const WriterOptions& options) {
  return std::make_unique<TextWriter>(options);
}

}  // namespace bw::report
