// `test-resources`: documents of test resources (see test_frontends.h).

#include "frontends/registry.h"
#include "tests/test_frontend/test_frontends.h"
#include "tests/test_frontend/yaml_document.h"

namespace bw::tests {

namespace {

bool shaped_resources(const YAML::Node& resources) {
  if (!resources.IsMap() || resources.size() == 0) return false;
  for (const auto& entry : resources) {
    const YAML::Node& spec = entry.second;
    if (!spec.IsMap()) return false;
    const YAML::Node type = spec["type"];
    if (!type || !type.IsScalar() || !type.Scalar().starts_with("test_")) return false;
  }
  return true;
}

class ResourcesFrontend : public DocumentFrontend {
 public:
  std::string_view name() const override { return "test-resources"; }

  int claim(std::string_view, std::string_view text) const override {
    Document document = parse_document(std::string(text));
    if (!document.ok() || !document.root.IsMap()) return 0;
    if (document.root["test-resources"]) return 90;
    return shaped_resources(document.root["resources"]) ? 80 : 0;
  }

  void analyze(const frontends::Unit& unit, frontends::Context& context) override {
    for (ir::FileId id : unit.files) analyze_file(context.model.sources.file(id), context.model);
  }

 private:
  void analyze_file(const ir::SourceFile& file, ir::Model& model) const {
    Document document = parse_document(file.text);
    if (!document.ok()) {
      model.error(file.span(document.error_offset, document.error_offset),
                  "not a YAML or JSON document: " + document.error);
      return;
    }
    const YAML::Node resources = document.root["resources"];
    if (!resources || !resources.IsMap()) {
      model.error(span_of(document.root, file), "'resources' must map names to resources");
      return;
    }
    for (const auto& entry : resources) {
      const std::string& name = entry.first.Scalar();
      const YAML::Node& spec = entry.second;
      const YAML::Node type = spec.IsMap() ? spec["type"] : YAML::Node();
      if (!type || !type.IsScalar()) {
        model.error(span_of(entry.first, file), "resource '" + name + "' has no 'type'");
        continue;
      }
      ir::Resource resource;
      resource.frontend = std::string(this->name());
      resource.provider_type = type.Scalar();
      resource.name = name;
      resource.address = type.Scalar() + "." + name;
      resource.file = file.id;
      resource.header_span = span_of(entry.first, file);
      resource.span = resource.header_span;
      resource.span.end = span_of(spec, file).end;
      resource.environment = file.environment;
      for (const auto& attribute : spec)
        if (attribute.first.Scalar() != "type")
          resource.attributes.set(attribute.first.Scalar(), value_of(attribute.second, file));
      model.add(std::move(resource));
    }
  }
};

}  // namespace

std::unique_ptr<frontends::Frontend> make_resources_frontend() {
  return std::make_unique<ResourcesFrontend>();
}

static const frontends::Registrar kRegistered{&make_resources_frontend};

}  // namespace bw::tests
