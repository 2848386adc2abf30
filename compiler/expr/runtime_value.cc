#include "compiler/expr/runtime_value.h"

namespace bw::compiler::expr {

ValList& Arena::new_list() {
  lists_.push_back(std::make_unique<ValList>());
  return *lists_.back();
}

std::string_view Arena::keep(std::string text) {
  strings_.push_back(std::make_unique<std::string>(std::move(text)));
  return *strings_.back();
}

Val from_model(const ir::Value& value, ir::ResourceId resource) {
  Val v;
  v.resource = resource;
  if (value.is_unknown()) {
    v.kind = Val::Kind::Unknown;
    v.model = &value;
    return v;
  }
  switch (value.type()) {
    case ir::Value::Type::Null:
      v.kind = Val::Kind::Null;
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
      v.model = &value;
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

Val collection_element(const Val& collection, size_t i) {
  if (collection.kind == Val::Kind::Model) {
    if (collection.model->is_object()) return Val::of_string(collection.model->keys()[i]);
    return from_model(collection.model->items()[i], collection.resource);
  }
  if (collection.kind == Val::Kind::Map) return collection.list->keys[i];
  return collection.list->items[i];
}

Val map_value(const Val& map, size_t i) {
  if (map.kind == Val::Kind::Model) return from_model(map.model->items()[i], map.resource);
  return map.list->items[i];
}

std::optional<Val> map_get(const Val& map, std::string_view key) {
  if (map.kind == Val::Kind::Model) {
    const ir::Value* member = map.model->get(key);
    if (!member) return std::nullopt;
    return from_model(*member, map.resource);
  }
  const std::vector<Val>& keys = map.list->keys;
  for (size_t i = keys.size(); i-- > 0;)  // the last of duplicate keys wins
    if (keys[i].string == key) return map.list->items[i];
  return std::nullopt;
}

}  // namespace bw::compiler::expr
