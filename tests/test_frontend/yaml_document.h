#pragma once
// Small YAML or JSON documents (JSON is YAML), read with yaml-cpp into
// ir::Values whose spans come from yaml-cpp's marks, and one unit per file:
// what the two test frontends share. A test frontend is a frontend written the way a new
// language would be, from outside engine/, report/ and cli/.

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

// One unit per file, its instance the file's root-relative path: a document
// stands alone.
std::vector<frontends::Unit> one_unit_per_file(const std::vector<ir::FileId>& files,
                                               const ir::SourceManager& sources);

}  // namespace bw::tests
