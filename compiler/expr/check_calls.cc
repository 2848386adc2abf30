// The checker's functions and macros: arity, argument types, literal
// arguments compiled once (regular expressions, CIDR blocks, kinds), and the
// variables macros bind.

#include <algorithm>

#include "compiler/expr/checker_internal.h"
#include "compiler/expr/suggest.h"
#include "ir/network.h"

namespace bw::compiler::expr {

namespace {

std::string count_of(int n) {
  if (n == 0) return "no arguments";
  return std::to_string(n) + (n == 1 ? " argument" : " arguments");
}

}  // namespace

StaticType Checker::check_call(Node& node) {
  const FunctionInfo* info = find_function(node.text);
  int expected = !info               ? kNotAvailable
                 : node.has_receiver ? info->method_arguments
                                     : info->global_arguments;
  if (!info || expected == kNotAvailable) {
    report_unknown_call(node, info);
    for (auto& child : node.children) check(*child);
    return {};
  }
  if (static_cast<int>(node.argument_count()) != expected) {
    error_at_name(node, "'" + node.text + "' takes " + count_of(expected) + ", got " +
                            std::to_string(node.argument_count()));
    // A macro's arguments name a variable that is not bound yet; skip them.
    size_t checked = is_macro(info->function) ? 1 : node.children.size();
    for (size_t i = 0; i < checked && i < node.children.size(); ++i) check(*node.children[i]);
    return {};
  }
  node.function = info->function;
  switch (info->function) {
    case Function::Has:
      return check_has(node);
    case Function::Size:
      return check_size(node);
    case Function::Matches:
      return check_matches(node);
    case Function::StartsWith:
    case Function::EndsWith:
    case Function::Contains:
    case Function::Glob:
      expect_string_receiver(node);
      expect_string_argument(node, 0);
      return StaticType::of(ExprType::Bool);
    case Function::Lower:
    case Function::Upper:
    case Function::ImageName:
      expect_string_receiver(node);
      return StaticType::of(ExprType::String);
    case Function::Replace:
      expect_string_receiver(node);
      expect_string_argument(node, 0);
      expect_string_argument(node, 1);
      return StaticType::of(ExprType::String);
    case Function::Split:
      expect_string_receiver(node);
      expect_string_argument(node, 0);
      return StaticType::list_of(StaticType::of(ExprType::String));
    case Function::IsIP:
      expect_string_argument(node, 0);
      return StaticType::of(ExprType::Bool);
    case Function::InCIDR:
      return check_in_cidr(node);
    case Function::Host:
      expect_string_argument(node, 0);
      return StaticType::of(ExprType::String);
    case Function::Environments:
      expect_string_argument(node, 0);
      return StaticType::list_of(StaticType::of(ExprType::String));
    case Function::Edges:
      return check_edges(node);
    case Function::Resources:
      return check_resources(node);
    case Function::Exists:
    case Function::All:
    case Function::ExistsOne:
    case Function::Filter:
    case Function::Map:
      return check_macro(node);
    case Function::Unresolved:
      break;
  }
  return {};
}

void Checker::report_unknown_call(const Node& node, const FunctionInfo* info) {
  if (info && node.has_receiver) {
    std::string example = info->function == Function::Has ? "(x.field)" : "(x)";
    error_at_name(node,
                  "'" + node.text + "' is a function, not a method: write " + node.text + example);
    return;
  }
  if (info) {
    error_at_name(node, "'" + node.text + "' is a method: write x." + node.text + "(...)");
    return;
  }
  std::vector<std::string> names = function_names(node.has_receiver);
  error_at_name(node, std::string(node.has_receiver ? "unknown method '" : "unknown function '") +
                          node.text + "'" + did_you_mean(node.text, names));
}

void Checker::expect_string_receiver(Node& node) {
  Node& receiver = node.receiver();
  expect(receiver, check(receiver), {ExprType::String}, "'" + node.text + "' needs a string");
}

// Null is let through: it is what an absent property reads as.
void Checker::expect_string_argument(Node& node, size_t i) {
  Node& argument = node.argument(i);
  expect(argument, check(argument), {ExprType::String, ExprType::Null},
         "'" + node.text + "' needs a string argument");
}

StaticType Checker::check_has(Node& node) {
  Node& argument = node.argument(0);
  if (argument.kind != NodeKind::Select)
    error(argument, "has() needs a field selection such as has(self.x)");
  check(argument);
  return StaticType::of(ExprType::Bool);
}

StaticType Checker::check_size(Node& node) {
  Node& operand = node.has_receiver ? node.receiver() : node.argument(0);
  expect(operand, check(operand),
         {ExprType::String, ExprType::List, ExprType::Object, ExprType::Null},
         "size() needs a string, a list or an object");
  return StaticType::of(ExprType::Number);
}

StaticType Checker::check_matches(Node& node) {
  expect_string_receiver(node);
  Node& pattern = node.argument(0);
  check(pattern);
  if (pattern.kind != NodeKind::String) {
    error(pattern, "matches() needs a string literal pattern");
    return StaticType::of(ExprType::Bool);
  }
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_unique<RE2>(pattern.text, options);
  if (!regex->ok()) {
    error(pattern, "invalid regular expression: " + regex->error());
    return StaticType::of(ExprType::Bool);
  }
  node.regex = std::move(regex);
  return StaticType::of(ExprType::Bool);
}

// A literal block is parsed here, once; any other is parsed at run time.
StaticType Checker::check_in_cidr(Node& node) {
  expect_string_receiver(node);
  expect_string_argument(node, 0);
  Node& block = node.argument(0);
  if (block.kind == NodeKind::String) {
    node.cidr = ir::parse_cidr(block.text);
    if (!node.cidr)
      error(block, "invalid CIDR block '" + block.text +
                       "': write an address, '/' and a prefix length, like 10.0.0.0/8");
  }
  return StaticType::of(ExprType::Bool);
}

StaticType Checker::check_edges(Node& node) {
  Node& receiver = node.receiver();
  expect(receiver, check(receiver), {ExprType::Resource}, "edges() needs a resource");
  return check_kind_literal(node.argument(0), "edges");
}

StaticType Checker::check_resources(Node& node) {
  return check_kind_literal(node.argument(0), "resources");
}

// The kind a function's argument names: a string literal, a known kind. The
// resources it returns are checked against that kind.
StaticType Checker::check_kind_literal(Node& kind, const char* function) {
  check(kind);
  if (kind.kind != NodeKind::String) {
    error(kind, std::string(function) + "() needs a string literal naming a kind");
    return StaticType::resources({});
  }
  if (!schema_.has_kind(kind.text)) {
    error(kind, "unknown kind '" + kind.text + "'" + did_you_mean(kind.text, schema_.kind_names()));
    return StaticType::resources({});
  }
  return StaticType::resources({kind.text});
}

StaticType Checker::check_macro(Node& node) {
  Node& receiver = node.receiver();
  StaticType collection = check(receiver);
  StaticType element;
  if (collection.base() == ExprType::List) {
    element = collection.element();
  } else if (collection.base() == ExprType::Object) {
    element = StaticType::of(ExprType::String);  // macros over objects range over keys
  } else if (collection.known() && collection.base() != ExprType::Null) {
    error(receiver,
          "'" + node.text + "' needs a list or an object, not " + name_of(collection.base()));
  }

  Node& variable = node.argument(0);
  if (variable.kind != NodeKind::Identifier) {
    error(variable, "the first argument of " + node.text + "() must be a variable name");
    return {};
  }
  bool bind = bind_variable(variable);
  if (bind) {
    node.slot = variable.slot;
    scopes_.push_back({variable.text, variable.slot, element});
  }
  Node& body = node.argument(1);
  StaticType body_type = check(body);
  if (bind) scopes_.pop_back();

  if (node.function == Function::Map) return StaticType::list_of(body_type);
  expect(body, body_type, {ExprType::Bool}, "the predicate of " + node.text + "() must be a bool");
  if (node.function == Function::Filter) return StaticType::list_of(element);
  return StaticType::of(ExprType::Bool);
}

// Gives a macro's variable its slot. A name that would hide another is an
// error; it is bound all the same (so its uses are not reported again),
// except `self`, which goes on meaning the resource.
bool Checker::bind_variable(Node& variable) {
  const std::string& name = variable.text;
  std::string hidden;
  if (name == "self") hidden = "the resource";
  if (name == "lists" || name == "params") hidden = "the shared " + name;
  for (const Variable& let : lets_)
    if (let.name == name) hidden = "the let '" + name + "'";
  if (!hidden.empty()) {
    error(variable, "'" + name + "' cannot be a macro variable: it would hide " + hidden);
    if (name == "self") return false;
  }
  variable.slot = static_cast<int32_t>(slot_base_ + scopes_.size());
  slot_count_ = std::max(slot_count_, static_cast<size_t>(variable.slot) + 1);
  return true;
}

}  // namespace bw::compiler::expr
