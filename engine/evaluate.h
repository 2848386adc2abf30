#pragma once
// Runs the compiled rules over the model, unit by unit in parallel: for each
// resource, only the rules indexed under its kind. A finding carries its
// unit's instance, where the value it rests on is written, and the calls
// that made the instance.

#include <functional>
#include <set>
#include <string>
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
  // Which rules run. Null: all.
  std::function<bool(const compiler::Rule&)> runs;
};

// Evaluates every unit of `model`, in parallel.
std::vector<ir::Finding> evaluate(const ir::Model& model, const compiler::RulePack& pack,
                                  const EvaluateOptions& options);

// Evaluates resources [begin, end) of `model`, appending to `out`.
void evaluate_resources(const ir::Model& model, const compiler::RulePack& pack,
                        const EvaluateOptions& options, ir::ResourceId begin, ir::ResourceId end,
                        std::vector<ir::Finding>& out);

// What must wait for every unit. Most rules read only their resource and
// what its unit links it to: they run in the unit's thread, after which the
// unit keeps only the resources the rest may read. The rest are the
// repository rules: those that ask the repository (`resources("kind")`,
// `environments(s)`) or follow edges that links across units make.
struct RepositoryNeeds {
  std::set<const compiler::Rule*> rules;     // the repository rules
  std::set<std::string, std::less<>> kinds;  // the kinds they may read
  bool every_kind = false;                   // one of them is a rule of every kind

  bool repository_rule(const compiler::Rule& rule) const { return rules.count(&rule) > 0; }
  // Whether the resource outlives its unit: a repository rule may read it,
  // or the suppressions it carries are needed when findings are suppressed.
  bool keeps(const ir::Resource& resource) const {
    return every_kind || kinds.count(resource.kind) || !resource.suppressions.empty();
  }
};

RepositoryNeeds repository_needs(const compiler::RulePack& pack);

// Fills a message's placeholders from a resource ({type}, {name}, {value},
// properties) and from what the predicate's evaluation bound (lets, the
// elements exists() found).
std::string format_message(const std::string& text, const compiler::Rule& rule,
                           const ir::Model& model, const ir::Resource& resource,
                           const std::vector<std::pair<std::string, std::string>>& bindings);

}  // namespace bw::engine
