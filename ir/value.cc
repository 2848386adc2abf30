#include "ir/value.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

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

// ---- shared parts ----------------------------------------------------------

// A string, or an unknown value's reason.
struct Value::Text {
  std::atomic<uint32_t> references{1};
  std::string text;
};

// The items of a list, object, alternatives or partial string; an object's keys.
struct Value::Items {
  std::atomic<uint32_t> references{1};
  std::vector<Value> items;
  std::vector<const std::string*> keys;
};

// What few values carry: where they were written, and the resources they
// were computed from.
struct Value::Extra {
  std::atomic<uint32_t> references{1};
  Span origin;
  std::vector<std::string> references_to;
};

namespace {

template <typename Part>
Part* share(Part* part) {
  if (part) part->references.fetch_add(1, std::memory_order_relaxed);
  return part;
}

template <typename Part>
void release(Part* part) {
  if (part && part->references.fetch_sub(1, std::memory_order_acq_rel) == 1) delete part;
}

// The part, held by this value alone: made when absent, copied first when shared.
template <typename Part>
Part& owned(Part*& part) {
  if (!part) {
    part = new Part();
  } else if (part->references.load(std::memory_order_acquire) != 1) {
    Part* copy = new Part();
    if constexpr (std::is_same_v<Part, Value::Items>) {
      copy->items = part->items;
      copy->keys = part->keys;
    } else {
      copy->origin = part->origin;
      copy->references_to = part->references_to;
    }
    release(part);
    part = copy;
  }
  return *part;
}

const std::string kEmpty;
const std::vector<Value> kNoItems;
const std::vector<std::string> kNoReferences;
const Span kNoSpan;

// Keys, sharded so that threads building objects rarely wait on each other.
struct KeyTable {
  static constexpr size_t kShards = 16;
  struct Shard {
    std::mutex mutex;
    std::unordered_set<std::string> keys;
  };
  Shard shards[kShards];
};

KeyTable& key_table() {
  // Never destroyed: keys outlive every value, including those alive at exit.
  static KeyTable* table = new KeyTable();
  return *table;
}

}  // namespace

const std::string* intern_key(std::string_view key) {
  // Each thread remembers the keys it has met: the shared table is asked once
  // per key and thread.
  thread_local std::unordered_map<std::string_view, const std::string*> seen;
  if (auto it = seen.find(key); it != seen.end()) return it->second;
  KeyTable::Shard& shard =
      key_table().shards[std::hash<std::string_view>{}(key) % KeyTable::kShards];
  const std::string* interned;
  {
    std::lock_guard<std::mutex> lock(shard.mutex);
    interned = &*shard.keys.emplace(key).first;
  }
  seen.emplace(std::string_view(*interned), interned);
  return interned;
}

// ---- copying and moving ----------------------------------------------------

Value::Value(const Value& other)
    : type_(other.type_),
      provenance_(other.provenance_),
      bool_(other.bool_),
      span_(other.span_),
      items_(share(other.items_)),
      extra_(share(other.extra_)) {
  if (type_ == Type::Number)
    number_ = other.number_;
  else
    text_ = share(other.text_);
}

Value::Value(Value&& other) noexcept
    : type_(other.type_),
      provenance_(other.provenance_),
      bool_(other.bool_),
      span_(other.span_),
      items_(std::exchange(other.items_, nullptr)),
      extra_(std::exchange(other.extra_, nullptr)) {
  if (type_ == Type::Number)
    number_ = other.number_;
  else
    text_ = other.text_;
  other.text_ = nullptr;
  other.type_ = Type::Null;
}

Value& Value::operator=(const Value& other) {
  if (this != &other) *this = Value(other);
  return *this;
}

Value& Value::operator=(Value&& other) noexcept {
  if (this == &other) return *this;
  this->~Value();
  new (this) Value(std::move(other));
  return *this;
}

Value::~Value() {
  if (type_ != Type::Number) release(text_);
  release(items_);
  release(extra_);
}

// ---- making values ---------------------------------------------------------

Value Value::null(Span span, Provenance provenance) {
  Value v;
  v.span_ = span;
  v.provenance_ = provenance;
  v.text_ = nullptr;
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
  if (!s.empty()) {
    v.text_ = new Text();
    v.text_->text = std::move(s);
  }
  return v;
}

Value Value::list(std::vector<Value> items, Span span, Provenance provenance) {
  Value v = null(span, provenance);
  v.type_ = Type::List;
  if (!items.empty()) owned(v.items_).items = std::move(items);
  return v;
}

Value Value::object(Span span, Provenance provenance) {
  Value v = null(span, provenance);
  v.type_ = Type::Object;
  return v;
}

Value Value::unknown(std::string reason, Span span) {
  Value v = string(std::move(reason), span, Provenance::Unknown);
  v.type_ = Type::Null;
  return v;
}

Value Value::one_of(std::vector<Value> alternatives, std::string reason, Span span) {
  Value v = unknown(std::move(reason), span);
  v.type_ = Type::OneOf;
  if (!alternatives.empty()) owned(v.items_).items = std::move(alternatives);
  return v;
}

