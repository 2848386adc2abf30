// The JSON format: the versioned contract of DESIGN.md for scripts, and the
// rule pack as a list for `blastwall rules --format json`.

#include <chrono>
#include <memory>

#include "report/json_writer.h"
#include "report/ordered.h"
#include "report/writer.h"

namespace bw::report {

namespace {

void write_diagnostics(JsonWriter& json, const engine::Result& result,
                       const std::vector<ir::Diagnostic>& list) {
  const auto& sources = result.model.sources;
  json.begin_array();
  for (const ir::Diagnostic& d : list) {
    bool has_span = d.span.valid();
    json.begin_object();
    json.member("path", has_span ? std::string_view(sources.file(d.span.file).path) : d.path);
    json.member("line", has_span ? d.span.begin.line : 0);
    json.member("column", has_span ? d.span.begin.column : 0);
    json.member("message", d.message);
    if (d.group) json.member("what", d.group->one);
    json.end_object();
  }
  json.end_array();
}

void write_finding(JsonWriter& json, const ir::SourceManager& sources, const ir::Finding& f) {
  bool has_span = f.span.valid();
  json.begin_object();
  json.member("rule", f.rule);
  json.member("name", f.name);
  json.member("category", f.category);
  json.member("severity", ir::to_string(f.severity));
  json.member("path", has_span ? std::string_view(sources.file(f.span.file).path) : "");
  json.member("line", has_span ? f.span.begin.line : 0);
  json.member("column", has_span ? f.span.begin.column : 0);
  json.member("end_line", has_span ? f.span.end.line : 0);
  json.member("end_column", has_span ? f.span.end.column : 0);
  // An unknown finding says so in its message: the contract has no extra field for it.
  if (f.unknown)
    json.member("message", f.message + " (unknown: " + f.because + ")");
  else
    json.member("message", f.message);
  json.member("resource", f.resource);
  json.member("environment", f.environment);
  json.member("environment_reason", f.environment_reason);
  json.member("instance", f.instance);
  json.key("related");
  json.begin_array();
  for (const ir::Related& r : f.related) {
    if (!r.span.valid()) continue;
    json.begin_object();
    json.member("path", sources.file(r.span.file).path);
    json.member("line", r.span.begin.line);
    json.member("column", r.span.begin.column);
    json.member("message", r.message);
    json.end_object();
  }
  json.end_array();
  json.member("fingerprint", f.fingerprint);
  json.end_object();
}

// The contract of DESIGN.md, version 1: fields are added, never renamed.
class JsonReportWriter final : public Writer {
 public:
  using Writer::Writer;

  void write(std::ostream& out, const Run& run) const override {
    auto start = std::chrono::steady_clock::now();
    const engine::Result& result = run.result;
    JsonWriter json(out);
    json.begin_object();
    json.member("version", 1);
    json.key("findings");
    json.begin_array();
    render_in_order(
        result.findings.size(), result.stats.jobs,
        [&](size_t begin, size_t end, std::string& out) {
          JsonWriter part = json.branch(begin > 0);
          for (size_t i = begin; i < end; ++i)
            write_finding(part, result.model.sources, result.findings[i]);
          out = part.take();
        },
        [&](const std::string& rendered) { json.splice(rendered); });
    json.end_array();
    json.key("errors");
    write_diagnostics(json, result, result.errors);
    json.key("warnings");
    write_diagnostics(json, result, result.warnings);
    // Values past one of blastwall's limits, unknown for it: the message names the limit.
    json.key("limits");
    write_diagnostics(json, result, result.limits);
    // Parts of the input outside what the repository and blastwall's tables
    // hold (a remote module outside the module table): `what` names the group.
    json.key("not_analysed");
    write_diagnostics(json, result, result.not_analysed);
    const engine::Stats& stats = result.stats;
    json.key("stats");
    json.begin_object();
    json.member("files", stats.files);
    json.member("resources", stats.resources);
    json.member("rules", stats.rules);
    json.member("units", stats.units);
    json.member("limited", result.limits.size());
    json.member("not_analysed", result.not_analysed.size());
    json.member("elapsed_ms", options().timing ? static_cast<long>(stats.elapsed_ms + 0.5) : 0);
    json.key("frontends");
    json.begin_object();
    for (const auto& [frontend, files] : stats.frontend_files) json.member(frontend, files);
    json.end_object();
    if (options().timing && options().stats) {
      json.member("bytes", stats.bytes);
      json.key("phase_ms");
      json.begin_object();
      auto phase_ms = phase_ms_with_report(stats, start);
      for (size_t p = 0; p < phase_ms.size(); ++p)
        json.member(ir::to_string(static_cast<ir::Phase>(p)), static_cast<long>(phase_ms[p] + 0.5));
      json.end_object();
      json.member("peak_memory_kib", peak_memory_kib());
    }
    json.end_object();
    json.end_object();
  }

  bool lists_rules() const override { return true; }

  // Each rule's metadata, in pack order; scripts read it, so it only grows.
  void write_rules(std::ostream& out, const compiler::RulePack& pack) const override {
    JsonWriter json(out);
    json.begin_array();
    for (const auto& r : pack.rules()) {
      json.begin_object();
      json.member("id", r->id);
      json.member("name", r->name);
      json.member("category", r->category);
      json.member("severity", ir::to_string(r->severity));
      json.key("kinds");
      json.begin_array();
      for (const std::string& kind : r->kinds) json.value(kind);
      json.end_array();
      json.member("builtin", r->builtin);
      json.member("path", r->path);
      json.end_object();
    }
    json.end_array();
  }
};

}  // namespace

std::unique_ptr<Writer> make_json_writer(const WriterOptions& options) {
  return std::make_unique<JsonReportWriter>(options);
}

}  // namespace bw::report
