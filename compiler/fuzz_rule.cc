// libFuzzer target for rule files, which users and their repositories write:
// compile the input as a rule against the built-in kinds, and if it compiles,
// evaluate it on a small model with known, unknown and defaulted values.
// Nothing may crash, hang or leak.

#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/rule_pack.h"
#include "rules/embedded.h"

namespace {

const bw::compiler::Kinds& kinds() {
  static const bw::compiler::Kinds* loaded = [] {
    auto* k = new bw::compiler::Kinds();
    std::vector<bw::compiler::CompileError> errors;
    for (const auto& file : bw::rules::embedded_files())
      if (bw::rules::is_kinds_file(file.path)) k->load(file.path, file.text, errors);
    return k;
  }();
  return *loaded;
}

bw::ir::Model& model() {
  static bw::ir::Model* m = [] {
    using bw::ir::Value;
    auto* model = new bw::ir::Model();
    for (const char* kind : {"database", "launch-template", "autoscaling-group", "instance"}) {
      bw::ir::Resource r;
      r.kind = kind;
      r.provider_type = std::string("t_") + kind;
      r.address = r.provider_type + ".x";
      r.properties.set("deletion_protection", Value::boolean(false));
      r.properties.set("backup_retention_days", Value::unknown("variable has no value"));
      r.properties.set("containers", Value::list({Value::string("postgres:15")}));
      r.properties.set("protect_from_scale_in",
                       Value::boolean(false, {}, bw::ir::Provenance::Default));
      model->add(std::move(r));
    }
    model->edges.push_back({2, 1, "launch_template.id", {}});
    model->resources[1].edges.push_back(0);
    model->resources[2].edges.push_back(0);
    return model;
  }();
  return *m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  bw::compiler::Rule rule;
  std::vector<bw::compiler::CompileError> errors;
  if (!bw::compiler::compile_rule("fuzz.yaml", text, kinds(), rule, errors) || !rule.when) return 0;
  for (bw::ir::ResourceId id = 0; id < model().resources.size(); ++id)
    bw::compiler::evaluate(*rule.when, model(), id);
  return 0;
}
