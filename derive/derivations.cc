#include "derive/derivations.h"

#include <nlohmann/json.hpp>

#include "derive/boot_script.h"
#include "derive/iam_statements.h"

namespace bw::derive {

using ir::Provenance;
using ir::Value;

namespace {

// User data is often base64 (base64encode, Fn::Base64); plain text stays as it is.
Value base64(const Value& raw) {
  if (!raw.is_string()) return raw;
  std::string decoded;
  if (!decode_base64_text(raw.as_string(), decoded)) return raw;
  Value out = Value::string(std::move(decoded), raw.span(), Provenance::Derived);
  out.set_origin(raw.origin());
  out.add_references_from(raw);
  return out;
}

Value container_images_of(const Value& raw) {
  std::string script;
  bool partial = raw.is_partial_string();
  if (raw.is_string()) {
    std::string decoded;
    script = decode_base64_text(raw.as_string(), decoded) ? decoded : raw.as_string();
  } else if (partial) {
    // What is known of a templated script still names the images it starts;
    // an unknown element stands for whatever the unknown parts add.
    for (const Value& part : raw.string_parts())
      script += part.is_string() ? part.as_string() : "\n";
  } else {
    return Value::unknown("a boot script must be a string, not " + raw.describe(), raw.span());
  }
  std::vector<Value> images;
  for (std::string& image : container_images(script))
    images.push_back(Value::string(std::move(image), raw.span(), Provenance::Derived));
  if (partial) images.push_back(Value::unknown(raw.unknown_reason(), raw.span()));
  Value out = Value::list(std::move(images), raw.span(), Provenance::Derived);
  out.set_origin(raw.origin());
  return out;
}

constexpr int kMaxJsonDepth = 200;

Value from_json(const nlohmann::json& json, const Value& raw, int depth) {
  const ir::Span& span = raw.span();
  if (depth > kMaxJsonDepth) return Value::unknown("JSON nested too deeply to analyse", span);
  switch (json.type()) {
    case nlohmann::json::value_t::object: {
      Value object = Value::object(span, Provenance::Derived);
      for (auto it = json.begin(); it != json.end(); ++it)
        object.set(it.key(), from_json(it.value(), raw, depth + 1));
      return object;
    }
    case nlohmann::json::value_t::array: {
      std::vector<Value> items;
      for (const auto& item : json) items.push_back(from_json(item, raw, depth + 1));
      return Value::list(std::move(items), span, Provenance::Derived);
    }
    case nlohmann::json::value_t::string:
      return Value::string(json.get<std::string>(), span, Provenance::Derived);
    case nlohmann::json::value_t::boolean:
      return Value::boolean(json.get<bool>(), span, Provenance::Derived);
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return Value::number(json.get<double>(), span, Provenance::Derived);
    default:
      return Value::null(span, Provenance::Derived);
  }
}

// A JSON document written as a string (an IAM policy, jsonencode's result).
// Values that are already structured (an HCL object) pass as they are.
Value json(const Value& raw) {
  if (!raw.is_string()) {
    if (raw.is_partial_string())
      return Value::unknown("the JSON text is not fully known: " + raw.unknown_reason(),
                            raw.span());
    return raw;
  }
  nlohmann::json parsed = nlohmann::json::parse(raw.as_string(), nullptr, false);
  if (parsed.is_discarded()) return Value::unknown("the text is not valid JSON", raw.span());
  Value out = from_json(parsed, raw, 0);
  out.set_origin(raw.origin());
  out.add_references_from(raw);
  return out;
}

}  // namespace

ir::Value apply(const Derivation& derivation, const ir::Value& raw) {
  switch (derivation.id) {
    case DerivationId::Base64:
      return base64(raw);
    case DerivationId::ContainerImages:
      return container_images_of(raw);
    case DerivationId::Json:
      return json(raw);
    case DerivationId::IamStatements:
      return iam_statements(raw);
  }
  return raw;
}

}  // namespace bw::derive
