#include "frontends/terraform/value_ops.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace bw::frontends::terraform {

std::string number_to_string(double number) {
  if (std::isnan(number)) return "NaN";
  if (std::isinf(number)) return number > 0 ? "+Inf" : "-Inf";
  if (number == 0) return std::signbit(number) ? "-0" : "0";  // Terraform keeps the sign
  char buffer[512];
  std::to_chars_result result =
      std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed);
  if (result.ec != std::errc()) {
    result = std::to_chars(buffer, buffer + sizeof buffer, number);
    if (result.ec != std::errc()) return "?";
  }
  return std::string(buffer, result.ptr);
}

std::optional<std::string> to_text(const ir::Value& value) {
  if (value.is_string()) return value.as_string();
  if (value.is_number()) return number_to_string(value.as_number());
  if (value.is_bool()) return std::string(value.as_bool() ? "true" : "false");
  return std::nullopt;
}

std::optional<double> to_number(const ir::Value& value) {
  if (value.is_number()) return value.as_number();
  if (!value.is_string()) return std::nullopt;
  const std::string& text = value.as_string();
  if (text.empty() || text.size() > 400) return std::nullopt;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (*begin == '+') ++begin;  // from_chars rejects a leading '+'; Terraform accepts it
  for (const char* c = begin; c != end; ++c)  // no "inf", "nan" or hex
    if (!(std::isdigit(static_cast<unsigned char>(*c)) || *c == '.' || *c == '-' || *c == '+' ||
          *c == 'e' || *c == 'E'))
      return std::nullopt;
  double number = 0;
  auto [stop, error] = std::from_chars(begin, end, number);
  if (stop != end) return std::nullopt;
  if (error == std::errc::result_out_of_range) {
    // A number all the same, past what a double holds: +-Inf for a large
    // one, which the evaluator reports as beyond exact arithmetic.
    bool large = text.find_first_of("eE") == std::string::npos ||
                 text.find('-', text.find_first_of("eE")) == std::string::npos;
    bool negative = *begin == '-';
    if (!large) return negative ? -0.0 : 0.0;
    return negative ? -HUGE_VAL : HUGE_VAL;
  }
  if (error != std::errc()) return std::nullopt;
  return number;
}

std::optional<bool> to_bool(const ir::Value& value) {
  if (value.is_bool()) return value.as_bool();
  if (value.is_string() && value.as_string() == "true") return true;
  if (value.is_string() && value.as_string() == "false") return false;
  return std::nullopt;
}

void add_deep_references(ir::Value& target, const ir::Value& source) {
  target.add_references_from(source);
  for (const ir::Value& item : source.items()) add_deep_references(target, item);
}

ir::Value unknown_from(const std::vector<const ir::Value*>& inputs, const ir::Span& span) {
  std::string reason = "a value it depends on is unknown";
  for (const ir::Value* input : inputs) {
    if (const ir::Value* unknown = first_unknown(*input)) {
      reason = unknown->unknown_reason();
      break;
    }
  }
  ir::Value result = ir::Value::unknown(std::move(reason), span);
  for (const ir::Value* input : inputs) add_deep_references(result, *input);
  return result;
}

ir::Value choice(const std::vector<ir::Value>& candidates, std::string reason,
                 const ir::Span& span) {
  std::vector<ir::Value> alternatives;
  auto add = [&](const ir::Value& candidate) {
    for (const ir::Value& existing : alternatives)
      if (existing.same_as(candidate)) return;
    alternatives.push_back(candidate);
  };
  for (const ir::Value& candidate : candidates) {
    if (!candidate.is_one_of()) {
      add(candidate);
      continue;
    }
    for (const ir::Value& alternative : candidate.alternatives()) add(alternative);
  }
  if (alternatives.size() == 1 && !alternatives[0].is_unknown()) {
    ir::Value only = std::move(alternatives[0]);
    only.set_provenance(ir::Provenance::Derived);
    return only;
  }
  return ir::Value::one_of(std::move(alternatives), std::move(reason), span);
}

ir::Value plain_unknown(const ir::Value& value) {
  if (!value.is_one_of() && !value.is_partial_string()) return value;
  ir::Value unknown = ir::Value::unknown(value.unknown_reason(), value.span());
  unknown.set_origin(value.origin());
  add_deep_references(unknown, value);
  return unknown;
}

void mark_derived(ir::Value& value, const ir::Span& span) {
  value.relocate(span);
  if (!value.is_unknown()) value.set_provenance(ir::Provenance::Derived);
  for (ir::Value& item : value.items()) mark_derived(item, span);
}

