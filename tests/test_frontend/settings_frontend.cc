// `test-settings`: any YAML or JSON file nobody claims more surely, as one
// resource of its top-level keys (see test_frontends.h).

#include "frontends/registry.h"
#include "tests/test_frontend/test_frontends.h"
#include "tests/test_frontend/yaml_document.h"

namespace bw::tests {

namespace {

class SettingsFrontend : public DocumentFrontend {
 public:
  std::string_view name() const override { return "test-settings"; }
  // The catch-all's score: any file of the format, whatever its text.
  int claim(std::string_view, std::string_view) const override { return 10; }

  void analyze(const frontends::Unit& unit, frontends::Context& context) override {
    for (ir::FileId id : unit.files) {
      const ir::SourceFile& file = context.model.sources.file(id);
      Document document = parse_document(file.text);
      if (!document.ok()) {
        context.model.error(file.span(document.error_offset, document.error_offset),
                            "not a YAML or JSON document: " + document.error);
        continue;
      }
      if (!document.root.IsMap()) continue;  // a list or a scalar holds no settings
      ir::Resource resource;
      resource.frontend = std::string(name());
      resource.provider_type = "test_settings";
      resource.name = file.relative.substr(file.relative.rfind('/') + 1);
      resource.address = "test_settings." + resource.name;
      resource.file = id;
      resource.span = resource.header_span = span_of(document.root, file);
      resource.header_span.end = resource.header_span.begin;
      resource.environment = file.environment;
      resource.attributes = value_of(document.root, file);
      context.model.add(std::move(resource));
    }
  }
};

}  // namespace

std::unique_ptr<frontends::Frontend> make_settings_frontend() {
  return std::make_unique<SettingsFrontend>();
}

static const frontends::Registrar kRegistered{&make_settings_frontend};

}  // namespace bw::tests
