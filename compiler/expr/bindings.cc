// Which names a rule's messages may use besides properties: a let, or the
// variable of an exists() that can make the predicate true, so that when
// the rule fires the message can show the element it fired on.

#include "compiler/expr/builtins.h"
#include "compiler/expr/checker.h"

namespace bw::compiler::expr {

namespace {

// The exists() calls reached from the root only through &&, ||, the
// branches of ?: and other exists() bodies: when the predicate is true
// because of one of them, its element is what made it true. Under `!`, in a
// condition or in an operand of a comparison, an element proves nothing.
void collect_positive(Node& node, std::vector<Node*>& found) {
  switch (node.kind) {
    case NodeKind::And:
    case NodeKind::Or:
      for (auto& child : node.children) collect_positive(*child, found);
      return;
    case NodeKind::Conditional:
      collect_positive(*node.children[1], found);
      collect_positive(*node.children[2], found);
      return;
    case NodeKind::Call:
      if (node.function != Function::Exists) return;
      found.push_back(&node);
      collect_positive(node.argument(1), found);
      return;
    default:
      return;
  }
}

// A macro variable called `name` anywhere, to point an error at.
const Node* find_variable(const Node& node, const std::string& name) {
  if (node.kind == NodeKind::Call && is_macro(node.function) && node.argument(0).text == name)
    return &node.argument(0);
  for (const auto& child : node.children)
    if (const Node* found = find_variable(*child, name)) return found;
  return nullptr;
}

}  // namespace

void bind_message_names(Program& program, const std::vector<std::string>& names,
                        std::vector<ExprError>& errors) {
  std::vector<Node*> positive;
  if (program.root) collect_positive(*program.root, positive);
  for (const std::string& name : names) {
    int32_t let = -1;
    for (size_t i = 0; i < program.lets.size(); ++i)
      if (program.lets[i].name == name) let = static_cast<int32_t>(i);
    if (let >= 0) {
      program.bindings.push_back({name, let, -1});
      continue;
    }
    std::vector<Node*> binders;
    for (Node* exists : positive)
      if (exists->argument(0).text == name) binders.push_back(exists);
    if (binders.size() > 1) {
      const Node& second = binders[1]->argument(0);
      errors.push_back({second.offset, second.length,
                        "message names {" + name +
                            "}, which more than one exists() binds: give them different names"});
      continue;
    }
    if (binders.empty()) {
      const Node* elsewhere = program.root ? find_variable(*program.root, name) : nullptr;
      errors.push_back({elsewhere ? elsewhere->offset : 0, elsewhere ? elsewhere->length : 0,
                        "message names {" + name +
                            "}, which is no let or exists() variable that makes the rule true"});
      continue;
    }
    Node& exists = *binders[0];
    if (exists.witness < 0) exists.witness = static_cast<int32_t>(program.witness_count++);
    program.bindings.push_back({name, -1, exists.witness});
  }
}

}  // namespace bw::compiler::expr
