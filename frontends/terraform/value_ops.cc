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
  if (number == 0) return "0";
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
