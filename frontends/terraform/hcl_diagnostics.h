#pragma once
// How syntax errors read. Each message is Terraform's own summary (the words
// of HashiCorp's hclsyntax, so a user can search for them) followed by a few
// words on what was found there: "Invalid expression: missing value after
// 'engine ='". The span, not the message, says where.

#include <string>
#include <string_view>

#include "frontends/terraform/hcl_lexer.h"

namespace bw::frontends::terraform::hcl {

// "Summary: detail".
std::string message(std::string_view summary, std::string_view detail);

// What an Invalid token is, for the character or sequence `written`.
std::string lex_problem_message(LexProblem problem, std::string_view written);

// A token as a message shows it: "'}'", "'engine'", "a newline", "the end of
// the file"; long text is cut.
std::string describe(const Token& token, std::string_view written);

}  // namespace bw::frontends::terraform::hcl
