#include "compiler/kinds.h"

#include <algorithm>

namespace bw::compiler {

const std::vector<std::string>& known_derivations() {
  static const std::vector<std::string> names = {"base64", "container-images"};
  return names;
}

std::optional<PropertyType> parse_property_type(const std::string& text) {
  static const std::map<std::string, ExprType> scalars = {
      {"any", ExprType::Any},       {"bool", ExprType::Bool}, {"number", ExprType::Number},
      {"string", ExprType::String}, {"list", ExprType::List}, {"object", ExprType::Object}};
  if (auto it = scalars.find(text); it != scalars.end()) return PropertyType{it->second};
  if (text.rfind("list<", 0) == 0 && text.back() == '>') {
    auto element = scalars.find(text.substr(5, text.size() - 6));
    if (element != scalars.end() && element->second != ExprType::List)
      return PropertyType{ExprType::List, element->second};
  }
  return std::nullopt;
}

// Reads a default written in YAML as a value of the declared type.
static std::optional<ir::Value> parse_default(const YAML::Node& node, const PropertyType& type) {
  using ir::Provenance;
  using ir::Value;
  if (node.IsNull()) return Value::null({}, Provenance::Default);
  if (node.IsSequence()) {
    if (type.type != ExprType::List && type.type != ExprType::Any) return std::nullopt;
    std::vector<Value> items;
    for (const auto& item : node) {
      auto v = parse_default(item, PropertyType{type.element});
      if (!v) return std::nullopt;
      items.push_back(*v);
    }
    return Value::list(std::move(items), {}, Provenance::Default);
  }
  if (!node.IsScalar()) return std::nullopt;
  const std::string& text = node.Scalar();
  switch (type.type) {
    case ExprType::Bool:
      if (text == "true" || text == "false")
        return Value::boolean(text == "true", {}, Provenance::Default);
      return std::nullopt;
    case ExprType::Number:
      try {
        size_t used = 0;
        double n = std::stod(text, &used);
        if (used == text.size()) return Value::number(n, {}, Provenance::Default);
      } catch (...) {
      }
      return std::nullopt;
    case ExprType::String:
    case ExprType::Any:
      return Value::string(text, {}, Provenance::Default);
    default:
      return std::nullopt;
  }
}

static std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    parts.push_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

bool Kinds::load(const std::string& path, const std::string& text,
                 std::vector<CompileError>& errors) {
  ErrorSink sink(path, errors);
  return guard_yaml(sink, [&] { return load_yaml(path, text, sink); });
}

bool Kinds::load_yaml(const std::string& path, const std::string& text, ErrorSink& sink) {
  YAML::Node root = parse_yaml(text, sink);
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
    check_keys(spec, {"type", "doc"}, sink, "property '" + property.name + "'");
    std::string type_text = spec["type"] ? spec["type"].Scalar() : "";
    auto type = parse_property_type(type_text);
    if (!type) {
      sink.at(spec["type"] ? spec["type"] : entry.first,
              "property '" + property.name + "' needs a type: bool, number, string, list, " +
                  "list<T>, object or any");
      continue;
    }
    property.type = *type;
    if (spec["doc"]) property.doc = spec["doc"].Scalar();
    decl.properties.push_back(property);
  }

  for (const auto& entry : root["types"]) {
    TypeMapping mapping;
    mapping.provider_type = entry.first.Scalar();
    mapping.kind = decl.name;
    const YAML::Node& spec = entry.second;
    mapping.path = path;
    check_keys(spec, {"frontend", "properties", "links"}, sink,
               "type '" + mapping.provider_type + "'");
    for (const auto& link : spec["links"]) {
      LinkMapping lm;
      lm.kind = link.first.Scalar();
      lm.line = link.first.Mark().line + 1;
      lm.column = link.first.Mark().column + 1;
      if (!link.second.IsSequence()) {
        sink.at(link.second, "links of kind '" + lm.kind + "' list attribute paths");
        continue;
      }
      for (const auto& from : link.second) lm.from.push_back(split_path(from.Scalar()));
      mapping.links.push_back(std::move(lm));
    }
    if (spec["frontend"]) mapping.frontend = spec["frontend"].Scalar();
    if (mappings_.count(mapping.provider_type))
      sink.at(entry.first, "type '" + mapping.provider_type + "' is already mapped to kind '" +
                               mappings_.at(mapping.provider_type).kind + "'");
    for (const auto& prop : spec["properties"]) {
      PropertyMapping pm;
      pm.property = prop.first.Scalar();
      auto declared = std::find_if(decl.properties.begin(), decl.properties.end(),
                                   [&](const PropertyDecl& d) { return d.name == pm.property; });
      if (declared == decl.properties.end()) {
        std::vector<std::string> names;
        for (const auto& d : decl.properties) names.push_back(d.name);
        std::string hint = closest_match(pm.property, names);
        sink.at(prop.first, "kind '" + decl.name + "' has no property '" + pm.property + "'" +
                                (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
        continue;
      }
      const YAML::Node& how = prop.second;
      if (how.IsScalar()) {
        pm.from = split_path(how.Scalar());
      } else {
        check_keys(how, {"from", "default", "derive"}, sink, "mapping of '" + pm.property + "'");
        if (how["from"]) pm.from = split_path(how["from"].Scalar());
        if (how["default"]) {
          pm.default_value = parse_default(how["default"], declared->type);
          if (!pm.default_value)
            sink.at(how["default"], "default of '" + pm.property + "' is not a " +
                                        std::string(to_string(declared->type.type)));
        }
        if (how["derive"]) {
          pm.derive = how["derive"].Scalar();
          const auto& known = known_derivations();
          if (std::find(known.begin(), known.end(), pm.derive) == known.end())
            sink.at(how["derive"], "unknown derivation '" + pm.derive + "'");
        }
      }
      if (pm.from.empty() || pm.from[0].empty())
        sink.at(prop.first, "mapping of '" + pm.property + "' needs 'from': an attribute path");
      mapping.properties.push_back(std::move(pm));
    }
    mappings_.emplace(mapping.provider_type, std::move(mapping));
  }
  std::string name = decl.name;
  kinds_.emplace(name, std::move(decl));
  return sink.count() == 0;
}

bool Kinds::check_links(std::vector<CompileError>& errors) const {
  bool ok = true;
  for (const auto& [type, mapping] : mappings_)
    for (const LinkMapping& link : mapping.links)
      if (!has_kind(link.kind)) {
        std::string hint = closest_match(link.kind, kind_names());
        errors.push_back({mapping.path, link.line, link.column,
                          "type '" + type + "' links to unknown kind '" + link.kind + "'" +
                              (hint.empty() ? "" : "; did you mean '" + hint + "'?")});
        ok = false;
      }
  return ok;
}

const KindDecl* Kinds::kind(std::string_view name) const {
  auto it = kinds_.find(name);
  return it == kinds_.end() ? nullptr : &it->second;
}

const TypeMapping* Kinds::mapping(std::string_view provider_type) const {
  auto it = mappings_.find(provider_type);
  return it == mappings_.end() ? nullptr : &it->second;
}

bool Kinds::has_kind(std::string_view kind) const {
  return kinds_.count(kind) > 0;
}

std::optional<PropertyType> Kinds::property(std::string_view kind, std::string_view name) const {
  const KindDecl* decl = this->kind(kind);
  if (!decl) return std::nullopt;
  for (const PropertyDecl& p : decl->properties)
    if (p.name == name) return p.type;
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
