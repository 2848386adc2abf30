#include "frontends/registry.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "frontends/terraform/terraform_frontend.h"
#include "frontends/tfplan/tfplan_frontend.h"

namespace bw::frontends {

namespace {

// The built-in frontends, one line each. Their libraries are linked because
// this file names them; a Registrar in a static library would be dropped by
// the linker unless something else in its object file is used.
void add_builtin(Registry& registry) {
  registry.add(&terraform::make_terraform_frontend);
  registry.add(&tfplan::make_tfplan_frontend);
}

}  // namespace

bool Registry::add(Factory make) {
  std::string name(make()->name());
  for (const auto& entry : entries_)
    if (entry.first == name) return false;
  entries_.emplace_back(std::move(name), make);
  return true;
}

std::vector<std::unique_ptr<Frontend>> Registry::make() const {
  std::vector<std::unique_ptr<Frontend>> all;
  for (const auto& entry : entries_) all.push_back(entry.second());
  if (reversed_) std::reverse(all.begin(), all.end());
  return all;
}

std::vector<std::string> Registry::names() const {
  std::vector<std::string> names;
  for (const auto& entry : entries_) names.push_back(entry.first);
  std::sort(names.begin(), names.end());
  return names;
}

// A function-local static: a Registrar in another file may run before this
// file's own static initialisers, and must find the built-ins already there.
Registry& Registry::global() {
  static Registry registry = [] {
    Registry built;
    add_builtin(built);
    return built;
  }();
  return registry;
}

Registrar::Registrar(Factory make) {
  if (!Registry::global().add(make)) {
    std::fprintf(stderr, "blastwall: two frontends are registered as '%s'\n",
                 std::string(make()->name()).c_str());
    std::abort();
  }
}

std::vector<std::unique_ptr<Frontend>> make_frontends() {
  return Registry::global().make();
}

std::vector<std::string> data_folders() {
  std::vector<std::string> folders;
  for (const auto& frontend : make_frontends())
    for (std::string& folder : frontend->data_folders()) folders.push_back(std::move(folder));
  std::sort(folders.begin(), folders.end());
  folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
  return folders;
}

}  // namespace bw::frontends
