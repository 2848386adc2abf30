// Terraform's list, set, number and remaining string functions that modules
// use: index, slice, chunklist, transpose, the set functions, pow, signum,
// parseint, sum, trim, strrev, urlencode, formatlist and jsondecode.

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>
#include <vector>

#include "frontends/terraform/function_support.h"
#include "frontends/terraform/value_ops.h"
#include "ir/utf8.h"

namespace bw::frontends::terraform {

using ir::Value;

// Terraform iterates a set of strings in byte order, of numbers in numeric
// order, of bools false first; other sets (of objects, lists, mixed) in an
// order blastwall does not reproduce: false then.
bool sort_as_set(std::vector<Value>& items) {
  if (items.size() <= 1) return true;
  bool strings = true, numbers = true, bools = true;
  for (const Value& item : items) {
    strings = strings && item.is_string();
    numbers = numbers && item.is_number();
    bools = bools && item.is_bool();
  }
  if (strings)
    std::sort(items.begin(), items.end(),
              [](const Value& a, const Value& b) { return a.as_string() < b.as_string(); });
  else if (numbers)
    std::sort(items.begin(), items.end(),
              [](const Value& a, const Value& b) { return a.as_number() < b.as_number(); });
  else if (bools)
    std::sort(items.begin(), items.end(),
              [](const Value& a, const Value& b) { return !a.as_bool() && b.as_bool(); });
  return strings || numbers || bools;
}

// Whether every character of `text` is its own grapheme cluster, as
// Terraform's length, substr and strrev count them: true for text below
// U+0300 without "\r\n" (which is one cluster).
bool simple_clusters(const std::string& text) {
  if (text.find("\r\n") != std::string::npos) return false;
  for (size_t i = 0; i < text.size();) {
    ir::Utf8Char c = ir::decode_utf8(text, i);
    if (!c.valid || c.code_point >= 0x300) return false;
    i += c.length;
  }
  return true;
}

namespace {

CallResult clusters_unknown(const Call& call) {
  return {Value::unknown(call.name + "() of text beyond U+0300 is not evaluated: Terraform counts "
                                     "grapheme clusters",
                         call.span),
          false};
}

// Set elements of one type (["a", 1] is ["1", "a"]), distinct and in set
// order; `unknown` when blastwall cannot tell.
struct SetItems {
  std::vector<Value> items;
  CallResult failure;
  bool ok = false;
};

SetItems set_items(Call& call, const std::vector<const Value*>& lists) {
  SetItems result;
  std::vector<const Value*> all;
  for (const Value* list : lists) {
    if (!list->is_list()) {
      result.failure = error(call, "arguments must be sets");
      return result;
    }
    for (const Value& item : list->items()) all.push_back(&item);
  }
  Unified unified = unify(all);
  if (unified == Unified::Fail) {
    result.failure = error(call, "given sets must all have compatible element types");
    return result;
  }
  if (unified == Unified::Unknown) {
    result.failure = {Value::unknown(call.name + "() of elements of different shapes is not "
                                                 "evaluated",
                                     call.span),
                      false};
    return result;
  }
  result.ok = true;
  for (const Value* item : all)
    result.items.push_back(unified == Unified::ToString ? as_unified_string(*item) : *item);
  return result;
}

std::string key_of(const Value& value) {
  std::string key;
  bool over = false;
  canonical(value, key, std::string::npos, over);
  return key;
}

std::vector<Value> distinct(const std::vector<Value>& items) {
  std::unordered_set<std::string> seen;
  std::vector<Value> out;
  for (const Value& item : items)
    if (seen.insert(key_of(item)).second) out.push_back(item);
  return out;
}

CallResult as_set(Call& call, std::vector<Value> items) {
  if (!items_fit(call, items.size())) return too_many_items(call);
  if (!sort_as_set(items))
    return {Value::unknown(call.name + "(): the order of this set is not known", call.span), false};
  return ok(Value::list(std::move(items)));
}

CallResult fn_setunion(Call& call) {
  std::vector<const Value*> lists;
  for (const Value& arg : call.args) lists.push_back(&arg);
  SetItems set = set_items(call, lists);
  if (!set.ok) return set.failure;
  return as_set(call, distinct(set.items));
}

CallResult intersect_or_subtract(Call& call, bool subtract) {
  std::vector<const Value*> lists;
  for (const Value& arg : call.args) lists.push_back(&arg);
  SetItems set = set_items(call, lists);
  if (!set.ok) return set.failure;
  // The converted items, argument by argument.
  std::vector<std::unordered_set<std::string>> keys;
  size_t at = 0;
  std::vector<Value> first;
  for (size_t a = 0; a < call.args.size(); ++a) {
    std::unordered_set<std::string> these;
    for (size_t i = 0; i < call.args[a].items().size(); ++i, ++at) {
      these.insert(key_of(set.items[at]));
      if (a == 0) first.push_back(set.items[at]);
    }
    keys.push_back(std::move(these));
  }
  std::vector<Value> out;
  for (const Value& item : distinct(first)) {
    std::string key = key_of(item);
    bool keep = true;
    for (size_t a = 1; a < keys.size(); ++a) {
      bool in = keys[a].count(key) != 0;
      if (subtract ? in : !in) keep = false;
    }
    if (keep) out.push_back(item);
  }
  return as_set(call, std::move(out));
}

CallResult fn_setintersection(Call& call) {
  return intersect_or_subtract(call, false);
}
CallResult fn_setsubtract(Call& call) {
  return intersect_or_subtract(call, true);
}

CallResult fn_setproduct(Call& call) {
  if (call.args.size() < 2) return error(call, "at least two arguments are required");
  std::vector<std::vector<Value>> sets;
  size_t count = 1;
  for (const Value& arg : call.args) {
    if (!arg.is_list()) return error(call, "arguments must be lists or sets");
    SetItems one = set_items(call, {&arg});
    if (!one.ok) return one.failure;
    sets.push_back(std::move(one.items));
    count = sets.back().empty() ? 0 : count * sets.back().size();
    if (!items_fit(call, count)) return too_many_items(call);
  }
  std::vector<Value> out;
  if (count == 0) return ok(Value::list({}));
  std::vector<size_t> index(sets.size(), 0);
  for (size_t n = 0; n < count; ++n) {
    std::vector<Value> tuple;
    for (size_t s = 0; s < sets.size(); ++s) tuple.push_back(sets[s][index[s]]);
    out.push_back(Value::list(std::move(tuple)));
    for (size_t s = sets.size(); s-- > 0;) {
      if (++index[s] < sets[s].size()) break;
      index[s] = 0;
    }
  }
  return ok(Value::list(std::move(out)));
}

CallResult fn_index(Call& call) {
  const Value& list = call.args[0];
  const Value& wanted = call.args[1];
  if (!list.is_list()) return error(call, "argument must be a list or tuple");
  // Terraform compares values as they are: index([1], "1") finds nothing.
  std::string key = key_of(wanted);
  for (size_t i = 0; i < list.items().size(); ++i)
    if (key_of(list.items()[i]) == key) return ok(Value::number(static_cast<double>(i)));
  return error(call, "item not found");
}

CallResult fn_slice(Call& call) {
  const Value& list = call.args[0];
  if (!list.is_list()) return error(call, "argument must be a list or tuple");
  std::optional<long long> start = integer(call.args[1]);
  std::optional<long long> end = integer(call.args[2]);
  if (!start || !end) return error(call, "indexes must be whole numbers");
  long long size = static_cast<long long>(list.items().size());
  if (*start < 0) return error(call, "start index must not be less than zero");
  if (*end > size) return error(call, "end index must not be greater than the length of the list");
  if (*start > *end) return error(call, "start index must not be greater than end index");
  return ok(
      Value::list(std::vector<Value>(list.items().begin() + *start, list.items().begin() + *end)));
}

CallResult fn_chunklist(Call& call) {
  const Value& list = call.args[0];
  if (!list.is_list()) return error(call, "argument must be a list");
  std::optional<long long> size = integer(call.args[1]);
  if (!size) return error(call, "the size argument must be a whole number");
  if (*size < 0) return error(call, "the size argument must be positive");
  std::vector<Value> chunks;
  const std::vector<Value>& items = list.items();
  size_t step = *size == 0 ? std::max<size_t>(items.size(), 1) : static_cast<size_t>(*size);
  for (size_t i = 0; i < items.size(); i += step)
    chunks.push_back(Value::list(
        std::vector<Value>(items.begin() + static_cast<long>(i),
                           items.begin() + static_cast<long>(std::min(items.size(), i + step)))));
  return ok(Value::list(std::move(chunks)));
}

CallResult fn_transpose(Call& call) {
  const Value& map = call.args[0];
  if (!map.is_object()) return error(call, "argument must be a map of lists of strings");
  std::vector<size_t> order(map.keys().size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return map.keys()[a] < map.keys()[b]; });
  std::vector<std::string> keys;
  std::vector<std::vector<Value>> lists;
  for (size_t i : order) {
    const Value& list = map.items()[i];
    if (!list.is_list()) return error(call, "argument must be a map of lists of strings");
    for (const Value& item : list.items()) {
      std::optional<std::string> text = to_text(item);
      if (!text || item.is_null()) return error(call, "lists must hold strings");
      auto found = std::find(keys.begin(), keys.end(), *text);
      if (found == keys.end()) {
        keys.push_back(*text);
        lists.emplace_back();
        found = keys.end() - 1;
      }
      lists[static_cast<size_t>(found - keys.begin())].push_back(Value::string(map.keys()[i]));
    }
  }
  ObjectBuilder out;
  for (size_t i = 0; i < keys.size(); ++i) out.set(keys[i], Value::list(std::move(lists[i])));
  return ok(out.build({}, ir::Provenance::Derived));
}

CallResult fn_pow(Call& call) {
  std::optional<double> base = to_number(call.args[0]);
  std::optional<double> exponent = to_number(call.args[1]);
  if (!base || !exponent) return error(call, "arguments must be numbers");
  double result = std::pow(*base, *exponent);
  if (std::isnan(result)) return error(call, "the result is not a number");
  // Terraform computes in arbitrary precision: only exact results here.
  if (std::floor(*exponent) != *exponent || std::fabs(result) > 9e15 ||
      (std::floor(result) != result && *exponent > 0))
    return {Value::unknown("pow() with an inexact result is not evaluated", call.span), false};
  if (*exponent < 0) {
    std::string text = number_to_string(result);
    if (text.size() > 12 || text.find('e') != std::string::npos)
      return {Value::unknown("pow() with an inexact result is not evaluated", call.span), false};
  }
  return ok(Value::number(result));
}

CallResult fn_signum(Call& call) {
  std::optional<double> number = to_number(call.args[0]);
  if (!number) return error(call, "argument must be a number");
  if (std::floor(*number) != *number) return error(call, "value must be a whole number");
  return ok(Value::number(*number > 0 ? 1 : *number < 0 ? -1 : 0));
}

// Go's big.Int SetString with a base: an optional sign, then digits of the
// base; letters are case-insensitive up to base 36, and from base 37 `a-z`
// are 10-35 and `A-Z` 36-61.
CallResult fn_parseint(Call& call) {
  std::optional<std::string> text = to_text(call.args[0]);
  if (!text || call.args[0].is_null()) return error(call, "number must be a string");
  std::optional<long long> base = integer(call.args[1]);
  if (!base || *base < 2 || *base > 62)
    return error(call, "base must be a whole number between 2 and 62 inclusive");
  std::string digits = *text;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.erase(0, 1);
  }
  if (digits.empty())
    return error(call,
                 "cannot parse \"" + *text + "\" as a base " + std::to_string(*base) + " integer");
  double value = 0;
  for (char c : digits) {
    int digit = -1;
    if (c >= '0' && c <= '9')
      digit = c - '0';
    else if (c >= 'a' && c <= 'z')
      digit = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z')
      digit = *base <= 36 ? c - 'A' + 10 : c - 'A' + 36;
    if (digit < 0 || digit >= *base)
      return error(
          call, "cannot parse \"" + *text + "\" as a base " + std::to_string(*base) + " integer");
    value = value * static_cast<double>(*base) + digit;
    if (value > 9007199254740992.0)
      return {Value::unknown("parseint(): a number past 2^53 is not exact here", call.span), false};
  }
  return ok(Value::number(negative ? -value : value));
}

