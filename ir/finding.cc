#include "ir/finding.h"

namespace bw::ir {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::Info:
      return "info";
    case Severity::Low:
      return "low";
    case Severity::Medium:
      return "medium";
    case Severity::High:
      return "high";
    case Severity::Critical:
      return "critical";
  }
  return "high";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "info") return Severity::Info;
  if (text == "low") return Severity::Low;
  if (text == "medium") return Severity::Medium;
  if (text == "high") return Severity::High;
  if (text == "critical") return Severity::Critical;
  return std::nullopt;
}

}  // namespace bw::ir
