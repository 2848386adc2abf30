#pragma once
// The rule reference, generated from the rule files themselves (ruff-style),
// so docs/rules/ can never drift from the rules: a test regenerates it and
// compares.

#include <string>

#include "compiler/rule_pack.h"

namespace bw::report {

std::string rule_page(const compiler::Rule& rule);
std::string rule_index(const compiler::RulePack& pack);
// Writes index and pages for the built-in rules into `directory`. False on I/O failure.
bool write_rule_docs(const compiler::RulePack& pack, const std::string& directory);

}  // namespace bw::report
