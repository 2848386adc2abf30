#include "compiler/expr/because.h"

#include "compiler/expr/operations.h"

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
bool find_path(const ir::Value& value, const ir::Value* target, std::string& path,
               uint32_t depth = 0) {
  if (&value == target) return true;
  if (value.is_unknown() || depth > kMaxValueDepth) return false;
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

}  // namespace

std::string describe_unknown(const ir::Model& model, ir::ResourceId self, const Val& unknown) {
  std::string subject;
  if (unknown.resource < model.resources.size()) {
    const ir::Resource& resource = model.resources[unknown.resource];
    if (find_path(resource.properties, unknown.model, subject) && unknown.resource != self)
      subject = resource.address + (subject[0] == '[' ? "" : ".") + subject;
  }
  // A value that is no property (an unresolved link) explains itself.
  if (subject.empty() && unknown.model && !unknown.model->unknown_reason().empty())
    return unknown.model->unknown_reason();
  if (subject.empty()) subject = "a value";
  std::string text = subject + " is unknown";
  if (unknown.model && !unknown.model->unknown_reason().empty())
    text += ": " + unknown.model->unknown_reason();
  return text;
}

}  // namespace bw::compiler::expr
