#include "engine/normalise.h"

#include "derive/derivations.h"

namespace bw::engine {

using compiler::ExprType;
using compiler::PropertyType;
using ir::Provenance;
using ir::Value;

namespace {

// Applies `transform` to a value, or to each alternative of a OneOf, keeping
// the OneOf's reason, span and references.
template <typename Transform>
Value per_alternative(const Value& value, Transform&& transform) {
  if (!value.is_one_of()) return transform(value);
  std::vector<Value> alternatives;
  for (const Value& alternative : value.alternatives())
    alternatives.push_back(per_alternative(alternative, transform));
  Value out = Value::one_of(std::move(alternatives), value.unknown_reason(), value.span());
  out.set_origin(value.origin());
  out.add_references_from(value);
  return out;
}

Value keep_place(Value out, const Value& from, Provenance provenance) {
  out.set_span(from.span());
  out.set_origin(from.origin());
  out.set_provenance(provenance);
  out.add_references_from(from);
  return out;
}

// Makes `value` a value of `type` the way the platforms convert (Terraform
// turns 5 into "5" for a string argument and "true" into true for a bool),
// and anything else unknown with a reason: a rule must never compare a
// property of the wrong type and quietly come out false.
Value conform(const Value& value, const PropertyType& type, const std::string& name) {
  if (value.is_unknown() || value.is_null() || type.type == ExprType::Any) return value;
  auto mismatch = [&] {
    return Value::unknown(name + " is " + value.describe() + ", not a " + type.describe(),
                          value.span());
  };
  switch (type.type) {
    case ExprType::Bool:
      if (value.is_bool()) return value;
      if (value.is_string() && (value.as_string() == "true" || value.as_string() == "false"))
        return keep_place(Value::boolean(value.as_string() == "true"), value, Provenance::Derived);
      return mismatch();
    case ExprType::Number:
      if (value.is_number()) return value;
      if (value.is_string() && !value.as_string().empty()) {
        char* end = nullptr;
        double n = std::strtod(value.as_string().c_str(), &end);
        if (end && *end == '\0') return keep_place(Value::number(n), value, Provenance::Derived);
      }
      return mismatch();
    case ExprType::String:
      if (value.is_string()) return value;
      if (value.is_bool())
        return keep_place(Value::string(value.as_bool() ? "true" : "false"), value,
                          Provenance::Derived);
      if (value.is_number())
        return keep_place(Value::string(ir::format_number(value.as_number())), value,
                          Provenance::Derived);
      return mismatch();
    case ExprType::List: {
      if (!value.is_list()) return mismatch();
      if (!type.element || type.element->type == ExprType::Any) return value;
      Value out = value;
      for (Value& item : out.items())
        item =
            per_alternative(item, [&](const Value& v) { return conform(v, *type.element, name); });
      return out;
    }
    case ExprType::Object: {
      if (!value.is_object()) return mismatch();
      if (type.fields.empty()) return value;
      Value out = value;
      for (const compiler::Field& field : type.fields)
        if (Value* member = out.get(field.name))
          *member = per_alternative(*member, [&](const Value& v) {
            return conform(v, *field.type, name + "." + field.name);
          });
      return out;
    }
    default:
      return value;
  }
}

// The raw value's text as a value map looks it up.
std::optional<std::string> map_key(const Value& value) {
  if (value.is_string()) return value.as_string();
  if (value.is_bool()) return std::string(value.as_bool() ? "true" : "false");
  if (value.is_number()) return ir::format_number(value.as_number());
  return std::nullopt;
}

Value map_value(const Value& raw, const compiler::PropertyMapping& pm) {
  if (pm.map.empty() && !pm.map_otherwise) return raw;
  // Another resource's attribute (`replicate_source_db = aws_db_instance.a.identifier`)
  // is unknown until applied, yet written: "*" takes it whatever it will be.
  if (raw.is_unknown() && !raw.is_one_of() && !raw.is_partial_string() &&
      !raw.references().empty() && pm.map_otherwise)
    return keep_place(*pm.map_otherwise, raw, Provenance::Derived);
  if (raw.is_unknown()) return raw;
  std::optional<std::string> key = map_key(raw);
  if (key) {
    auto it = pm.map.find(*key);
    if (it != pm.map.end()) return keep_place(it->second, raw, raw.provenance());
  }
  if (pm.map_otherwise) return keep_place(*pm.map_otherwise, raw, raw.provenance());
  std::string known;
  for (const auto& [k, v] : pm.map) known += (known.empty() ? "" : ", ") + k;
  return Value::unknown(pm.property + " is " + raw.describe() + ", which is none of " + known,
                        raw.span());
}

// Reads the first of a mapping's paths that is written: found values, or the
// unknown met on the way. A OneOf met before the end of a path is read
// through in each alternative.
Value read_path(const Value& attributes, const std::vector<std::string>& path, bool as_list,
                bool& written);

Value collect(const std::vector<const Value*>& found, const Value* unknown, bool as_list,
              bool& written) {
  written = !found.empty() || unknown;
  if (found.empty()) return unknown ? *unknown : Value();
  if (!as_list) return *found[0];
  if (found.size() == 1 && found[0]->is_list() && !unknown) return *found[0];
  std::vector<Value> items;
  for (const Value* v : found) items.push_back(*v);
  if (unknown) items.push_back(*unknown);  // an unknown element keeps exists() honest
  return Value::list(std::move(items), found[0]->span(), Provenance::Derived);
}

Value read_path(const Value& attributes, const std::vector<std::string>& path, bool as_list,
                bool& written) {
  std::vector<const Value*> found;
  const Value* unknown = nullptr;
  ir::values_at_path(attributes, path, found, unknown);
  if (!unknown || !unknown->is_one_of() || !found.empty())
    return collect(found, unknown, as_list, written);
  // Where in the path the OneOf sits decides what is left to read in each alternative.
  std::vector<std::string> rest;
  const Value* cursor = &attributes;
  for (size_t i = 0; i < path.size() && cursor != unknown; ++i) {
    while (cursor->is_list() && cursor->items().size() == 1) cursor = &cursor->items()[0];
    cursor = cursor->is_object() ? cursor->get(path[i]) : nullptr;
    if (!cursor) break;
    if (cursor == unknown) rest.assign(path.begin() + static_cast<long>(i) + 1, path.end());
  }
  if (cursor != unknown) return collect(found, unknown, as_list, written);
  written = true;
  return per_alternative(*unknown, [&](const Value& alternative) {
    bool inner = false;
    Value v = rest.empty() ? alternative : read_path(alternative, rest, as_list, inner);
    return rest.empty() || inner ? v : Value::null(alternative.span());
  });
}

class Normaliser {
 public:
  Normaliser(ir::Model& model, const compiler::Kinds& kinds) : model_(model), kinds_(kinds) {}

