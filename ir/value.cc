#include "ir/value.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bw::ir {

std::string_view to_string(Provenance provenance) {
  switch (provenance) {
    case Provenance::Literal:
      return "literal";
    case Provenance::Default:
      return "default";
    case Provenance::Derived:
      return "derived";
    case Provenance::Unknown:
      return "unknown";
  }
  return "unknown";
}

Value Value::null(Span span, Provenance provenance) {
  Value v;
  v.span_ = span;
  v.provenance_ = provenance;
  return v;
}

Value Value::boolean(bool b, Span span, Provenance provenance) {
  Value v = null(span, provenance);
  v.type_ = Type::Bool;
  v.bool_ = b;
  return v;
}

Value Value::number(double n, Span span, Provenance provenance) {
  Value v = null(span, provenance);
  v.type_ = Type::Number;
  v.number_ = n;
  return v;
}

Value Value::string(std::string s, Span span, Provenance provenance) {
  Value v = null(span, provenance);
  v.type_ = Type::String;
  v.string_ = std::move(s);
  return v;
}

Value Value::list(std::vector<Value> items, Span span, Provenance provenance) {
  Value v = null(span, provenance);
  v.type_ = Type::List;
  v.items_ = std::move(items);
  return v;
}

Value Value::object(Span span, Provenance provenance) {
  Value v = null(span, provenance);
  v.type_ = Type::Object;
  return v;
}

Value Value::unknown(std::string reason, Span span) {
  Value v = null(span, Provenance::Unknown);
  v.string_ = std::move(reason);
  return v;
}

Value Value::one_of(std::vector<Value> alternatives, std::string reason, Span span) {
  Value v = unknown(std::move(reason), span);
  v.type_ = Type::OneOf;
  v.items_ = std::move(alternatives);
  return v;
}

Value Value::partial_string(std::vector<Value> parts, std::string reason, Span span) {
  Value v = unknown(std::move(reason), span);
  v.type_ = Type::String;
  v.items_ = std::move(parts);
  return v;
}

std::string known_prefix(const Value& value) {
  if (value.is_string()) return value.as_string();
  std::string out;
  if (!value.is_partial_string()) return out;
  for (const Value& part : value.string_parts()) {
    if (!part.is_string()) break;
    out += part.as_string();
  }
  return out;
}

std::string known_suffix(const Value& value) {
  if (value.is_string()) return value.as_string();
  std::string out;
  if (!value.is_partial_string()) return out;
  const std::vector<Value>& parts = value.string_parts();
  for (size_t i = parts.size(); i-- > 0;) {
    if (!parts[i].is_string()) break;
    out.insert(0, parts[i].as_string());
  }
  return out;
}

const Value* Value::get(std::string_view key) const {
  if (type_ != Type::Object) return nullptr;
  for (size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == key) return &items_[i];
  return nullptr;
}

Value* Value::get(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value&>(*this).get(key));
}

void Value::set(std::string key, Value value) {
  if (Value* existing = get(key)) {
    *existing = std::move(value);
    return;
  }
  keys_.push_back(std::move(key));
  items_.push_back(std::move(value));
}

bool Value::erase(std::string_view key) {
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] != key) continue;
    keys_.erase(keys_.begin() + static_cast<long>(i));
    items_.erase(items_.begin() + static_cast<long>(i));
    return true;
  }
  return false;
}

void Value::relocate(Span span) {
  bool inside = span_.file == span.file && span_.begin.offset >= span.begin.offset &&
                span_.end.offset <= span.end.offset;
  if (!origin_.valid() && span_.valid() && !inside) origin_ = span_;
  span_ = span;
}

const Value* first_unknown(const Value& value) {
  if (value.is_unknown()) return &value;
  for (const Value& item : value.items())
    if (const Value* unknown = first_unknown(item)) return unknown;
  return nullptr;
}

void Value::add_reference(std::string address) {
  if (std::find(references_.begin(), references_.end(), address) == references_.end())
    references_.push_back(std::move(address));
}

void Value::add_references_from(const Value& other) {
  for (const std::string& r : other.references_) add_reference(r);
}

std::string format_number(double n) {
  if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 1e15) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", n);
    return buffer;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", n);
  return buffer;
}

std::string Value::describe() const {
  if (type_ == Type::OneOf) {
    std::string out;
    for (size_t i = 0; i < items_.size(); ++i)
      out += (i == 0 ? "" : i + 1 == items_.size() ? " or " : ", ") + items_[i].describe();
    return out.empty() ? "unknown" : out;
  }
  if (is_partial_string()) {
    std::string out = "\"";
    for (const Value& part : items_) out += part.is_string() ? part.as_string() : "…";
    return out + "\"";
  }
  if (is_unknown()) return "unknown";
  switch (type_) {
    case Type::Null:
      return "null";
    case Type::Bool:
      return bool_ ? "true" : "false";
    case Type::Number:
      return format_number(number_);
    case Type::String:
      return "\"" + string_ + "\"";
    case Type::List: {
      // Short lists of scalars are shown whole; anything larger is summarised.
      bool small = items_.size() <= 6;
      for (const Value& item : items_)
        if (item.type_ == Type::List || item.type_ == Type::Object) small = false;
      if (!small) return "[" + std::to_string(items_.size()) + " items]";
      std::string out = "[";
      for (size_t i = 0; i < items_.size(); ++i) out += (i ? ", " : "") + items_[i].describe();
      return out + "]";
    }
    case Type::Object:
      return "{" + std::to_string(keys_.size()) + " keys}";
    case Type::OneOf:
      break;
  }
  return "?";
}

bool Value::same_as(const Value& other) const {
  if (is_unknown() || other.is_unknown() || type_ != other.type_) return false;
  switch (type_) {
    case Type::Null:
      return true;
    case Type::Bool:
      return bool_ == other.bool_;
    case Type::Number:
      return number_ == other.number_;
    case Type::String:
      return string_ == other.string_;
    case Type::List:
    case Type::Object:
      if (items_.size() != other.items_.size() || keys_ != other.keys_) return false;
      for (size_t i = 0; i < items_.size(); ++i)
        if (!items_[i].same_as(other.items_[i])) return false;
      return true;
    case Type::OneOf:
      break;
  }
  return false;
}

static void values_at_path(const Value& value, const std::vector<std::string>& path, size_t i,
                           std::vector<const Value*>& found, const Value*& unknown) {
  if (value.is_unknown()) {
    if (!unknown) unknown = &value;
    return;
  }
  if (value.is_list() && i < path.size()) {
    for (const Value& item : value.items()) values_at_path(item, path, i, found, unknown);
    return;
  }
  if (i == path.size()) {
    if (value.is_null()) return;
    if (value.is_list())
      for (const Value& item : value.items()) found.push_back(&item);
    else
      found.push_back(&value);
    return;
  }
  if (const Value* child = value.is_object() ? value.get(path[i]) : nullptr)
    values_at_path(*child, path, i + 1, found, unknown);
}

void values_at_path(const Value& value, const std::vector<std::string>& path,
                    std::vector<const Value*>& found, const Value*& unknown) {
  values_at_path(value, path, 0, found, unknown);
}

}  // namespace bw::ir
