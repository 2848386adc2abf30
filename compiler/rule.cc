#include "compiler/rule.h"

#include <algorithm>
#include <regex>

namespace bw::compiler {

const std::vector<std::string>& categories() {
  static const std::vector<std::string> ids = {
      "deletion-protection",   "destroy-guard",       "volume-reclaim",      "backup-missing",
      "backup-blast-radius",   "stateful-colocation", "ephemeral-state",     "env-crossover",
      "destructive-migration", "locking-migration",   "planned-destruction", "destructive-access",
      "unanalyzable"};
  return ids;
}

const std::vector<std::string>& message_fields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> f = builtin_fields();
    f.push_back("value");
    return f;
  }();
  return fields;
}

static bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Finds the file position of byte `offset` of a YAML scalar's value. Parsing
// folds block scalars and strips quotes and indentation, so the value is
// aligned with the raw text character by character, whitespace matching any
// run of whitespace; where alignment fails (escapes), the node's start is used.
static std::pair<int, int> locate_in_scalar(const std::string& file_text, const YAML::Node& node,
                                            size_t offset) {
  YAML::Mark mark = node.Mark();
  const std::string value = node.Scalar();
  size_t j = static_cast<size_t>(std::max(0, mark.pos));
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  bool aligned = j < file_text.size();
  if (aligned && (file_text[j] == '|' || file_text[j] == '>')) {
    j = file_text.find('\n', j);
    aligned = j != std::string::npos;
  } else if (aligned && (file_text[j] == '"' || file_text[j] == '\'')) {
    ++j;
  }
  for (size_t i = 0; aligned && i <= offset && i < value.size(); ++i) {
    if (is_space(value[i])) continue;
    while (j < file_text.size() && is_space(file_text[j])) ++j;
    if (j >= file_text.size() || file_text[j] != value[i]) {
      aligned = false;
      break;
    }
    if (i == offset) break;
    ++j;
  }
  if (!aligned || j >= file_text.size()) return {mark.line + 1, mark.column + 1};
  int line = 1, column = 1;
  for (size_t i = 0; i < j; ++i) {
    if (file_text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

static std::vector<std::string> placeholders(const std::string& message) {
  std::vector<std::string> names;
  static const std::regex pattern(R"(\{([A-Za-z_][A-Za-z0-9_]*)\})");
  for (auto it = std::sregex_iterator(message.begin(), message.end(), pattern);
       it != std::sregex_iterator(); ++it)
    names.push_back((*it)[1]);
  return names;
}

static bool compile_rule_yaml(const std::string& path, const std::string& text, const Kinds& kinds,
                              Rule& rule, ErrorSink& sink);

bool compile_rule(const std::string& path, const std::string& text, const Kinds& kinds, Rule& rule,
                  std::vector<CompileError>& errors) {
  ErrorSink sink(path, errors);
  return guard_yaml(sink, [&] { return compile_rule_yaml(path, text, kinds, rule, sink); });
}

static bool compile_rule_yaml(const std::string& path, const std::string& text, const Kinds& kinds,
                              Rule& rule, ErrorSink& sink) {
  rule.path = path;
  YAML::Node root = parse_yaml(text, sink);
  if (!root.IsDefined()) return false;
  if (!root.IsMap()) {
    sink.at(root, "a rule file is a mapping: id, name, category, severity, kinds, when, message");
    return false;
  }
  rule.line = root.Mark().line + 1;
  check_keys(root,
             {"id", "name", "category", "severity", "kinds", "when", "at", "message", "fix", "docs",
              "example"},
             sink, "rule");

  auto scalar = [&](const char* key, bool required) -> std::string {
    YAML::Node node = root[key];
    if (!node) {
      if (required) sink.at(root, std::string("missing '") + key + "'");
      return "";
    }
    if (!node.IsScalar()) {
      sink.at(node, std::string("'") + key + "' must be a string");
      return "";
    }
    return node.Scalar();
  };

  rule.id = scalar("id", true);
  static const std::regex id_pattern("^[A-Z]+[0-9]+$");
  if (!rule.id.empty() && !std::regex_match(rule.id, id_pattern))
    sink.at(root["id"], "rule id '" + rule.id + "' must be letters then digits, like BW101");
  rule.name = scalar("name", true);
  rule.category = scalar("category", true);
  if (!rule.category.empty() && !contains(categories(), rule.category)) {
    std::string hint = closest_match(rule.category, categories());
    sink.at(root["category"], "unknown category '" + rule.category + "'" +
                                  (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                                  " (categories are listed in HAZARDS.md)");
  }
  std::string severity = scalar("severity", true);
  if (auto parsed = ir::parse_severity(severity))
    rule.severity = *parsed;
  else if (!severity.empty())
    sink.at(root["severity"],
            "unknown severity '" + severity + "': critical, high, medium, low or info");
  rule.message = scalar("message", true);
  rule.fix = scalar("fix", false);
  rule.docs = scalar("docs", false);
  rule.at = scalar("at", false);
  rule.when_text = scalar("when", true);
  if (YAML::Node example = root["example"]) {
    if (!example.IsMap()) sink.at(example, "'example' is a mapping with 'bad' and 'good'");
    check_keys(example, {"bad", "good"}, sink, "example");
    if (example.IsMap() && example["bad"]) rule.example_bad = example["bad"].Scalar();
    if (example.IsMap() && example["good"]) rule.example_good = example["good"].Scalar();
  }

  YAML::Node kinds_node = root["kinds"];
  if (!kinds_node || !kinds_node.IsSequence() || kinds_node.size() == 0) {
    sink.at(kinds_node ? kinds_node : root, "'kinds' must list the kinds the rule applies to");
  } else {
    for (const auto& k : kinds_node) {
      std::string name = k.Scalar();
      if (!kinds.has_kind(name)) {
        std::string hint = closest_match(name, kinds.kind_names());
        sink.at(k, "unknown kind '" + name + "'" +
                       (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
        continue;
      }
      rule.kinds.push_back(name);
    }
  }
  // Without its kinds nothing else can be checked; other mistakes still let us go on.
  if (rule.kinds.empty() || rule.kinds.size() != kinds_node.size()) return false;

  // Names a rule may use outside the predicate must exist on every kind it covers.
  auto check_field = [&](const std::string& field, const YAML::Node& where, const char* what) {
    if (contains(message_fields(), field)) return;
    for (const std::string& kind : rule.kinds) {
      if (kinds.property(kind, field)) continue;
      std::string hint = closest_match(field, kinds.property_names(kind));
      sink.at(where, std::string(what) + " names unknown property '" + field + "' of kind '" +
                         kind + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    }
  };
  if (!rule.at.empty()) check_field(rule.at, root["at"], "'at'");
  for (const std::string& name : placeholders(rule.message))
    check_field(name, root["message"], "message");

  std::vector<ExprError> expr_errors;
  rule.when = compile_expression(rule.when_text, rule.kinds, kinds, expr_errors);
  for (const ExprError& e : expr_errors) {
    auto [line, column] = locate_in_scalar(text, root["when"], e.offset);
    sink.at(line, column, e.message);
  }
  if (!rule.when && expr_errors.empty() && root["when"])
    sink.at(root["when"], "the predicate does not compile");
  return sink.count() == 0;
}

}  // namespace bw::compiler
