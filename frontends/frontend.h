#pragma once
// The one small interface every input language implements. The engine finds
// and loads files, groups them into units (a Terraform module is one
// directory), and hands each unit to the frontend that claimed its files. A
// frontend adds resources and diagnostics to the model and nothing else: it
// never opens files itself, so it can never read outside the scanned tree.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/model.h"

namespace bw::frontends {

// Files of one frontend that are analysed together: all of a directory's
// `.tf` and `.tfvars` files, one YAML stream, one chart.
struct Unit {
  std::string directory;  // relative to the working directory, "." for the current one
  std::vector<ir::FileId> files;
};

struct Context {
  ir::Model& model;
  // Loads a file below the scanned root (a local module's sources). Answers
  // nothing for paths outside it, links, or unreadable files.
  std::function<std::optional<ir::FileId>(const std::string& path)> load;
  // Lists a directory below the scanned root: file names only, sorted.
  std::function<std::vector<std::string>(const std::string& directory)> list;
};

class Frontend {
 public:
  virtual ~Frontend() = default;
  virtual std::string_view name() const = 0;
  // Whether this frontend reads the file, judged by its path and its first bytes.
  virtual bool claims(std::string_view path, std::string_view head) const = 0;
  virtual void analyze(const Unit& unit, Context& context) = 0;
};

}  // namespace bw::frontends
