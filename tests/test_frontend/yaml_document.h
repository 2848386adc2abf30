#pragma once
// Small YAML or JSON documents (JSON is YAML), read with yaml-cpp into
// ir::Values whose spans come from yaml-cpp's marks, their comments, and the
// base the two test frontends share. A test frontend is a frontend written
// the way a new language would be, from outside engine/, report/ and cli/.

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "frontends/frontend.h"
#include "ir/comment.h"
#include "ir/model.h"

namespace bw::tests {

struct Document {
  YAML::Node root;    // undefined when the text does not parse
  std::string error;  // "" when it parses
  uint32_t error_offset = 0;
  bool ok() const { return error.empty(); }
};

Document parse_document(const std::string& text);

// Whether a root-relative path names a YAML or JSON file.
bool is_yaml_or_json(std::string_view path);

// Where a node is written: yaml-cpp marks where a node starts; a scalar
// ends where its text does, a collection where its last item ends.
ir::Span span_of(const YAML::Node& node, const ir::SourceFile& file);

// A node as a value, with its span: a plain scalar `true`, `false`, `null` or
// a number is that; anything quoted is a string.
ir::Value value_of(const YAML::Node& node, const ir::SourceFile& file);

// The comments of a YAML document (JSON has none): `#` at the start of a
// line or after a blank, outside quoted scalars and block scalars. yaml-cpp
// does not report comments, so they are found here, as the real YAML reader
// must find them too.
std::vector<ir::Comment> yaml_comments(const ir::SourceFile& file);

// What the two test frontends share: they want YAML and JSON files (not
// blastwall's own configuration), report YAML's comments, and make one unit
// per file, whose instance is the file's root-relative path: a document
// stands alone. Each says only how surely a file is its and what it reads.
class DocumentFrontend : public frontends::Frontend {
 public:
  bool wants(std::string_view path) const override;
  std::vector<ir::Comment> comments(const ir::SourceFile& file) const override {
    return yaml_comments(file);
  }
  std::vector<frontends::Unit> plan_units(const std::vector<ir::FileId>& files,
                                          const ir::SourceManager& sources) override;
};

}  // namespace bw::tests
