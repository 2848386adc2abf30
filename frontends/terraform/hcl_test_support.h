#pragma once
// Test helpers for the HCL parser: a text parsed as `main.tf`, and the value
// of a text's one attribute.

#include <doctest/doctest.h>

#include <string>

#include "frontends/terraform/hcl_parser.h"

namespace bw::frontends::terraform::testing {

// `text` parsed as main.tf of `sources`, which its spans refer to.
inline HclFile parse(ir::SourceManager& sources, const std::string& text) {
  ir::FileId id = sources.add("main.tf", text);
  return HclParser().parse(sources.file(id));
}

// The same, for tests that look only at the tree and the errors' wording.
inline HclFile parse(const std::string& text) {
  ir::SourceManager sources;
  return parse(sources, text);
}

// The value of the only top-level attribute of `text`, which must parse.
inline Expr value_of(const std::string& text) {
  HclFile file = parse(text);
  CAPTURE(text);
  REQUIRE(file.errors.empty());
  REQUIRE(file.body.attributes.size() == 1);
  return file.body.attributes[0].value;
}

}  // namespace bw::frontends::terraform::testing