CallResult fn_sum(Call& call) {
  const Value& list = call.args[0];
  if (!list.is_list()) return error(call, "argument must be a list or set of numbers");
  if (list.items().empty()) return error(call, "cannot sum an empty list");
  std::vector<double> numbers;
  for (const Value& item : list.items()) {
    if (item.is_null()) return error(call, "argument must be list, set, or tuple of number values");
    std::optional<double> number = to_number(item);
    if (!number) return error(call, "argument must be list, set, or tuple of number values");
    numbers.push_back(*number);
  }
  std::optional<double> total = exact_sum(numbers);
  if (!total)
    return {Value::unknown("sum() with an inexact result is not evaluated", call.span), false};
  return ok(Value::number(*total));
}

// Go's strings.Trim: drops every leading and trailing character in `cutset`.
CallResult fn_trim(Call& call) {
  Strings args = strings(call, 2);
  if (!args.ok) return args.failure;
  const std::string& text = args.values[0];
  const std::string& cutset = args.values[1];
  std::vector<char32_t> cut;
  for (size_t i = 0; i < cutset.size();) {
    ir::Utf8Char c = ir::decode_utf8(cutset, i);
    cut.push_back(c.code_point);
    i += c.length;
  }
  auto in_cut = [&](char32_t c) { return std::find(cut.begin(), cut.end(), c) != cut.end(); };
  std::vector<std::pair<size_t, ir::Utf8Char>> chars;
  for (size_t i = 0; i < text.size();) {
    ir::Utf8Char c = ir::decode_utf8(text, i);
    chars.push_back({i, c});
    i += c.length;
  }
  size_t begin = 0, end = chars.size();
  while (begin < end && in_cut(chars[begin].second.code_point)) ++begin;
  while (end > begin && in_cut(chars[end - 1].second.code_point)) --end;
  if (begin == end) return ok(Value::string(""));
  size_t from = chars[begin].first;
  size_t to = chars[end - 1].first + chars[end - 1].second.length;
  return ok(Value::string(text.substr(from, to - from)));
}

