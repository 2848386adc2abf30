#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "frontends/terraform/function_support.h"
#include "frontends/terraform/value_ops.h"
#include "ir/utf8.h"

namespace bw::frontends::terraform {

namespace {

using ir::Value;

// --- conversions -----------------------------------------------------------

CallResult fn_tostring(Call& call) {
  const Value& arg = call.args[0];
  if (arg.is_null()) return ok(Value::null());
  std::optional<std::string> text = to_text(arg);
  if (!text) return error(call, std::string("cannot convert a ") + type_name(arg) + " to a string");
  return ok(Value::string(*text));
}

CallResult fn_tonumber(Call& call) {
  const Value& arg = call.args[0];
  if (arg.is_null()) return ok(Value::null());
  std::optional<double> number = to_number(arg);
  if (!number) return error(call, "cannot convert " + arg.describe() + " to a number");
  return ok(Value::number(*number));
}

CallResult fn_tobool(Call& call) {
  const Value& arg = call.args[0];
  if (arg.is_null()) return ok(Value::null());
  std::optional<bool> b = to_bool(arg);
  if (!b) return error(call, "cannot convert " + arg.describe() + " to a bool");
  return ok(Value::boolean(*b));
}

CallResult distinct_list(Call& call, const Value& list, bool sort_strings) {
  std::vector<Value> items;
  std::unordered_set<std::string> seen;
  bool all_strings = true;
  // The keys' text is bounded as one string would be: a list of many copies
  // of one long string would otherwise copy it for each.
  size_t budget = call.limits.string_bytes;
  for (const Value& item : list.items()) {
    std::string key;
    bool over = false;
    if (!canonical(item, key, budget, over))
      return over ? too_many_bytes(call) : unknown_result(call);
    budget -= key.size();
    if (!seen.insert(std::move(key)).second) continue;
    all_strings = all_strings && item.is_string();
    items.push_back(item);
  }
  (void)all_strings;
  // A set iterates in Terraform's order (strings lexical, numbers ascending).
  if (sort_strings && !sort_as_set(items))
    return {Value::unknown("toset(): the order of this set's elements is not known", call.span),
            false};
  return ok(Value::list(std::move(items)));
}

// The items of a list, set or map made of `collection`: of one type, as
// Terraform converts them (["a", 1] is ["a", "1"]); `failed` when they have
// none, unknown when blastwall cannot tell which.
CallResult of_one_type(Call& call, const Value& collection, const char* kind) {
  std::vector<const Value*> items;
  for (const Value& item : collection.items()) items.push_back(&item);
  switch (unify(items)) {
    case Unified::Same:
      return ok(collection);
    case Unified::ToString: {
      Value converted = collection;
      for (Value& item : converted.items()) item = as_unified_string(item);
      return ok(converted);
    }
    case Unified::Fail:
      return error(call, std::string("cannot convert to a ") + kind + " of any single type");
    case Unified::Unknown:
      break;
  }
  if (first_unknown(collection)) return unknown_result(call);
  return {
      Value::unknown(call.name + "() of elements of different shapes is not evaluated", call.span),
      false};
}

CallResult fn_tolist(Call& call) {
  const Value& arg = call.args[0];
  if (arg.is_null()) return ok(Value::null());
  if (!arg.is_list())
    return error(call, std::string("cannot convert a ") + type_name(arg) + " to a list");
  return of_one_type(call, arg, "list");
}

CallResult fn_toset(Call& call) {
  const Value& arg = call.args[0];
  if (arg.is_null()) return ok(Value::null());
  if (!arg.is_list())
    return error(call, std::string("cannot convert a ") + type_name(arg) + " to a set");
  CallResult converted = of_one_type(call, arg, "set");
  if (converted.failed || converted.value.is_unknown()) return converted;
  return distinct_list(call, converted.value, true);
}

CallResult fn_tomap(Call& call) {
  const Value& arg = call.args[0];
  if (arg.is_null()) return ok(Value::null());
  if (!arg.is_object())
    return error(call, std::string("cannot convert a ") + type_name(arg) + " to a map");
  return of_one_type(call, arg, "map");
}

CallResult fn_identity(Call& call) {
  return ok(call.args[0]);
}

CallResult fn_jsonencode(Call& call) {
  if (first_unknown(call.args[0])) return unknown_result(call);
  std::string out;
  if (!json_encode(call.args[0], out, call.limits.string_bytes)) return too_many_bytes(call);
  return ok(Value::string(out));
}

// --- collections -----------------------------------------------------------

CallResult fn_length(Call& call) {
  const Value& arg = call.args[0];
  if (arg.is_string()) {
    if (!simple_clusters(arg.as_string()))
      return {Value::unknown("length() of text beyond U+0300 is not evaluated: Terraform counts "
                             "grapheme clusters",
                             call.span),
              false};
    return ok(Value::number(static_cast<double>(ir::utf8_length(arg.as_string()))));
  }
  if (is_collection(arg)) return ok(Value::number(static_cast<double>(arg.items().size())));
  return error(call, std::string("cannot take the length of a ") + type_name(arg));
}

CallResult fn_concat(Call& call) {
  if (call.args.empty()) return error(call, "at least one argument is required");
  size_t count = 0;
  for (const Value& arg : call.args) {
    if (!arg.is_list())
      return error(call, std::string("arguments must be lists, not ") + type_name(arg));
    count += arg.items().size();
  }
  if (!items_fit(call, count)) return too_many_items(call);
  std::vector<Value> items;
  items.reserve(count);
  for (const Value& arg : call.args)
    items.insert(items.end(), arg.items().begin(), arg.items().end());
  return ok(Value::list(std::move(items)));
}

CallResult fn_merge(Call& call) {
  ObjectBuilder merged;
  for (const Value& arg : call.args) {
    if (arg.is_null()) continue;
    if (!arg.is_object())
      return error(call, std::string("arguments must be maps or objects, not ") + type_name(arg));
    for (size_t i = 0; i < arg.keys().size(); ++i) merged.set(arg.keys()[i], arg.items()[i]);
    if (merged.size() > kMaxObjectKeys) return over_limit(call, "collection_items", kMaxObjectKeys);
  }
  return ok(merged.build(call.span, ir::Provenance::Derived));
}

CallResult fn_lookup(Call& call) {
  const Value& map = call.args[0];
  const Value& key = call.args[1];
  if (map.is_unknown() || key.is_unknown()) return unknown_result(call);
  if (!map.is_object())
    return error(call, std::string("first argument must be a map, not ") + type_name(map));
  std::optional<std::string> name = to_text(key);
  if (!name) return error(call, "key must be a string");
  if (const Value* found = map.get(*name)) return ok(*found);
  if (call.args.size() == 3) return ok(call.args[2]);
  return error(call, "key \"" + *name + "\" not found and no default given");
}

CallResult fn_coalesce(Call& call) {
  // Terraform gives the arguments one type first: coalesce(1, "a") is "1".
  std::vector<const Value*> all;
  for (const Value& arg : call.args) all.push_back(&arg);
  Unified unified = unify(all);
  if (unified == Unified::Fail) return error(call, "all arguments must have the same type");
  for (const Value& arg : call.args) {
    if (arg.is_unknown()) return unknown_result(call);
    if (arg.is_null() || (arg.is_string() && arg.as_string().empty())) continue;
    if (unified == Unified::ToString) return ok(as_unified_string(arg));
    // A string stays what it is whatever type an unknown argument has.
    if (unified == Unified::Unknown && arg.is_string()) return ok(arg);
    if (unified == Unified::Unknown)
      return {
          Value::unknown("coalesce() of arguments of different shapes is not evaluated", call.span),
          false};
    return ok(arg);
  }
  return error(call, "no argument is non-null and non-empty");
}

CallResult fn_coalescelist(Call& call) {
  for (const Value& arg : call.args) {
    if (arg.is_unknown()) return unknown_result(call);
    if (!arg.is_list()) return error(call, "arguments must be lists");
    if (!arg.items().empty()) return ok(arg);
  }
  return error(call, "no non-null arguments");
}

CallResult fn_contains(Call& call) {
  const Value& list = call.args[0];
  const Value& wanted = call.args[1];
  if (list.is_unknown() || first_unknown(wanted)) return unknown_result(call);
  if (!list.is_list()) return error(call, "argument must be list, tuple, or set");
  if (wanted.is_null()) return error(call, "argument must not be null");
  bool saw_unknown = false;
  for (const Value& item : list.items()) {
    if (first_unknown(item))
      saw_unknown = true;
    else if (item.same_as(wanted))
      return ok(Value::boolean(true));
  }
  if (saw_unknown) return unknown_result(call);
  return ok(Value::boolean(false));
}

CallResult numbers_of(Call& call, std::vector<double>& numbers) {
  for (const Value& arg : call.args) {
    std::optional<double> number = to_number(arg);
    if (!number)
      return error(call, std::string("arguments must be numbers, not ") + type_name(arg));
    numbers.push_back(*number);
  }
  if (numbers.empty()) return error(call, "needs at least one number");
  return {};
}

CallResult fn_min(Call& call) {
  std::vector<double> numbers;
  if (CallResult e = numbers_of(call, numbers); e.failed) return e;
  return ok(Value::number(*std::min_element(numbers.begin(), numbers.end())));
}

CallResult fn_max(Call& call) {
  std::vector<double> numbers;
  if (CallResult e = numbers_of(call, numbers); e.failed) return e;
  return ok(Value::number(*std::max_element(numbers.begin(), numbers.end())));
}

CallResult fn_abs(Call& call) {
  std::optional<double> number = to_number(call.args[0]);
  if (!number) return error(call, "argument must be a number");
  return ok(Value::number(std::fabs(*number)));
}

CallResult fn_ceil(Call& call) {
  std::optional<double> number = to_number(call.args[0]);
  if (!number) return error(call, "argument must be a number");
  return ok(Value::number(std::ceil(*number)));
}

CallResult fn_floor(Call& call) {
  std::optional<double> number = to_number(call.args[0]);
  if (!number) return error(call, "argument must be a number");
  return ok(Value::number(std::floor(*number)));
}

std::vector<size_t> sorted_key_order(const Value& object) {
  std::vector<size_t> order(object.keys().size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return object.keys()[a] < object.keys()[b]; });
  return order;
}

CallResult fn_keys(Call& call) {
  const Value& object = call.args[0];
  if (!object.is_object()) return error(call, "argument must be a map or object");
  std::vector<Value> keys;
  for (size_t i : sorted_key_order(object)) keys.push_back(Value::string(object.keys()[i]));
  return ok(Value::list(std::move(keys)));
}

CallResult fn_values(Call& call) {
  const Value& object = call.args[0];
  if (!object.is_object()) return error(call, "argument must be a map or object");
  std::vector<Value> values;
  for (size_t i : sorted_key_order(object)) values.push_back(object.items()[i]);
  return ok(Value::list(std::move(values)));
}

CallResult fn_element(Call& call) {
  const Value& list = call.args[0];
  std::optional<long long> index = integer(call.args[1]);
  if (!list.is_list()) return error(call, "first argument must be a list");
  if (!index || *index < 0) return error(call, "index must be a non-negative whole number");
  if (list.items().empty()) return error(call, "cannot take an element of an empty list");
  return ok(list.items()[static_cast<size_t>(*index) % list.items().size()]);
}

CallResult fn_one(Call& call) {
  const Value& list = call.args[0];
  if (!list.is_list()) return error(call, "argument must be a list or set");
  if (list.items().empty()) return ok(Value::null());
  if (list.items().size() == 1) return ok(list.items()[0]);
  return error(call, "list has more than one element");
}

CallResult fn_compact(Call& call) {
  const Value& list = call.args[0];
  if (!list.is_list()) return error(call, "argument must be a list");
  std::vector<Value> items;
  for (const Value& item : list.items()) {
    if (item.is_unknown()) return unknown_result(call);
    if (item.is_null() || (item.is_string() && item.as_string().empty())) continue;
    // A list of strings: numbers and bools become their text.
    if (item.is_list() || item.is_object()) return error(call, "elements must be strings");
    items.push_back(as_unified_string(item));
  }
  return ok(Value::list(std::move(items)));
}

CallResult fn_distinct(Call& call) {
  if (!call.args[0].is_list()) return error(call, "argument must be a list");
  // A list first: its elements of one type (distinct([1, "1"]) is ["1"]).
  CallResult converted = of_one_type(call, call.args[0], "list");
  if (converted.failed || converted.value.is_unknown()) return converted;
  return distinct_list(call, converted.value, false);
}

// Flattens into `out`; false when an item is unknown or the result would
// hold more than `limit` items (`over` then says so), checked before each.
bool flatten_into(const Value& list, std::vector<Value>& out, size_t limit, bool& over) {
  for (const Value& item : list.items()) {
    if (item.is_unknown()) return false;
    if (item.is_list()) {
      if (!flatten_into(item, out, limit, over)) return false;
    } else {
      if (out.size() >= limit) {
        over = true;
        return false;
      }
      out.push_back(item);
    }
  }
  return true;
}

CallResult fn_flatten(Call& call) {
  if (!call.args[0].is_list()) return error(call, "argument must be a list");
  std::vector<Value> items;
  bool over = false;
  if (!flatten_into(call.args[0], items, call.limits.collection_items, over))
    return over ? too_many_items(call) : unknown_result(call);
  return ok(Value::list(std::move(items)));
}

CallResult fn_reverse(Call& call) {
  if (!call.args[0].is_list()) return error(call, "argument must be a list");
  std::vector<Value> items(call.args[0].items().rbegin(), call.args[0].items().rend());
  return ok(Value::list(std::move(items)));
}

CallResult fn_sort(Call& call) {
  if (!call.args[0].is_list()) return error(call, "argument must be a list");
  std::vector<Value> items;
  for (const Value& item : call.args[0].items()) {
    if (item.is_unknown()) return unknown_result(call);
    if (item.is_string()) {  // shared, not copied
      items.push_back(item);
      continue;
    }
    std::optional<std::string> text = to_text(item);
    if (!text) return error(call, "elements must be strings");
    items.push_back(Value::string(*text, item.span(), item.provenance()));
  }
  std::sort(items.begin(), items.end(),
            [](const Value& a, const Value& b) { return a.as_string() < b.as_string(); });
  return ok(Value::list(std::move(items)));
}

CallResult fn_zipmap(Call& call) {
  const Value& keys = call.args[0];
  const Value& values = call.args[1];
  if (!keys.is_list() || !values.is_list()) return error(call, "arguments must be lists");
  if (keys.items().size() != values.items().size())
    return error(call, "the lists must have the same length");
  ObjectBuilder object;
  for (size_t i = 0; i < keys.items().size(); ++i) {
    if (keys.items()[i].is_unknown()) return unknown_result(call);
    std::optional<std::string> key = to_text(keys.items()[i]);
    if (!key) return error(call, "keys must be strings");
    object.set(*key, values.items()[i]);
    if (object.size() > kMaxObjectKeys) return over_limit(call, "collection_items", kMaxObjectKeys);
  }
  return ok(object.build(call.span, ir::Provenance::Derived));
}

CallResult fn_range(Call& call) {
  std::vector<double> numbers;
  if (CallResult e = numbers_of(call, numbers); e.failed) return e;
  double start = numbers.size() >= 2 ? numbers[0] : 0;
  double limit = numbers.size() >= 2 ? numbers[1] : numbers[0];
  double step = numbers.size() == 3 ? numbers[2] : (limit >= start ? 1 : -1);
  if (step == 0 || !std::isfinite(start) || !std::isfinite(limit) || !std::isfinite(step))
    return error(call, "step must not be zero");
  if (step < 0 && limit > start)
    return error(call, "end must be less than start when step is negative");
  if (step > 0 && limit < start)
    return error(call, "end must be greater than start when step is positive");
  std::vector<Value> items;
  for (double n = start; step > 0 ? n < limit : n > limit; n += step) {
    if (items.size() >= 1024) return error(call, "more than 1024 elements");
    items.push_back(Value::number(n));
  }
  return ok(Value::list(std::move(items)));
}

CallResult all_or_any(Call& call, bool all) {
  if (!call.args[0].is_list()) return error(call, "argument must be a list");
  bool saw_unknown = false;
  for (const Value& item : call.args[0].items()) {
    if (item.is_unknown()) {
      saw_unknown = true;
      continue;
    }
    // A null element counts as false, as in Terraform.
    std::optional<bool> b = item.is_null() ? std::optional<bool>(false) : to_bool(item);
    if (!b) return error(call, "elements must be bools");
    if (*b != all) return ok(Value::boolean(!all));
  }
  if (saw_unknown) return unknown_result(call);
  return ok(Value::boolean(all));
}

CallResult fn_alltrue(Call& call) {
  return all_or_any(call, true);
}
CallResult fn_anytrue(Call& call) {
  return all_or_any(call, false);
}

}  // namespace