  void run(ir::ResourceId id) {
    ir::Resource& resource = model_.resources[id];
    const compiler::TypeMapping* mapping =
        kinds_.mapping(resource.frontend, resource.provider_type, resource.is_data);
    if (!mapping) return;
    const compiler::KindDecl* kind = kinds_.kind(mapping->kind);
    resource.kind = mapping->kind;
    resource.properties = Value::object(resource.header_span, Provenance::Derived);
    resource.properties.reserve(mapping->properties.size());
    // Defaults that depend on other properties see every property read first.
    std::vector<const compiler::PropertyMapping*> later;
    for (const compiler::PropertyMapping& pm : mapping->properties) {
      if (!pm.conditional_defaults.empty()) {
        later.push_back(&pm);
        continue;
      }
      resource.properties.set(pm.property,
                              property(resource, pm, kind->property(pm.property)->type));
    }
    for (const compiler::PropertyMapping* pm : later) {
      const PropertyType& type = kind->property(pm->property)->type;
      Value value = property(resource, *pm, type);
      if (value.provenance() == Provenance::Default && value.is_null()) {
        resource.properties.set(pm->property, value);  // visible as absent to its own condition
        value = conditional_default(id, *pm, type);
      }
      model_.resources[id].properties.set(pm->property, std::move(value));
    }
  }

 private:
  // The property read from the attributes and transformed (derive, map, the
  // declared type); the unconditional default when nothing is written.
  Value property(const ir::Resource& resource, const compiler::PropertyMapping& pm,
                 const PropertyType& type) {
    // A derivation reads the raw value (a boot script), not a list of them,
    // unless it reads all the path finds (a policy document's statement blocks).
    bool as_list = type.type == ExprType::List && (!pm.derive || pm.derive->reads_all);
    Value raw;
    bool written = false;
    for (const auto& path : pm.from) {
      raw = read_path(resource.attributes, path, as_list, written);
      if (written) break;
    }
    if (!written) return absent(pm, type);
    return per_alternative(raw, [&](const Value& v) {
      if (v.is_null()) return absent(pm, type);
      Value derived = pm.derive && !(v.is_unknown() && !v.is_partial_string())
                          ? derive::apply(*pm.derive, v)
                          : v;
      return conform(map_value(derived, pm), type, pm.property);
    });
  }

  Value absent(const compiler::PropertyMapping& pm, const PropertyType& type) {
    if (!pm.conditional_defaults.empty()) return Value::null({}, Provenance::Default);
    if (!pm.default_value) return Value::null({}, Provenance::Default);
    return finish_default(*pm.default_value, pm, type);
  }

  Value finish_default(const Value& raw, const compiler::PropertyMapping& pm,
                       const PropertyType& type) {
    Value v = conform(map_value(raw, pm), type, pm.property);
    v.set_provenance(Provenance::Default);
    return v;
  }

  // The first conditional default whose predicate holds. One whose predicate
  // is unknown makes the property one of that default and what follows.
  Value conditional_default(ir::ResourceId id, const compiler::PropertyMapping& pm,
                            const PropertyType& type) {
    std::vector<Value> alternatives;
    std::string reason;
    bool settled = false;
    for (const compiler::ConditionalDefault& cd : pm.conditional_defaults) {
      compiler::Outcome outcome = compiler::evaluate(*cd.when, model_, id);
      if (outcome.truth == compiler::Truth::False) continue;
      alternatives.push_back(finish_default(cd.value, pm, type));
      if (outcome.truth == compiler::Truth::True) {
        settled = true;
        break;
      }
      if (reason.empty())
        reason = "the default depends on " + cd.when_text + ": " + outcome.because;
    }
    if (!settled) {
      Value fallback = pm.default_value ? finish_default(*pm.default_value, pm, type)
                                        : Value::null({}, Provenance::Default);
      if (alternatives.empty()) return fallback;
      alternatives.push_back(fallback);
    }
    if (alternatives.size() == 1) return alternatives[0];
    Value out = Value::one_of(std::move(alternatives), reason, model_.resources[id].header_span);
    return out;
  }

  ir::Model& model_;
  const compiler::Kinds& kinds_;
};

}  // namespace

void normalise(ir::Model& model, const compiler::Kinds& kinds) {
  Normaliser normaliser(model, kinds);
  for (ir::ResourceId id = 0; id < model.resources.size(); ++id) normaliser.run(id);
}

}  // namespace bw::engine
