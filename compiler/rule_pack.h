#pragma once
// The compiled program: the kinds schema, the shared lists and parameters,
// every rule, and an index from kind to the rules over it, so evaluating a
// resource costs only the rules that can fire on it.

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/kinds.h"
#include "compiler/rule.h"

namespace bw::compiler {

struct SourceText {
  SourceText(std::string path, std::string text, std::shared_ptr<const YAML::Node> parsed = nullptr)
      : path(std::move(path)), text(std::move(text)), parsed(std::move(parsed)) {}
  std::string path;  // as shown in errors
  std::string text;
  // The text already parsed as YAML (the built-in pack is parsed on several
  // threads at start-up); null to parse it here.
  std::shared_ptr<const YAML::Node> parsed;
};

class RulePack {
 public:
  // Kinds, then shared definitions, then rules: each compiles against what came before.
  bool add_kinds(const SourceText& file, std::vector<CompileError>& errors);
  // Checks what spans kinds files (links between kinds); call after the last kinds file.
  bool check_kinds(std::vector<CompileError>& errors) const { return kinds_.check(errors); }
  // A file of named lists and parameters (rules/shared/*.yaml):
  //   lists:      {NAME: {doc: ..., items: [...]}}
  //   parameters: {NAME: {type: list<string>, default: [], doc: ...}}
  bool add_shared(const SourceText& file, std::vector<CompileError>& errors);
  bool add_rule(const SourceText& file, bool builtin, std::vector<CompileError>& errors);
  // Builds the per-kind index; call once after the last add.
  void finish();

  const Kinds& kinds() const { return kinds_; }
  const Globals& globals() const { return globals_; }
  Globals& globals() { return globals_; }
  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }
  const Rule* find(std::string_view id) const;
  // The enabled rules over `kind`, in id order.
  const std::vector<const Rule*>& rules_for(std::string_view kind) const;

  // Rule selection from configuration: disabled rules leave the index.
  void disable(const std::string& id) { disabled_.push_back(id); }
  bool enabled(const Rule& rule) const;
  bool set_severity(const std::string& id, ir::Severity severity);

 private:
  Kinds kinds_;
  Globals globals_;
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<std::string> disabled_;
  std::unordered_map<std::string, std::vector<const Rule*>> by_kind_;
};

}  // namespace bw::compiler
