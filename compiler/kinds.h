#pragma once
// The kinds schema: what rules/kinds/*.yaml declare. A kind (database,
// instance, ...) has typed properties; each provider type, per frontend, maps
// to one kind and says where each property lives in its attributes, how the
// raw value is transformed, and what the platform default is. One rule over a
// kind then covers Terraform, plans and CloudFormation alike.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/compile_error.h"
#include "compiler/expr/expr.h"
#include "compiler/yaml_values.h"
#include "derive/derivation_table.h"
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

  const PropertyDecl* property(std::string_view name) const;
};

// A default that applies only when a predicate over the resource holds:
// CloudFormation's DeletionPolicy is Snapshot for an RDS instance outside a
// cluster and Delete otherwise.
struct ConditionalDefault {
  std::string when_text;
  ExpressionPtr when;  // over the kind's own properties
  ir::Value value;     // raw: it goes through the mapping's `map` like a read value
  int line = 0;
  int column = 0;
};

// How one kind property is read from one provider type's attributes.
struct PropertyMapping {
  std::string property;  // the kind's property name
  // Attribute paths, tried in order: the first that is written wins.
  // A path is its steps: lifecycle.prevent_destroy, metadata.annotations."a.b/c".
  std::vector<std::vector<std::string>> from;
  const derive::Derivation* derive = nullptr;  // applied to the raw value first
  // Raw values (as text) to property values: "Retain|Snapshot" → true. A
  // value not listed takes `map_otherwise`, or is unknown.
  std::map<std::string, ir::Value, std::less<>> map;
  std::optional<ir::Value> map_otherwise;
  std::vector<ConditionalDefault> conditional_defaults;  // tried in order when absent
  std::optional<ir::Value> default_value;                // the platform default when absent
  int line = 0;
};

// Attributes through which a provider type links to resources of another
// kind: an Auto Scaling group's `launch_template` names its launch template.
struct LinkMapping {
  std::string kind;                            // the kind linked to
  std::vector<std::vector<std::string>> from;  // attribute paths
  // Besides references within the unit, what else the values name, in any
  // unit of the repository: "arn" (an ARN whose last segment is a target's
  // `identifier`), "tags" ({key, value} objects a target's `tags` hold).
  std::vector<std::string> match;
  int line = 0;
  int column = 0;
};

struct TypeMapping {
  std::string provider_type;
  std::string kind;
  std::vector<std::string> frontends;  // empty: the type means the same in every frontend
  bool data = false;                   // maps data sources (read, not managed) of the type
  std::vector<PropertyMapping> properties;
  std::vector<LinkMapping> links;
  std::string path;  // the kinds file
  int line = 0;
};

class Kinds : public KindSchema {
 public:
  // Adds one kinds file. Returns false (and appends errors) when it is invalid.
  // `parsed`, when given, is `text` already parsed as YAML.
  bool load(const std::string& path, const std::string& text, std::vector<CompileError>& errors,
            const YAML::Node* parsed = nullptr);
  // Once every kinds file is loaded: links must name kinds that exist.
  bool check(std::vector<CompileError>& errors) const;

  const KindDecl* kind(std::string_view name) const;
  // The mapping of a provider type as `frontend` produces it (a data source
  // when `data`); a mapping for every frontend answers when none is specific.
  const TypeMapping* mapping(std::string_view frontend, std::string_view provider_type,
                             bool data = false) const;
  const std::map<std::string, KindDecl, std::less<>>& kinds() const { return kinds_; }
  // Every mapping, by provider type.
  const std::map<std::string, std::vector<TypeMapping>, std::less<>>& mappings() const {
    return mappings_;
  }

  // KindSchema
  bool has_kind(std::string_view kind) const override;
  std::optional<PropertyType> property(std::string_view kind, std::string_view name) const override;
  std::vector<std::string> property_names(std::string_view kind) const override;
  std::vector<std::string> kind_names() const override;

 private:
  bool load_yaml(const std::string& path, const std::string& text, ErrorSink& sink,
                 const YAML::Node* parsed);
  bool load_type(const YAML::Node& key, const YAML::Node& spec, const KindDecl& decl,
                 ScalarLocator& locator, ErrorSink& sink);
  bool load_property_mapping(const YAML::Node& key, const YAML::Node& how, const KindDecl& decl,
                             ScalarLocator& locator, PropertyMapping& pm, ErrorSink& sink);

  std::map<std::string, KindDecl, std::less<>> kinds_;
  std::map<std::string, std::vector<TypeMapping>, std::less<>> mappings_;
};

}  // namespace bw::compiler
