#include "engine/evaluate.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>
#include <optional>

#include "compiler/message.h"
#include "engine/parallel.h"

namespace bw::engine {

namespace {

// Strings bare, lists of strings as "a, b": messages are prose, not literals.
std::string placeholder_text(const ir::Value& value) {
  if (value.is_string()) return value.as_string();
  if (value.is_list()) {
    std::string out;
    for (const ir::Value& item : value.items())
      out += (out.empty() ? "" : ", ") + placeholder_text(item);
    return out;
  }
  return value.describe();
}

std::string field(const ir::Model& model, const ir::Resource& resource, const std::string& name,
                  const std::string& at,
                  const std::vector<std::pair<std::string, std::string>>& bindings) {
  for (const auto& [bound, text] : bindings)
    if (bound == name) return text;
  if (auto builtin = compiler::builtin_field_text(model, resource, name)) return *builtin;
  const std::string& property = name == "value" ? at : name;
  if (const ir::Value* v = resource.properties.get(property)) return placeholder_text(*v);
  return "null";
}

// Stable across edits that move lines and across where blastwall runs from:
// rule, root-relative file, resource, the property pointed at, and the instance.
std::string fingerprint(std::initializer_list<std::string_view> parts) {
  uint64_t hash = 1469598103934665603ull;
  for (std::string_view part : parts) {
    for (unsigned char c : part) {
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

bool inside(const ir::Span& inner, const ir::Span& outer) {
  return inner.file == outer.file && inner.begin.offset >= outer.begin.offset &&
         inner.end.offset <= outer.end.offset;
}

// The finding, or nothing when it lies outside what the run reports on: its
// message is then never formatted.
std::optional<ir::Finding> make_finding(const ir::Model& model, const compiler::Rule& rule,
                                        ir::ResourceId id, const compiler::Outcome& outcome,
                                        const EvaluateOptions& options) {
  const ir::Resource& resource = model.resources[id];
  ir::Finding f;
  f.rule = rule.id;
  f.name = rule.name;
  f.category = rule.category;
  f.severity = rule.severity;
  f.unknown = outcome.truth == compiler::Truth::Unknown;
  f.because = outcome.because;
  f.span = resource.header_span;
  if (!rule.at.empty()) {
    const ir::Value* v = resource.properties.get(rule.at);
    if (v && v->span().valid()) f.span = v->span();
    // A default the frontend wrote (a remote module's) has a place and a source.
    if (v && v->provenance() == ir::Provenance::Default && !v->is_null() && v->span().valid() &&
        !resource.defaults_from.empty()) {
      f.related.push_back(
          {model.sources.original(v->span()),
           rule.at + " is not set: " + v->describe() + " is " + resource.defaults_from});
    } else if (v && v->provenance() == ir::Provenance::Default && !v->is_null()) {
      f.note = rule.at + " is not set; the platform default is " + v->describe();
    }
    if (v && v->origin().valid()) {
      ir::Span origin = model.sources.original(v->origin());
      if (origin.file != f.span.file || origin.begin.line != f.span.begin.line)
        f.related.push_back({origin, "the value " + v->describe() + " is set here"});
    }
  }
  // An unknown points at the value it hinged on, when that value is the resource's own.
  if (f.unknown && outcome.span.valid() && inside(outcome.span, resource.span))
    f.span = outcome.span;
  f.span = model.sources.original(f.span);
  if (options.reports && !options.reports(f.span.file, resource.unit)) return std::nullopt;
  for (const ir::Span& call : resource.via)
    f.related.push_back({model.sources.original(call), "reached through this call"});

  const std::string& text = !f.unknown ? rule.message
                                       : (!rule.unknown_message.empty()
                                              ? rule.unknown_message
                                              : compiler::default_unknown_message(rule.message));
  f.message = format_message(text, rule, model, resource, outcome.bindings);
  f.fix = rule.fix;
  f.resource = resource.address;
  f.resource_span = model.sources.original(resource.header_span);
  for (const ir::Span& call : resource.via) f.via.push_back(model.sources.original(call));
  f.environment = resource.environment;
  // A module's resources take the environment of the root module's call.
  ir::FileId home = resource.via.empty() ? resource.file : resource.via.front().file;
  if (!f.environment.empty() && home < model.sources.size() &&
      model.sources.file(home).environment == f.environment)
    f.environment_reason = model.sources.file(home).environment_reason;
  f.unit = resource.unit;
  if (resource.unit < model.units.size()) f.instance = model.units[resource.unit].instance;
  std::string_view path = f.span.valid()
                              ? std::string_view(model.sources.file(f.span.file).relative)
                              : std::string_view();
  // File-level findings (a syntax error) have no address: their message tells them apart.
  f.fingerprint =
      fingerprint({f.rule, path, f.resource.empty() ? std::string_view(f.message) : f.resource,
                   rule.at, f.instance});
  return f;
}

}  // namespace

void evaluate_resources(const ir::Model& model, const compiler::RulePack& pack,
                        const EvaluateOptions& options, ir::ResourceId begin, ir::ResourceId end,
                        std::vector<ir::Finding>& out) {
  for (ir::ResourceId id = begin; id < end; ++id) {
    const ir::Resource& resource = model.resources[id];
    if (resource.kind.empty()) continue;
    for (const compiler::Rule* rule : pack.rules_for(resource.kind)) {
      if (options.runs && !options.runs(*rule)) continue;
      compiler::Outcome outcome = compiler::evaluate(*rule->when, model, id);
      if (outcome.truth == compiler::Truth::False) continue;
      if (outcome.truth == compiler::Truth::Unknown && !options.report_unknown) continue;
      if (auto finding = make_finding(model, *rule, id, outcome, options))
        out.push_back(std::move(*finding));
    }
  }
}

std::string format_message(const std::string& text, const compiler::Rule& rule,
                           const ir::Model& model, const ir::Resource& resource,
                           const std::vector<std::pair<std::string, std::string>>& bindings) {
  std::string out;
  for (const compiler::MessagePart& part : compiler::parse_message(text)) {
    if (part.kind == compiler::MessagePart::Text)
      out += part.text;
    else
      out += field(model, resource, std::string(part.text), rule.at, bindings);
  }
  return out;
}

std::vector<ir::Finding> evaluate(const ir::Model& model, const compiler::RulePack& pack,
                                  const EvaluateOptions& options) {
  struct Worker {
    ir::PhaseTimer timer;
    std::vector<ir::Finding> scratch;
  };
  // Units are independent here too; findings are gathered per unit and joined
  // in unit order, so the result is the same whatever the number of threads.
  size_t units = model.units.size();
  std::vector<std::vector<ir::Finding>> per_unit(units);
  parallel_for_each_thread(
      units, options.jobs,
      [&] {
        return Worker{ir::PhaseTimer(options.timings, ir::Phase::Rules), {}};
      },
      [&](Worker& thread, size_t u) {
        // Found into the thread's scratch vector, then kept at their exact
        // size: a vector grown by doubling would hold up to twice the memory.
        std::vector<ir::Finding>& scratch = thread.scratch;
        evaluate_resources(model, pack, options, model.units[u].begin, model.units[u].end, scratch);
        per_unit[u].reserve(scratch.size());
        std::move(scratch.begin(), scratch.end(), std::back_inserter(per_unit[u]));
        scratch.clear();
      });
  // Joined in place, each unit into its own range, in parallel.
  std::vector<size_t> at(units + 1, 0);
  for (size_t u = 0; u < units; ++u) at[u + 1] = at[u] + per_unit[u].size();
  std::vector<ir::Finding> findings(at[units]);
  parallel_for(units, options.jobs, [&](size_t u) {
    std::move(per_unit[u].begin(), per_unit[u].end(), findings.begin() + at[u]);
    std::vector<ir::Finding>().swap(per_unit[u]);
  });
  return findings;
}

RepositoryNeeds repository_needs(const compiler::RulePack& pack) {
  // The kinds that links matching across units join, each with the kinds at
  // the other end: only edges between such a pair cross units.
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> partners;
  std::set<std::string, std::less<>> ends;
  for (const auto& [type, mappings] : pack.kinds().mappings())
    for (const compiler::TypeMapping& mapping : mappings)
      for (const compiler::LinkMapping& link : mapping.links)
        if (!link.match.empty()) {
          partners[mapping.kind].insert(link.kind);
          partners[link.kind].insert(mapping.kind);
          ends.insert(mapping.kind);
          ends.insert(link.kind);
        }
  RepositoryNeeds needs;
  bool reads_links = false;
  for (const auto& rule : pack.rules()) {
    if (!rule->when) continue;
    compiler::Reach reach = compiler::reach(*rule->when);
    // What edges() may be asked of: the rule's own kinds (every kind when it
    // names none), and whatever edges() and resources() hand on.
    bool any_receiver = rule->kinds.empty();
    std::set<std::string, std::less<>> receivers(rule->kinds.begin(), rule->kinds.end());
    receivers.insert(reach.edges.begin(), reach.edges.end());
    receivers.insert(reach.queried.begin(), reach.queried.end());
    bool crosses =
        std::any_of(reach.edges.begin(), reach.edges.end(), [&](const std::string& kind) {
          auto found = partners.find(kind);
          if (found == partners.end()) return false;
          if (any_receiver) return true;
          return std::any_of(found->second.begin(), found->second.end(),
                             [&](const std::string& other) { return receivers.count(other) > 0; });
        });
    if (reach.queried.empty() && !reach.environments && !crosses) continue;
    needs.rules.insert(rule.get());
    reads_links = reads_links || crosses;
    needs.kinds.insert(reach.queried.begin(), reach.queried.end());
    needs.kinds.insert(reach.edges.begin(), reach.edges.end());
    if (rule->kinds.empty()) needs.every_kind = true;
    needs.kinds.insert(rule->kinds.begin(), rule->kinds.end());
  }
  // Joining across units needs the sources' attributes and the targets'
  // identifiers and tags.
  if (reads_links) needs.kinds.insert(ends.begin(), ends.end());
  return needs;
}

}  // namespace bw::engine
