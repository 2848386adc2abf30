#include "compiler/kinds.h"

#include <algorithm>

namespace bw::compiler {

using ir::Provenance;
using ir::Value;

const PropertyDecl* KindDecl::property(std::string_view name) const {
  for (const PropertyDecl& p : properties)
    if (p.name == name) return &p;
  return nullptr;
}

namespace {

// Whether a derivation's result fits a property of `declared` type.
bool derivation_fits(const derive::Derivation& d, const PropertyType& declared) {
  if (declared.type == ExprType::Any || d.result_type == "any") return true;
  std::optional<PropertyType> result = parse_property_type(d.result_type);
  if (!result || result->type != declared.type) return false;
  return result->element_type() == ExprType::Any || declared.element_type() == ExprType::Any ||
         result->element_type() == declared.element_type();
}

// The kind being declared, as the schema a default_when predicate compiles
// against: such a predicate reads the resource's other properties.
class OneKind : public KindSchema {
 public:
  explicit OneKind(const KindDecl& decl) : decl_(decl) {}
  bool has_kind(std::string_view kind) const override { return kind == decl_.name; }
  std::optional<PropertyType> property(std::string_view kind,
                                       std::string_view name) const override {
    const PropertyDecl* p = kind == decl_.name ? decl_.property(name) : nullptr;
    if (!p) return std::nullopt;
    return p->type;
  }
  std::vector<std::string> property_names(std::string_view) const override {
    std::vector<std::string> names;
    for (const PropertyDecl& p : decl_.properties) names.push_back(p.name);
    return names;
  }
  std::vector<std::string> kind_names() const override { return {decl_.name}; }

