#pragma once
// The built-in rule pack, embedded at build time from rules/**/*.yaml.

#include <vector>

namespace bw::rules {

struct EmbeddedFile {
  const char* path;  // relative to the repository: rules/kinds/database.yaml
  const char* text;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace bw::rules