void ObjectBuilder::set(std::string key, ir::Value value) {
  constexpr size_t kIndexFrom = 16;
  if (keys_.size() < kIndexFrom) {
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] == key) {
        values_[i] = std::move(value);
        return;
      }
    }
  } else {
    if (index_.empty())
      for (size_t i = 0; i < keys_.size(); ++i) index_.emplace(keys_[i], i);
    auto [it, inserted] = index_.emplace(key, keys_.size());
    if (!inserted) {
      values_[it->second] = std::move(value);
      return;
    }
  }
  keys_.push_back(std::move(key));
  values_.push_back(std::move(value));
}

bool ObjectBuilder::has(std::string_view key) const {
  if (!index_.empty()) return index_.count(std::string(key)) > 0;
  return std::find(keys_.begin(), keys_.end(), key) != keys_.end();
}

ir::Value ObjectBuilder::build(const ir::Span& span, ir::Provenance provenance) {
  if (keys_.size() > kMaxObjectKeys)
    return ir::Value::unknown(
        "object too large to evaluate (" + std::to_string(keys_.size()) + " keys)", span);
  ir::Value object = ir::Value::object(span, provenance);
  object.reserve(keys_.size());
  for (size_t i = 0; i < keys_.size(); ++i) object.set(std::move(keys_[i]), std::move(values_[i]));
  keys_.clear();
  values_.clear();
  index_.clear();
  return object;
}

void mark_derived(ir::Value& value) {
  if (!value.is_unknown()) value.set_provenance(ir::Provenance::Derived);
  for (ir::Value& item : value.items()) mark_derived(item);
}

size_t value_size(const ir::Value& value) {
  size_t size = 1;
  for (const ir::Value& item : value.items()) size += value_size(item);
  return size;
}

}  // namespace bw::frontends::terraform

namespace bw::frontends::terraform {

namespace {

// A value's type as Terraform would infer it, as text: equal exactly when
// the types are (nulls write as "z", and make shapes differ).
void type_signature(const ir::Value& value, std::string& out) {
  using Type = ir::Value::Type;
  switch (value.type()) {
    case Type::Null:
      out += 'z';
      return;
    case Type::Bool:
      out += 'b';
      return;
    case Type::Number:
      out += 'n';
      return;
    case Type::String:
      out += 's';
      return;
    case Type::List:
      out += '[';
      for (const ir::Value& item : value.items()) {
        type_signature(item, out);
        out += ',';
      }
      out += ']';
      return;
    case Type::Object: {
      std::vector<size_t> order(value.keys().size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(),
                [&](size_t a, size_t b) { return value.keys()[a] < value.keys()[b]; });
      out += '{';
      for (size_t i : order) {
        out += value.keys()[i] + ':';
        type_signature(value.items()[i], out);
        out += ',';
      }
      out += '}';
      return;
    }
    case Type::OneOf:
      out += '?';
      return;
  }
}

// The primitive types among the leaves of `value`, one letter each.
void leaf_types(const ir::Value& value, std::string& out) {
  char type = value.is_string() ? 's' : value.is_number() ? 'n' : value.is_bool() ? 'b' : 0;
  if (type && out.find(type) == std::string::npos) out += type;
  if (value.is_list() || value.is_object())
    for (const ir::Value& item : value.items()) leaf_types(item, out);
}

// Whether `a` and `b` have one type, a null fitting any: objects with the
// same attributes of one type each, or maps and lists whose elements all
// have one type.
bool same_type(const ir::Value& a, const ir::Value& b, int depth = 0) {
  if (a.is_null() || b.is_null()) return true;
  if (a.type() != b.type() || depth > 64) return false;
  if (a.is_object()) {
    bool same_keys = a.keys().size() == b.keys().size();
    for (size_t i = 0; same_keys && i < a.keys().size(); ++i) {
      const ir::Value* other = b.get(a.keys()[i]);
      if (!other)
        same_keys = false;
      else if (!same_type(a.items()[i], *other, depth + 1))
        return false;
    }
    if (same_keys) return true;
    // Different attributes: one type only as maps of one element type,
    // which Terraform gives them without changing a value.
  }
  if (a.is_list() || a.is_object()) {
    const ir::Value* element = nullptr;
    for (const ir::Value* list : {&a, &b})
      for (const ir::Value& item : list->items()) {
        if (item.is_null()) continue;
        if (!element)
          element = &item;
        else if (!same_type(*element, item, depth + 1))
          return false;
      }
  }
  return true;
}

}  // namespace

Unified unify(const std::vector<const ir::Value*>& values) {
  bool string = false, number = false, boolean = false, collection = false;
  std::string first_signature;
  bool shapes_differ = false;
  for (const ir::Value* value : values) {
    if (first_unknown(*value)) return Unified::Unknown;
    if (value->is_null()) continue;
    if (value->is_string()) string = true;
    if (value->is_number()) number = true;
    if (value->is_bool()) boolean = true;
    if (value->is_list() || value->is_object()) {
      std::string signature;
      type_signature(*value, signature);
      if (!collection)
        first_signature = signature;
      else if (signature != first_signature)
        shapes_differ = true;
      collection = true;
    }
  }
  int primitives = int(string) + int(number) + int(boolean);
  if (collection) {
    if (primitives > 0) return Unified::Fail;
    if (!shapes_differ) return Unified::Same;
    // Lists (or objects) whose elements, taken together, have one type —
    // `[x]` and `[]`, `{a = x, b = y}` and `{}` with x and y alike, a null
    // fitting any type as a typed variable's optional attributes do —
    // become a list (a map) of that type, no value changed (`true ? [{a =
    // 1, b = "x"}] : []` is that list in terraform console).
    if (std::all_of(values.begin(), values.end(),
                    [](const ir::Value* v) { return v->is_null() || v->is_list(); }) ||
        std::all_of(values.begin(), values.end(),
                    [](const ir::Value* v) { return v->is_null() || v->is_object(); })) {
      const ir::Value* first = nullptr;
      bool alike = true;
      for (const ir::Value* value : values) {
        if (value->is_null()) continue;
        for (const ir::Value& item : value->items()) {
          if (!first)
            first = &item;
          else if (!same_type(*first, item))
            alike = false;
        }
      }
      if (alike) return Unified::Same;
    }
    // Shapes differ ({a = 1} and {}): Terraform unifies them into a map or
    // list, which changes no value when all their leaves have one type.
    std::string leaves;
    for (const ir::Value* value : values) leaf_types(*value, leaves);
    return leaves.size() <= 1 ? Unified::Same : Unified::Unknown;
  }
  if (primitives <= 1) return Unified::Same;
  return string ? Unified::ToString : Unified::Fail;
}

ir::Value as_unified_string(const ir::Value& value) {
  if (value.is_string() || value.is_null()) return value;
  std::optional<std::string> text = to_text(value);
  return ir::Value::string(text.value_or(""), value.span(), value.provenance());
}

}  // namespace bw::frontends::terraform

