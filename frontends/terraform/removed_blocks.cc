#include "frontends/terraform/removed_blocks.h"

#include <string_view>
#include <vector>

#include "frontends/terraform/block_values.h"

namespace bw::frontends::terraform {

namespace {

// `a.b["x"].c[0]` to its dotted names, index steps dropped: {a, b, c}.
std::vector<std::string> address_names(std::string_view address) {
  std::vector<std::string> names;
  std::string current;
  int brackets = 0;
  bool quoted = false;
  for (size_t i = 0; i < address.size(); ++i) {
    char c = address[i];
    if (quoted) {
      if (c == '\\' && i + 1 < address.size())
        ++i;
      else if (c == '"')
        quoted = false;
      continue;
    }
    if (c == '"')
      quoted = true;
    else if (c == '[')
      ++brackets;
    else if (c == ']')
      --brackets;
    else if (brackets > 0)
      continue;
    else if (c == '.') {
      names.push_back(std::move(current));
      current.clear();
    } else if (c != ' ') {
      current += c;
    }
  }
  names.push_back(std::move(current));
  return names;
}

}  // namespace

std::string removed_address_type(const std::string& address) {
  std::vector<std::string> names = address_names(address);
  size_t i = 0;
  while (i + 1 < names.size() && names[i] == "module") i += 2;
  if (i == names.size() && i >= 2) return "module";
  if (i + 2 == names.size() && !names[i].empty() && !names[i + 1].empty()) return names[i];
  return "";
}

std::optional<ir::Resource> removed_resource(const Block& block, const ir::SourceFile& source,
                                             const std::string& address_prefix,
                                             const std::unordered_set<std::string>& declared,
                                             Evaluator& evaluator) {
  if (!block.labels.empty()) {
    evaluator.report(ir::DiagnosticLevel::Error, block.header_span,
                     "Extraneous label for removed: no labels are expected for removed blocks");
    return std::nullopt;
  }
  const Attribute* from = nullptr;
  for (const Attribute& attribute : block.body.attributes)
    if (attribute.name == "from") from = &attribute;
  if (!from) {
    evaluator.report(ir::DiagnosticLevel::Error, block.header_span,
                     "Missing required argument: the argument \"from\" is required, but no "
                     "definition was found");
    return std::nullopt;
  }
  ir::Value attributes = evaluate_body(block.body, block.span, BodyKind::Removed, evaluator);
  const ir::Value* address = attributes.get("from");
  std::string written = address && address->is_string() ? address->as_string() : "";
  std::string type = removed_address_type(written);
  if (type.empty()) {
    evaluator.report(ir::DiagnosticLevel::Error, from->value.span,
                     "Invalid address: \"" + written +
                         "\" is not a resource or module address; a removed block's from "
                         "names one without instance keys");
    return std::nullopt;
  }
  if (written.find('[') != std::string::npos) {
    evaluator.report(ir::DiagnosticLevel::Error, from->value.span,
                     "Resource instance keys not allowed: resource addresses in a removed "
                     "block's from must not include instance keys (\"" +
                         written + "\")");
    return std::nullopt;
  }
  if (declared.count(written)) {
    evaluator.report(ir::DiagnosticLevel::Error, block.header_span,
                     "Removed resource still exists: this statement declares that " + written +
                         " was removed, but it is still declared in configuration");
    return std::nullopt;
  }
  attributes.set("type", ir::Value::string(type, from->value.span));

  ir::Resource resource;
  resource.frontend = "terraform";
  resource.provider_type = kRemovedType;
  resource.name = written;
  resource.address = address_prefix + "removed." + written;
  resource.attributes = std::move(attributes);
  resource.file = source.id;
  resource.span = block.span;
  resource.header_span = block.header_span;
  return resource;
}

}  // namespace bw::frontends::terraform
