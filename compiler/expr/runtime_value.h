#pragma once
// Values during evaluation. A Val is small and copied freely: it points into
// the model, the syntax tree or the evaluation's Arena and owns nothing, so
// reading a property never copies an ir::Value.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ir/model.h"

namespace bw::compiler::expr {

class World;

inline constexpr ir::ResourceId kNoResource = UINT32_MAX;

// Values nested deeper than this (a frontend may build anything) are not
// compared or searched: the result is Unknown rather than a stack overflow.
inline constexpr uint32_t kMaxValueDepth = 256;

struct ValList;

// One value during evaluation: a scalar, a reference into the model or the
// Arena, a resource, or an unknown with where it came from.
struct Val {
  enum class Kind : uint8_t {
    Null,
    Bool,
    Number,
    String,
    Model,     // a list or an object of the model: `model`
    List,      // a list built during evaluation: `list`
    Map,       // an object built during evaluation: `list`, with keys
    Resource,  // the resource `resource`
    // Not known: `model` is the unknown model value (a partial string is
    // one), or for a run-time error, the value it hinged on if the model
    // holds it; `string` is then the reason in words, empty for a model
    // unknown (whose reason is in the model).
    Unknown,
  };

  Kind kind = Kind::Null;
  bool boolean = false;
  // Unknown: this stands for something computed from `model` (a member,
  // a size, a comparison), not for `model` itself, so the known parts of a
  // partial string say nothing about it.
  bool derived = false;
  // Resource: which one. Otherwise the resource a model value was read
  // through, so a message can say where it lives.
  ir::ResourceId resource = kNoResource;
  double number = 0;
  std::string_view string;
  // The model value this was read from, scalars included; null when built.
  const ir::Value* model = nullptr;
  const ValList* list = nullptr;

  static Val null() { return {}; }
  static Val of_bool(bool b) {
    Val v = with(Kind::Bool);
    v.boolean = b;
    return v;
  }
  static Val of_number(double n) {
    Val v = with(Kind::Number);
    v.number = n;
    return v;
  }
  static Val of_string(std::string_view s) {
    Val v = with(Kind::String);
    v.string = s;
    return v;
  }
  static Val of_resource(ir::ResourceId id) {
    Val v = with(Kind::Resource);
    v.resource = id;
    return v;
  }
  static Val of_list(const ValList& list, Kind kind = Kind::List) {
    Val v = with(kind);
    v.list = &list;
    return v;
  }
  // A run-time error: Unknown because of `reason` (which must outlive the
  // evaluation: a literal or an Arena string), hinging on `culprit`.
  static Val failure(std::string_view reason, const Val& culprit) {
    Val v = with(Kind::Unknown);
    v.string = reason;
    v.model = culprit.model;
    v.resource = culprit.resource;
    return v;
  }

  bool is(Kind k) const { return kind == k; }
  bool is_true() const { return kind == Kind::Bool && boolean; }
  bool is_false() const { return kind == Kind::Bool && !boolean; }
  bool is_unknown() const { return kind == Kind::Unknown; }
  // An unknown string with known parts (ir::Value::is_partial_string).
  bool is_partial_string() const {
    return kind == Kind::Unknown && !derived && string.empty() && model &&
           model->is_partial_string();
  }
  // What an operation over this unknown returns: unknown for the same reason.
  Val derived_unknown() const {
    Val v = *this;
    v.derived = true;
    return v;
  }

 private:
  static Val with(Kind kind) {
    Val v;
    v.kind = kind;
    return v;
  }
};

static_assert(std::is_trivially_copyable_v<Val> && std::is_trivially_destructible_v<Val>,
              "Vals are copied freely and never destroyed explicitly");

// The elements of a List, or the values of a Map whose keys are `keys`.
struct ValList {
  std::vector<Val> items;
  std::vector<Val> keys;
};

// Owns what an evaluation builds (list and map literals, filter() and map()
// results, changed strings, reasons, partial strings) until the evaluation
// ends. Nothing is allocated until something is built.
class Arena {
 public:
  ValList& new_list();
  std::string_view keep(std::string text);
  const ir::Value& keep(ir::Value value);

 private:
  struct Storage {
    std::vector<std::unique_ptr<ValList>> lists;
    std::vector<std::unique_ptr<std::string>> strings;
    std::vector<std::unique_ptr<ir::Value>> values;
  };
  Storage& storage();
  // Made on first use: most evaluations build nothing, and one pointer is
  // cheaper to set up and tear down than three vectors.
  std::unique_ptr<Storage> storage_;
};

// A model value as a Val: scalars are unpacked, lists and objects
// referenced. A value with alternatives (OneOf) is read as the alternative
// `world` takes.
Val from_model(const ir::Value& value, ir::ResourceId resource, World& world);

// Lists and objects, whether from the model or built during evaluation.
bool is_list(const Val& v);
bool is_map(const Val& v);
// Elements of a list, or keys of an object (macros range over keys).
size_t collection_size(const Val& collection);
Val collection_element(const Val& collection, size_t i, World& world);
// The value of an object's i-th key.
Val map_value(const Val& map, size_t i, World& world);
// An object's member; nullopt when absent.
std::optional<Val> map_get(const Val& map, std::string_view key, World& world);

}  // namespace bw::compiler::expr