CallResult fn_strrev(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  const std::string& text = args.values[0];
  if (!simple_clusters(text)) return clusters_unknown(call);
  std::vector<std::string> chars;
  for (size_t i = 0; i < text.size();) {
    size_t length = ir::decode_utf8(text, i).length;
    chars.push_back(text.substr(i, length));
    i += length;
  }
  std::string out;
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
  return ok(Value::string(out));
}

// Go's url.QueryEscape: letters, digits and `-_.~` stay, a space is `+`,
// every other byte %XX.
CallResult fn_urlencode(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : args.values[0]) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
    if (!bytes_fit(call, out.size())) return too_many_bytes(call);
  }
  return ok(Value::string(out));
}

// format() once per element: list arguments go element by element (all of
// one length), other arguments are repeated.
CallResult fn_formatlist(Call& call) {
  size_t length = 1;
  bool any_list = false;
  for (size_t a = 1; a < call.args.size(); ++a) {
    if (!call.args[a].is_list()) continue;
    size_t size = call.args[a].items().size();
    if (any_list && size != length)
      return error(call, "argument " + std::to_string(a) + " has length " + std::to_string(size) +
                             ", which is inconsistent with an earlier list");
    length = size;
    any_list = true;
  }
  if (!items_fit(call, length)) return too_many_items(call);
  std::vector<Value> out;
  for (size_t i = 0; i < length; ++i) {
    std::vector<Value> args{call.args[0]};
    for (size_t a = 1; a < call.args.size(); ++a)
      args.push_back(call.args[a].is_list() ? call.args[a].items()[i] : call.args[a]);
    CallResult one = call_function("format", std::move(args), call.span, call.limits);
    if (one.failed || !one.limit.empty() || one.value.is_unknown()) return one;
    out.push_back(std::move(one.value));
  }
  return ok(Value::list(std::move(out)));
}

