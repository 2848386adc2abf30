#pragma once
// Values as the frontends evaluate them. Every value remembers where it came
// from (its span) and how (its provenance): written literally, filled in from a
// platform default, derived by evaluation, or unknown. Unknown is a value, not
// an error: a rule over an unknown yields unknown, never a false positive.

#include <atomic>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ir/source.h"

namespace bw::ir {

enum class Provenance : uint8_t {
  Literal,  // written as a literal in the source
  Default,  // absent from the source; the platform default from rules/kinds
  Derived,  // computed from literals: variables, locals, templates, arithmetic
  Unknown,  // cannot be known before apply/deploy: no value, a computed attribute, ...
};

std::string_view to_string(Provenance provenance);

// Object keys are interned: each distinct key is stored once for the whole
// process, and an object holds pointers to them. KeyList reads like the
// vector of strings it replaces.
class KeyList {
 public:
  KeyList() = default;
  explicit KeyList(const std::vector<const std::string*>* keys) : keys_(keys) {}
  size_t size() const { return keys_ ? keys_->size() : 0; }
  bool empty() const { return size() == 0; }
  const std::string& operator[](size_t i) const { return *(*keys_)[i]; }
  class iterator {
   public:
    explicit iterator(const std::string* const* at) : at_(at) {}
    const std::string& operator*() const { return **at_; }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    bool operator!=(const iterator& other) const { return at_ != other.at_; }
    bool operator==(const iterator& other) const { return at_ == other.at_; }

   private:
    const std::string* const* at_;
  };
  iterator begin() const { return iterator(keys_ ? keys_->data() : nullptr); }
  iterator end() const { return iterator(keys_ ? keys_->data() + keys_->size() : nullptr); }

 private:
  const std::vector<const std::string*>* keys_ = nullptr;
};

// The one copy of `key` for the whole process; thread-safe.
const std::string* intern_key(std::string_view key);

// A Value is 56 bytes: its type and provenance, its span, and three shared,
// reference-counted parts — the string or number, the items (and keys) of a
// list or object, and the rarely set origin and references. Copying a value
// shares its parts; changing a shared part copies it first.
class Value {
 public:
  // OneOf: a value that is one of several alternatives, which one being
  // unknown (a conditional whose condition is unknown). A partial string is
  // a String that is unknown as a whole but has known parts (a template with
  // an unknown interpolation). Both are unknown (is_unknown()), so code that
  // does not look closer treats them as any other unknown value.
  enum class Type : uint8_t { Null, Bool, Number, String, List, Object, OneOf };

  Value() = default;
  Value(const Value& other);
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;
  ~Value();

  static Value null(Span span = {}, Provenance provenance = Provenance::Literal);
  static Value boolean(bool b, Span span = {}, Provenance provenance = Provenance::Literal);
  static Value number(double n, Span span = {}, Provenance provenance = Provenance::Literal);
  static Value string(std::string s, Span span = {}, Provenance provenance = Provenance::Literal);
  static Value list(std::vector<Value> items, Span span = {},
                    Provenance provenance = Provenance::Literal);
  static Value object(Span span = {}, Provenance provenance = Provenance::Literal);
  // An unknown value; `reason` says why in words a user understands
  // ("variable 'retention' has no value").
  static Value unknown(std::string reason, Span span = {});
  // One of `alternatives`; `reason` says why which one is unknown
  // ("depends on var.env == \"prod\", which is unknown: ...").
  static Value one_of(std::vector<Value> alternatives, std::string reason, Span span = {});
  // A string known only in parts: `parts` are known String values and
  // unknown values standing for the text nobody knows yet, in order.
  // `reason` is why the whole is unknown (the first unknown part's reason).
  static Value partial_string(std::vector<Value> parts, std::string reason, Span span = {});

