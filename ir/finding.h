#pragma once
// What blastwall reports: a rule that held on a resource, at a span.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/model.h"
#include "ir/source.h"

namespace bw::ir {

enum class Severity : uint8_t { Info, Low, Medium, High, Critical };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

// A place a finding relates to besides its own: where a value it rests on is
// written, the module call that made this instance. Reporters show them as
// notes (text), relatedLocations (SARIF) and relatedInformation (LSP).
struct Related {
  Span span;
  std::string message;  // "the value false is set here"
};

// What a rule found. The rule's own texts (id, name, category, fix) point
// into the rule pack: a Finding is valid while the engine that made it lives.
// What it says of the resource (address, environment, instance) it owns: a
// unit's resources may be gone once its rules have run.
struct Finding {
  std::string_view rule;      // "BW101"
  std::string_view name;      // "database-deletion-protection-off"
  std::string_view category;  // a HAZARDS.md category id
  Severity severity = Severity::High;
  Span span;
  std::string message;
  std::string_view fix;
  std::string resource;  // address, "" for file-level findings
  Span resource_span;    // the resource's header, where resource-wide suppressions sit
  // The constructs that instantiated the resource (module calls), outermost
  // first: a suppression written at one covers this instance.
  std::vector<Span> via;
  std::string environment;  // "" when unknown
  // Why: "path component 'prod'", the root directory's name; "" when unknown
  // or when the resource's own tags chose it. Points into the source file,
  // which lives as long as the run's files do.
  std::string_view environment_reason;
  UnitId unit = kNoUnit;  // the unit that reported it
  std::string instance;   // that unit's instance: "envs/prod", a chart and values file
  // The predicate was unknown rather than true: reported only with
  // --unknown=report, and `because` says which value was unknown and why.
  bool unknown = false;
  std::string because;
  // Context for people, shown under the snippet: "deletion_protection is not
  // set; the platform default is false".
  std::string note;
  std::vector<Related> related;
  std::string fingerprint;
};

}  // namespace bw::ir
