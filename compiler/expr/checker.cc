#include "compiler/expr/checker.h"

#include <algorithm>

#include "compiler/expr/builtins.h"
#include "compiler/expr/suggest.h"

namespace bw::compiler::expr {

namespace {

bool known(ExprType type) {
  return type != ExprType::Any;
}

// What the checker knows about a sub-expression's value.
struct StaticType {
  ExprType type = ExprType::Any;
  ExprType element = ExprType::Any;  // for lists
  std::vector<std::string> kinds;    // for resources and lists of resources

  static StaticType of(ExprType type) { return {type, ExprType::Any, {}}; }
  static StaticType list_of(ExprType element, std::vector<std::string> kinds = {}) {
    return {ExprType::List, element, std::move(kinds)};
  }
};

std::string name_of(ExprType type) {
  return std::string(to_string(type));
}

// The type both branches of a conditional (or all elements of a list) share.
StaticType unify(const StaticType& a, const StaticType& b) {
  if (a.type == ExprType::Null) return b;
  if (b.type == ExprType::Null) return a;
  if (a.type != b.type || !known(a.type)) return {};
  StaticType result = a;
  if (a.element != b.element) result.element = ExprType::Any;
  for (const std::string& kind : b.kinds)
    if (std::find(result.kinds.begin(), result.kinds.end(), kind) == result.kinds.end())
      result.kinds.push_back(kind);
  return result;
}

std::string count_of(int n) {
  if (n == 0) return "no arguments";
  return std::to_string(n) + (n == 1 ? " argument" : " arguments");
}

// A macro variable in scope.
struct Variable {
  std::string name;
  int32_t slot;
  StaticType type;
};

class Checker {
 public:
  Checker(const std::vector<std::string>& kinds, const KindSchema& schema,
          std::vector<ExprError>& errors)
      : schema_(schema), errors_(errors) {
    self_kinds_ = kinds.empty() ? schema.kind_names() : kinds;
    for (const std::string& kind : self_kinds_)
      if (!schema.has_kind(kind))
        error(0, 0, "unknown kind '" + kind + "'" + did_you_mean(kind, schema.kind_names()));
  }

  size_t run(Node& root) {
    StaticType type = check(root);
    if (known(type.type) && type.type != ExprType::Bool)
      error(root, "the predicate must be a bool, not " + name_of(type.type));
    return slots_;
  }

 private:
  void error(uint32_t offset, uint32_t length, std::string message) {
    errors_.push_back({offset, length, std::move(message)});
  }
  void error(const Node& node, std::string message) {
    error(node.offset, node.length, std::move(message));
  }
  void error_at_name(const Node& node, std::string message) {
    error(node.name_offset, node.name_length, std::move(message));
  }

  // Reports `node` unless its type is one of `allowed` (or unknown).
  bool expect(const Node& node, const StaticType& type, std::initializer_list<ExprType> allowed,
              const std::string& what) {
    if (!known(type.type)) return true;
    if (std::find(allowed.begin(), allowed.end(), type.type) != allowed.end()) return true;
    error(node, what + ", not " + name_of(type.type));
    return false;
  }