  Type type() const { return type_; }
  Provenance provenance() const { return provenance_; }
  const Span& span() const { return span_; }
  void set_span(Span span) { span_ = span; }
  // Where the value was written when it is used elsewhere: a variable's
  // default, a tfvars line, a module caller's argument. Invalid when the value
  // was written where it is used.
  const Span& origin() const;
  void set_origin(Span origin);
  // Uses the value at `span`: the first move away from where it was written
  // keeps that place as its origin, so a finding at the use site can say
  // where to change it.
  void relocate(Span span);
  void set_provenance(Provenance provenance) { provenance_ = provenance; }

  bool is_unknown() const { return provenance_ == Provenance::Unknown; }
  bool is_null() const { return type_ == Type::Null && !is_unknown(); }
  bool is_bool() const { return type_ == Type::Bool && !is_unknown(); }
  bool is_number() const { return type_ == Type::Number && !is_unknown(); }
  bool is_string() const { return type_ == Type::String && !is_unknown(); }
  bool is_list() const { return type_ == Type::List && !is_unknown(); }
  bool is_object() const { return type_ == Type::Object && !is_unknown(); }
  bool is_one_of() const { return type_ == Type::OneOf; }
  bool is_partial_string() const { return type_ == Type::String && is_unknown(); }

  bool as_bool() const { return bool_; }
  double as_number() const { return type_ == Type::Number ? number_ : 0; }
  const std::string& as_string() const;
  const std::string& unknown_reason() const { return as_string(); }
  // The alternatives of a OneOf; the parts of a partial string.
  const std::vector<Value>& alternatives() const { return items(); }
  const std::vector<Value>& string_parts() const { return items(); }

  // Lists and objects share `items`; objects also have `keys`, in source order.
  const std::vector<Value>& items() const;
  std::vector<Value>& items();
  KeyList keys() const;
  void push(Value item);

  // Object members. `set` replaces an existing key, keeping its position.
  const Value* get(std::string_view key) const;
  Value* get(std::string_view key);
  void set(std::string_view key, Value value);
  bool erase(std::string_view key);
  // Room for `members` object members, so filling a known number allocates once.
  void reserve(size_t members);

  // Other resources this value was computed from, as addresses
  // ("aws_s3_bucket.logs"); the link step turns them into edges.
  const std::vector<std::string>& references() const;
  void add_reference(std::string address);
  void add_references_from(const Value& other);

  // A short rendering for messages: "true", "\"prod\"", "[2 items]", "unknown",
  // "true or false", "\"….db.test.internal\"".
  std::string describe() const;
  // Structural equality of known values (spans and provenance are ignored).
  bool same_as(const Value& other) const;

  struct Text;
  struct Items;
  struct Extra;

 private:
  Items& own_items();
  Extra& own_extra();

  Type type_ = Type::Null;
  Provenance provenance_ = Provenance::Literal;
  bool bool_ = false;
  Span span_;
  union {
    Text* text_ = nullptr;  // String, and the reason of an unknown: every type but Number
    double number_;         // Number
  };
  Items* items_ = nullptr;  // List, Object, OneOf, partial String
  Extra* extra_ = nullptr;  // origin and references, when set
};

static_assert(sizeof(Value) <= 64, "a Value must stay small: models hold millions of them");

// A number as messages show it: 3, 0.5, 1e+20.
std::string format_number(double number);

// The first unknown value in `value` or below it, or null.
const Value* first_unknown(const Value& value);

// The known text a partial string starts or ends with ("" when it starts or
// ends with an unknown part); the whole string for a known string.
std::string known_prefix(const Value& value);
std::string known_suffix(const Value& value);

// The values at an attribute path below `value`, reading through lists (a
// nested block is a list of objects) and flattening them, so
// `lifecycle.prevent_destroy` reads through the one-element list a block
// becomes. Nulls count as absent. The first unknown met on the way is
// returned in `unknown` instead of being walked.
void values_at_path(const Value& value, const std::vector<std::string>& path,
                    std::vector<const Value*>& found, const Value*& unknown);

}  // namespace bw::ir
