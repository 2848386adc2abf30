// libFuzzer target for Terraform (docs/FUZZING.md): any bytes, read as a
// small repository of up to 16 files, must be planned and analysed without a
// crash, a hang or unbounded memory, and each file's comments listed soundly.
//
// The input is split at separator lines: a line `====` alone starts the next
// file of a fixed layout (main.tf, terraform.tfvars, modules/a/main.tf,
// modules/a/variables.tf, modules/b/main.tf, x.auto.tfvars, envs/prod/main.tf,
// modules/b/outputs.tf, then more), and `==== some/path.tf` names the file.
// So module cycles (a calls b, b calls a), modules of several files, a root
// calling `../../modules/a` and the tfvars of a root are all reachable. The
// harness does what the engine does (engine/analyse.cc): the frontend plans
// units from the files it claims, then analyses each unit in its own model
// over shared sources, reaching other files only through the Context's
// in-memory load and list, with the default limits.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "frontends/terraform/terraform_frontend.h"

namespace {

constexpr size_t kMaxFiles = 16;
constexpr std::string_view kSeparator = "====";

const char* const kLayout[] = {
    "main.tf",           "terraform.tfvars", "modules/a/main.tf", "modules/a/variables.tf",
    "modules/b/main.tf", "x.auto.tfvars",    "envs/prod/main.tf", "modules/b/outputs.tf"};

// A root-relative path with `.` and `..` resolved, or nullopt when it leaves
// the root or names nothing (what engine::normalize_relative answers).
std::optional<std::string> normalize(std::string_view path) {
  if (path.starts_with('/')) return std::nullopt;
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    path.remove_prefix(slash == std::string_view::npos ? path.size() : slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (std::string_view part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

struct File {
  std::string path;
  std::string text;
};

// The files of the input, at most kMaxFiles, each path once (the first wins).
std::vector<File> split(std::string_view input) {
  std::vector<File> files;
  std::set<std::string> seen;
  std::string path = kLayout[0];
  size_t index = 0;
  while (true) {
    // The next separator line: "====" at the start of a line, then the end
    // of the line or a space and a path.
    size_t cut = std::string_view::npos;
    for (size_t at = input.find(kSeparator); at != std::string_view::npos;
         at = input.find(kSeparator, at + 1)) {
      if (at != 0 && input[at - 1] != '\n') continue;
      char next = at + kSeparator.size() < input.size() ? input[at + kSeparator.size()] : '\n';
      if (next == '\n' || next == ' ') {
        cut = at;
        break;
      }
    }
    std::string_view text = input.substr(0, cut);
    if (!text.empty() && text.back() == '\n' && cut != std::string_view::npos)
      text.remove_suffix(1);
    if (std::optional<std::string> normal = normalize(path);
        normal && !normal->empty() && normal->size() < 200 && seen.insert(*normal).second)
      files.push_back({*normal, std::string(text)});
    if (cut == std::string_view::npos || files.size() == kMaxFiles) break;
    input.remove_prefix(cut + kSeparator.size());
    size_t end = input.find('\n');
    std::string_view line = input.substr(0, end);
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
    ++index;
    if (!line.empty()) line.remove_prefix(1);  // the space before a path
    path = !line.empty()                ? std::string(line)
           : index < std::size(kLayout) ? std::string(kLayout[index])
                                        : "extra" + std::to_string(index) + ".tf";
  }
  return files;
}

std::string_view directory_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace bw;
  std::vector<File> files = split(std::string_view(reinterpret_cast<const char*>(data), size));
  frontends::terraform::TerraformFrontend frontend;

  // Every file is in the repository (load reads any of them, as a local
  // module's files are read); the frontend plans the ones it claims.
  ir::SourceManager sources;
  std::map<std::string, ir::FileId, std::less<>> by_path;
  std::map<std::string, std::vector<std::string>, std::less<>> directories;
  std::vector<ir::FileId> claimed;
  for (File& file : files) {
    bool wanted = frontend.wants(file.path) && frontend.claim(file.path, file.text) > 0;
    std::string path = file.path;
    ir::FileId id = sources.add(path, std::move(file.text), path);
    by_path.emplace(path, id);
    directories[std::string(directory_of(path))].push_back(path.substr(path.rfind('/') + 1));
    // Its directories exist too, listing no file of their own.
    for (std::string_view up = directory_of(path); !up.empty(); up = directory_of(up))
      directories.try_emplace(std::string(directory_of(up)));
    if (wanted) claimed.push_back(id);
  }
  for (auto& [directory, names] : directories) std::sort(names.begin(), names.end());
  std::sort(claimed.begin(), claimed.end(), [&](ir::FileId a, ir::FileId b) {
    return sources.file(a).relative < sources.file(b).relative;
  });

  // What suppressions read: comments in order, inside the file, each its
  // own bytes and starting with a comment leader.
  for (ir::FileId id : claimed) {
    const ir::SourceFile& file = sources.file(id);
    uint32_t after = 0;
    for (const ir::Comment& comment : frontend.comments(file)) {
      uint32_t begin = comment.span.begin.offset, end = comment.span.end.offset;
      std::string_view text = comment.text;
      if (begin < after || end <= begin || end > file.text.size() ||
          file.text.compare(begin, end - begin, text) != 0 ||
          !(text.starts_with("#") || text.starts_with("//") || text.starts_with("/*")))
        __builtin_trap();
      after = end;
    }
  }

  if (claimed.empty()) return 0;
  for (const frontends::Unit& unit : frontend.plan_units(claimed, sources)) {
    ir::Model model;
    model.sources = sources.share();
    frontends::Context context{model,
                               [&](const std::string& path) -> frontends::Loaded {
                                 std::optional<std::string> relative = normalize(path);
                                 if (!relative) return {ir::kNoFile, "outside the repository root"};
                                 auto found = by_path.find(*relative);
                                 if (found == by_path.end()) return {ir::kNoFile, "no such file"};
                                 return {found->second, ""};
                               },
                               [&](const std::string& directory) -> frontends::Listed {
                                 std::optional<std::string> relative = normalize(directory);
                                 if (!relative) return {{}, "outside the repository root"};
                                 auto found = directories.find(*relative);
                                 if (found == directories.end()) return {{}, "no such directory"};
                                 return {found->second, ""};
                               }};
    frontends::terraform::TerraformFrontend analyser;
    analyser.analyze(unit, context);
  }
  return 0;
}