  StaticType check(Node& node) {
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
      case NodeKind::Index:
        return check_index(node);
      case NodeKind::Call:
        return check_call(node);
      case NodeKind::Not:
        expect(*node.children[0], check(*node.children[0]), {ExprType::Bool}, "'!' needs a bool");
        return StaticType::of(ExprType::Bool);
      case NodeKind::Negate:
        expect(*node.children[0], check(*node.children[0]), {ExprType::Number},
               "'-' needs a number");
        return StaticType::of(ExprType::Number);
      case NodeKind::And:
      case NodeKind::Or: {
        std::string what =
            node.kind == NodeKind::And ? "'&&' needs bool operands" : "'||' needs bool operands";
        for (auto& operand : node.children)
          expect(*operand, check(*operand), {ExprType::Bool}, what);
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

  StaticType check_list(Node& node) {
    if (node.children.empty()) return StaticType::list_of(ExprType::Any);
    StaticType element = check(*node.children[0]);
    for (size_t i = 1; i < node.children.size(); ++i)
      element = unify(element, check(*node.children[i]));
    return StaticType::list_of(element.type, element.kinds);
  }

  StaticType check_map(Node& node) {
    for (size_t i = 0; i + 1 < node.children.size(); i += 2) {
      expect(*node.children[i], check(*node.children[i]), {ExprType::String},
             "map keys must be strings");
      check(*node.children[i + 1]);
    }
    return StaticType::of(ExprType::Object);
  }

  StaticType check_identifier(Node& node) {
    if (node.text == "self") {
      node.slot = kSelfSlot;
      return {ExprType::Resource, ExprType::Any, self_kinds_};
    }
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      if (it->name != node.text) continue;
      node.slot = it->slot;
      return it->type;
    }
    std::string hint;
    if (find_builtin_field(node.text) || property_of_self(node.text)) {
      hint = "; did you mean 'self." + node.text + "'?";
    } else {
      std::vector<std::string> names{"self"};
      for (const Variable& variable : scopes_) names.push_back(variable.name);
      hint = did_you_mean(node.text, names);
    }
    error(node, "unknown identifier '" + node.text + "'" + hint);
    return {};
  }

  bool property_of_self(const std::string& name) const {
    if (self_kinds_.empty()) return false;
    for (const std::string& kind : self_kinds_)
      if (!schema_.property(kind, name)) return false;
    return true;
  }

  StaticType check_select(Node& node) {
    StaticType base = check(*node.children[0]);
    const BuiltinField* builtin = find_builtin_field(node.text);
    // Resolved whatever the static type: a value typed Any may be a resource at run time.
    if (builtin) node.field = builtin->field;
    switch (base.type) {
      case ExprType::Resource:
        if (builtin) return StaticType::of(builtin->type);
        return property(node, base.kinds);
      case ExprType::Any:
      case ExprType::Object:
        return {};
      case ExprType::List:
        error_at_name(node, "cannot select field '" + node.text +
                                "' of a list; use exists(), all() or map() to look inside it");
        return {};
      default:
        error_at_name(node, "cannot select field '" + node.text + "' of a " + name_of(base.type));
        return {};
    }
  }

  // A kind property read through a resource of any of `kinds`: it must be a
  // property of every one of them.
  StaticType property(Node& node, const std::vector<std::string>& kinds) {
    StaticType result;
    bool first = true;
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
      StaticType type{property->type, property->element, {}};
      if (first) {
        result = type;
        first = false;
      } else if (result.type != type.type || result.element != type.element) {
        result = {};  // the kinds disagree; leave it to run time
      }
    }
    return result;
  }

  StaticType check_index(Node& node) {
    StaticType base = check(*node.children[0]);
    Node& key = *node.children[1];
    StaticType key_type = check(key);
    switch (base.type) {
      case ExprType::List:
        expect(key, key_type, {ExprType::Number}, "a list index must be a number");
        return {base.element, ExprType::Any, base.kinds};
      case ExprType::Object:
        expect(key, key_type, {ExprType::String}, "an object key must be a string");
        return {};
      case ExprType::Any:
      case ExprType::Null:
        return {};
      default:
        error_at_name(node, "cannot index a " + name_of(base.type));
        return {};
    }
  }

