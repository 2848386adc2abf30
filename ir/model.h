#pragma once
// The normalised model every frontend fills and every rule reads: resources of
// any input language, with their provider type, the kind rules/kinds maps them
// to, their evaluated attributes, normalised properties and edges; the units
// they were analysed in; and the repository-wide index built over all units.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/source.h"
#include "ir/value.h"

namespace bw::ir {

using ResourceId = uint32_t;
using UnitId = uint32_t;
inline constexpr UnitId kNoUnit = UINT32_MAX;

// A connection between two resources: a Terraform reference, a CloudFormation
// Ref/GetAtt, a Kubernetes selector or volume claim. Edges are navigable from
// both ends; `relation` says what the source does with the target.
struct Edge {
  ResourceId from = 0;
  ResourceId to = 0;
  std::string relation;  // "references", "launch-template", "bucket", ...
  Span span;             // where the source names the target
};

// A suppression carried by the resource itself rather than a comment: a
// Kubernetes annotation or CloudFormation Metadata.
struct InlineSuppression {
  std::string rule;
  std::string reason;
  Span span;
};

struct Resource {
  std::string frontend;       // "terraform", "cloudformation", "kubernetes", ...
  std::string provider_type;  // "aws_db_instance", "AWS::RDS::DBInstance", "apps/v1/StatefulSet"
  std::string name;           // local name: "main"
  std::string address;        // unique in its unit: "module.db.aws_db_instance.main[0]"
  bool is_data = false;       // read, never managed (a Terraform data source)
  FileId file = kNoFile;
  Span span;         // the whole definition
  Span header_span;  // where a finding without `at` points: the block header, the resource key
  // The constructs that instantiated it, outermost first: the module calls
  // that lead to a resource inside a local module. A suppression written at
  // one of them covers the resource in that instance only.
  std::vector<Span> via;
  std::string environment;  // from the file, a tag or a namespace; "" when unknown
  UnitId unit = kNoUnit;    // the unit it was analysed in; addresses are unique there
  Value attributes =
      Value::object();  // as written and evaluated; nested blocks are lists of objects
  std::vector<InlineSuppression> suppressions;
  // Who supplies the attribute values of Default provenance the frontend
  // wrote itself (a remote module's defaults: "the default of
  // terraform-aws-modules/rds/aws 6.x, from blastwall's module table"), so a
  // finding on one says whose default it is; "" when none are written.
  std::string defaults_from;
  // What a plan or change set will do to it: null when nothing is planned,
  // else an object {actions: list<string> ("create", "delete", "update",
  // "no-op", ...), replace_paths: list<string> (attributes that force
  // replacement, dotted)}. Rules read it as `self.change`.
  Value change;

  // Filled by the engine from rules/kinds: the normalised kind ("" when no
  // kind claims this provider type) and its properties, defaults applied.
  std::string kind;
  Value properties = Value::object();
  std::vector<size_t> edges;  // indexes into Model::edges touching this resource
  // Links the kinds schema expects that resolve to no resource: a dynamic
  // block, a module output, a template outside the scanned files. Each is an
  // unknown value saying why, keyed by the kind of the missing resource, so
  // self.edges(kind) is unknown rather than empty.
  std::vector<std::pair<std::string, Value>> unresolved_links;
};

// Error: the input is wrong (unanalyzable ones become BW001 findings).
// Warning: worth saying, hides nothing. Limit: a value needed more than one
// of blastwall's limits (ir/limits.h) and is unknown for it; the message
// names the limit. NotAnalysed: the input is fine, but a part of it lies
// outside what the repository and blastwall's tables hold (a remote module
// neither installed nor in the module table), so what it makes is unknown.
// Limits and parts not analysed are counted in every summary, never silent.
enum class DiagnosticLevel : uint8_t { Error, Warning, Limit, NotAnalysed };

// What a part not analysed is, for the summary that counts them by group:
// "2 module calls are not analysed: remote modules neither installed nor in
// blastwall's module table (terraform init, or a table entry)". Frontends
// keep these in static storage; diagnostics point at them.
struct NotAnalysedGroup {
  std::string_view one;   // "module call"
  std::string_view many;  // "module calls"
  std::string_view why;   // what they have in common and the remedy
};

// Something an input made impossible to analyse, reported like a compiler
// error. `unanalyzable` ones hide possible hazards and become findings too.
struct Diagnostic {
  DiagnosticLevel level = DiagnosticLevel::Error;
  Span span;
  std::string path;  // for errors without a span (unreadable file, ...)
  // "Summary: detail", as Terraform words its own: the summary is the kind
  // of error ("Reference to undeclared input variable").
  std::string message;
  bool unanalyzable = true;
  UnitId unit = kNoUnit;  // the unit that found it; kNoUnit for the walk's own errors
  const NotAnalysedGroup* group = nullptr;  // for NotAnalysed: what it is
};

// A group of files a frontend analyses together (a Terraform root module, a
// chart with one values file), as the engine ran it.
struct UnitInfo {
  std::string frontend;
  // What every finding of the unit carries and its fingerprint includes: the
  // root module's directory, the chart and its values file.
  std::string instance;
  std::vector<FileId> files;    // its own files
  std::vector<FileId> reached;  // files it read beyond its own: local modules, library charts
  ResourceId begin = 0;         // its resources are Model::resources[begin, end)
  ResourceId end = 0;
  // One of its own files is in the paths the user named: everything it
  // reports is reported, wherever it points.
  bool selected = false;
  // Its resources whose findings the run reports on, counted before the
  // unit let go of those no later phase reads.
  size_t reported = 0;
};

// A literal value that names something outside the configuration (a host, an
// IP address, a URL, a cloud identifier) and where it appears.
struct LiteralUse {
  std::string environment;  // of the resource it appears in; "" when unknown
  Span span;
};

// What the repository phase builds across all units, for rules that ask
// repository-wide questions: resources("backup-selection"), environments(host).
struct RepositoryIndex {
  std::unordered_map<std::string, std::vector<ResourceId>> by_kind;
  std::unordered_map<std::string, std::vector<LiteralUse>> literals;
  // Resources with links that match across units (the only ones whose
  // attributes outlive their unit): the repository phase joins them.
  std::vector<ResourceId> cross_unit_links;

