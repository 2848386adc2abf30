#pragma once
// One rule file compiled: metadata, the predicate compiled against the kinds
// schema, and where a finding points.

#include <string>
#include <vector>

#include "compiler/compile_error.h"
#include "compiler/expr/expr.h"
#include "compiler/kinds.h"
#include "ir/finding.h"

namespace bw::compiler {

// The HAZARDS.md category ids: a contract that tests, dashboards and users filter on.
const std::vector<std::string>& categories();

struct Rule {
  std::string id;    // BW101
  std::string name;  // database-deletion-protection-off
  std::string category;
  ir::Severity severity = ir::Severity::High;
  std::vector<std::string> kinds;
  std::string when_text;
  ExpressionPtr when;
  std::string at;       // a property or built-in field; "" points at the resource
  std::string message;  // with {placeholders}
  std::string fix;
  std::string docs;
  std::string example_bad;
  std::string example_good;
  std::string path;  // the rule file
  int line = 0;
  bool builtin = false;
};

// Compiles one rule file. Returns false (and appends errors) when invalid.
bool compile_rule(const std::string& path, const std::string& text, const Kinds& kinds, Rule& rule,
                  std::vector<CompileError>& errors);

// Placeholders a message may use besides the kinds' properties.
const std::vector<std::string>& message_fields();

}  // namespace bw::compiler
