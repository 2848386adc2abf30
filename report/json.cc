#include <nlohmann/json.hpp>

#include "report/report.h"

namespace bw::report {

namespace {

using nlohmann::ordered_json;

ordered_json diagnostics(const engine::Result& result, const std::vector<ir::Diagnostic>& list) {
  const auto& sources = result.model.sources;
  ordered_json out = ordered_json::array();
  for (const ir::Diagnostic& d : list) {
    ordered_json j;
    bool has_span = d.span.valid();
    j["path"] = has_span ? sources.file(d.span.file).path : d.path;
    j["line"] = has_span ? d.span.begin.line : 0;
    j["message"] = d.message;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

// The contract of DESIGN.md, version 1: fields are added, never renamed.
void write_json(std::ostream& out, const engine::Result& result, const JsonOptions& options) {
  const auto& sources = result.model.sources;
  ordered_json findings = ordered_json::array();
  for (const ir::Finding& f : result.findings) {
    ordered_json j;
    j["rule"] = f.rule;
    j["name"] = f.name;
    j["category"] = f.category;
    j["severity"] = ir::to_string(f.severity);
    bool has_span = f.span.valid();
    j["path"] = has_span ? sources.file(f.span.file).path : "";
    j["line"] = has_span ? f.span.begin.line : 0;
    j["column"] = has_span ? f.span.begin.column : 0;
    j["end_line"] = has_span ? f.span.end.line : 0;
    j["end_column"] = has_span ? f.span.end.column : 0;
    // An unknown finding says so in its message: the contract has no extra field for it.
    j["message"] = f.unknown ? f.message + " (unknown: " + f.because + ")" : f.message;
    j["resource"] = f.resource;
    j["environment"] = f.environment;
    j["instance"] = f.instance;
    ordered_json related = ordered_json::array();
    for (const ir::Related& r : f.related) {
      if (!r.span.valid()) continue;
      related.push_back({{"path", sources.file(r.span.file).path},
                         {"line", r.span.begin.line},
                         {"column", r.span.begin.column},
                         {"message", r.message}});
    }
    j["related"] = std::move(related);
    j["fingerprint"] = f.fingerprint;
    findings.push_back(std::move(j));
  }
  ordered_json root;
  root["version"] = 1;
  root["findings"] = std::move(findings);
  root["errors"] = diagnostics(result, result.errors);
  root["warnings"] = diagnostics(result, result.warnings);
  root["stats"] = {
      {"files", result.stats.files},
      {"resources", result.stats.resources},
      {"rules", result.stats.rules},
      {"units", result.stats.units},
      {"elapsed_ms", options.timing ? static_cast<long>(result.stats.elapsed_ms + 0.5) : 0}};
  // Input is not always UTF-8 (a resource name, a path): replace what is not,
  // rather than lose the whole report.
  out << root.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace bw::report
