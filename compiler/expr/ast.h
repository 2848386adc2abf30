#pragma once
// The syntax tree of a predicate or a `let`. The parser builds it; the
// checker resolves names in place (functions, builtin fields, macro variable
// slots, lets, shared lists and parameters, compiled regular expressions and
// CIDR blocks), so the evaluator never looks anything up by string except a
// property in a resource's or object's members.

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/expr/expr.h"
#include "ir/network.h"

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
  Identifier,   // `self`, a macro variable or a let
  Global,       // lists.NAME or params.NAME, resolved by the checker (was a Select)
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
  Glob,
  IsIP,
  InCIDR,
  Host,
  Split,
  Replace,
  ImageName,
  Resources,
  Environments,
};

// A member of a resource that is not a kind property (see builtin_fields()).
enum class ResourceField : uint8_t {
  Property,
  Type,
  Name,
  Address,
  Kind,
  Environment,
  Frontend,
  Path,
  IsData,
  Instance,
  Change,
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
  ResourceField field = ResourceField::Property;
  int32_t slot = kSelfSlot;           // Identifier: its variable; macro Call: the variable it binds
  int32_t let = -1;                   // Identifier: the let it names
  int32_t witness = -1;               // exists(): where it records the element a message names
  const Global* global = nullptr;     // Global: the list or parameter
  std::unique_ptr<RE2> regex;         // matches(): compiled once
  std::optional<ir::CidrBlock> cidr;  // inCIDR() with a literal block: parsed once

  // Call arguments without the receiver.
  size_t argument_count() const { return children.size() - (has_receiver ? 1 : 0); }
  Node& argument(size_t i) const { return *children[i + (has_receiver ? 1 : 0)]; }
  Node& receiver() const { return *children[0]; }
};

}  // namespace bw::compiler::expr
