// libFuzzer target for rule files, which users and their repositories write:
// compile the input as a rule against the built-in kinds, lists and
// parameters, and if it compiles, evaluate it on a small model with known,
// unknown, defaulted and alternative values and partial strings. Nothing may
// crash, hang or leak.

#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/rule_pack.h"
#include "rules/embedded.h"

namespace {

// The built-in kinds and shared definitions, without the built-in rules.
const bw::compiler::RulePack& pack() {
  static const bw::compiler::RulePack* loaded = [] {
    auto* p = new bw::compiler::RulePack();
    std::vector<bw::compiler::CompileError> errors;
    for (const auto& file : bw::rules::embedded_files())
      if (bw::rules::role_of(file.path) == bw::rules::FileRole::Kinds)
        p->add_kinds({file.path, file.text}, errors);
    for (const auto& file : bw::rules::embedded_files())
      if (bw::rules::role_of(file.path) == bw::rules::FileRole::Shared)
        p->add_shared({file.path, file.text}, errors);
    return p;
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
      r.properties.set(
          "prevent_destroy",
          Value::one_of({Value::boolean(true), Value::boolean(false)}, "depends on x"));
      r.properties.set("engine",
                       Value::partial_string({Value::unknown("v"), Value::string("-sql")}, "v"));
      model->add(std::move(r));
    }
    model->connect(2, 1, "launch_template.id", {});
    for (bw::ir::ResourceId id = 0; id < model->resources.size(); ++id)
      model->repository.by_kind[model->resources[id].kind].push_back(id);
    return model;
  }();
  return *m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  bw::compiler::Rule rule;
  std::vector<bw::compiler::CompileError> errors;
  if (!bw::compiler::compile_rule("fuzz.yaml", text, pack().kinds(), &pack().globals(), rule,
                                  errors) ||
      !rule.when)
    return 0;
  for (bw::ir::ResourceId id = 0; id < model().resources.size(); ++id)
    bw::compiler::evaluate(*rule.when, model(), id);
  return 0;
}