void add_collection_functions(FunctionTable& table) {
  table.insert({
      {"tostring", {fn_tostring, 1, 1, true}},
      {"tonumber", {fn_tonumber, 1, 1, true}},
      {"tobool", {fn_tobool, 1, 1, true}},
      {"tolist", {fn_tolist, 1, 1, true}},
      {"toset", {fn_toset, 1, 1, true}},
      {"tomap", {fn_tomap, 1, 1, true}},
      {"sensitive", {fn_identity, 1, 1, false}},
      {"nonsensitive", {fn_identity, 1, 1, false}},
      {"jsonencode", {fn_jsonencode, 1, 1, true}},
      {"length", {fn_length, 1, 1, true}},
      {"concat", {fn_concat, 0, kManyArgs, true}},
      {"merge", {fn_merge, 0, kManyArgs, true}},
      {"lookup", {fn_lookup, 2, 3, false}},
      {"coalesce", {fn_coalesce, 1, kManyArgs, false}},
      {"coalescelist", {fn_coalescelist, 1, kManyArgs, false}},
      {"contains", {fn_contains, 2, 2, false}},
      {"min", {fn_min, 1, kManyArgs, true}},
      {"max", {fn_max, 1, kManyArgs, true}},
      {"abs", {fn_abs, 1, 1, true}},
      {"ceil", {fn_ceil, 1, 1, true}},
      {"floor", {fn_floor, 1, 1, true}},
      {"keys", {fn_keys, 1, 1, true}},
      {"values", {fn_values, 1, 1, true}},
      {"element", {fn_element, 2, 2, true}},
      {"one", {fn_one, 1, 1, true}},
      {"compact", {fn_compact, 1, 1, true}},
      {"distinct", {fn_distinct, 1, 1, true}},
      {"flatten", {fn_flatten, 1, 1, true}},
      {"reverse", {fn_reverse, 1, 1, true}},
      {"sort", {fn_sort, 1, 1, true}},
      {"zipmap", {fn_zipmap, 2, 2, true}},
      {"range", {fn_range, 1, 3, true}},
      {"alltrue", {fn_alltrue, 1, 1, true}},
      {"anytrue", {fn_anytrue, 1, 1, true}},
  });
}

}  // namespace bw::frontends::terraform
