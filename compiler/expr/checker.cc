// The checker's names, fields and operators; functions and macros are in
// check_calls.cc.

#include "compiler/expr/checker.h"

#include <algorithm>

#include "compiler/expr/checker_internal.h"
#include "compiler/expr/suggest.h"

namespace bw::compiler::expr {

namespace {

bool is_identifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_keyword(std::string_view name) {
  return name == "true" || name == "false" || name == "null" || name == "in";
}

}  // namespace

std::string name_of(ExprType type) {
  return std::string(to_string(type));
}

Checker::Checker(const std::vector<std::string>& kinds, const KindSchema& schema,
                 const Globals* globals, std::vector<ExprError>& errors)
    : schema_(schema), globals_(globals), errors_(errors) {
  self_kinds_ = kinds.empty() ? schema.kind_names() : kinds;
  for (const std::string& kind : self_kinds_)
    if (!schema.has_kind(kind))
      error(0, 0, "unknown kind '" + kind + "'" + did_you_mean(kind, schema.kind_names()));
}

void Checker::run(Program& program) {
  for (size_t i = 0; i < program.lets.size(); ++i) {
    CompiledLet& let = program.lets[i];
    source_ = static_cast<int>(i);
    check_let_name(let.name, i);
    StaticType type = let.root ? check(*let.root) : StaticType{};
    lets_.push_back({let.name, -1, std::move(type)});
    slot_base_ = slot_count_;
  }
  source_ = -1;
  if (program.root) {
    StaticType type = check(*program.root);
    if (type.known() && type.base() != ExprType::Bool)
      error(*program.root, "the predicate must be a bool, not " + name_of(type.base()));
  }
  program.slot_count = slot_count_;
}

void Checker::error(uint32_t offset, uint32_t length, std::string message) {
  errors_.push_back({offset, length, std::move(message), source_});
}
void Checker::error(const Node& node, std::string message) {
  error(node.offset, node.length, std::move(message));
}
void Checker::error_at_name(const Node& node, std::string message) {
  error(node.name_offset, node.name_length, std::move(message));
}

bool Checker::expect(const Node& node, const StaticType& type,
                     std::initializer_list<ExprType> allowed, const std::string& what) {
  if (!type.known()) return true;
  if (std::find(allowed.begin(), allowed.end(), type.base()) != allowed.end()) return true;
  error(node, what + ", not " + name_of(type.base()));
  return false;
}

// A let is named in the rule, not in its text, so its errors point at the
// start of the text.
bool Checker::check_let_name(const std::string& name, size_t index) {
  std::string problem;
  if (!is_identifier(name) || is_keyword(name))
    problem = "is not a name: use letters, digits and '_'";
  else if (name == "self" || name == "lists" || name == "params")
    problem = "is taken: it would hide '" + name + "'";
  else if (is_function_name(name))
    problem = "is taken: it is a function";
  for (size_t i = 0; i < index && problem.empty(); ++i)
    if (lets_[i].name == name) problem = "is taken by an earlier let";
  if (problem.empty()) return true;
  error(0, 0, "let '" + name + "' " + problem);
  return false;
}

StaticType Checker::check(Node& node) {
  switch (node.kind) {
    case NodeKind::Null:
      return StaticType::of(ExprType::Null);
    case NodeKind::Bool:
      return StaticType::of(ExprType::Bool);
    case NodeKind::Number:
      return StaticType::of(ExprType::Number);
    case NodeKind::String:
      return StaticType::of(ExprType::String);
    case NodeKind::List:
      return check_list(node);
    case NodeKind::Map:
      return check_map(node);
    case NodeKind::Identifier:
      return check_identifier(node);
    case NodeKind::Select:
      return check_select(node);
    case NodeKind::Global:  // only the checker makes them, once
      return StaticType::declared(node.global->type);
    case NodeKind::Index:
      return check_index(node);
    case NodeKind::Call:
      return check_call(node);
    case NodeKind::Not:
      expect(*node.children[0], check(*node.children[0]), {ExprType::Bool}, "'!' needs a bool");
      return StaticType::of(ExprType::Bool);
    case NodeKind::Negate:
      expect(*node.children[0], check(*node.children[0]), {ExprType::Number}, "'-' needs a number");
      return StaticType::of(ExprType::Number);
    case NodeKind::And:
    case NodeKind::Or: {
      std::string what =
          node.kind == NodeKind::And ? "'&&' needs bool operands" : "'||' needs bool operands";
      for (auto& operand : node.children) expect(*operand, check(*operand), {ExprType::Bool}, what);
      return StaticType::of(ExprType::Bool);
    }
    case NodeKind::Conditional: {
      expect(*node.children[0], check(*node.children[0]), {ExprType::Bool},
             "the condition of '?:' must be a bool");
      StaticType then_type = check(*node.children[1]);
      return unify(then_type, check(*node.children[2]));
    }
    case NodeKind::Binary:
      return check_binary(node);
  }
  return {};
}

StaticType Checker::check_list(Node& node) {
  if (node.children.empty()) {
    StaticType empty = StaticType::of(ExprType::List);
    empty.empty_list = true;
    return empty;
  }
  StaticType element = check(*node.children[0]);
  for (size_t i = 1; i < node.children.size(); ++i)
    element = unify(element, check(*node.children[i]));
  return StaticType::list_of(element);
}

StaticType Checker::check_map(Node& node) {
  for (size_t i = 0; i + 1 < node.children.size(); i += 2) {
    expect(*node.children[i], check(*node.children[i]), {ExprType::String},
           "map keys must be strings");
    check(*node.children[i + 1]);
  }
  return StaticType::of(ExprType::Object);
}

StaticType Checker::check_identifier(Node& node) {
  if (node.text == "self") {
    node.slot = kSelfSlot;
    return {PropertyType::of(ExprType::Resource), self_kinds_};
  }
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    if (it->name != node.text) continue;
    node.slot = it->slot;
    return it->type;
  }
  for (size_t i = 0; i < lets_.size(); ++i) {
    if (lets_[i].name != node.text) continue;
    node.let = static_cast<int32_t>(i);
    return lets_[i].type;
  }
  if (node.text == "lists" || node.text == "params") {
    error(node, "'" + node.text + "' holds the pack's shared " +
                    (node.text == "lists" ? "lists" : "parameters") + ": write " + node.text +
                    ".NAME");
    return {};
  }
  std::string hint;
  if (find_builtin_field(node.text) || property_of_self(node.text)) {
    hint = "; did you mean 'self." + node.text + "'?";
  } else {
    std::vector<std::string> names{"self", "lists", "params"};
    for (const Variable& variable : scopes_) names.push_back(variable.name);
    for (const Variable& let : lets_) names.push_back(let.name);
    hint = did_you_mean(node.text, names);
  }
  error(node, "unknown identifier '" + node.text + "'" + hint);
  return {};
}

