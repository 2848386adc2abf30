#include "derive/iam_statements.h"

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>

namespace bw::derive {

using ir::Provenance;
using ir::Span;
using ir::Value;

namespace {

constexpr int kMaxDepth = 200;
// Stands for the i-th unknown part of a templated document while it is parsed
// as JSON: "@@bw-unknown-3@@". Written inside a JSON string, or as one.
constexpr std::string_view kMarkerStart = "@@bw-unknown-";
constexpr std::string_view kMarkerEnd = "@@";

// A key as IAM and Terraform spell it, in one form: lowercase without
// underscores, so `NotAction`, `notaction` and `not_actions` meet.
std::string key_form(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '_') continue;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

// The member of `object` under any spelling in `names` (already in key_form).
const Value* member(const Value& object, std::initializer_list<std::string_view> names) {
  auto keys = object.keys();
  const auto& items = object.items();
  for (size_t i = 0; i < items.size(); ++i) {
    std::string form = key_form(keys[i]);
    for (std::string_view name : names)
      if (form == name) return &items[i];
  }
  return nullptr;
}

Value derived_list(std::vector<Value> items, const Span& span) {
  return Value::list(std::move(items), span, Provenance::Derived);
}

// A field of strings: a single string, a list of them, or absent (an empty
// list). Numbers and booleans become their text, as IAM reads condition
// values; anything else makes that element unknown with the reason.
Value strings(const Value* written, std::string_view field, const Span& span) {
  if (!written || written->is_null()) return derived_list({}, span);
  // A string known in parts is still one string: a list of one.
  if (written->is_unknown() && !written->is_partial_string()) return *written;
  auto one = [&](const Value& v) -> Value {
    if (v.is_unknown() || v.is_string()) return v;
    if (v.is_bool()) return Value::string(v.as_bool() ? "true" : "false", v.span());
    if (v.is_number()) return Value::string(ir::format_number(v.as_number()), v.span());
    return Value::unknown(std::string(field) + " holds " + v.describe() + ", not a string",
                          v.span());
  };
  if (!written->is_list()) return derived_list({one(*written)}, written->span());
  std::vector<Value> items;
  for (const Value& item : written->items()) items.push_back(one(item));
  return derived_list(std::move(items), written->span());
}

Value principal(Value type, Value identifier, const Span& span) {
  Value p = Value::object(span, Provenance::Derived);
  p.set("type", std::move(type));
  p.set("identifier", std::move(identifier));
  return p;
}

// `Principal: "*"`, `Principal: {AWS: [...], Service: "..."}`, or the data
// source's `principals { type, identifiers }` blocks: one {type, identifier}
// per principal named.
Value principals(const Value* written, std::string_view field, const Span& span) {
  if (!written || written->is_null()) return derived_list({}, span);
  if (written->is_unknown()) return *written;
  std::vector<Value> out;
  const Span& at = written->span();
  if (written->is_string()) {
    if (written->as_string() != "*")
      return Value::unknown(std::string(field) + " is " + written->describe() +
                                ": only \"*\" may be written as a plain string",
                            at);
    out.push_back(principal(Value::string("*", at), Value::string("*", at), at));
  } else if (written->is_object()) {
    auto keys = written->keys();
    const auto& items = written->items();
    for (size_t i = 0; i < items.size(); ++i) {
      Value ids = strings(&items[i], field, at);
      Value type = Value::string(std::string(keys[i]), at, Provenance::Derived);
      if (ids.is_unknown()) {
        out.push_back(principal(type, ids, at));
        continue;
      }
      for (const Value& id : ids.items()) out.push_back(principal(type, id, at));
    }
  } else if (written->is_list()) {
    for (const Value& block : written->items()) {
      if (!block.is_object()) {
        out.push_back(block.is_unknown()
                          ? block
                          : Value::unknown(std::string(field) + " holds " + block.describe() +
                                               ", not a {type, identifiers} block",
                                           block.span()));
        continue;
      }
      const Value* type = member(block, {"type"});
      Value ids = strings(member(block, {"identifiers", "identifier"}), field, block.span());
      Value type_value = type ? *type : Value::unknown(std::string(field) + " has no type");
      if (ids.is_unknown()) {
        out.push_back(principal(type_value, ids, block.span()));
        continue;
      }
      for (const Value& id : ids.items()) out.push_back(principal(type_value, id, block.span()));
    }
  } else {
    return Value::unknown(std::string(field) + " is " + written->describe() +
                              ", not \"*\" or an object of principals",
                          at);
  }
  return derived_list(std::move(out), at);
}

Value condition(Value test, Value variable, Value values, const Span& span) {
  Value c = Value::object(span, Provenance::Derived);
  c.set("test", std::move(test));
  c.set("variable", std::move(variable));
  c.set("values", std::move(values));
  return c;
}

// `Condition: {Bool: {"aws:MultiFactorAuthPresent": "true"}}`, or the data
// source's `condition { test, variable, values }` blocks: one {test,
// variable, values} per variable tested.
Value conditions(const Value* written, const Span& span) {
  if (!written || written->is_null()) return derived_list({}, span);
  if (written->is_unknown()) return *written;
  std::vector<Value> out;
  const Span& at = written->span();
  if (written->is_object()) {
    auto tests = written->keys();
    const auto& by_test = written->items();
    for (size_t i = 0; i < by_test.size(); ++i) {
      Value test = Value::string(std::string(tests[i]), at, Provenance::Derived);
      const Value& variables = by_test[i];
      if (variables.is_unknown()) {
        out.push_back(condition(test, variables, variables, at));
        continue;
      }
      if (!variables.is_object()) {
        out.push_back(Value::unknown("Condition " + std::string(tests[i]) + " is " +
                                         variables.describe() + ", not an object of variables",
                                     at));
        continue;
      }
      auto names = variables.keys();
      for (size_t j = 0; j < variables.items().size(); ++j)
        out.push_back(condition(test, Value::string(std::string(names[j]), at, Provenance::Derived),
                                strings(&variables.items()[j], "Condition values", at), at));
    }
  } else if (written->is_list()) {
    for (const Value& block : written->items()) {
      if (!block.is_object()) {
        out.push_back(block.is_unknown() ? block
                                         : Value::unknown("condition holds " + block.describe() +
                                                              ", not a {test, variable, values} "
                                                              "block",
                                                          block.span()));
        continue;
      }
      const Value* test = member(block, {"test"});
      const Value* variable = member(block, {"variable"});
      out.push_back(condition(test ? *test : Value::unknown("condition has no test"),
                              variable ? *variable : Value::unknown("condition has no variable"),
                              strings(member(block, {"values"}), "condition values", block.span()),
                              block.span()));
    }
  } else {
    return Value::unknown("Condition is " + written->describe() + ", not an object", at);
  }
  return derived_list(std::move(out), at);
}

// One statement, normalised. `blocks`: written as the data source's
// `statement` blocks, where `effect` may be left out (it is then Allow).
Value statement(const Value& raw, size_t index, bool blocks) {
  const Span& span = raw.span();
  std::string number = std::to_string(index + 1);
  if (raw.is_unknown()) return raw;
  if (!raw.is_object())
    return Value::unknown("statement " + number + " is " + raw.describe() + ", not an object",
                          span);
  Value out = Value::object(span, Provenance::Derived);
  const Value* sid = member(raw, {"sid"});
  bool named = sid && sid->is_string() && !sid->as_string().empty();
  out.set("label",
          Value::string(named ? "statement '" + sid->as_string() + "'" : "statement " + number,
                        span, Provenance::Derived));
  out.set("sid", sid ? *sid : Value::null(span, Provenance::Default));
  const Value* effect = member(raw, {"effect"});
  if (effect && !effect->is_null())
    out.set("effect", *effect);
  else if (blocks)
    out.set("effect", Value::string("Allow", span, Provenance::Default));
  else
    out.set("effect", Value::unknown("statement " + number + " has no Effect", span));
  out.set("actions", strings(member(raw, {"action", "actions"}), "Action", span));
  out.set("not_actions", strings(member(raw, {"notaction", "notactions"}), "NotAction", span));
  out.set("resources", strings(member(raw, {"resource", "resources"}), "Resource", span));
  out.set("not_resources",
          strings(member(raw, {"notresource", "notresources"}), "NotResource", span));
  out.set("principals", principals(member(raw, {"principal", "principals"}), "Principal", span));
  out.set("not_principals",
          principals(member(raw, {"notprincipal", "notprincipals"}), "NotPrincipal", span));
  out.set("conditions", conditions(member(raw, {"condition", "conditions"}), span));
  return out;
}

// --- JSON text ------------------------------------------------------------

// A string that holds markers: the unknown it stands for, or a partial string.
Value restore(const std::string& text, const std::vector<Value>& unknowns, const Span& span) {
  std::vector<Value> parts;
  size_t at = 0;
  std::string reason;
  while (at < text.size()) {
    size_t start = text.find(kMarkerStart, at);
    size_t digits = start == std::string::npos ? start : start + kMarkerStart.size();
    size_t end = digits == std::string::npos ? digits : text.find(kMarkerEnd, digits);
    size_t index = unknowns.size();
    if (end != std::string::npos && end > digits) {
      index = 0;
      for (size_t i = digits; i < end && index < unknowns.size(); ++i)
        index = text[i] >= '0' && text[i] <= '9' ? index * 10 + static_cast<size_t>(text[i] - '0')
                                                 : unknowns.size();
    }
    if (index >= unknowns.size()) {
      parts.push_back(Value::string(text.substr(at), span, Provenance::Derived));
      break;
    }
    if (start > at)
      parts.push_back(Value::string(text.substr(at, start - at), span, Provenance::Derived));
    parts.push_back(unknowns[index]);
    if (reason.empty()) reason = unknowns[index].unknown_reason();
    at = end + kMarkerEnd.size();
  }
  if (parts.size() == 1) return parts[0];
  if (reason.empty()) return Value::string(text, span, Provenance::Derived);
  return Value::partial_string(std::move(parts), reason, span);
}

Value from_json(const nlohmann::json& json, const std::vector<Value>& unknowns, const Span& span,
                int depth) {
  if (depth > kMaxDepth) return Value::unknown("the policy is nested too deeply to analyse", span);
  switch (json.type()) {
    case nlohmann::json::value_t::object: {
      Value object = Value::object(span, Provenance::Derived);
      for (auto it = json.begin(); it != json.end(); ++it)
        object.set(it.key(), from_json(it.value(), unknowns, span, depth + 1));
      return object;
    }
    case nlohmann::json::value_t::array: {
      std::vector<Value> items;
      for (const auto& item : json) items.push_back(from_json(item, unknowns, span, depth + 1));
      return derived_list(std::move(items), span);
    }
    case nlohmann::json::value_t::string: {
      const auto& text = json.get_ref<const std::string&>();
      if (!unknowns.empty() && text.find(kMarkerStart) != std::string::npos)
        return restore(text, unknowns, span);
      return Value::string(text, span, Provenance::Derived);
    }
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

// The text of a document, with a marker where each unknown part stands:
// inside a JSON string as it is, elsewhere as a string of its own, so that
// `"Resource": "${aws_s3_bucket.b.arn}/*"` and `"Action": ${local.actions}`
// both parse.
std::string marked_text(const Value& raw, std::vector<Value>& unknowns) {
  if (raw.is_string()) return raw.as_string();
  std::string text;
  bool in_string = false;
  bool escaped = false;
  for (const Value& part : raw.string_parts()) {
    if (!part.is_string()) {
      std::string marker =
          std::string(kMarkerStart) + std::to_string(unknowns.size()) + std::string(kMarkerEnd);
      unknowns.push_back(part);
      text += in_string ? marker : "\"" + marker + "\"";
      continue;
    }
    for (char c : part.as_string()) {
      text += c;
      if (!in_string)
        in_string = c == '"';
      else if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    }
  }
  return text;
}

Value statements_of(const Value& raw, int depth, bool top);

// A document as text: parsed, then read as an object.
Value parse_document(const Value& raw, int depth) {
  std::vector<Value> unknowns;
  std::string text = marked_text(raw, unknowns);
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {
    std::string what = error.what();
    size_t bracket = what.find("] ");
    if (what.rfind("[json.exception", 0) == 0 && bracket != std::string::npos)
      what = what.substr(bracket + 2);
    return Value::unknown("the policy is not valid JSON: " + what, raw.span());
  }
  Value document = from_json(parsed, unknowns, raw.span(), 0);
  if (!document.is_object())
    return Value::unknown("the policy is " + document.describe() + ", not a JSON object",
                          raw.span());
  return statements_of(document, depth + 1, false);
}

void append(std::vector<Value>& out, const Value& statements) {
  if (statements.is_list())
    for (const Value& s : statements.items()) out.push_back(s);
  else
    out.push_back(statements);  // unknown: one element that says why
}

Value statements_of(const Value& raw, int depth, bool top) {
  const Span& span = raw.span();
  if (depth > kMaxDepth) return Value::unknown("the policy is nested too deeply to analyse", span);
  if (raw.is_string() || raw.is_partial_string()) return parse_document(raw, depth);
  if (raw.is_unknown()) return raw;
  if (raw.is_object()) {
    const Value* statement_field = member(raw, {"statement"});
    if (!statement_field) {
      if (!top) return Value::unknown("the policy has no Statement", span);
      return derived_list({statement(raw, 0, false)}, span);
    }
    if (statement_field->is_unknown()) return *statement_field;
    if (statement_field->is_object())
      return derived_list({statement(*statement_field, 0, false)}, span);
    if (!statement_field->is_list())
      return Value::unknown("the policy's Statement is " + statement_field->describe() +
                                ", not a statement or a list of them",
                            span);
    std::vector<Value> out;
    for (size_t i = 0; i < statement_field->items().size(); ++i)
      out.push_back(statement(statement_field->items()[i], i, false));
    return derived_list(std::move(out), span);
  }
  if (raw.is_list() && top) {
    // Statement blocks, documents (source_policy_documents), or both.
    std::vector<Value> out;
    size_t block = 0;
    for (const Value& item : raw.items()) {
      if (item.is_object() && !member(item, {"statement"}))
        out.push_back(statement(item, block++, true));
      else
        append(out, statements_of(item, depth + 1, false));
    }
    return derived_list(std::move(out), span);
  }
  return Value::unknown("the policy is " + raw.describe() + ", not a policy document", span);
}

}  // namespace

Value iam_statements(const Value& raw) {
  Value out = statements_of(raw, 0, true);
  out.set_origin(raw.origin());
  out.add_references_from(raw);
  return out;
}

}  // namespace bw::derive
