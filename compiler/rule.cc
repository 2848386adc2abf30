#include "compiler/rule.h"

#include <algorithm>
#include <optional>
#include <unordered_set>

#include "compiler/message.h"

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

bool valid_rule_id(std::string_view id) {
  size_t letters = 0;
  while (letters < id.size() && id[letters] >= 'A' && id[letters] <= 'Z') ++letters;
  if (letters == 0 || letters == id.size()) return false;
  return std::all_of(id.begin() + letters, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Adds each name that `text` binds as a macro variable: `(name,` with
// optional blanks, as in `xs.exists(name, ...)`. One pass over the text.
static void add_macro_variables(const std::string& text, std::unordered_set<std::string>& names) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  for (size_t open = text.find('('); open != std::string::npos; open = text.find('(', open + 1)) {
    size_t i = open + 1;
    while (i < text.size() && blank(text[i])) ++i;
    size_t begin = i;
    while (i < text.size() && word(text[i])) ++i;
    size_t end = i;
    while (i < text.size() && blank(text[i])) ++i;
    if (end > begin && i < text.size() && text[i] == ',')
      names.insert(text.substr(begin, end - begin));
  }
}

std::string default_unknown_message(const std::string& message) {
  return "could not rule out: " + message;
}

namespace {

// Compiles one rule; see compile_rule.
class RuleCompiler {
 public:
  RuleCompiler(const std::string& text, const Kinds& kinds, const Globals* globals, Rule& rule,
               ErrorSink& sink, const YAML::Node* parsed)
      : text_(text), kinds_(kinds), globals_(globals), rule_(rule), sink_(sink), parsed_(parsed) {}

  bool run() {
    root_ = parsed_ ? *parsed_ : parse_yaml(text_, sink_);
    if (!root_.IsDefined()) return false;
    if (!root_.IsMap()) {
      sink_.at(root_,
               "a rule file is a mapping: id, name, category, severity, kinds, when, message");
      return false;
    }
    rule_.line = root_.Mark().line + 1;
    check_keys(root_,
               {"id", "name", "category", "severity", "kinds", "let", "when", "at", "message",
                "unknown_message", "fix", "docs", "examples", "example"},
               sink_, "rule");
    metadata();
    examples();
    if (!kinds()) return false;
    fields();
    predicate();
    return sink_.count() == 0;
  }

 private:
  std::string scalar(const char* key, bool required) {
    YAML::Node node = root_[key];
    if (!node) {
      if (required) sink_.at(root_, std::string("missing '") + key + "'");
      return "";
    }
    if (!node.IsScalar()) {
      sink_.at(node, std::string("'") + key + "' must be a string");
      return "";
    }
    return node.Scalar();
  }

  void metadata() {
    rule_.id = scalar("id", true);
    if (!rule_.id.empty() && !valid_rule_id(rule_.id))
      sink_.at(root_["id"], "rule id '" + rule_.id + "' must be letters then digits, like BW101");
    rule_.name = scalar("name", true);
    rule_.category = scalar("category", true);
    if (!rule_.category.empty() && !contains(categories(), rule_.category)) {
      std::string hint = closest_match(rule_.category, categories());
      sink_.at(root_["category"], "unknown category '" + rule_.category + "'" +
                                      (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                                      " (categories are listed in HAZARDS.md)");
    }
    std::string severity = scalar("severity", true);
    if (auto parsed = ir::parse_severity(severity))
      rule_.severity = *parsed;
    else if (!severity.empty())
      sink_.at(root_["severity"],
               "unknown severity '" + severity + "': critical, high, medium, low or info");
    rule_.message = scalar("message", true);
    rule_.unknown_message = scalar("unknown_message", false);
    rule_.fix = scalar("fix", false);
    rule_.docs = scalar("docs", false);
    rule_.at = scalar("at", false);
    rule_.when_text = scalar("when", true);
  }

  // `examples:` is a list of {path, bad, good}; a single `example:` mapping,
  // the older form, is read as a list of one.
  void examples() {
    YAML::Node list = root_["examples"];
    YAML::Node single = root_["example"];
    if (list && single) {
      sink_.at(single, "a rule has 'examples' (a list) or one 'example', not both");
      return;
    }
    if (single) {
      example(single, "'example'");
      return;
    }
    if (!list) return;
    if (!list.IsSequence()) {
      sink_.at(list, "'examples' is a list of mappings with 'path', 'bad' and 'good'");
      return;
    }
    for (const YAML::Node& item : list) example(item, "an example");
  }

  void example(const YAML::Node& node, const std::string& what) {
    if (!node.IsMap()) {
      sink_.at(node, what + " is a mapping with 'path', 'bad' and 'good'");
      return;
    }
    check_keys(node, {"path", "bad", "good"}, sink_, "example");
    auto text = [&](const char* key) {
      YAML::Node value = node[key];
      if (value && !value.IsScalar()) sink_.at(value, std::string("example '") + key + "' is text");
      return value && value.IsScalar() ? value.Scalar() : std::string();
    };
    Example example{text("path"), text("bad"), text("good")};
    // The tests run the examples, and the docs name their language, by the file name.
    if (example.path.empty())
      sink_.at(node, what + " needs 'path': the file the example is, such as main.tf");
    else if (!node["bad"] && !node["good"])
      sink_.at(node, what + " needs 'bad' (a file the rule fires on) or 'good' (one it does not)");
    rule_.examples.push_back(std::move(example));
  }

  // Without its kinds nothing else can be checked; other mistakes still let us go on.
  bool kinds() {
    YAML::Node node = root_["kinds"];
    if (!node) return true;  // every kind
    if (!node.IsSequence()) {
      sink_.at(node, "'kinds' must list the kinds the rule applies to (or be left out for all)");
      return false;
    }
    bool ok = true;
    for (const auto& k : node) {
      std::string name = k.Scalar();
      if (!kinds_.has_kind(name)) {
        std::string hint = closest_match(name, kinds_.kind_names());
        sink_.at(k, "unknown kind '" + name + "'" +
                        (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
        ok = false;
        continue;
      }
      rule_.kinds.push_back(name);
    }
    return ok;
  }

  std::vector<std::string> covered_kinds() const {
    return rule_.kinds.empty() ? kinds_.kind_names() : rule_.kinds;
  }

  bool is_property(const std::string& name) const {
    for (const std::string& kind : covered_kinds())
      if (!kinds_.property(kind, name)) return false;
    return true;
  }

  // A name every kind the rule covers has, or an error saying which lacks it.
  void check_property(const std::string& field, int line, int column, const char* what) {
    for (const std::string& kind : covered_kinds()) {
      if (kinds_.property(kind, field)) continue;
      std::string hint = closest_match(field, kinds_.property_names(kind));
      sink_.at(line, column,
               std::string(what) + " names unknown property '" + field + "' of kind '" + kind +
                   "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
      return;
    }
  }

  // Whether the rule's lets or predicate bind `name`: a let, or `xs.exists(name, ...)`.
  // The names are gathered once: a message may name thousands.
  bool binds(const std::string& name) {
    if (!bound_) {
      bound_.emplace();
      add_macro_variables(rule_.when_text, *bound_);
      if (YAML::Node lets = root_["let"]; lets && lets.IsMap())
        for (const auto& entry : lets) {
          if (entry.first.IsScalar()) bound_->insert(entry.first.Scalar());
          if (entry.second.IsScalar()) add_macro_variables(entry.second.Scalar(), *bound_);
        }
    }
    return bound_->count(name) > 0;
  }

  // Each distinct placeholder of the scalar at `key`, with where it is in the rule file.
  template <typename Check>
  void each_placeholder(const char* key, const std::string& message, Check&& check) {
    for (const MessagePart& part : distinct_placeholders(message)) {
      auto [line, column] = locator_.locate(root_[key], part.offset);
      check(std::string(part.text), line, column);
    }
  }

  void fields() {
    if (!rule_.at.empty() && !contains(builtin_fields(), rule_.at))
      check_property(rule_.at, root_["at"].Mark().line + 1, root_["at"].Mark().column + 1, "'at'");
    each_placeholder("message", rule_.message, [&](const std::string& name, int line, int column) {
      if (name == "value" && rule_.at.empty()) {
        sink_.at(line, column, "{value} is the value 'at' points to, but the rule has no 'at'");
        return;
      }
      if (contains(message_fields(), name) || is_property(name)) return;
      // A let, or a macro variable: the predicate's compiler checks which.
      if (binds(name)) {
        rule_.message_names.push_back(name);
        return;
      }
      std::vector<std::string> names = message_fields();
      for (const std::string& kind : covered_kinds())
        for (const std::string& property : kinds_.property_names(kind)) names.push_back(property);
      std::string hint = closest_match(name, names);
      sink_.at(line, column,
               "message names {" + name +
                   "}, which is no property, built-in field, let or exists() variable" +
                   (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    });
    // An unknown finding has no exists() witness and no let value to show.
    each_placeholder("unknown_message", rule_.unknown_message,
                     [&](const std::string& name, int line, int column) {
                       if (name == "value" && rule_.at.empty())
                         sink_.at(line, column, "{value} needs 'at'");
                       else if (!contains(message_fields(), name))
                         check_property(name, line, column, "unknown_message");
                     });
  }

  void predicate() {
    std::vector<YAML::Node> let_nodes;
    if (YAML::Node lets = root_["let"]) {
      if (!lets.IsMap()) {
        sink_.at(lets, "'let' maps names to expressions: {images: self.containers}");
      } else {
        for (const auto& entry : lets) {
          if (!entry.second.IsScalar()) {
            sink_.at(entry.second, "a let is an expression");
            continue;
          }
          rule_.lets.push_back({entry.first.Scalar(), entry.second.Scalar()});
          let_nodes.push_back(entry.second);
        }
      }
    }
    if (!root_["when"]) return;
    ExpressionInput input{rule_.when_text, rule_.lets, rule_.kinds, rule_.message_names};
    std::vector<ExprError> errors;
    rule_.when = compile_expression(input, kinds_, globals_, errors);
    for (const ExprError& e : errors) {
      const YAML::Node& node = e.source >= 0 && static_cast<size_t>(e.source) < let_nodes.size()
                                   ? let_nodes[e.source]
                                   : root_["when"];
      auto [line, column] = locator_.locate(node, e.offset);
      sink_.at(line, column, e.message);
    }
    if (!rule_.when && errors.empty()) sink_.at(root_["when"], "the predicate does not compile");
  }

  const std::string& text_;
  ScalarLocator locator_{text_};  // where an error in a scalar's text is in the file
  const Kinds& kinds_;
  const Globals* globals_;
  Rule& rule_;
  ErrorSink& sink_;
  const YAML::Node* parsed_;
  YAML::Node root_;
  std::optional<std::unordered_set<std::string>> bound_;  // what binds() finds, once
};

}  // namespace

bool compile_rule(const std::string& path, const std::string& text, const Kinds& kinds,
                  const Globals* globals, Rule& rule, std::vector<CompileError>& errors,
                  const YAML::Node* parsed) {
  ErrorSink sink(path, errors);
  rule.path = path;
  return guard_yaml(sink,
                    [&] { return RuleCompiler(text, kinds, globals, rule, sink, parsed).run(); });
}

}  // namespace bw::compiler
