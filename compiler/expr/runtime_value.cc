#include "compiler/expr/runtime_value.h"

#include "compiler/expr/worlds.h"

namespace bw::compiler::expr {

Arena::Storage& Arena::storage() {
  if (!storage_) storage_ = std::make_unique<Storage>();
  return *storage_;
}

ValList& Arena::new_list() {
  auto& lists = storage().lists;
  lists.push_back(std::make_unique<ValList>());
  return *lists.back();
}

std::string_view Arena::keep(std::string text) {
  auto& strings = storage().strings;
  strings.push_back(std::make_unique<std::string>(std::move(text)));
  return *strings.back();
}

const ir::Value& Arena::keep(ir::Value value) {
  auto& values = storage().values;
  values.push_back(std::make_unique<ir::Value>(std::move(value)));
  return *values.back();
}

namespace {

// An unknown model value; for a OneOf, the alternative `world` takes (which
// may have alternatives itself, or be unknown). Apart from from_model() so
// that reading a known value stays short.
[[gnu::noinline]] Val from_unknown(const ir::Value& value, ir::ResourceId resource, World& world) {
  const ir::Value* read = &value;
  for (uint32_t hops = 0; read->is_one_of() && !read->alternatives().empty(); ++hops) {
    if (hops == kMaxValueDepth) break;  // a OneOf without any is just unknown
    read = &world.choose(*read, resource);
  }
  if (!read->is_unknown()) return from_model(*read, resource, world);
  Val v;
  v.kind = Val::Kind::Unknown;
  v.resource = resource;
  v.model = read;
  return v;
}

}  // namespace

Val from_model(const ir::Value& value, ir::ResourceId resource, World& world) {
  if (value.is_unknown()) return from_unknown(value, resource, world);
  Val v;
  v.resource = resource;
  v.model = &value;
  switch (value.type()) {
    case ir::Value::Type::Null:
      break;
    case ir::Value::Type::Bool:
      v.kind = Val::Kind::Bool;
      v.boolean = value.as_bool();
      break;
    case ir::Value::Type::Number:
      v.kind = Val::Kind::Number;
      v.number = value.as_number();
      break;
    case ir::Value::Type::String:
      v.kind = Val::Kind::String;
      v.string = value.as_string();
      break;
    case ir::Value::Type::List:
    case ir::Value::Type::Object:
      v.kind = Val::Kind::Model;
      break;
    case ir::Value::Type::OneOf:
      v.kind = Val::Kind::Unknown;  // unreachable: a OneOf is unknown
      break;
  }
  return v;
}

bool is_list(const Val& v) {
  return v.kind == Val::Kind::List || (v.kind == Val::Kind::Model && v.model->is_list());
}

bool is_map(const Val& v) {
  return v.kind == Val::Kind::Map || (v.kind == Val::Kind::Model && v.model->is_object());
}

size_t collection_size(const Val& collection) {
  if (collection.kind == Val::Kind::Model) return collection.model->items().size();
  if (collection.kind == Val::Kind::List || collection.kind == Val::Kind::Map)
    return collection.list->items.size();
  return 0;
}

Val collection_element(const Val& collection, size_t i, World& world) {
  if (collection.kind == Val::Kind::Model) {
    if (collection.model->is_object()) return Val::of_string(collection.model->keys()[i]);
    return from_model(collection.model->items()[i], collection.resource, world);
  }
  if (collection.kind == Val::Kind::Map) return collection.list->keys[i];
  return collection.list->items[i];
}

Val map_value(const Val& map, size_t i, World& world) {
  if (map.kind == Val::Kind::Model) return from_model(map.model->items()[i], map.resource, world);
  return map.list->items[i];
}

std::optional<Val> map_get(const Val& map, std::string_view key, World& world) {
  if (map.kind == Val::Kind::Model) {
    const ir::Value* member = map.model->get(key);
    if (!member) return std::nullopt;
    return from_model(*member, map.resource, world);
  }
  const std::vector<Val>& keys = map.list->keys;
  for (size_t i = keys.size(); i-- > 0;)  // the last of duplicate keys wins
    if (keys[i].string == key) return map.list->items[i];
  return std::nullopt;
}

}  // namespace bw::compiler::expr