  StaticType check_binary(Node& node) {
    Node& left = *node.children[0];
    Node& right = *node.children[1];
    StaticType a = check(left);
    StaticType b = check(right);
    std::string op(to_string(node.op));
    switch (node.op) {
      case BinaryOp::Equal:
      case BinaryOp::NotEqual:
        if (known(a.type) && known(b.type) && a.type != b.type && a.type != ExprType::Null &&
            b.type != ExprType::Null)
          error(node, "cannot compare " + name_of(a.type) + " with " + name_of(b.type));
        return StaticType::of(ExprType::Bool);
      case BinaryOp::Less:
      case BinaryOp::LessEqual:
      case BinaryOp::Greater:
      case BinaryOp::GreaterEqual: {
        std::string what = "'" + op + "' needs numbers or strings";
        // One error per operator, even when both operands are wrong.
        bool ok = expect(left, a, {ExprType::Number, ExprType::String}, what) &&
                  expect(right, b, {ExprType::Number, ExprType::String}, what);
        if (ok && known(a.type) && known(b.type) && a.type != b.type)
          error(node, "cannot compare " + name_of(a.type) + " with " + name_of(b.type) +
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

  void check_in(Node& left, const StaticType& a, Node& right, const StaticType& b) {
    switch (b.type) {
      case ExprType::List:
        if (known(a.type) && known(b.element) && a.type != b.element && a.type != ExprType::Null &&
            b.element != ExprType::Null)
          error(left,
                "cannot look for a " + name_of(a.type) + " in a list of " + name_of(b.element));
        return;
      case ExprType::Object:
        expect(left, a, {ExprType::String}, "the keys of an object are strings");
        return;
      case ExprType::Any:
      case ExprType::Null:
        return;
      default:
        error(right, "'in' needs a list or an object on the right, not " + name_of(b.type));
    }
  }

  StaticType check_add(Node& node, const StaticType& a, const StaticType& b) {
    std::initializer_list<ExprType> addable{ExprType::Number, ExprType::String, ExprType::List};
    std::string what = "'+' needs numbers, strings or lists";
    if (!expect(*node.children[0], a, addable, what) ||
        !expect(*node.children[1], b, addable, what))
      return {};
    if (known(a.type) && known(b.type)) {
      if (a.type != b.type) {
        error(node, "cannot add " + name_of(a.type) + " and " + name_of(b.type));
        return {};
      }
      return a.type == ExprType::List ? unify(a, b) : a;
    }
    return known(a.type) ? StaticType::of(a.type) : StaticType::of(b.type);
  }

  StaticType check_call(Node& node) {
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
      case Function::Contains: {
        expect_string_receiver(node);
        Node& argument = node.argument(0);
        expect(argument, check(argument), {ExprType::String},
               "'" + node.text + "' needs a string argument");
        return StaticType::of(ExprType::Bool);
      }
      case Function::Lower:
      case Function::Upper:
        expect_string_receiver(node);
        return StaticType::of(ExprType::String);
      case Function::Edges:
        return check_edges(node);
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

  void report_unknown_call(const Node& node, const FunctionInfo* info) {
    if (info && node.has_receiver) {
      error_at_name(node, "'" + node.text + "' is a function, not a method: write " + node.text +
                              "(x.field)");
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

  void expect_string_receiver(Node& node) {
    Node& receiver = node.receiver();
    expect(receiver, check(receiver), {ExprType::String}, "'" + node.text + "' needs a string");
  }

  StaticType check_has(Node& node) {
    Node& argument = node.argument(0);
    if (argument.kind != NodeKind::Select)
      error(argument, "has() needs a field selection such as has(self.x)");
    check(argument);
    return StaticType::of(ExprType::Bool);
  }

  StaticType check_size(Node& node) {
    Node& operand = node.has_receiver ? node.receiver() : node.argument(0);
    expect(operand, check(operand),
           {ExprType::String, ExprType::List, ExprType::Object, ExprType::Null},
           "size() needs a string, a list or an object");
    return StaticType::of(ExprType::Number);
  }

  StaticType check_matches(Node& node) {
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

  StaticType check_edges(Node& node) {
    Node& receiver = node.receiver();
    expect(receiver, check(receiver), {ExprType::Resource}, "edges() needs a resource");
    Node& kind = node.argument(0);
    check(kind);
    if (kind.kind != NodeKind::String) {
      error(kind, "edges() needs a string literal naming a kind");
      return StaticType::list_of(ExprType::Resource);
    }
    if (!schema_.has_kind(kind.text)) {
      error(kind,
            "unknown kind '" + kind.text + "'" + did_you_mean(kind.text, schema_.kind_names()));
      return StaticType::list_of(ExprType::Resource);
    }
    return StaticType::list_of(ExprType::Resource, {kind.text});
  }

  StaticType check_macro(Node& node) {
    Node& receiver = node.receiver();
    StaticType collection = check(receiver);
    StaticType element;
    if (collection.type == ExprType::List) {
      element = {collection.element, ExprType::Any, collection.kinds};
    } else if (collection.type == ExprType::Object) {
      element = StaticType::of(ExprType::String);  // macros over objects range over keys
    } else if (known(collection.type) && collection.type != ExprType::Null) {
      error(receiver,
            "'" + node.text + "' needs a list or an object, not " + name_of(collection.type));
    }

    Node& variable = node.argument(0);
    if (variable.kind != NodeKind::Identifier) {
      error(variable, "the first argument of " + node.text + "() must be a variable name");
      return {};
    }
    bool bind = variable.text != "self";
    if (!bind) error(variable, "'self' cannot be a macro variable: it would hide the resource");
    if (bind) {
      int32_t slot = static_cast<int32_t>(scopes_.size());
      variable.slot = node.slot = slot;
      scopes_.push_back({variable.text, slot, element});
      slots_ = std::max(slots_, scopes_.size());
    }
    Node& body = node.argument(1);
    StaticType body_type = check(body);
    if (bind) scopes_.pop_back();

    if (node.function == Function::Map) return StaticType::list_of(body_type.type, body_type.kinds);
    expect(body, body_type, {ExprType::Bool},
           "the predicate of " + node.text + "() must be a bool");
    if (node.function == Function::Filter) return StaticType::list_of(element.type, element.kinds);
    return StaticType::of(ExprType::Bool);
  }

  const KindSchema& schema_;
  std::vector<ExprError>& errors_;
  std::vector<std::string> self_kinds_;
  std::vector<Variable> scopes_;
  size_t slots_ = 0;
};

}  // namespace

size_t check_predicate(Node& root, const std::vector<std::string>& kinds, const KindSchema& schema,
                       std::vector<ExprError>& errors) {
  return Checker(kinds, schema, errors).run(root);
}

}  // namespace bw::compiler::expr
