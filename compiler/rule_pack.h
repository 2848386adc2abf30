#pragma once
// The compiled program: the kinds schema, every rule, and an index from
// provider type to the rules that apply to it, so evaluating a resource costs
// only the rules that can fire on it.

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/kinds.h"
#include "compiler/rule.h"

namespace bw::compiler {

struct SourceText {
  std::string path;  // as shown in errors
  std::string text;
};

class RulePack {
 public:
  // Kinds must all be added before the first rule: rules compile against them.
  bool add_kinds(const SourceText& file, std::vector<CompileError>& errors);
  bool add_rule(const SourceText& file, bool builtin, std::vector<CompileError>& errors);
  // Checks what spans kinds files (links between kinds); call after the last kinds file.
  bool check_kinds(std::vector<CompileError>& errors) const { return kinds_.check_links(errors); }
  // Builds the per-type index; call once after the last add.
  void finish();

  const Kinds& kinds() const { return kinds_; }
  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }
  const Rule* find(std::string_view id) const;
  const std::vector<const Rule*>& rules_for(std::string_view provider_type) const;

  // Rule selection from configuration: disabled rules leave the index.
  void disable(const std::string& id) { disabled_.push_back(id); }
  bool set_severity(const std::string& id, ir::Severity severity);

 private:
  Kinds kinds_;
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<std::string> disabled_;
  std::unordered_map<std::string, std::vector<const Rule*>> by_type_;
};

}  // namespace bw::compiler
