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

inline constexpr ir::ResourceId kNoResource = UINT32_MAX;

struct ValList;

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
    Unknown,   // `model` is the unknown value, read through resource `resource`
    Error,     // a run-time type error: the whole predicate is False
  };

  Kind kind = Kind::Null;
  bool boolean = false;
  // Resource: which one. Model and Unknown: the resource they were read from,
  // so a message can say where an unknown lives.
  ir::ResourceId resource = kNoResource;
  double number = 0;
  std::string_view string;
  const ir::Value* model = nullptr;
  const ValList* list = nullptr;

  static Val null() { return {}; }
  static Val error() { return with(Kind::Error); }
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

  bool is(Kind k) const { return kind == k; }
  bool is_true() const { return kind == Kind::Bool && boolean; }
  bool is_false() const { return kind == Kind::Bool && !boolean; }

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
// results, changed strings) until the evaluation ends. Nothing is allocated
// until something is built.
class Arena {
 public:
  ValList& new_list();
  std::string_view keep(std::string text);

 private:
  std::vector<std::unique_ptr<ValList>> lists_;
  std::vector<std::unique_ptr<std::string>> strings_;
};

// A model value as a Val: scalars are unpacked, lists and objects referenced.
Val from_model(const ir::Value& value, ir::ResourceId resource);

// Lists and objects, whether from the model or built during evaluation.
bool is_list(const Val& v);
bool is_map(const Val& v);
// Elements of a list, or keys of an object (macros range over keys).
size_t collection_size(const Val& collection);
Val collection_element(const Val& collection, size_t i);
// The value of an object's i-th key.
Val map_value(const Val& map, size_t i);
// An object's member; nullopt when absent.
std::optional<Val> map_get(const Val& map, std::string_view key);

}  // namespace bw::compiler::expr
