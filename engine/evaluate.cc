#include "engine/evaluate.h"

#include <algorithm>
#include <cstdio>

namespace bw::engine {

// Strings bare, lists of strings as "a, b": messages are prose, not literals.
static std::string placeholder_text(const ir::Value& value) {
  if (value.is_string()) return value.as_string();
  if (value.is_list()) {
    std::string out;
    for (const ir::Value& item : value.items())
      out += (out.empty() ? "" : ", ") + placeholder_text(item);
    return out;
  }
  return value.describe();
}

static std::string field(const ir::Model& model, const ir::Resource& resource,
                         const std::string& name, const std::string& at) {
  if (name == "type") return resource.provider_type;
  if (name == "name") return resource.name;
  if (name == "address") return resource.address;
  if (name == "kind") return resource.kind;
  if (name == "environment") return resource.environment.empty() ? "unknown" : resource.environment;
  if (name == "frontend") return resource.frontend;
  if (name == "path")
    return resource.file == ir::kNoFile ? "" : model.sources.file(resource.file).path;
  if (name == "is_data") return resource.is_data ? "true" : "false";
  const std::string& property = name == "value" ? at : name;
  if (const ir::Value* v = resource.properties.get(property)) return placeholder_text(*v);
  return "null";
}

std::string format_message(const compiler::Rule& rule, const ir::Model& model,
                           const ir::Resource& resource) {
  std::string out;
  const std::string& text = rule.message;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t close = text.find('}', i);
      if (close != std::string::npos) {
        out += field(model, resource, text.substr(i + 1, close - i - 1), rule.at);
        i = close;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// Stable across edits that move lines: rule, file, resource and the property pointed at.
static std::string fingerprint(const std::string& rule, const std::string& path,
                               const std::string& resource, const std::string& at) {
  uint64_t hash = 1469598103934665603ull;
  for (const std::string* part : {&rule, &path, &resource, &at}) {
    for (unsigned char c : *part) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;
    hash *= 1099511628211ull;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::vector<ir::Finding> evaluate(const ir::Model& model, const compiler::RulePack& pack,
                                  const EvaluateOptions& options) {
  std::vector<ir::Finding> findings;
  for (ir::ResourceId id = 0; id < model.resources.size(); ++id) {
    const ir::Resource& resource = model.resources[id];
    if (resource.kind.empty()) continue;
    for (const compiler::Rule* rule : pack.rules_for(resource.provider_type)) {
      compiler::Outcome outcome = compiler::evaluate(*rule->when, model, id);
      if (outcome.truth == compiler::Truth::False) continue;
      if (outcome.truth == compiler::Truth::Unknown && !options.report_unknown) continue;

      ir::Span span = resource.header_span;
      std::string note;
      if (!rule->at.empty()) {
        const ir::Value* v = resource.properties.get(rule->at);
        if (v && v->span().valid()) span = v->span();
        if (v && v->provenance() == ir::Provenance::Default && !v->is_null())
          note = rule->at + " is not set; the platform default is " + v->describe();
        if (v && v->origin().valid() && v->origin().begin.line != 0) {
          ir::Span origin = model.sources.original(v->origin());
          if (origin.file != span.file || origin.begin.line != span.begin.line)
            note = "the value " + v->describe() + " is set at " +
                   model.sources.file(origin.file).path + ":" + std::to_string(origin.begin.line) +
                   ":" + std::to_string(origin.begin.column);
        }
      }
      // An unknown points at the value it hinged on, when that value is the resource's own.
      if (outcome.truth == compiler::Truth::Unknown && outcome.span.file == resource.span.file &&
          outcome.span.begin.offset >= resource.span.begin.offset &&
          outcome.span.end.offset <= resource.span.end.offset)
        span = outcome.span;
      span = model.sources.original(span);

      ir::Finding f;
      f.rule = rule->id;
      f.name = rule->name;
      f.category = rule->category;
      f.severity = rule->severity;
      f.span = span;
      f.message = format_message(*rule, model, resource);
      f.fix = rule->fix;
      f.resource = resource.address;
      f.resource_span = model.sources.original(resource.header_span);
      f.environment = resource.environment;
      f.unknown = outcome.truth == compiler::Truth::Unknown;
      f.because = outcome.because;
      f.note = std::move(note);
      std::string path = span.valid() ? model.sources.file(span.file).path : "";
      // File-level findings (a syntax error) have no address: their message tells them apart.
      f.fingerprint =
          fingerprint(f.rule, path, f.resource.empty() ? f.message : f.resource, rule->at);
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace bw::engine