 private:
  const KindDecl& decl_;
};

bool overlaps(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return true;
  for (const std::string& x : a)
    if (std::find(b.begin(), b.end(), x) != b.end()) return true;
  return false;
}

}  // namespace

bool Kinds::load(const std::string& path, const std::string& text,
                 std::vector<CompileError>& errors, const YAML::Node* parsed) {
  ErrorSink sink(path, errors);
  return guard_yaml(sink, [&] { return load_yaml(path, text, sink, parsed); });
}

bool Kinds::load_yaml(const std::string& path, const std::string& text, ErrorSink& sink,
                      const YAML::Node* parsed) {
  YAML::Node root = parsed ? *parsed : parse_yaml(text, sink);
  if (!root.IsDefined()) return false;
  if (!root.IsMap()) {
    sink.at(root, "a kinds file is a mapping with 'kind', 'properties' and 'types'");
    return false;
  }
  check_keys(root, {"kind", "doc", "properties", "types"}, sink, "kinds file");

  KindDecl decl;
  decl.path = path;
  decl.line = root.Mark().line + 1;
  if (!root["kind"] || !root["kind"].IsScalar()) {
    sink.at(root, "missing 'kind': the kind's name");
    return false;
  }
  decl.name = root["kind"].Scalar();
  if (root["doc"]) decl.doc = root["doc"].as<std::string>("");
  if (kinds_.count(decl.name)) sink.at(root["kind"], "kind '" + decl.name + "' is declared twice");

  const auto& builtins = builtin_fields();
  for (const auto& entry : root["properties"]) {
    PropertyDecl property;
    property.name = entry.first.Scalar();
    const YAML::Node& spec = entry.second;
    if (std::find(builtins.begin(), builtins.end(), property.name) != builtins.end()) {
      sink.at(entry.first, "'" + property.name + "' is a built-in field of every resource");
      continue;
    }
    check_keys(spec, {"type", "doc", "fields"}, sink, "property '" + property.name + "'");
    auto type = parse_type_spec(spec, "property '" + property.name + "'", sink);
    if (!type) continue;
    property.type = std::move(*type);
    if (spec.IsMap() && spec["doc"]) property.doc = spec["doc"].Scalar();
    decl.properties.push_back(std::move(property));
  }

  ScalarLocator locator(text);  // one for the file, however many errors it has
  for (const auto& entry : root["types"]) load_type(entry.first, entry.second, decl, locator, sink);
  std::string name = decl.name;
  kinds_.emplace(name, std::move(decl));
  return sink.count() == 0;
}

bool Kinds::load_type(const YAML::Node& key, const YAML::Node& spec, const KindDecl& decl,
                      ScalarLocator& locator, ErrorSink& sink) {
  TypeMapping mapping;
  mapping.provider_type = key.Scalar();
  mapping.kind = decl.name;
  mapping.path = decl.path;
  mapping.line = key.Mark().line + 1;
  check_keys(spec, {"frontend", "frontends", "data", "properties", "links"}, sink,
             "type '" + mapping.provider_type + "'");
  if (spec["frontend"] && spec["frontends"])
    sink.at(spec["frontends"], "give 'frontend' or 'frontends', not both");
  mapping.frontends = string_list(spec["frontends"] ? spec["frontends"] : spec["frontend"]);
  if (spec["data"]) {
    if (!spec["data"].IsScalar() ||
        (spec["data"].Scalar() != "true" && spec["data"].Scalar() != "false"))
      sink.at(spec["data"], "'data' is true or false");
    else
      mapping.data = spec["data"].Scalar() == "true";
  }
  for (const auto& link : spec["links"]) {
    LinkMapping lm;
    lm.kind = link.first.Scalar();
    lm.line = link.first.Mark().line + 1;
    lm.column = link.first.Mark().column + 1;
    // `kind: [paths]`, or `kind: {from: [paths], match: arn|tags}`.
    const YAML::Node paths = link.second.IsMap() ? link.second["from"] : link.second;
    if (link.second.IsMap()) {
      check_keys(link.second, {"from", "match"}, sink, "link to '" + lm.kind + "'");
      if (YAML::Node match = link.second["match"]) {
        lm.match = string_list(match);
        for (const std::string& how : lm.match)
          if (how != "arn" && how != "tags")
            sink.at(match, "a link matches by 'arn' or 'tags', not '" + how + "'");
      }
    }
    if (!paths || !paths.IsSequence()) {
      sink.at(link.second, "links of kind '" + lm.kind + "' list attribute paths");
      continue;
    }
    for (const auto& from : paths) {
      auto steps = split_attribute_path(from.Scalar());
      if (!steps) {
        sink.at(from, "invalid attribute path '" + from.Scalar() + "'");
        continue;
      }
      lm.from.push_back(std::move(*steps));
    }
    mapping.links.push_back(std::move(lm));
  }
  for (const TypeMapping& other : mappings_[mapping.provider_type])
    if (other.data == mapping.data && overlaps(other.frontends, mapping.frontends))
      sink.at(key, "type '" + mapping.provider_type + "' is already mapped to kind '" + other.kind +
                       "' for these frontends (" + other.path + ":" + std::to_string(other.line) +
                       ")");
  for (const auto& prop : spec["properties"]) {
    PropertyMapping pm;
    pm.property = prop.first.Scalar();
    pm.line = prop.first.Mark().line + 1;
    const PropertyDecl* declared = decl.property(pm.property);
    if (!declared) {
      std::vector<std::string> names;
      for (const auto& d : decl.properties) names.push_back(d.name);
      std::string hint = closest_match(pm.property, names);
      sink.at(prop.first, "kind '" + decl.name + "' has no property '" + pm.property + "'" +
                              (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
      continue;
    }
    if (load_property_mapping(prop.first, prop.second, decl, locator, pm, sink))
      mapping.properties.push_back(std::move(pm));
  }
  mappings_[mapping.provider_type].push_back(std::move(mapping));
  return true;
}

bool Kinds::load_property_mapping(const YAML::Node& key, const YAML::Node& how,
                                  const KindDecl& decl, ScalarLocator& locator, PropertyMapping& pm,
                                  ErrorSink& sink) {
  const PropertyDecl& declared = *decl.property(pm.property);
  size_t errors_before = sink.count();
  const std::string what = "mapping of '" + pm.property + "'";
  // yaml-cpp nodes are references: assigning one to another would rewrite `how`.
  if (how.IsMap())
    check_keys(how, {"from", "default", "default_when", "derive", "map"}, sink, what);
  const YAML::Node from = how.IsMap() ? how["from"] : how;
  for (const std::string& path : string_list(from)) {
    auto steps = split_attribute_path(path);
    if (!steps)
      sink.at(from, "invalid attribute path '" + path + "' in " + what);
    else
      pm.from.push_back(std::move(*steps));
  }
  if (!from || string_list(from).empty())
    sink.at(key, what + " needs 'from': an attribute path or a list of them");
  if (!how.IsMap()) return sink.count() == errors_before;

  if (YAML::Node derive = how["derive"]) {
    pm.derive = derive::find_derivation(derive.Scalar());
    if (!pm.derive) {
      std::vector<std::string> names;
      for (const auto& d : derive::derivations()) names.emplace_back(d.name);
      std::string hint = closest_match(derive.Scalar(), names);
      sink.at(derive, "unknown derivation '" + derive.Scalar() + "'" +
                          (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    } else if (!derivation_fits(*pm.derive, declared.type)) {
      sink.at(derive, "derivation '" + std::string(pm.derive->name) + "' gives " +
                          std::string(pm.derive->result_type) + ", but '" + pm.property +
                          "' is a " + declared.type.describe());
    }
  }

  // With a map, defaults are raw values that the map translates, like values read.
  bool mapped = static_cast<bool>(how["map"]);
  if (mapped) {
    if (!how["map"].IsMap()) {
      sink.at(how["map"], "'map' translates raw values to property values: {Retain: true}");
    } else {
      for (const auto& entry : how["map"]) {
        auto value = value_of_type(entry.second, declared.type, Provenance::Derived);
        if (!value) {
          sink.at(entry.second, "map value for '" + entry.first.Scalar() + "' is not a " +
                                    declared.type.describe());
          continue;
        }
        std::string keys = entry.first.Scalar();
        if (keys == "*") {
          pm.map_otherwise = *value;
          continue;
        }
        size_t start = 0;
        while (start <= keys.size()) {
          size_t bar = keys.find('|', start);
          if (bar == std::string::npos) bar = keys.size();
          pm.map.emplace(keys.substr(start, bar - start), *value);
          start = bar + 1;
        }
      }
    }
  }
  auto raw_default = [&](const YAML::Node& node) -> std::optional<Value> {
    if (!mapped) {
      auto v = value_of_type(node, declared.type, Provenance::Default);
      if (!v)
        sink.at(node, "default of '" + pm.property + "' is not a " + declared.type.describe());
      return v;
    }
    if (!node.IsScalar() || (!pm.map.count(node.Scalar()) && !pm.map_otherwise)) {
      sink.at(node, "default of '" + pm.property + "' must be one of the raw values in 'map'");
      return std::nullopt;
    }
    return Value::string(node.Scalar(), {}, Provenance::Default);
  };
  if (YAML::Node d = how["default"]) pm.default_value = raw_default(d);
  if (YAML::Node cases = how["default_when"]) {
    if (!cases.IsSequence()) {
      sink.at(cases, "'default_when' lists {when: predicate, value: default}");
    } else {
      for (const auto& c : cases) {
        check_keys(c, {"when", "value"}, sink, "default_when entry");
        if (!c.IsMap() || !c["when"] || !c["value"] || !c["when"].IsScalar()) {
          sink.at(c, "a default_when entry needs 'when' (a predicate) and 'value'");
          continue;
        }
        auto value = raw_default(c["value"]);
        if (!value) continue;
        ConditionalDefault cd;
        cd.when_text = c["when"].Scalar();
        cd.value = std::move(*value);
        cd.line = c["when"].Mark().line + 1;
        cd.column = c["when"].Mark().column + 1;
        std::vector<ExprError> expr_errors;
        cd.when = compile_expression(cd.when_text, {decl.name}, OneKind(decl), expr_errors);
        for (const ExprError& e : expr_errors) {
          auto [line, column] = locator.locate(c["when"], e.offset);
          sink.at(line, column, "in default_when of '" + pm.property + "': " + e.message);
        }
        pm.conditional_defaults.push_back(std::move(cd));
      }
    }
  }
  return sink.count() == errors_before;
}

bool Kinds::check(std::vector<CompileError>& errors) const {
  bool ok = true;
  for (const auto& [type, mappings] : mappings_) {
    for (const TypeMapping& mapping : mappings) {
      for (const LinkMapping& link : mapping.links) {
        // Matching across units compares with a property every target has.
        for (const std::string& how :
             has_kind(link.kind) ? link.match : std::vector<std::string>{}) {
          const char* needed = how == "arn" ? "identifier" : "tags";
          ExprType type = how == "arn" ? ExprType::String : ExprType::Object;
          auto property = this->property(link.kind, needed);
          if (!property || property->type != type) {
            errors.push_back({mapping.path, link.line, link.column,
                              "links matched by " + how + " need kind '" + link.kind +
                                  "' to have a " + std::string(to_string(type)) + " property '" +
                                  needed + "'"});
            ok = false;
          }
        }
        if (has_kind(link.kind)) continue;
        std::string hint = closest_match(link.kind, kind_names());
        errors.push_back({mapping.path, link.line, link.column,
                          "type '" + type + "' links to unknown kind '" + link.kind + "'" +
                              (hint.empty() ? "" : "; did you mean '" + hint + "'?")});
        ok = false;
      }
    }
  }
  return ok;
}

const KindDecl* Kinds::kind(std::string_view name) const {
  auto it = kinds_.find(name);
  return it == kinds_.end() ? nullptr : &it->second;
}

const TypeMapping* Kinds::mapping(std::string_view frontend, std::string_view provider_type,
                                  bool data) const {
  auto it = mappings_.find(provider_type);
  if (it == mappings_.end()) return nullptr;
  const TypeMapping* any_frontend = nullptr;
  for (const TypeMapping& m : it->second) {
    if (m.data != data) continue;
    if (m.frontends.empty()) any_frontend = &m;
    if (std::find(m.frontends.begin(), m.frontends.end(), frontend) != m.frontends.end()) return &m;
  }
  return any_frontend;
}

bool Kinds::has_kind(std::string_view kind) const {
  return kinds_.count(kind) > 0;
}

std::optional<PropertyType> Kinds::property(std::string_view kind, std::string_view name) const {
  const KindDecl* decl = this->kind(kind);
  if (!decl) return std::nullopt;
  if (const PropertyDecl* p = decl->property(name)) return p->type;
  return std::nullopt;
}

std::vector<std::string> Kinds::property_names(std::string_view kind) const {
  std::vector<std::string> names;
  if (const KindDecl* decl = this->kind(kind))
    for (const PropertyDecl& p : decl->properties) names.push_back(p.name);
  return names;
}

std::vector<std::string> Kinds::kind_names() const {
  std::vector<std::string> names;
  for (const auto& [name, decl] : kinds_) names.push_back(name);
  return names;
}

}  // namespace bw::compiler
