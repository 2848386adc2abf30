#include "compiler/rule_pack.h"

#include <algorithm>

namespace bw::compiler {

bool RulePack::add_kinds(const SourceText& file, std::vector<CompileError>& errors) {
  return kinds_.load(file.path, file.text, errors);
}

bool RulePack::add_rule(const SourceText& file, bool builtin, std::vector<CompileError>& errors) {
  auto rule = std::make_unique<Rule>();
  rule->builtin = builtin;
  if (!compile_rule(file.path, file.text, kinds_, *rule, errors)) return false;
  if (const Rule* existing = find(rule->id)) {
    errors.push_back({file.path, rule->line, 1,
                      "rule id " + rule->id + " is already used by " + existing->path});
    return false;
  }
  rules_.push_back(std::move(rule));
  return true;
}

void RulePack::finish() {
  by_type_.clear();
  std::sort(rules_.begin(), rules_.end(),
            [](const auto& a, const auto& b) { return a->id < b->id; });
  for (const auto& rule : rules_) {
    if (std::find(disabled_.begin(), disabled_.end(), rule->id) != disabled_.end()) continue;
    for (const auto& [type, mapping] : kinds_.mappings())
      if (std::find(rule->kinds.begin(), rule->kinds.end(), mapping.kind) != rule->kinds.end())
        by_type_[type].push_back(rule.get());
  }
}

const Rule* RulePack::find(std::string_view id) const {
  for (const auto& rule : rules_)
    if (rule->id == id) return rule.get();
  return nullptr;
}

const std::vector<const Rule*>& RulePack::rules_for(std::string_view provider_type) const {
  static const std::vector<const Rule*> none;
  auto it = by_type_.find(std::string(provider_type));
  return it == by_type_.end() ? none : it->second;
}

bool RulePack::set_severity(const std::string& id, ir::Severity severity) {
  for (auto& rule : rules_)
    if (rule->id == id) {
      rule->severity = severity;
      return true;
    }
  return false;
}

}  // namespace bw::compiler