Value Value::partial_string(std::vector<Value> parts, std::string reason, Span span) {
  Value v = unknown(std::move(reason), span);
  v.type_ = Type::String;
  if (!parts.empty()) owned(v.items_).items = std::move(parts);
  return v;
}

// ---- reading and changing --------------------------------------------------

const std::string& Value::as_string() const {
  return type_ != Type::Number && text_ ? text_->text : kEmpty;
}

const std::vector<Value>& Value::items() const {
  return items_ ? items_->items : kNoItems;
}

std::vector<Value>& Value::items() {
  return owned(items_).items;
}

KeyList Value::keys() const {
  return items_ ? KeyList(&items_->keys) : KeyList();
}

void Value::push(Value item) {
  owned(items_).items.push_back(std::move(item));
}

void Value::reserve(size_t members) {
  Items& items = owned(items_);
  items.items.reserve(members);
  items.keys.reserve(members);
}

const Value* Value::get(std::string_view key) const {
  if (type_ != Type::Object || !items_) return nullptr;
  const std::vector<const std::string*>& keys = items_->keys;
  for (size_t i = 0; i < keys.size(); ++i)
    if (*keys[i] == key) return &items_->items[i];
  return nullptr;
}

Value* Value::get(std::string_view key) {
  if (type_ != Type::Object || !items_) return nullptr;
  const std::vector<const std::string*>& keys = items_->keys;
  for (size_t i = 0; i < keys.size(); ++i)
    if (*keys[i] == key) return &owned(items_).items[i];
  return nullptr;
}

void Value::set(std::string_view key, Value value) {
  if (Value* existing = get(key)) {
    *existing = std::move(value);
    return;
  }
  Items& items = owned(items_);
  items.keys.push_back(intern_key(key));
  items.items.push_back(std::move(value));
}

bool Value::erase(std::string_view key) {
  if (!items_) return false;
  for (size_t i = 0; i < items_->keys.size(); ++i) {
    if (*items_->keys[i] != key) continue;
    Items& items = owned(items_);
    items.keys.erase(items.keys.begin() + static_cast<long>(i));
    items.items.erase(items.items.begin() + static_cast<long>(i));
    return true;
  }
  return false;
}

const Span& Value::origin() const {
  return extra_ ? extra_->origin : kNoSpan;
}

void Value::set_origin(Span origin) {
  if (!origin.valid() && !extra_) return;
  owned(extra_).origin = origin;
}

void Value::relocate(Span span) {
  bool inside = span_.file == span.file && span_.begin.offset >= span.begin.offset &&
                span_.end.offset <= span.end.offset;
  if (!origin().valid() && span_.valid() && !inside) set_origin(span_);
  span_ = span;
}

const std::vector<std::string>& Value::references() const {
  return extra_ ? extra_->references_to : kNoReferences;
}

void Value::add_reference(std::string address) {
  const std::vector<std::string>& known = references();
  if (std::find(known.begin(), known.end(), address) != known.end()) return;
  owned(extra_).references_to.push_back(std::move(address));
}

void Value::add_references_from(const Value& other) {
  if (!other.extra_ || other.extra_ == extra_) return;
  for (const std::string& r : other.extra_->references_to) add_reference(r);
}

// ---- walking and describing ------------------------------------------------

const Value* first_unknown(const Value& value) {
  if (value.is_unknown()) return &value;
  for (const Value& item : value.items())
    if (const Value* unknown = first_unknown(item)) return unknown;
  return nullptr;
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

std::string format_number(double n) {
  char buffer[32];
  if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 1e15)
    std::snprintf(buffer, sizeof buffer, "%.0f", n);
  else
    std::snprintf(buffer, sizeof buffer, "%g", n);
  return buffer;
}

std::string Value::describe() const {
  const std::vector<Value>& items = this->items();
  if (type_ == Type::OneOf) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
      out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i].describe();
    return out.empty() ? "unknown" : out;
  }
  if (is_partial_string()) {
    std::string out = "\"";
    for (const Value& part : items) out += part.is_string() ? part.as_string() : "…";
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
      return "\"" + as_string() + "\"";
    case Type::List: {
      // Short lists of scalars are shown whole; anything larger is summarised.
      bool small = items.size() <= 6;
      for (const Value& item : items)
        if (item.type_ == Type::List || item.type_ == Type::Object) small = false;
      if (!small) return "[" + std::to_string(items.size()) + " items]";
      std::string out = "[";
      for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].describe();
      return out + "]";
    }
    case Type::Object:
      return "{" + std::to_string(keys().size()) + " keys}";
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
      return as_string() == other.as_string();
    case Type::List:
    case Type::Object: {
      if (items_ == other.items_) return true;
      const std::vector<Value>& a = items();
      const std::vector<Value>& b = other.items();
      if (a.size() != b.size()) return false;
      // Interned keys compare by address.
      if (type_ == Type::Object && items_ && other.items_ && items_->keys != other.items_->keys)
        return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!a[i].same_as(b[i])) return false;
      return true;
    }
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
