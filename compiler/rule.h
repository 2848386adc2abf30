#pragma once
// One rule file compiled: metadata, the predicate (with its lets) compiled
// against the kinds schema and the pack's shared lists and parameters, where
// a finding points, and the messages it prints.

#include <string>
#include <string_view>
#include <vector>

#include "compiler/compile_error.h"
#include "compiler/expr/expr.h"
#include "compiler/kinds.h"
#include "ir/finding.h"

namespace bw::compiler {

// The HAZARDS.md category ids: a contract that tests, dashboards and users filter on.
const std::vector<std::string>& categories();

// Capital letters then digits, like BW101: ids sort and read like the
// built-in pack's. Suppressions read rule ids by the same shape.
bool valid_rule_id(std::string_view id);

// A rule's documented example: an input file `path` (its name says the
// language) in a bad and a good version. The bad one must make the rule fire
// and the good one must not: the tests run them. A rule has one or more per
// input language it covers.
struct Example {
  std::string path;
  std::string bad;
  std::string good;
};

struct Rule {
  std::string id;    // BW101
  std::string name;  // database-deletion-protection-off
  std::string category;
  ir::Severity severity = ir::Severity::High;
  std::vector<std::string> kinds;  // empty: every kind
  std::vector<Let> lets;
  std::string when_text;
  ExpressionPtr when;
  std::string at;       // a property or built-in field; "" points at the resource
  std::string message;  // with {placeholders}
  // Said instead of `message` when the predicate could be neither proven nor
  // refuted: it must not state the hazard as a fact.
  std::string unknown_message;
  std::vector<std::string> message_names;  // placeholders the predicate's evaluation renders
  std::string fix;
  std::string docs;
  std::vector<Example> examples;
  std::string path;  // the rule file
  int line = 0;
  bool builtin = false;
};

// Compiles one rule file. `globals` may be null. Returns false (and appends
// errors) when invalid.
// `parsed`, when given, is `text` already parsed as YAML.
bool compile_rule(const std::string& path, const std::string& text, const Kinds& kinds,
                  const Globals* globals, Rule& rule, std::vector<CompileError>& errors,
                  const YAML::Node* parsed = nullptr);

// Placeholders a message may use besides the kinds' properties, lets and exists() variables.
const std::vector<std::string>& message_fields();

// What an unknown finding says when the rule gives no `unknown_message`.
std::string default_unknown_message(const std::string& message);

}  // namespace bw::compiler