  // Every resource of `kind`, in model order.
  const std::vector<ResourceId>& of_kind(std::string_view kind) const;
  // The environments `literal` appears in, sorted, each once; unknown
  // environments are left out.
  std::vector<std::string> environments_of(std::string_view literal) const;
};

struct Model {
  SourceManager sources;
  std::vector<Resource> resources;
  std::vector<Edge> edges;
  std::vector<Diagnostic> diagnostics;
  std::vector<UnitInfo> units;
  RepositoryIndex repository;

  ResourceId add(Resource resource) {
    resources.push_back(std::move(resource));
    return static_cast<ResourceId>(resources.size() - 1);
  }
  void error(Span span, std::string message, bool unanalyzable = true) {
    diagnostics.push_back({DiagnosticLevel::Error, span, "", std::move(message), unanalyzable});
  }
  // A value past one of blastwall's limits: `message` names the limit
  // ("evaluation_steps limit of 5000000 reached").
  void limit(Span span, std::string message) {
    diagnostics.push_back({DiagnosticLevel::Limit, span, "", std::move(message), false});
  }
  // A part of the input outside what the repository and blastwall's tables
  // hold: `message` says which, why, and the remedy, at `span` (the call).
  void not_analysed(Span span, const NotAnalysedGroup& group, std::string message) {
    Diagnostic d{DiagnosticLevel::NotAnalysed, span, "", std::move(message), false};
    d.group = &group;
    diagnostics.push_back(std::move(d));
  }
  // Adds an edge and records it at both ends.
  void connect(ResourceId from, ResourceId to, std::string relation, Span span) {
    size_t index = edges.size();
    edges.push_back({from, to, std::move(relation), span});
    resources[from].edges.push_back(index);
    if (to != from) resources[to].edges.push_back(index);
  }
  // Keeps the resources `keep` answers true for, in order, with the edges
  // between them; the others are freed. Resource and edge ids change.
  template <typename Keep>
  void retain(Keep&& keep) {
    std::vector<ResourceId> renumbered(resources.size(), kDropped);
    size_t kept = 0;
    for (size_t id = 0; id < resources.size(); ++id) {
      if (!keep(resources[id])) continue;
      renumbered[id] = static_cast<ResourceId>(kept);
      if (kept != id) resources[kept] = std::move(resources[id]);
      ++kept;
    }
    resources.resize(kept);
    resources.shrink_to_fit();
    renumber_edges(renumbered);
  }

 private:
  static constexpr ResourceId kDropped = static_cast<ResourceId>(-1);
  void renumber_edges(const std::vector<ResourceId>& renumbered);
};

// A planned change as rules read it (Resource::change).
Value planned_change(const std::vector<std::string>& actions,
                     const std::vector<std::string>& replace_paths, Span span = {});

}  // namespace bw::ir
