#pragma once
// The kinds schema: what rules/kinds/*.yaml declare. A kind (database,
// instance, ...) has typed properties; each provider type maps to one kind and
// says where each property lives in its attributes and what the platform
// default is. One rule over a kind then covers Terraform, plans and
// CloudFormation alike.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/compile_error.h"
#include "compiler/expr/expr.h"
#include "ir/value.h"

namespace bw::compiler {

struct PropertyDecl {
  std::string name;
  PropertyType type;
  std::string doc;
};

struct KindDecl {
  std::string name;
  std::string doc;
  std::vector<PropertyDecl> properties;
  std::string path;  // the kinds file that declared it
  int line = 0;
};

// How one kind property is read from one provider type's attributes.
struct PropertyMapping {
  std::string property;                    // the kind's property name
  std::vector<std::string> from;           // attribute path: lifecycle.prevent_destroy
  std::optional<ir::Value> default_value;  // the platform default, when absent
  std::string derive;  // a transformation of the raw value: "", "base64", "container-images"
};

// Attributes through which a provider type links to resources of another
// kind: an Auto Scaling group's `launch_template` names its launch template.
struct LinkMapping {
  std::string kind;                            // the kind linked to
  std::vector<std::vector<std::string>> from;  // attribute paths
  int line = 0;
  int column = 0;
};

struct TypeMapping {
  std::string provider_type;
  std::string kind;
  std::string frontend;  // "terraform", "cloudformation", ...; "" for any
  std::vector<PropertyMapping> properties;
  std::vector<LinkMapping> links;
  std::string path;  // the kinds file
};

// Every derivation a mapping may name (see engine/normalise.cc).
const std::vector<std::string>& known_derivations();

class Kinds : public KindSchema {
 public:
  // Adds one kinds file. Returns false (and appends errors) when it is invalid.
  bool load(const std::string& path, const std::string& text, std::vector<CompileError>& errors);
  // Once every kinds file is loaded: links must name kinds that exist.
  bool check_links(std::vector<CompileError>& errors) const;

  const KindDecl* kind(std::string_view name) const;
  const TypeMapping* mapping(std::string_view provider_type) const;
  const std::map<std::string, TypeMapping, std::less<>>& mappings() const { return mappings_; }
  const std::map<std::string, KindDecl, std::less<>>& kinds() const { return kinds_; }

  // KindSchema
  bool has_kind(std::string_view kind) const override;
  std::optional<PropertyType> property(std::string_view kind, std::string_view name) const override;
  std::vector<std::string> property_names(std::string_view kind) const override;
  std::vector<std::string> kind_names() const override;

 private:
  bool load_yaml(const std::string& path, const std::string& text, ErrorSink& sink);

  std::map<std::string, KindDecl, std::less<>> kinds_;
  std::map<std::string, TypeMapping, std::less<>> mappings_;
};

std::optional<PropertyType> parse_property_type(const std::string& text);

}  // namespace bw::compiler