bool Checker::property_of_self(const std::string& name) const {
  if (self_kinds_.empty()) return false;
  for (const std::string& kind : self_kinds_)
    if (!schema_.property(kind, name)) return false;
  return true;
}

StaticType Checker::check_select(Node& node) {
  Node& base_node = *node.children[0];
  if (base_node.kind == NodeKind::Identifier &&
      (base_node.text == "lists" || base_node.text == "params"))
    return check_global(node);
  StaticType base = check(base_node);
  const BuiltinField* builtin = find_builtin_field(node.text);
  // Resolved whatever the static type: a value typed Any may be a resource at run time.
  if (builtin) node.field = builtin->field;
  switch (base.base()) {
    case ExprType::Resource:
      if (builtin) return StaticType::declared(builtin_field_type(*builtin));
      return property(node, base.kinds);
    case ExprType::Object:
      return field(node, base);
    case ExprType::Any:
      return {};
    case ExprType::List:
      error_at_name(node, "cannot select field '" + node.text +
                              "' of a list; use exists(), all() or map() to look inside it");
      return {};
    default:
      error_at_name(node, "cannot select field '" + node.text + "' of a " + name_of(base.base()));
      return {};
  }
}

// lists.NAME or params.NAME: the node becomes a Global.
StaticType Checker::check_global(Node& node) {
  bool is_list = node.children[0]->text == "lists";
  const Global* global = !globals_ ? nullptr
                         : is_list ? globals_->list(node.text)
                                   : globals_->parameter(node.text);
  if (!global) {
    std::vector<std::string> names;
    if (globals_) names = is_list ? globals_->list_names() : globals_->parameter_names();
    error_at_name(node, std::string(is_list ? "unknown list '" : "unknown parameter '") +
                            node.text + "'" + did_you_mean(node.text, names));
    return {};
  }
  node.kind = NodeKind::Global;
  node.global = global;
  return StaticType::declared(global->type);
}

// A member of an object: checked when the object's type declares its fields.
StaticType Checker::field(Node& node, const StaticType& object) {
  if (object.type.fields.empty()) return {};
  const Field* member = object.type.field(node.text);
  if (!member) {
    std::vector<std::string> names;
    for (const Field& f : object.type.fields) names.push_back(f.name);
    error_at_name(node, "unknown field '" + node.text + "' of " + object.type.describe() +
                            did_you_mean(node.text, names));
    return {};
  }
  return member->type ? StaticType::declared(*member->type) : StaticType{};
}

