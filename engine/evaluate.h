#pragma once
// Runs the compiled rules over the model: for each resource, only the rules
// indexed under its provider type.

#include <vector>

#include "compiler/rule_pack.h"
#include "ir/finding.h"
#include "ir/model.h"

namespace bw::engine {

struct EvaluateOptions {
  bool report_unknown = false;  // --unknown=report
};

std::vector<ir::Finding> evaluate(const ir::Model& model, const compiler::RulePack& pack,
                                  const EvaluateOptions& options);

// Fills a rule's message placeholders from a resource ({type}, {name}, {value}, properties).
std::string format_message(const compiler::Rule& rule, const ir::Model& model,
                           const ir::Resource& resource);

}  // namespace bw::engine
