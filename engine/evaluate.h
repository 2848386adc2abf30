#pragma once
// Runs the compiled rules over the model, unit by unit in parallel: for each
// resource, only the rules indexed under its kind. A finding carries its
// unit's instance, where the value it rests on is written, and the calls
// that made the instance.

#include <functional>
#include <vector>

#include "compiler/rule_pack.h"
#include "ir/finding.h"
#include "ir/model.h"
#include "ir/timings.h"

namespace bw::engine {

struct EvaluateOptions {
  bool report_unknown = false;  // --unknown=report
  unsigned jobs = 1;
  ir::Timings* timings = nullptr;
  // Whether a finding at this file, of this unit, is reported; findings the
  // run does not report are not made. Null: all are.
  std::function<bool(ir::FileId, ir::UnitId)> reports;
};

std::vector<ir::Finding> evaluate(const ir::Model& model, const compiler::RulePack& pack,
                                  const EvaluateOptions& options);

// Fills a message's placeholders from a resource ({type}, {name}, {value},
// properties) and from what the predicate's evaluation bound (lets, the
// elements exists() found).
std::string format_message(const std::string& text, const compiler::Rule& rule,
                           const ir::Model& model, const ir::Resource& resource,
                           const std::vector<std::pair<std::string, std::string>>& bindings);

}  // namespace bw::engine
