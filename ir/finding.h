#pragma once
// What blastwall reports: a rule that held on a resource, at a span.

#include <optional>
#include <string>
#include <string_view>

#include "ir/source.h"

namespace bw::ir {

enum class Severity : uint8_t { Info, Low, Medium, High, Critical };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

struct Finding {
  std::string rule;      // "BW101"
  std::string name;      // "database-deletion-protection-off"
  std::string category;  // a HAZARDS.md category id
  Severity severity = Severity::High;
  Span span;
  std::string message;
  std::string fix;
  std::string resource;     // address, "" for file-level findings
  Span resource_span;       // the resource's header, where resource-wide suppressions sit
  std::string environment;  // "" when unknown
  // The predicate was unknown rather than true: reported only with
  // --unknown=report, and `because` says which value was unknown and why.
  bool unknown = false;
  std::string because;
  // Context for people, shown under the snippet: "deletion_protection is not
  // set; the platform default is false".
  std::string note;
  std::string fingerprint;
};

}  // namespace bw::ir