namespace bw::frontends::terraform {

namespace {

// Digits after the decimal point in the shortest form of `x`; -1 when
// that form has an exponent or more than 15 significant digits.
int fraction_digits(double x) {
  std::string text = number_to_string(x);
  if (text.find_first_of("eE") != std::string::npos) return -1;
  size_t digits = 0;
  for (char c : text)
    if (c >= '0' && c <= '9') ++digits;
  if (digits > 15) return -1;
  size_t point = text.find('.');
  return point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
}

// Whether the shortest decimal form of `x` is x exactly (0.5, 2.25: yes;
// 0.1, whose double is 0.1000000000000000055...: no). Terraform reads
// decimals in 512-bit binary, so only such numbers are the same there.
bool exact_in_binary(double x) {
  int digits = fraction_digits(x);
  if (digits < 0) return false;
  double scaled = x;
  for (int k = 0; k <= digits; ++k, scaled *= 2)
    if (scaled == std::floor(scaled)) return true;
  return false;
}

}  // namespace

std::optional<double> exact_decimal(double a, double b, char op) {
  // Both numbers exact, the operation exact in a double (checked by its
  // error term): then Terraform's 512-bit result is the same number.
  if (!exact_in_binary(a) || !exact_in_binary(b)) return std::nullopt;
  double result = 0;
  switch (op) {
    case '+':
    case '-': {
      double c = op == '+' ? b : -b;
      result = a + c;
      double a_part = result - c;
      double error = (a - a_part) + (c - (result - a_part));
      if (error != 0) return std::nullopt;
      break;
    }
    case '*':
      result = a * b;
      if (std::fma(a, b, -result) != 0) return std::nullopt;
      break;
    case '/':
      result = a / b;
      if (std::fma(result, b, -a) != 0) return std::nullopt;
      break;
    case '%':
      result = std::fmod(a, b);
      break;
    default:
      return std::nullopt;
  }
  if (!exact_in_binary(result)) return std::nullopt;
  return result;
}

std::optional<double> exact_sum(const std::vector<double>& numbers) {
  double total = 0;
  for (double number : numbers) {
    std::optional<double> next = exact_decimal(total, number, '+');
    if (!next) return std::nullopt;
    total = *next;
  }
  return total;
}

}  // namespace bw::frontends::terraform
