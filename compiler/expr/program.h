#pragma once
// A compiled predicate with its lets and message bindings: what the checker
// fills in and the evaluator runs. Texts are kept so that a run-time error
// can quote the sub-expression it happened in.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/expr/ast.h"

namespace bw::compiler::expr {

struct CompiledLet {
  std::string name;
  std::string text;
  std::unique_ptr<Node> root;
};

// A name the rule's messages use: a let's value, or the element an exists()
// found (its witness slot).
struct MessageBinding {
  std::string name;
  int32_t let = -1;
  int32_t witness = -1;
};

struct Program {
  std::string when_text;
  std::unique_ptr<Node> root;
  std::vector<CompiledLet> lets;
  std::vector<MessageBinding> bindings;
  // Macro variables of the predicate and of every let, each in slots of its
  // own: a let evaluated inside a macro must not overwrite its variable.
  size_t slot_count = 0;
  size_t witness_count = 0;

  // What evaluation keeps per run: macro variables, witnesses and let values.
  size_t value_count() const { return slot_count + witness_count + lets.size(); }

  // The text a node of `source` (-1 the predicate, i the i-th let) is in.
  std::string_view text(int source) const {
    return source < 0 ? std::string_view(when_text) : std::string_view(lets[source].text);
  }
};

}  // namespace bw::compiler::expr
