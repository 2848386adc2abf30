#include "frontends/terraform/function_support.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "frontends/terraform/value_ops.h"

namespace bw::frontends::terraform {

using ir::Value;

CallResult ok(Value value) {
  return {std::move(value), false};
}

CallResult error(const Call& call, const std::string& message) {
  return {Value::unknown(call.name + "(): " + message, call.span), true};
}

CallResult unknown_result(const Call& call) {
  std::vector<const Value*> inputs;
  for (const Value& arg : call.args) inputs.push_back(&arg);
  return {unknown_from(inputs, call.span), false};
}

CallResult over_limit(const Call& call, std::string_view limit, uint64_t amount) {
  std::string reason = ir::limit_reached(limit, amount) + ": the result of " + call.name + "()";
  CallResult result{Value::unknown(reason, call.span), false};
  result.limit = limit;
  result.amount = amount;
  for (const Value& arg : call.args) add_deep_references(result.value, arg);
  return result;
}

CallResult too_many_items(const Call& call) {
  return over_limit(call, "collection_items", call.limits.collection_items);
}

CallResult too_many_bytes(const Call& call) {
  return over_limit(call, "string_bytes", call.limits.string_bytes);
}

const char* type_name(const Value& value) {
  switch (value.type()) {
    case Value::Type::Null:
      return "null";
    case Value::Type::Bool:
      return "bool";
    case Value::Type::Number:
      return "number";
    case Value::Type::String:
      return "string";
    case Value::Type::List:
      return "list";
    case Value::Type::Object:
      return "object";
    case Value::Type::OneOf:
      break;  // unknown: its alternatives may differ in type
  }
  return "value";
}

bool canonical(const Value& value, std::string& out, size_t max, bool& over) {
  if (value.is_unknown()) return false;
  auto fits = [&](size_t more) {
    if (out.size() + more <= max) return true;
    over = true;
    return false;
  };
  switch (value.type()) {
    case Value::Type::Null:
      out += 'z';
      return true;
    case Value::Type::Bool:
      out += value.as_bool() ? "T" : "F";
      return true;
    case Value::Type::Number:
      out += 'n' + number_to_string(value.as_number()) + ';';
      return true;
    case Value::Type::String:
      if (!fits(value.as_string().size() + 24)) return false;
      out += 's' + std::to_string(value.as_string().size()) + ':' + value.as_string();
      return true;
    case Value::Type::List:
    case Value::Type::Object:
      out += value.is_list() ? "[" : "{";
      for (size_t i = 0; i < value.items().size(); ++i) {
        if (value.is_object()) {
          if (!fits(value.keys()[i].size() + 24)) return false;
          out += std::to_string(value.keys()[i].size()) + ':' + value.keys()[i];
        }
        if (!canonical(value.items()[i], out, max, over)) return false;
      }
      out += value.is_list() ? "]" : "}";
      return fits(0);
    case Value::Type::OneOf:
      break;  // unknown, handled above
  }
  return false;
}

std::optional<long long> integer(const Value& value) {
  std::optional<double> number = to_number(value);
  if (!number || std::floor(*number) != *number || std::fabs(*number) > 9e15) return std::nullopt;
  return static_cast<long long>(*number);
}

std::string json_quote(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '<':
        out += "\\u003c";
        break;  // as Terraform does, so the JSON is safe in HTML
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

bool json_encode(const Value& value, std::string& out, size_t max) {
  if (out.size() > max) return false;
  switch (value.type()) {
    case Value::Type::Null:
      out += "null";
      return true;
    case Value::Type::Bool:
      out += value.as_bool() ? "true" : "false";
      return true;
    case Value::Type::Number:
      out += number_to_string(value.as_number());
      return true;
    case Value::Type::String:
      // Quoting at most sextuples a byte (\u00XX).
      if (out.size() + value.as_string().size() > max) return false;
      out += json_quote(value.as_string());
      return out.size() <= max;
    case Value::Type::List:
      out += '[';
      for (size_t i = 0; i < value.items().size(); ++i) {
        if (i) out += ',';
        if (!json_encode(value.items()[i], out, max)) return false;
      }
      out += ']';
      return out.size() <= max;
    case Value::Type::Object: {
      // Terraform objects have no order of their own: keys come out sorted.
      std::vector<size_t> order(value.keys().size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(),
                [&](size_t a, size_t b) { return value.keys()[a] < value.keys()[b]; });
      out += '{';
      for (size_t i = 0; i < order.size(); ++i) {
        if (i) out += ',';
        if (out.size() + value.keys()[order[i]].size() > max) return false;
        out += json_quote(value.keys()[order[i]]) + ':';
        if (!json_encode(value.items()[order[i]], out, max)) return false;
      }
      out += '}';
      return out.size() <= max;
    }
    case Value::Type::OneOf:
      out += "null";  // callers encode known values only
      return true;
  }
  return true;
}

Strings strings(const Call& call, size_t count) {
  Strings result;
  for (size_t i = 0; i < count && i < call.args.size(); ++i) {
    std::optional<std::string> text = to_text(call.args[i]);
    if (!text) {
      result.ok = false;
      result.failure =
          error(call, std::string("argument must be a string, not ") + type_name(call.args[i]));
      return result;
    }
    result.values.push_back(std::move(*text));
  }
  return result;
}

}  // namespace bw::frontends::terraform
