#include "frontends/terraform/evaluator.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <utility>

#include "frontends/terraform/function_names.h"
#include "frontends/terraform/functions.h"
#include "frontends/terraform/value_ops.h"

namespace bw::frontends::terraform {

using ir::Provenance;
using ir::Value;

namespace {

Value derived(Value value) {
  if (!value.is_unknown()) value.set_provenance(Provenance::Derived);
  return value;
}

// Written right there, all of it: no variable, local, file or resource could
// make it something else.
bool written_here(const Value& value) {
  if (value.provenance() != Provenance::Literal) return false;
  if (value.is_list() || value.is_object())
    return std::all_of(value.items().begin(), value.items().end(), written_here);
  return true;
}

bool is_traversal(const Expr& expr) {
  return expr.kind == Expr::Kind::Variable || expr.kind == Expr::Kind::GetAttr ||
         expr.kind == Expr::Kind::Index;
}

}  // namespace

// Past the unit's steps, a value still gets this many: enough for literals
// and references, not for loops.
constexpr size_t kStepsOnceUnitSpent = 10'000;

Evaluator::ValueBudget Evaluator::start_value(const ir::Span& span) {
  ValueBudget saved{steps_, budget_, unit_spent_, limit_reported_, value_span_};
  steps_ = 0;
  unit_spent_ = unit_steps_ && *unit_steps_ >= limits_.unit_evaluation_steps;
  budget_ = unit_spent_ ? std::min<size_t>(limits_.evaluation_steps, kStepsOnceUnitSpent)
                        : limits_.evaluation_steps;
  limit_reported_ = false;
  value_span_ = span;
  return saved;
}

void Evaluator::finish_value(const ValueBudget& saved) {
  steps_ = saved.steps;
  budget_ = saved.budget;
  unit_spent_ = saved.unit_spent;
  limit_reported_ = saved.reported;
  value_span_ = saved.span;
}

Value Evaluator::out_of_steps(const ir::Span& span) {
  if (unit_spent_) return over_limit("unit_evaluation_steps", limits_.unit_evaluation_steps, span);
  return over_limit("evaluation_steps", limits_.evaluation_steps, span);
}

std::string instance_address(const Value& key) {
  if (key.is_number()) {
    double n = key.as_number();
    if (!(n >= 0 && n <= 9007199254740992.0) || std::floor(n) != n) return "";
    return "[" + ir::format_number(n) + "]";
  }
  if (!key.is_string()) return "";
  std::string out = "[\"";
  for (char c : key.as_string()) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"]";
}

Value Evaluator::evaluate_value(const Expr& expr) {
  if (&expr == given_expr_) return given_value_;
  ValueBudget saved = start_value(expr.span);
  Value value = evaluate(expr);
  finish_value(saved);
  return value;
}

Value Evaluator::evaluate(const Expr& expr) {
  if (*depth_ >= kMaxEvaluationDepth)
    return Value::unknown("expression too deeply nested", expr.span);
  if (!step()) return out_of_steps(expr.span);
  ++*depth_;
  Value value = evaluate_node(expr);
  --*depth_;
  value.relocate(expr.span);
  return value;
}

Value Evaluator::evaluate_detached(const Expr& expr) {
  Repetition repetition = std::exchange(repetition_, Repetition::None);
  std::vector<std::pair<std::string, Value>> bindings = std::exchange(bindings_, {});
  std::vector<const Value*> splat_items = std::exchange(splat_items_, {});
  Value value = evaluate_value(expr);
  repetition_ = repetition;
  bindings_ = std::move(bindings);
  splat_items_ = std::move(splat_items);
  return value;
}

Value Evaluator::evaluate_instance(const Expr& expr, Repetition repetition,
                                   const InstanceKey& instance, bool keyword) {
  Repetition saved_repetition = std::exchange(repetition_, repetition);
  InstanceKey saved_instance = std::exchange(instance_, instance);
  std::vector<std::pair<std::string, Value>> bindings = std::exchange(bindings_, {});
  std::vector<const Value*> splat_items = std::exchange(splat_items_, {});
  const Expr* given = std::exchange(given_expr_, nullptr);
  Value value = keyword ? evaluate_keyword(expr) : evaluate_value(expr);
  repetition_ = saved_repetition;
  instance_ = std::move(saved_instance);
  bindings_ = std::move(bindings);
  splat_items_ = std::move(splat_items);
  given_expr_ = given;
  return value;
}

Value Evaluator::evaluate_keyword(const Expr& expr) {
  ValueBudget saved = start_value(expr.span);
  Value value = keyword(expr);
  finish_value(saved);
  return value;
}

Value Evaluator::keyword(const Expr& expr) {
  if (is_traversal(expr)) {
    const Expr* root = &expr;
    while (root->kind != Expr::Kind::Variable && !root->children.empty()) root = &root->children[0];
    if (root->kind == Expr::Kind::Variable) {
      return Value::string(source_text(expr.span), expr.span);
    }
  }
  if (expr.kind == Expr::Kind::Tuple) {
    std::vector<Value> items;
    for (const Expr& child : expr.children) items.push_back(keyword(child));
    return Value::list(std::move(items), expr.span);
  }
  if (expr.kind == Expr::Kind::Object) {
    ObjectBuilder object;
    for (size_t i = 0; i + 1 < expr.children.size(); i += 2) {
      std::optional<std::string> key = to_text(evaluate(expr.children[i]));
      if (!key) return Value::unknown("object key is not a known string", expr.children[i].span);
      object.set(std::move(*key), keyword(expr.children[i + 1]));
    }
    return object.build(expr.span, Provenance::Literal);
  }
  return evaluate(expr);
}

void Evaluator::report(ir::DiagnosticLevel level, const ir::Span& span, std::string message) {
  bool unanalyzable = level == ir::DiagnosticLevel::Error;
  model_.diagnostics.push_back({level, span, "", std::move(message), unanalyzable});
}

Value Evaluator::undeclared(std::string message, std::string reason, const ir::Span& span) {
  if (!lenient_) report(ir::DiagnosticLevel::Error, span, std::move(message));
  return fail(std::move(reason), span);
}

Value Evaluator::over_limit(std::string_view limit, uint64_t amount, const ir::Span& span,
                            const std::string& what) {
  ++limits_hit_;
  std::string reason = ir::limit_reached(limit, amount);
  if (!what.empty()) reason += ": " + what;
  last_limit_ = reason;
  if (!limit_reported_) {
    limit_reported_ = true;
    model_.limit(value_span_.valid() ? value_span_ : span, reason + "; the value is unknown");
  }
  return Value::unknown(std::move(reason), span);
}

Value Evaluator::inexact_number(const std::string& what, const ir::Span& span) {
  ++limits_hit_;
  std::string reason = "a number beyond exact arithmetic: " + what;
  last_limit_ = reason;
  if (!limit_reported_) {
    limit_reported_ = true;
    model_.limit(value_span_.valid() ? value_span_ : span, reason + "; the value is unknown");
  }
  return Value::unknown(std::move(reason), span);
}

Value Evaluator::fail(std::string reason, const ir::Span& span) {
  ++failures_;
  return Value::unknown(std::move(reason), span);
}

std::string Evaluator::source_text(const ir::Span& span) const {
  if (span.file == ir::kNoFile || span.file >= model_.sources.size()) return "";
  const std::string& text = model_.sources.file(span.file).text;
  uint32_t begin = span.begin.offset, end = std::min<uint32_t>(span.end.offset, text.size());
  std::string shown;
  bool space = false;
  for (uint32_t i = begin; i < end && shown.size() < 80; ++i) {
    char c = text[i];
    bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (is_space && !space && !shown.empty()) shown += ' ';
    if (!is_space) shown += c;
    space = is_space;
  }
  if (end > begin && end - begin > 80) shown += "...";
  return shown;
}

Value Evaluator::evaluate_node(const Expr& expr) {
  switch (expr.kind) {
    case Expr::Kind::Null:
      return Value::null(expr.span);
    case Expr::Kind::Bool:
      return Value::boolean(expr.flag, expr.span);
    case Expr::Kind::Number:
      if (expr.flag)
        return inexact_number(source_text(expr.span) + " cannot be held exactly", expr.span);
      return Value::number(expr.number, expr.span);
    case Expr::Kind::String:
      return Value::string(expr.text, expr.span);
    case Expr::Kind::Template:
    case Expr::Kind::TemplateIf:
    case Expr::Kind::TemplateFor:
      return template_value(expr);
    case Expr::Kind::Tuple:
      return tuple(expr);
    case Expr::Kind::Object:
      return object(expr);
    case Expr::Kind::Variable:
    case Expr::Kind::GetAttr:
    case Expr::Kind::Index:
      return traversal(expr);
    case Expr::Kind::Splat:
      return splat(expr);
    case Expr::Kind::SplatItem:
      if (splat_items_.empty()) return fail("splat element used outside a splat", expr.span);
      return *splat_items_.back();
    case Expr::Kind::Call:
      return call(expr);
    case Expr::Kind::Conditional:
      return conditional(expr);
    case Expr::Kind::Binary:
      return binary(expr);
    case Expr::Kind::Unary:
      return unary(expr);
    case Expr::Kind::ForTuple:
    case Expr::Kind::ForObject:
      return for_expression(expr);
    case Expr::Kind::Invalid:
      return fail(expr.text, expr.span);
  }
  return fail("unsupported expression", expr.span);
}

Value Evaluator::tuple(const Expr& expr) {
  if (expr.flag)
    return over_limit("collection_items", static_cast<uint64_t>(expr.number), expr.span,
                      "a list written with more items");
  std::vector<Value> items;
  items.reserve(expr.children.size());
  for (const Expr& child : expr.children) items.push_back(evaluate(child));
  return Value::list(std::move(items), expr.span);
}

Value Evaluator::object(const Expr& expr) {
  ObjectBuilder object;
  for (size_t i = 0; i + 1 < expr.children.size(); i += 2) {
    Value key = evaluate(expr.children[i]);
    if (key.is_unknown()) return unknown_from({&key}, expr.span);
    std::optional<std::string> name = to_text(key);
    if (!name) return fail("object key must be a string, not " + key.describe(), key.span());
    object.set(std::move(*name), evaluate(expr.children[i + 1]));
  }
  if (object.size() > kMaxObjectKeys)
    return over_limit(
        "collection_items", kMaxObjectKeys, expr.span,
        "an object's keys (objects hold at most " + std::to_string(kMaxObjectKeys) + ")");
  return object.build(expr.span, Provenance::Literal);
}

Value Evaluator::invalid_call(const Expr& expr) {
  const std::string& name = expr.text;
  // Provider functions come with providers, which are not in the repository.
  if (name.starts_with("provider::")) return Value();
  const FunctionArity* arity = terraform_function(name);
  std::string message;
  if (!arity) {
    message = "Call to unknown function: there is no function named \"" + name + "\"";
  } else if (!expr.flag && expr.children.size() < arity->parameters) {
    message = "Not enough function arguments: function \"" + name + "\" expects " +
              std::to_string(arity->parameters) + " argument(s)";
  } else if (!expr.flag && !arity->variadic && expr.children.size() > arity->parameters) {
    message = "Too many function arguments: function \"" + name + "\" expects only " +
              std::to_string(arity->parameters) + " argument(s)";
  } else {
    return Value();
  }
  if (try_depth_ == 0) report(ir::DiagnosticLevel::Error, expr.span, message);
  return fail(message.substr(message.find(": ") + 2), expr.span);
}

Value Evaluator::call(const Expr& expr) {
  if (Value invalid = invalid_call(expr); invalid.is_unknown()) return invalid;
  if (expr.text == "try") return try_call(expr, false);
  if (expr.text == "can") return try_call(expr, true);
  std::vector<Value> args;
  args.reserve(expr.children.size());
  for (const Expr& child : expr.children) args.push_back(evaluate(child));
  if (expr.flag && !args.empty()) {
    // `f(list...)`: the last argument's elements become the arguments.
    Value last = std::move(args.back());
    args.pop_back();
    if (last.is_unknown()) return unknown_from({&last}, expr.span);
    if (!last.is_list()) return fail("only a list can be expanded with '...'", last.span());
    for (const Value& item : last.items()) args.push_back(item);
  }
  bool written = std::all_of(args.begin(), args.end(), written_here);
  CallResult result = call_function(expr.text, std::move(args), expr.span, limits_);
  if (!result.limit.empty()) {
    Value unknown =
        over_limit(result.limit, result.amount, expr.span, "the result of " + expr.text + "()");
    add_deep_references(unknown, result.value);
    return unknown;
  }
  if (result.failed) {
    ++failures_;
    // Arguments written in the call fail whatever values the run is given.
    if (written && try_depth_ == 0)
      report(ir::DiagnosticLevel::Error, expr.span,
             "Error in function call: " + result.value.unknown_reason());
  }
  if (!result.value.is_unknown() && is_collection(result.value)) {
    size_t size = value_size(result.value);
    if (size > limits_.collection_items)
      return over_limit("collection_items", limits_.collection_items, expr.span,
                        "the result of " + expr.text + "()");
    charge(size);
  } else if (result.value.is_string()) {
    charge(result.value.as_string().size() / kBytesPerStep);
  } else if (result.value.is_number() && !std::isfinite(result.value.as_number())) {
    // tonumber("1e400"): a double's +Inf, where Terraform has the number.
    return inexact_number(source_text(expr.span) + " overflows", expr.span);
  }
  return std::move(result.value);
}

// try() returns its first argument that evaluates without an error; can()
// says whether its argument does. An unknown argument makes either unknown.
Value Evaluator::try_call(const Expr& expr, bool can) {
  size_t failures_before = failures_;
  for (const Expr& child : expr.children) {
    size_t before = failures_;
    ++try_depth_;
    Value value = evaluate(child);
    --try_depth_;
    bool failed = failures_ != before;
    failures_ = failures_before;
    if (can) {
      if (!failed && first_unknown(value)) return unknown_from({&value}, expr.span);
      return Value::boolean(!failed, expr.span, Provenance::Derived);
    }
    if (!failed) return derived(std::move(value));
  }
  if (can) return fail("can() needs one argument", expr.span);
  return fail("no argument of try() could be evaluated", expr.span);
}

Value Evaluator::conditional(const Expr& expr) {
  if (expr.children.size() != 3) return fail("malformed conditional", expr.span);
  size_t failures_before = failures_;
  Value condition = evaluate(expr.children[0]);
  if (condition.is_unknown()) {
    Value then_value = evaluate(expr.children[1]);
    Value else_value = evaluate(expr.children[2]);
    if (failures_ == failures_before)
      return either(expr, condition, std::move(then_value), std::move(else_value));
    // Terraform would reject a part of it: nothing to choose between.
    Value result = Value::unknown(condition.unknown_reason(), expr.span);
    add_deep_references(result, condition);
    add_deep_references(result, then_value);
    add_deep_references(result, else_value);
    return result;
  }
  std::optional<bool> chosen = to_bool(condition);
  if (!chosen)
    return fail("condition must be a bool, not " + condition.describe(), condition.span());
  return derived(evaluate(expr.children[*chosen ? 1 : 2]));
}

// Either branch may be chosen: the result is one of them, and depends on
// the condition and both branches.
Value Evaluator::either(const Expr& expr, const Value& condition, Value then_value,
                        Value else_value) {
  // An unknown condition that is itself a choice already names what it
  // depends on; saying so twice would only bury it.
  std::string reason = condition.unknown_reason();
  if (!reason.starts_with("depends on "))
    reason = "depends on " + source_text(expr.children[0].span) + ", which is unknown: " + reason;
  Value result = choice({then_value, else_value}, std::move(reason), expr.span);
  add_deep_references(result, condition);
  add_deep_references(result, then_value);
  add_deep_references(result, else_value);
  return result;
}

namespace {

bool is_operation(const Expr& expr) {
  return expr.kind == Expr::Kind::Binary && expr.children.size() == 2;
}

// The largest integer below which every integer is a double.
constexpr double kExactIntegers = 9007199254740992.0;  // 2^53

bool is_whole(double number) {
  return std::isfinite(number) && std::floor(number) == number;
}

// Whether `result`, the double of `a op b` for whole a and b, is exact.
bool exact_whole(double a, double b, char op, double result) {
  constexpr double kInt63 = 9223372036854775808.0;  // 2^63
  if (std::fabs(a) >= kInt63 || std::fabs(b) >= kInt63 || std::fabs(result) >= 1.6e38) return false;
  __int128 x = static_cast<long long>(a), y = static_cast<long long>(b);
  __int128 exact = op == '+' ? x + y : op == '-' ? x - y : x * y;
  return static_cast<__int128>(result) == exact;
}

}  // namespace

// `a + b + c + ...` is a tree as tall as the chain is long, leaning left: it
// is evaluated along its left edge, so a long chain costs no stack.
Value Evaluator::binary(const Expr& expr) {
  if (expr.children.size() != 2) return fail("malformed operation", expr.span);
  std::vector<const Expr*> chain{&expr};
  while (is_operation(chain.back()->children[0])) chain.push_back(&chain.back()->children[0]);
  Value result = evaluate(chain.back()->children[0]);
  for (size_t i = chain.size(); i-- > 0;) {
    const Expr& operation = *chain[i];
    if (i + 1 < chain.size() && !step()) return out_of_steps(operation.span);
    Value right = evaluate(operation.children[1]);
    result = operate(operation, std::move(result), std::move(right));
    result.relocate(operation.span);
  }
  return result;
}

Value Evaluator::operate(const Expr& expr, Value left, Value right) {
  const std::string& op = expr.text;
  if (op == "&&" || op == "||") return logical(expr, left, right);
  if (op == "==" || op == "!=") {
    // A known collection is not null, whatever unknowns it holds, as
    // Terraform compares (`var.groups != null` where a group's AMI is a data
    // source's).
    if ((left.is_null() && !right.is_unknown() && !right.is_null()) ||
        (right.is_null() && !left.is_unknown() && !left.is_null()))
      return Value::boolean(op == "!=", expr.span, Provenance::Derived);
    if (first_unknown(left) || first_unknown(right))
      return unknown_from({&left, &right}, expr.span);
    bool equal = left.same_as(right) || (left.is_null() && right.is_null());
    return Value::boolean(op == "==" ? equal : !equal, expr.span, Provenance::Derived);
  }
  if (left.is_unknown() || right.is_unknown()) return unknown_from({&left, &right}, expr.span);
  std::optional<double> a = to_number(left);
  std::optional<double> b = to_number(right);
  if (!a || !b)
    return fail("operator " + op + " needs numbers, not " + (a ? right : left).describe(),
                expr.span);
  double result = 0;
  if (op == "+")
    result = *a + *b;
  else if (op == "-")
    result = *a - *b;
  else if (op == "*")
    result = *a * *b;
  else if (op == "/" || op == "%") {
    if (*b == 0) return fail("division by zero", expr.span);
    result = op == "/" ? *a / *b : std::fmod(*a, *b);
  } else if (op == "<")
    return Value::boolean(*a < *b, expr.span, Provenance::Derived);
  else if (op == ">")
    return Value::boolean(*a > *b, expr.span, Provenance::Derived);
  else if (op == "<=")
    return Value::boolean(*a <= *b, expr.span, Provenance::Derived);
  else if (op == ">=")
    return Value::boolean(*a >= *b, expr.span, Provenance::Derived);
  else
    return fail("unsupported operator " + op, expr.span);
  // Terraform's numbers are arbitrary-precision; a double is exact only up
  // to 2^53 for whole numbers and overflows past 1e308. A result outside
  // what the double holds exactly is not guessed at.
  if (!std::isfinite(result))
    return inexact_number(source_text(expr.span) + " overflows", expr.span);
  if (is_whole(*a) && is_whole(*b) && std::fabs(result) >= kExactIntegers &&
      (op == "+" || op == "-" || op == "*") && !exact_whole(*a, *b, op[0], result))
    return inexact_number(source_text(expr.span) + " is a whole number past 2^53", expr.span);
  return Value::number(result, expr.span, Provenance::Derived);
}

// `false && x` is false and `true || x` is true even when x is unknown.
Value Evaluator::logical(const Expr& expr, const Value& left, const Value& right) {
  bool is_and = expr.text == "&&";
  std::optional<bool> a = to_bool(left);
  std::optional<bool> b = to_bool(right);
  if ((!left.is_unknown() && !a) || (!right.is_unknown() && !b))
    return fail("operator " + expr.text + " needs bools", expr.span);
  bool decisive = !is_and;  // the value that decides the result on its own
  if ((a && *a == decisive) || (b && *b == decisive))
    return Value::boolean(decisive, expr.span, Provenance::Derived);
  if (!a || !b) return unknown_from({&left, &right}, expr.span);
  return Value::boolean(is_and ? (*a && *b) : (*a || *b), expr.span, Provenance::Derived);
}

Value Evaluator::unary(const Expr& expr) {
  if (expr.children.size() != 1) return fail("malformed operation", expr.span);
  Value operand = evaluate(expr.children[0]);
  if (operand.is_unknown()) return unknown_from({&operand}, expr.span);
  if (expr.text == "!") {
    std::optional<bool> b = to_bool(operand);
    if (!b) return fail("operator ! needs a bool, not " + operand.describe(), expr.span);
    return Value::boolean(!*b, expr.span, Provenance::Derived);
  }
  std::optional<double> number = to_number(operand);
  if (!number) return fail("operator - needs a number, not " + operand.describe(), expr.span);
  return Value::number(-*number, expr.span, Provenance::Derived);
}

bool Evaluator::for_each_element(const Value& collection, const std::string& key_name,
                                 const std::string& value_name, const std::function<bool()>& body) {
  const std::vector<Value>& items = collection.items();
  for (size_t i = 0; i < items.size(); ++i) {
    Value key = collection.is_list() ? Value::number(static_cast<double>(i))
                                     : Value::string(collection.keys()[i]);
    key.set_provenance(Provenance::Derived);
    charge(value_size(items[i]));
    size_t bound = bindings_.size();
    if (!key_name.empty()) bindings_.emplace_back(key_name, std::move(key));
    bindings_.emplace_back(value_name, items[i]);
    size_t limits_before = limits_hit_;
    bool keep_going = body();
    bindings_.resize(bound);
    // Once an element is too large, the whole collection would be too.
    if (!keep_going || limits_hit_ != limits_before) return false;
  }
  return true;
}

Value Evaluator::for_expression(const Expr& expr) {
  bool is_object = expr.kind == Expr::Kind::ForObject;
  size_t needed = (is_object ? 3 : 2) + (expr.has_condition ? 1 : 0);
  if (expr.children.size() != needed) return fail("malformed for expression", expr.span);
  Value collection = evaluate(expr.children[0]);
  if (collection.is_unknown()) return unknown_from({&collection}, expr.span);
  if (!is_collection(collection))
    return fail("for needs a list or map, not " + collection.describe(), expr.span);

  const Expr* condition = expr.has_condition ? &expr.children.back() : nullptr;
  std::vector<Value> items;
  ObjectBuilder object;
  std::vector<std::pair<std::string, std::vector<Value>>> groups;  // for `...`
  std::unordered_map<std::string, size_t> group_index;
  std::optional<Value> problem;
  size_t result_size = 0;
  bool completed = for_each_element(collection, expr.key_name, expr.text, [&] {
    if (condition) {
      Value keep = evaluate(*condition);
      if (keep.is_unknown()) {
        problem = unknown_from({&keep}, expr.span);
        return false;
      }
      std::optional<bool> b = to_bool(keep);
      if (!b) {
        problem = fail("for condition must be a bool", condition->span);
        return false;
      }
      if (!*b) return true;
    }
    // The result's size so far, with `v`, against collection_items.
    auto fits = [&](const Value& v) {
      result_size += value_size(v);
      if (result_size <= limits_.collection_items) return true;
      problem = over_limit("collection_items", limits_.collection_items, expr.span,
                           "a for expression's result");
      return false;
    };
    if (!is_object) {
      Value item = evaluate(expr.children[1]);
      if (!fits(item)) return false;
      items.push_back(std::move(item));
      return true;
    }
    Value key = evaluate(expr.children[1]);
    if (key.is_unknown()) {
      problem = unknown_from({&key}, expr.span);
      return false;
    }
    std::optional<std::string> name = to_text(key);
    if (!name) {
      problem = fail("for key must be a string, not " + key.describe(), expr.children[1].span);
      return false;
    }
    Value value = evaluate(expr.children[2]);
    if (!fits(value)) return false;
    if (expr.flag) {
      auto [it, inserted] = group_index.emplace(*name, groups.size());
      if (inserted) groups.push_back({*name, {}});
      groups[it->second].second.push_back(std::move(value));
    } else {
      if (group_index.count(*name)) {
        problem = fail("for produces the key \"" + *name + "\" twice", expr.span);
        return false;
      }
      group_index.emplace(*name, 0);
      object.set(std::move(*name), std::move(value));
    }
    if (object.size() + groups.size() > kMaxObjectKeys) {
      problem = over_limit(
          "collection_items", kMaxObjectKeys, expr.span,
          "an object's keys (objects hold at most " + std::to_string(kMaxObjectKeys) + ")");
      return false;
    }
    return true;
  });
  if (problem) return std::move(*problem);
  if (!completed) return Value::unknown(last_limit_, expr.span);
  if (!is_object) return Value::list(std::move(items), expr.span, Provenance::Derived);
  for (auto& [name, values] : groups)
    object.set(name, Value::list(std::move(values), expr.span, Provenance::Derived));
  return object.build(expr.span, Provenance::Derived);
}

}  // namespace bw::frontends::terraform
