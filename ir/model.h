#pragma once
// The normalised model every frontend fills and every rule reads: resources of
// any input language, with their provider type, the kind rules/kinds maps them
// to, their evaluated attributes, normalised properties and edges.

#include <optional>
#include <string>
#include <vector>

#include "ir/source.h"
#include "ir/value.h"

namespace bw::ir {

using ResourceId = uint32_t;

// A connection between two resources: a Terraform reference, a CloudFormation
// Ref/GetAtt, a Kubernetes selector or volume claim. Edges are navigable from
// both ends; `relation` says what the source does with the target.
struct Edge {
  ResourceId from = 0;
  ResourceId to = 0;
  std::string relation;  // "references", "launch-template", "bucket", ...
  Span span;             // where the source names the target
};

// What a plan or change set will do to a resource (Terraform plan JSON,
// CloudFormation change sets).
struct PlannedChange {
  std::vector<std::string> actions;        // "create", "delete", "update", "no-op", ...
  std::vector<std::string> replace_paths;  // attributes that force replacement
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
  std::string address;        // unique in the run: "module.db.aws_db_instance.main[0]"
  bool is_data = false;       // a Terraform data source: read, never managed
  FileId file = kNoFile;
  Span span;         // the whole definition
  Span header_span;  // where a finding without `at` points: the block header, the resource key
  std::string environment;  // from the file, a tag or a namespace; "" when unknown
  // The unit it was analysed in (a root module with the local modules it
  // calls): addresses are unique within a unit, so references resolve there.
  uint32_t unit = 0;
  Value attributes =
      Value::object();  // as written and evaluated; nested blocks are lists of objects
  std::vector<InlineSuppression> suppressions;
  std::optional<PlannedChange> change;

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

enum class DiagnosticLevel : uint8_t { Error, Warning };

// Something an input made impossible to analyse, reported like a compiler
// error. `unanalyzable` ones hide possible hazards and become findings too.
struct Diagnostic {
  DiagnosticLevel level = DiagnosticLevel::Error;
  Span span;
  std::string path;  // for errors without a span (unreadable file, ...)
  std::string message;
  bool unanalyzable = true;
};

struct Model {
  SourceManager sources;
  std::vector<Resource> resources;
  std::vector<Edge> edges;
  std::vector<Diagnostic> diagnostics;

  ResourceId add(Resource resource) {
    resources.push_back(std::move(resource));
    return static_cast<ResourceId>(resources.size() - 1);
  }
  void error(Span span, std::string message, bool unanalyzable = true) {
    diagnostics.push_back({DiagnosticLevel::Error, span, "", std::move(message), unanalyzable});
  }
};

}  // namespace bw::ir
