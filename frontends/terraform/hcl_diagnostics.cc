#include "frontends/terraform/hcl_diagnostics.h"

namespace bw::frontends::terraform::hcl {

std::string message(std::string_view summary, std::string_view detail) {
  std::string result(summary);
  if (!detail.empty()) {
    result += ": ";
    result += detail;
  }
  return result;
}

std::string lex_problem_message(LexProblem problem, std::string_view written) {
  switch (problem) {
    case LexProblem::BitwiseAnd:
      return message("Unsupported operator", "bitwise '&' is not supported; did you mean '&&'?");
    case LexProblem::BitwiseOr:
      return message("Unsupported operator", "bitwise '|' is not supported; did you mean '||'?");
    case LexProblem::BitwiseXor:
      return message("Unsupported operator", "bitwise '^' is not supported");
    case LexProblem::BitwiseNot:
      return message("Unsupported operator", "bitwise '~' is not supported; did you mean '!'?");
    case LexProblem::Backtick:
      return message("Invalid character",
                     "'`' is not valid; write a multi-line string as a heredoc");
    case LexProblem::Apostrophe:
      return message("Invalid character", "single quotes are not valid; use double quotes (\")");
    case LexProblem::Semicolon:
      return message("Invalid character",
                     "';' is not valid; end arguments with a newline, separate items with ','");
    case LexProblem::CurlyQuote:
      return message("Invalid character", "curly quotes are not valid; use straight quotes (\")");
    case LexProblem::BadUtf8:
      return message("Invalid character encoding", "the file is not valid UTF-8");
    case LexProblem::QuotedNewline:
      return message("Invalid multi-line string",
                     "a quoted string must end on its line; use \\n or a heredoc");
    case LexProblem::UnterminatedComment:
      return message("Unterminated comment", "'/*' has no closing '*/'");
    case LexProblem::InvalidCharacter:
    case LexProblem::None:
      break;
  }
  std::string shown = "'" + std::string(written) + "'";
  if (written.size() == 1 && (static_cast<unsigned char>(written[0]) < 0x20 || written[0] == 0x7F))
    shown = "this control character";
  else if (written == "\\")
    shown = "'\\' outside an escape sequence";
  return message("Invalid character", shown + " is not used in the language");
}

std::string describe(const Token& token, std::string_view written) {
  switch (token.type) {
    case Tok::Eof:
      return "the end of the file";
    case Tok::Newline:
      return (token.flags & kLineComment) ? "a comment ending the line" : "a newline";
    case Tok::OQuote:
      return "a string";
    case Tok::OHeredoc:
      return "a heredoc";
    case Tok::QuotedLit:
    case Tok::StringLit:
      return "text";
    default:
      break;
  }
  size_t end = written.find_first_of("\r\n");
  std::string_view shown = written.substr(0, end);
  if (shown.size() > 30) return "'" + std::string(shown.substr(0, 30)) + "...'";
  return "'" + std::string(shown) + "'";
}

}  // namespace bw::frontends::terraform::hcl