// JSON to a value; nullopt for a number a double does not hold exactly.
std::optional<Value> from_json(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::null:
      return Value::null();
    case nlohmann::json::value_t::boolean:
      return Value::boolean(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: {
      double number = json.get<double>();
      if (std::fabs(number) > 9007199254740992.0) return std::nullopt;
      return Value::number(number);
    }
    case nlohmann::json::value_t::number_float: {
      double number = json.get<double>();
      if (!std::isfinite(number)) return std::nullopt;
      return Value::number(number);
    }
    case nlohmann::json::value_t::string:
      return Value::string(json.get<std::string>());
    case nlohmann::json::value_t::array: {
      std::vector<Value> items;
      for (const nlohmann::json& item : json) {
        std::optional<Value> value = from_json(item);
        if (!value) return std::nullopt;
        items.push_back(std::move(*value));
      }
      return Value::list(std::move(items));
    }
    case nlohmann::json::value_t::object: {
      ObjectBuilder object;
      for (auto it = json.begin(); it != json.end(); ++it) {
        std::optional<Value> value = from_json(it.value());
        if (!value) return std::nullopt;
        object.set(it.key(), std::move(*value));
      }
      return object.build({}, ir::Provenance::Derived);
    }
    default:
      return std::nullopt;
  }
}

