#include "compiler/rule_pack.h"

#include <algorithm>

namespace bw::compiler {

bool RulePack::add_kinds(const SourceText& file, std::vector<CompileError>& errors) {
  return kinds_.load(file.path, file.text, errors, file.parsed.get());
}

namespace {

bool load_shared(const SourceText& file, Globals& globals, ErrorSink& sink) {
  YAML::Node root = file.parsed ? *file.parsed : parse_yaml(file.text, sink);
  if (!root.IsDefined() || root.IsNull()) return sink.count() == 0;
  if (!root.IsMap()) {
    sink.at(root, "a shared file is a mapping with 'lists' and 'parameters'");
    return false;
  }
  check_keys(root, {"lists", "parameters"}, sink, "shared file");
  for (const auto& entry : root["lists"]) {
    const std::string name = entry.first.Scalar();
    const YAML::Node& spec = entry.second;
    check_keys(spec, {"doc", "items"}, sink, "list '" + name + "'");
    if (!spec.IsMap() || !spec["items"] || !spec["items"].IsSequence()) {
      sink.at(entry.first, "list '" + name + "' needs 'items'");
      continue;
    }
    // A list's element type is what its items share; strings, in practice.
    PropertyType type = PropertyType::list_of(PropertyType::of(ExprType::Any));
    for (ExprType element : {ExprType::String, ExprType::Number, ExprType::Bool}) {
      PropertyType candidate = PropertyType::list_of(PropertyType::of(element));
      if (value_of_type(spec["items"], candidate, ir::Provenance::Literal)) {
        type = candidate;
        break;
      }
    }
    auto value = value_of_type(spec["items"], type, ir::Provenance::Literal);
    if (!value) {
      sink.at(spec["items"], "list '" + name + "' must list scalars");
      continue;
    }
    Global list{name,      type,
                *value,    spec["doc"] ? spec["doc"].Scalar() : "",
                file.path, entry.first.Mark().line + 1};
    if (!globals.add_list(std::move(list)))
      sink.at(entry.first, "list '" + name + "' is declared twice");
  }
  for (const auto& entry : root["parameters"]) {
    const std::string name = entry.first.Scalar();
    const YAML::Node& spec = entry.second;
    check_keys(spec, {"doc", "type", "default"}, sink, "parameter '" + name + "'");
    auto type = parse_property_type(spec.IsMap() && spec["type"] ? spec["type"].Scalar() : "");
    if (!type) {
      sink.at(entry.first, "parameter '" + name + "' needs a type: bool, number, string, list<T>");
      continue;
    }
    if (!spec["default"]) {
      sink.at(entry.first, "parameter '" + name + "' needs a default");
      continue;
    }
    auto value = value_of_type(spec["default"], *type, ir::Provenance::Default);
    if (!value) {
      sink.at(spec["default"], "default of parameter '" + name + "' is not a " + type->describe());
      continue;
    }
    Global parameter{name,      *type,
                     *value,    spec["doc"] ? spec["doc"].Scalar() : "",
                     file.path, entry.first.Mark().line + 1};
    if (!globals.add_parameter(std::move(parameter)))
      sink.at(entry.first, "parameter '" + name + "' is declared twice");
  }
  return sink.count() == 0;
}

}  // namespace

bool RulePack::add_shared(const SourceText& file, std::vector<CompileError>& errors) {
  ErrorSink sink(file.path, errors);
  return guard_yaml(sink, [&] { return load_shared(file, globals_, sink); });
}

bool RulePack::add_rule(const SourceText& file, bool builtin, std::vector<CompileError>& errors) {
  auto rule = std::make_unique<Rule>();
  rule->builtin = builtin;
  if (!compile_rule(file.path, file.text, kinds_, &globals_, *rule, errors, file.parsed.get()))
    return false;
  if (const Rule* existing = find(rule->id)) {
    errors.push_back({file.path, rule->line, 1,
                      "rule id " + rule->id + " is already used by " + existing->path});
    return false;
  }
  rules_.push_back(std::move(rule));
  return true;
}

bool RulePack::enabled(const Rule& rule) const {
  return std::find(disabled_.begin(), disabled_.end(), rule.id) == disabled_.end();
}

void RulePack::finish() {
  by_kind_.clear();
  std::sort(rules_.begin(), rules_.end(),
            [](const auto& a, const auto& b) { return a->id < b->id; });
  for (const auto& rule : rules_) {
    if (!enabled(*rule)) continue;
    for (const std::string& kind : rule->kinds.empty() ? kinds_.kind_names() : rule->kinds)
      by_kind_[kind].push_back(rule.get());
  }
}

const Rule* RulePack::find(std::string_view id) const {
  for (const auto& rule : rules_)
    if (rule->id == id) return rule.get();
  return nullptr;
}

const std::vector<const Rule*>& RulePack::rules_for(std::string_view kind) const {
  static const std::vector<const Rule*> none;
  auto it = by_kind_.find(std::string(kind));
  return it == by_kind_.end() ? none : it->second;
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
