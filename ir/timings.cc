#include "ir/timings.h"

namespace bw::ir {

std::string_view to_string(Phase phase) {
  switch (phase) {
    case Phase::Discover:
      return "discover";
    case Phase::Read:
      return "read";
    case Phase::Plan:
      return "plan";
    case Phase::Parse:
      return "parse";
    case Phase::Evaluate:
      return "evaluate";
    case Phase::Normalise:
      return "normalise";
    case Phase::Link:
      return "link";
    case Phase::Repository:
      return "repository";
    case Phase::Rules:
      return "rules";
    case Phase::Suppress:
      return "suppress";
    case Phase::Report:
      return "report";
    case Phase::Count:
      break;
  }
  return "?";
}

}  // namespace bw::ir
