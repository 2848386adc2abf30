#include "frontends/terraform/overrides.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "frontends/terraform/module_calls.h"

namespace bw::frontends::terraform {

namespace {

// The type of the nested blocks a block stands for: a `dynamic "T"` makes T.
std::string made_type(const Block& block) {
  if (block.type == "dynamic" && block.labels.size() == 1) return block.labels[0];
  return block.type;
}

// What identifies a top-level block: its type and labels, and a provider's alias.
std::string identity(const Block& block) {
  std::string key = block.type;
  for (const std::string& label : block.labels) key += '\x1f' + label;
  if (block.type == "provider")
    for (const Attribute& attribute : block.body.attributes)
      if (attribute.name == "alias" && attribute.value.kind == Expr::Kind::String)
        key += "\x1e" + attribute.value.text;
  return key;
}

std::string describe(const Block& block) {
  if (block.type == "resource" && block.labels.size() == 2)
    return "resource: there is no " + block.labels[0] + " resource named \"" + block.labels[1] +
           "\"";
  if (block.type == "data" && block.labels.size() == 2)
    return "data resource: there is no " + block.labels[0] + " data resource named \"" +
           block.labels[1] + "\"";
  std::string name = block.labels.empty() ? "" : " named \"" + block.labels[0] + "\"";
  return block.type + ": there is no " + block.type + " block" + name;
}

void set_attribute(Body& base, const Attribute& attribute) {
  for (Attribute& existing : base.attributes)
    if (existing.name == attribute.name) {
      existing = attribute;
      return;
    }
  base.attributes.push_back(attribute);
}

// `over`'s arguments replace `base`'s; its nested blocks replace every
// block of their type. `merged_types` are merged recursively instead.
void merge_body(Body& base, const Body& over, const std::vector<std::string>& merged_types) {
  for (const Attribute& attribute : over.attributes) set_attribute(base, attribute);
  std::vector<std::string> replaced;
  for (const Block& block : over.blocks) {
    std::string type = made_type(block);
    if (std::find(merged_types.begin(), merged_types.end(), type) != merged_types.end()) {
      auto existing = std::find_if(base.blocks.begin(), base.blocks.end(),
                                   [&](const Block& b) { return b.type == block.type; });
      if (existing != base.blocks.end() && existing->labels == block.labels)
        merge_body(existing->body, block.body, {});
      else
        base.blocks.push_back(block);
      continue;
    }
    if (std::find(replaced.begin(), replaced.end(), type) != replaced.end()) continue;
    replaced.push_back(type);
    // Every block of this type in the override, where the first one of the base stood.
    std::vector<Block> replacements;
    for (const Block& candidate : over.blocks)
      if (made_type(candidate) == type) replacements.push_back(candidate);
    auto first = std::find_if(base.blocks.begin(), base.blocks.end(),
                              [&](const Block& b) { return made_type(b) == type; });
    size_t at = static_cast<size_t>(first - base.blocks.begin());
    base.blocks.erase(std::remove_if(base.blocks.begin(), base.blocks.end(),
                                     [&](const Block& b) { return made_type(b) == type; }),
                      base.blocks.end());
    at = std::min(at, base.blocks.size());
    base.blocks.insert(base.blocks.begin() + static_cast<long>(at), replacements.begin(),
                       replacements.end());
  }
}

}  // namespace

bool is_override_file(std::string_view path) {
  std::string_view name = base_name(path);
  for (std::string_view suffix : {std::string_view(".tf"), std::string_view(".tf.json")}) {
    if (!name.ends_with(suffix)) continue;
    std::string_view stem = name.substr(0, name.size() - suffix.size());
    if (stem == "override" || stem.ends_with("_override")) return true;
  }
  return false;
}

std::vector<ParsedFile> merge_overrides(const std::vector<ParsedFile>& files, ir::Model& model) {
  std::vector<const ParsedFile*> overrides;
  for (const ParsedFile& file : files)
    if (!file.is_tfvars && is_override_file(file.source->path)) overrides.push_back(&file);
  if (overrides.empty()) return files;
  std::stable_sort(overrides.begin(), overrides.end(),
                   [](const ParsedFile* a, const ParsedFile* b) {
                     return base_name(a->source->path) < base_name(b->source->path);
                   });

  // Primary files, copied so they can change; the index of each block by identity.
  std::vector<ParsedFile> result;
  std::vector<std::shared_ptr<HclFile>> copies;
  for (const ParsedFile& file : files) {
    if (!file.is_tfvars && is_override_file(file.source->path)) continue;
    result.push_back(file);
    copies.push_back(file.is_tfvars ? nullptr : std::make_shared<HclFile>(*file.hcl));
  }
  std::map<std::string, Block*> blocks;
  std::map<std::string, Attribute*> locals;
  for (auto& copy : copies) {
    if (!copy) continue;
    for (Block& block : copy->body.blocks) {
      if (block.type == "locals") {
        for (Attribute& attribute : block.body.attributes)
          locals.emplace(attribute.name, &attribute);
        continue;
      }
      blocks.emplace(identity(block), &block);
    }
  }

  for (const ParsedFile* file : overrides) {
    for (const Block& block : file->hcl->body.blocks) {
      if (block.type == "locals") {
        for (const Attribute& attribute : block.body.attributes) {
          auto found = locals.find(attribute.name);
          if (found == locals.end()) {
            model.error(attribute.name_span,
                        "Missing base local value definition to override: there is no local "
                        "value named \"" +
                            attribute.name +
                            "\"; an override file can only override a local value defined in "
                            "a primary configuration file");
            continue;
          }
          *found->second = attribute;
        }
        continue;
      }
      auto found = blocks.find(identity(block));
      if (found == blocks.end()) {
        model.error(block.header_span, "Missing base " + describe(block) +
                                           "; an override file can only override a block "
                                           "defined in a primary configuration file");
        continue;
      }
      std::vector<std::string> merged;
      if (block.type == "resource" || block.type == "data") merged = {"lifecycle"};
      if (block.type == "terraform") merged = {"required_providers"};
      if (block.type == "resource" || block.type == "data" || block.type == "output") {
        const Attribute* depends_on = nullptr;
        for (const Attribute& attribute : block.body.attributes)
          if (attribute.name == "depends_on") depends_on = &attribute;
        if (depends_on) {
          // Terraform refuses it; the rest of the override still applies.
          model.error(depends_on->name_span,
                      "Unsupported override: the depends_on argument may not be used in "
                      "override blocks");
          Body without = block.body;
          without.attributes.erase(
              std::remove_if(without.attributes.begin(), without.attributes.end(),
                             [](const Attribute& a) { return a.name == "depends_on"; }),
              without.attributes.end());
          merge_body(found->second->body, without, merged);
          continue;
        }
      }
      merge_body(found->second->body, block.body, merged);
    }
  }
  for (size_t i = 0; i < result.size(); ++i)
    if (copies[i]) result[i].hcl = std::move(copies[i]);
  return result;
}

}  // namespace bw::frontends::terraform
