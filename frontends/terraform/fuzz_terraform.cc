// libFuzzer entry point: any bytes, as a module of up to four files split at
// "\n====\n" (main.tf, terraform.tfvars, x.auto.tfvars, and mod/main.tf,
// reachable as a local module through Context), must be analysed without a
// crash, a hang or unbounded memory, and its comments listed soundly.

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
  bw::frontends::Unit unit{".", ".", {}};
  for (size_t i = 0; i < parts.size() && i < 3; ++i)
    unit.files.push_back(model.sources.add(kPaths[i], std::string(parts[i]), kPaths[i]));
  std::string module_text = parts.size() == 4 ? parts[3] : "";
  bw::frontends::Context context{model,
                                 [&](const std::string& path) -> bw::frontends::Loaded {
                                   if (path != "mod/main.tf")
                                     return {bw::ir::kNoFile, "no such file"};
                                   return {model.sources.add(path, module_text, path), ""};
                                 },
                                 [](const std::string& directory) -> bw::frontends::Listed {
                                   if (directory == "mod") return {{"main.tf"}, ""};
                                   return {{}, "no such directory"};
                                 }};
  bw::frontends::terraform::TerraformFrontend frontend;
  // Planning reads the same text lexically; it must survive it too.
  std::vector<bw::ir::FileId> everything = unit.files;
  everything.push_back(model.sources.add("mod/main.tf", module_text, "mod/main.tf"));
  frontend.plan_units(everything, model.sources);
  // What suppressions read: comments in order, inside the file, each its
  // own bytes and starting with a comment leader.
  for (bw::ir::FileId id : everything) {
    const bw::ir::SourceFile& file = model.sources.file(id);
    uint32_t after = 0;
    for (const bw::ir::Comment& comment : frontend.comments(file)) {
      uint32_t begin = comment.span.begin.offset, end = comment.span.end.offset;
      std::string_view text = comment.text;
      if (begin < after || end <= begin || end > file.text.size() ||
          file.text.compare(begin, end - begin, text) != 0 ||
          !(text.starts_with("#") || text.starts_with("//") || text.starts_with("/*")))
        __builtin_trap();
      after = end;
    }
  }
  frontend.analyze(unit, context);
  return 0;
}
