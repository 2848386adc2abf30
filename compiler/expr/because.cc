#include "compiler/expr/because.h"

#include <cmath>
#include <cstdio>

#include "compiler/expr/runtime_value.h"

namespace bw::compiler::expr {

namespace {

bool is_identifier(std::string_view key) {
  if (key.empty() || (key[0] >= '0' && key[0] <= '9')) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

// Appends the path from `value` to `target` ("block_devices[0].encrypted").
// The alternatives of a OneOf are the value itself, so they add nothing.
bool find_path(const ir::Value& value, const ir::Value* target, std::string& path,
               uint32_t depth = 0) {
  if (&value == target) return true;
  if (depth > kMaxValueDepth) return false;
  if (value.is_one_of()) {
    for (const ir::Value& alternative : value.alternatives())
      if (find_path(alternative, target, path, depth + 1)) return true;
    return false;
  }
  if (value.is_unknown()) return false;
  const std::vector<ir::Value>& items = value.items();
  for (size_t i = 0; i < items.size(); ++i) {
    size_t mark = path.size();
    if (value.type() == ir::Value::Type::Object) {
      const std::string& key = value.keys()[i];
      if (!is_identifier(key)) {
        path.append("[\"").append(key).append("\"]");
      } else {
        if (!path.empty()) path += '.';
        path += key;
      }
    } else {
      path.append("[").append(std::to_string(i)).append("]");
    }
    if (find_path(items[i], target, path, depth + 1)) return true;
    path.resize(mark);
  }
  return false;
}

std::string quoted(std::string_view text) {
  constexpr size_t kLongest = 60;
  if (text.size() <= kLongest) return "\"" + std::string(text) + "\"";
  return "\"" + std::string(text.substr(0, kLongest)) + "…\"";
}

void render_into(const ir::Model& model, const Val& value, World& world, std::string& out,
                 uint32_t depth) {
  switch (value.kind) {
    case Val::Kind::String:
      out.append(value.string);
      return;
    case Val::Kind::Unknown:
      out += value.string.empty() && value.model ? value.model->describe() : "unknown";
      return;
    case Val::Kind::Model:
    case Val::Kind::List:
      if (is_list(value) && depth < 8) {
        size_t size = collection_size(value);
        for (size_t i = 0; i < size; ++i) {
          if (i) out += ", ";
          render_into(model, collection_element(value, i, world), world, out, depth + 1);
        }
        return;
      }
      break;
    default:
      break;
  }
  out += describe_value(model, value);
}

}  // namespace

std::string subject_of(const ir::Model& model, ir::ResourceId self, ir::ResourceId resource,
                       const ir::Value* value) {
  if (!value || resource >= model.resources.size()) return "";
  const ir::Resource& owner = model.resources[resource];
  std::string path;
  if (!find_path(owner.properties, value, path)) {
    path = "change";
    if (!find_path(owner.change, value, path)) return "";
  }
  if (resource != self) path = owner.address + (path[0] == '[' ? "" : ".") + path;
  return path;
}

std::string describe_unknown(const ir::Model& model, ir::ResourceId self, const Val& unknown) {
  if (!unknown.string.empty()) return std::string(unknown.string);
  std::string reason = unknown.model ? unknown.model->unknown_reason() : "";
  std::string subject = subject_of(model, self, unknown.resource, unknown.model);
  // A value that is no property (an unresolved link) explains itself.
  if (subject.empty() && !reason.empty()) return reason;
  if (subject.empty()) subject = "a value";
  return subject + " is unknown" + (reason.empty() ? "" : ": " + reason);
}

std::string describe_value(const ir::Model& model, const Val& value) {
  switch (value.kind) {
    case Val::Kind::Null:
      return "null";
    case Val::Kind::Bool:
      return value.boolean ? "true" : "false";
    case Val::Kind::Number:
      return ir::format_number(value.number);
    case Val::Kind::String:
      return quoted(value.string);
    case Val::Kind::Model:
      return value.model->describe();
    case Val::Kind::List:
      return "[" + std::to_string(value.list->items.size()) + " items]";
    case Val::Kind::Map:
      return "{" + std::to_string(value.list->items.size()) + " keys}";
    case Val::Kind::Resource:
      return value.resource < model.resources.size() ? model.resources[value.resource].address
                                                     : "a resource";
    case Val::Kind::Unknown:
      break;
  }
  return "unknown";
}

std::string_view type_phrase(const Val& value) {
  switch (value.kind) {
    case Val::Kind::Bool:
      return "a bool";
    case Val::Kind::Number:
      return "a number";
    case Val::Kind::String:
      return "a string";
    case Val::Kind::Model:
      return value.model->is_list() ? "a list" : "an object";
    case Val::Kind::List:
      return "a list";
    case Val::Kind::Map:
      return "an object";
    case Val::Kind::Resource:
      return "a resource";
    default:
      return "";
  }
}

std::string render(const ir::Model& model, const Val& value, World& world) {
  std::string out;
  render_into(model, value, world, out, 0);
  return out;
}

}  // namespace bw::compiler::expr