// Whether a number written in JSON `text` has more significant digits than
// a double keeps (15): Terraform keeps them all.
bool has_long_number(const std::string& text) {
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (!(c == '-' || (c >= '0' && c <= '9'))) continue;
    size_t digits = 0;
    bool leading = true;
    for (; i < text.size() &&
           std::string_view("0123456789.-+").find(text[i]) != std::string_view::npos;
         ++i) {
      if (text[i] >= '1' && text[i] <= '9') leading = false;
      if (text[i] >= '0' && text[i] <= '9' && !leading) ++digits;
    }
    if (digits > 15) return true;
    while (i < text.size() &&
           std::string_view("0123456789eE+-").find(text[i]) != std::string_view::npos)
      ++i;
    --i;
  }
  return false;
}

CallResult fn_jsondecode(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  const std::string& text = args.values[0];
  if (!bytes_fit(call, text.size())) return too_many_bytes(call);
  // A number a double does not hold (1e400, an integer past 2^53) stays
  // unknown; a later duplicate key wins, as in Terraform.
  bool inexact = false;
  auto check = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (depth > 200) inexact = true;
    if (event == nlohmann::json::parse_event_t::value && parsed.is_number_float()) {
      double number = parsed.get<double>();
      if (!std::isfinite(number)) inexact = true;
    }
    return true;
  };
  nlohmann::json parsed = nlohmann::json::parse(text, check, false);
  if (parsed.is_discarded()) return error(call, "the text is not valid JSON");
  if (has_long_number(text)) inexact = true;
  if (inexact)
    return {
        Value::unknown("jsondecode(): a number not held exactly, or nesting too deep", call.span),
        false};
  std::optional<Value> value = from_json(parsed);
  if (!value) return {Value::unknown("jsondecode(): a number not held exactly", call.span), false};
  return ok(std::move(*value));
}

// Go's path.Clean, as filepath.Clean does it on Linux: one slash between
// names, no `.`, each `..` removing the name before it, "." for nothing.
std::string clean_path(std::string_view path) {
  if (path.empty()) return ".";
  bool rooted = path.front() == '/';
  std::vector<std::string_view> names;
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view name = path.substr(i, slash - i);
    i = slash + 1;
    if (name.empty() || name == ".") continue;
    if (name == "..") {
      if (!names.empty() && names.back() != "..")
        names.pop_back();
      else if (!rooted)
        names.push_back(name);
      continue;
    }
    names.push_back(name);
  }
  std::string out = rooted ? "/" : "";
  for (size_t n = 0; n < names.size(); ++n) {
    if (n) out += '/';
    out += names[n];
  }
  return out.empty() ? "." : out;
}

// filepath.Base: the last name, trailing slashes ignored.
CallResult fn_basename(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::string_view path = args.values[0];
  if (path.empty()) return ok(Value::string("."));
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path == "/") return ok(Value::string("/"));
  size_t slash = path.rfind('/');
  return ok(
      Value::string(std::string(slash == std::string_view::npos ? path : path.substr(slash + 1))));
}

// filepath.Dir: everything before the last slash, cleaned.
CallResult fn_dirname(Call& call) {
  Strings args = strings(call, 1);
  if (!args.ok) return args.failure;
  std::string_view path = args.values[0];
  size_t slash = path.rfind('/');
  std::string_view directory = slash == std::string_view::npos ? "" : path.substr(0, slash + 1);
  return ok(Value::string(clean_path(directory)));
}

}  // namespace

void add_list_functions(FunctionTable& table) {
  table.insert({
      {"setunion", {fn_setunion, 1, kManyArgs, true}},
      {"setintersection", {fn_setintersection, 1, kManyArgs, true}},
      {"setsubtract", {fn_setsubtract, 2, 2, true}},
      {"setproduct", {fn_setproduct, 0, kManyArgs, true}},
      {"index", {fn_index, 2, 2, true}},
      {"slice", {fn_slice, 3, 3, true}},
      {"chunklist", {fn_chunklist, 2, 2, true}},
      {"transpose", {fn_transpose, 1, 1, true}},
      {"pow", {fn_pow, 2, 2, true}},
      {"signum", {fn_signum, 1, 1, true}},
      {"parseint", {fn_parseint, 2, 2, true}},
      {"sum", {fn_sum, 1, 1, true}},
      {"trim", {fn_trim, 2, 2, true}},
      {"strrev", {fn_strrev, 1, 1, true}},
      {"urlencode", {fn_urlencode, 1, 1, true}},
      {"formatlist", {fn_formatlist, 1, kManyArgs, true}},
      {"jsondecode", {fn_jsondecode, 1, 1, true}},
      {"basename", {fn_basename, 1, 1, true}},
      {"dirname", {fn_dirname, 1, 1, true}},
  });
}

}  // namespace bw::frontends::terraform
