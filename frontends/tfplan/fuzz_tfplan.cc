// libFuzzer target for Terraform plans (docs/FUZZING.md): any bytes, claimed
// and read as `plan.json` beside a `main.tf` and a local module, must be
// scored, planned and analysed without a crash, a hang or unbounded memory.
// The input is split at a line `====`: the plan, then main.tf, then
// modules/db/main.tf, so plans that point into HCL are reached too.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "frontends/tfplan/tfplan_frontend.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  static const char* const kPaths[] = {"plan.json", "main.tf", "modules/db/main.tf"};
  std::map<std::string, std::string> files;
  for (const char* path : kPaths) {
    size_t cut = input.find("\n====\n");
    files[path] = std::string(input.substr(0, cut));
    if (cut == std::string_view::npos) break;
    input.remove_prefix(cut + 6);
  }
  using namespace bw;
  auto frontend = frontends::tfplan::make_tfplan_frontend();
  const std::string& plan = files["plan.json"];
  if (frontend->claim("plan.json", plan) == 0) return 0;
  ir::Model model;
  ir::FileId id = model.sources.add("plan.json", plan, "plan.json");
  auto load = [&](const std::string& path) -> frontends::Loaded {
    auto found = files.find(path);
    if (found == files.end() || path == "plan.json") return {ir::kNoFile, "no such file"};
    return {model.sources.add(path, found->second, path), ""};
  };
  auto list = [&](const std::string& directory) -> frontends::Listed {
    frontends::Listed listed;
    std::string prefix = directory == "." ? "" : directory + "/";
    for (const auto& [path, text] : files)
      if (path.starts_with(prefix) && path.find('/', prefix.size()) == std::string::npos)
        listed.names.push_back(path.substr(prefix.size()));
    return listed;
  };
  frontends::Context context{model, load, list};
  for (const frontends::Unit& unit : frontend->plan_units({id}, model.sources))
    frontend->analyze(unit, context);
  return 0;
}
