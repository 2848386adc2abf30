#pragma once
// What the built-in functions share: the call being made, how results and
// errors are made, Terraform's text forms of values, and the table each
// group of functions registers itself in.

#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontends/terraform/functions.h"

namespace bw::frontends::terraform {

// One call being evaluated: the function's name, its evaluated arguments,
// and the span of the call for the result.
struct Call {
  const std::string& name;
  std::vector<ir::Value>& args;
  const ir::Span& span;
  const ir::Limits& limits;
};

using FunctionImpl = CallResult (*)(Call&);

// How a function is called: its implementation and how many arguments it takes.
struct Signature {
  FunctionImpl impl;
  size_t min_args;
  size_t max_args;
  // Whether an unknown argument makes the result unknown before `impl` runs;
  // functions that can do better look at their arguments themselves.
  bool needs_known_args;
};

using FunctionTable = std::unordered_map<std::string, Signature>;
inline constexpr size_t kManyArgs = std::numeric_limits<size_t>::max();

void add_string_functions(FunctionTable& table);
void add_collection_functions(FunctionTable& table);
void add_regex_functions(FunctionTable& table);
void add_list_functions(FunctionTable& table);

// Sorts a set's elements into the order Terraform iterates them; false
// when that order is not known here (sets of objects, lists, mixed types).
bool sort_as_set(std::vector<ir::Value>& items);
// Whether each character of `text` is a grapheme cluster of its own.
bool simple_clusters(const std::string& text);
void add_network_functions(FunctionTable& table);

// replace() with a /pattern/: Go's ReplaceAllString over RE2 (regex_functions.cc).
CallResult regex_replace(Call& call, const std::string& text, const std::string& pattern,
                         const std::string& replacement);

CallResult ok(ir::Value value);
// A call Terraform would reject; the message is prefixed with the function.
CallResult error(const Call& call, const std::string& message);
// Unknown because an argument is, carrying every argument's references.
CallResult unknown_result(const Call& call);
// A result that would need more than the limit `limit` (its name in
// ir/limits.h) allows, refused before it is built.
CallResult over_limit(const Call& call, std::string_view limit, uint64_t amount);
// Whether a result of `items` list elements, or of `bytes` bytes, fits.
inline bool items_fit(const Call& call, size_t items) {
  return items <= call.limits.collection_items;
}
inline bool bytes_fit(const Call& call, size_t bytes) {
  return bytes <= call.limits.string_bytes;
}
CallResult too_many_items(const Call& call);
CallResult too_many_bytes(const Call& call);

const char* type_name(const ir::Value& value);
std::optional<long long> integer(const ir::Value& value);

// The first `count` arguments as strings; `ok` is false, with `failure`
// set, when one of them is not a string.
struct Strings {
  std::vector<std::string> values;
  bool ok = true;
  CallResult failure;
};
Strings strings(const Call& call, size_t count);

// A text form that is equal exactly when the values are; false for values
// with something unknown inside. Lets distinct and toset run in linear time.
// `over` is set, and false returned, when the text would pass `max` bytes
// (checked before each piece is appended).
bool canonical(const ir::Value& value, std::string& out, size_t max, bool& over);

std::string json_quote(const std::string& text);
// JSON as Terraform's jsonencode writes it (object keys sorted); false, with
// `out` incomplete, when it would pass `max` bytes (checked before each piece).
bool json_encode(const ir::Value& value, std::string& out, size_t max);

}  // namespace bw::frontends::terraform
