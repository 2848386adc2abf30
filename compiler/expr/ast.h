#pragma once
// The syntax tree of a predicate. The parser builds it; the checker resolves
// names in place (functions, builtin fields, macro variable slots, compiled
// regular expressions), so the evaluator never looks anything up by string
// except a property in a resource's or object's members.

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bw::compiler::expr {

// Deeper expressions are a compile error: it bounds the recursion of the
// parser, the checker and the evaluator, so no input can overflow the stack.
inline constexpr uint32_t kMaxDepth = 128;

enum class NodeKind : uint8_t {
  Null,
  Bool,
  Number,
  String,
  List,         // [children...]
  Map,          // {children[0]: children[1], children[2]: children[3], ...}
  Identifier,   // `self` or a macro variable
  Select,       // children[0].text
  Index,        // children[0][children[1]]
  Call,         // text(children...) or, with has_receiver, children[0].text(children[1...])
  Not,          // !children[0]
  Negate,       // -children[0]
  Binary,       // children[0] op children[1]
  And,          // children[0] && children[1] && ...; flat, so long chains stay shallow
  Or,           // children[0] || children[1] || ...
  Conditional,  // children[0] ? children[1] : children[2]
};

enum class BinaryOp : uint8_t {
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  In,
  Add,
  Subtract,
  Multiply,
  Divide,
  Modulo,
};

std::string_view to_string(BinaryOp op);

// A call resolved by the checker.
enum class Function : uint8_t {
  Unresolved,
  Has,
  Size,
  Matches,
  StartsWith,
  EndsWith,
  Contains,
  Lower,
  Upper,
  Edges,
  Exists,
  All,
  ExistsOne,
  Filter,
  Map,
};

// A member of a resource that is not a kind property (see builtin_fields()).
enum class Field : uint8_t {
  Property,
  Type,
  Name,
  Address,
  Kind,
  Environment,
  Frontend,
  Path,
  IsData,
};

inline constexpr int32_t kSelfSlot = -1;

struct Node {
  NodeKind kind = NodeKind::Null;
  BinaryOp op = BinaryOp::Equal;
  bool has_receiver = false;  // Call: a method, children[0] is the receiver
  bool boolean = false;
  uint32_t offset = 0;  // the whole expression's byte range in the text
  uint32_t length = 0;
  uint32_t name_offset = 0;  // Select and Call: the name; Binary, Not, And...: the operator
  uint32_t name_length = 0;
  uint32_t depth = 1;  // height of this subtree
  double number = 0;
  std::string text;  // String: the decoded value; Identifier, Select, Call: the name
  std::vector<std::unique_ptr<Node>> children;

  // Filled in by the checker.
  Function function = Function::Unresolved;
  Field field = Field::Property;
  int32_t slot = kSelfSlot;    // Identifier: its variable; macro Call: the variable it binds
  std::unique_ptr<RE2> regex;  // matches(): compiled once

  // Call arguments without the receiver.
  size_t argument_count() const { return children.size() - (has_receiver ? 1 : 0); }
  Node& argument(size_t i) const { return *children[i + (has_receiver ? 1 : 0)]; }
  Node& receiver() const { return *children[0]; }
};

}  // namespace bw::compiler::expr