// A kind property read through a resource of any of `kinds`: it must be a
// property of every one of them.
StaticType Checker::property(Node& node, const std::vector<std::string>& kinds) {
  std::optional<PropertyType> result;
  for (const std::string& kind : kinds) {
    std::optional<PropertyType> property = schema_.property(kind, node.text);
    if (!property) {
      if (!schema_.has_kind(kind)) return {};  // reported where the kind was named
      std::vector<std::string> names = schema_.property_names(kind);
      names.insert(names.end(), builtin_fields().begin(), builtin_fields().end());
      error_at_name(node, "unknown property '" + node.text + "' of kind '" + kind + "'" +
                              did_you_mean(node.text, names));
      return {};
    }
    if (!result)
      result = std::move(property);
    else if (!same_type(*result, *property))
      result = PropertyType{};  // the kinds disagree; leave it to run time
  }
  return result ? StaticType::declared(std::move(*result)) : StaticType{};
}

StaticType Checker::check_index(Node& node) {
  StaticType base = check(*node.children[0]);
  Node& key = *node.children[1];
  StaticType key_type = check(key);
  switch (base.base()) {
    case ExprType::List:
      expect(key, key_type, {ExprType::Number}, "a list index must be a number");
      return base.element();
    case ExprType::Object:
      if (!expect(key, key_type, {ExprType::String}, "an object key must be a string") ||
          key.kind != NodeKind::String || base.type.fields.empty())
        return {};
      if (const Field* member = base.type.field(key.text))
        return member->type ? StaticType::declared(*member->type) : StaticType{};
      error(key, "unknown field '" + key.text + "' of " + base.type.describe());
      return {};
    case ExprType::Any:
    case ExprType::Null:
      return {};
    default:
      error_at_name(node, "cannot index a " + name_of(base.base()));
      return {};
  }
}

StaticType Checker::check_binary(Node& node) {
  Node& left = *node.children[0];
  Node& right = *node.children[1];
  StaticType a = check(left);
  StaticType b = check(right);
  std::string op(to_string(node.op));
  switch (node.op) {
    case BinaryOp::Equal:
    case BinaryOp::NotEqual:
      if (a.known() && b.known() && a.base() != b.base() && a.base() != ExprType::Null &&
          b.base() != ExprType::Null)
        error(node, "cannot compare " + name_of(a.base()) + " with " + name_of(b.base()));
      return StaticType::of(ExprType::Bool);
    case BinaryOp::Less:
    case BinaryOp::LessEqual:
    case BinaryOp::Greater:
    case BinaryOp::GreaterEqual: {
      std::string what = "'" + op + "' needs numbers or strings";
      // One error per operator, even when both operands are wrong.
      bool ok = expect(left, a, {ExprType::Number, ExprType::String}, what) &&
                expect(right, b, {ExprType::Number, ExprType::String}, what);
      if (ok && a.known() && b.known() && a.base() != b.base())
        error(node, "cannot compare " + name_of(a.base()) + " with " + name_of(b.base()) +
                        " using '" + op + "'");
      return StaticType::of(ExprType::Bool);
    }
    case BinaryOp::In:
      check_in(left, a, right, b);
      return StaticType::of(ExprType::Bool);
    case BinaryOp::Add:
      return check_add(node, a, b);
    case BinaryOp::Subtract:
    case BinaryOp::Multiply:
    case BinaryOp::Divide:
    case BinaryOp::Modulo: {
      std::string what = "'" + op + "' needs numbers";
      expect(left, a, {ExprType::Number}, what) && expect(right, b, {ExprType::Number}, what);
      return StaticType::of(ExprType::Number);
    }
  }
  return {};
}

void Checker::check_in(Node& left, const StaticType& a, Node& right, const StaticType& b) {
  ExprType element = b.type.element_type();
  switch (b.base()) {
    case ExprType::List:
      if (a.known() && element != ExprType::Any && a.base() != element &&
          a.base() != ExprType::Null && element != ExprType::Null)
        error(left, "cannot look for a " + name_of(a.base()) + " in a list of " + name_of(element));
      return;
    case ExprType::Object:
      expect(left, a, {ExprType::String}, "the keys of an object are strings");
      return;
    case ExprType::Any:
    case ExprType::Null:
      return;
    default:
      error(right, "'in' needs a list or an object on the right, not " + name_of(b.base()));
  }
}

StaticType Checker::check_add(Node& node, const StaticType& a, const StaticType& b) {
  std::initializer_list<ExprType> addable{ExprType::Number, ExprType::String, ExprType::List};
  std::string what = "'+' needs numbers, strings or lists";
  if (!expect(*node.children[0], a, addable, what) || !expect(*node.children[1], b, addable, what))
    return {};
  if (a.known() && b.known()) {
    if (a.base() != b.base()) {
      error(node, "cannot add " + name_of(a.base()) + " and " + name_of(b.base()));
      return {};
    }
    return a.base() == ExprType::List ? unify(a, b) : a;
  }
  return StaticType::of(a.known() ? a.base() : b.base());
}

void check_program(Program& program, const std::vector<std::string>& kinds,
                   const KindSchema& schema, const Globals* globals,
                   std::vector<ExprError>& errors) {
  Checker(kinds, schema, globals, errors).run(program);
}

}  // namespace bw::compiler::expr
