#pragma once
// A comment as a frontend's own lexer found it. Suppressions are read only
// from these, so text that merely looks like a comment (a `#` inside a
// string, a heredoc or a YAML scalar) never suppresses.

#include <string>

#include "ir/source.h"

namespace bw::ir {

struct Comment {
  Span span;         // the whole comment, leader included (`#`, `//`, `/* … */`), no line end
  std::string text;  // as written
};

}  // namespace bw::ir
