// libFuzzer entry point: any bytes, as a module of up to four files split at
// "\n====\n" (main.tf, terraform.tfvars, x.auto.tfvars, and mod/main.tf,
// reachable as a local module through Context), must be analysed without a
// crash, a hang or unbounded memory.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frontends/terraform/terraform_frontend.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts;
  while (parts.size() < 4) {
    size_t cut = input.find("\n====\n");
    parts.emplace_back(input.substr(0, cut));
    if (cut == std::string_view::npos) break;
    input.remove_prefix(cut + 6);
  }
  static const char* const kPaths[] = {"main.tf", "terraform.tfvars", "x.auto.tfvars"};
  bw::ir::Model model;
  bw::frontends::Unit unit{".", {}};
  for (size_t i = 0; i < parts.size() && i < 3; ++i)
    unit.files.push_back(model.sources.add(kPaths[i], parts[i]));
  std::string module_text = parts.size() == 4 ? parts[3] : "";
  bw::frontends::Context context{model,
                                 [&](const std::string& path) -> std::optional<bw::ir::FileId> {
                                   if (path != "mod/main.tf") return std::nullopt;
                                   return model.sources.add(path, module_text);
                                 },
                                 [](const std::string& directory) {
                                   return directory == "mod" ? std::vector<std::string>{"main.tf"}
                                                             : std::vector<std::string>();
                                 }};
  bw::frontends::terraform::TerraformFrontend frontend;
  frontend.analyze(unit, context);
  return 0;
}
