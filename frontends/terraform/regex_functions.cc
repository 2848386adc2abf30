// regex(), regexall() and replace() with a /pattern/, with the semantics of
// Go's regexp package that Terraform uses: RE2 syntax, leftmost-first
// matching, successive non-overlapping matches where an empty match right
// after a previous match does not count, and Go's `$1`/`${name}` expansion.

#include <re2/re2.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frontends/terraform/function_support.h"
#include "frontends/terraform/value_ops.h"
#include "ir/utf8.h"

namespace bw::frontends::terraform {

namespace {

using ir::Value;

// A compiled pattern, or why it is not one.
struct Pattern {
  std::unique_ptr<RE2> re;
  std::string error;
  // Capture group names by index (1-based; "" for an unnamed group).
  std::vector<std::string> names;
  size_t named = 0;
  size_t unnamed = 0;
};

Pattern compile(const std::string& pattern) {
  Pattern result;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(RE2::Options::EncodingUTF8);
  // \C matches one byte in RE2 and is refused by Go: never let it differ.
  for (size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] != '\\') continue;
    if (pattern[i + 1] == 'C') {
      result.error = "\\C is not supported";
      return result;
    }
    ++i;
  }
  result.re = std::make_unique<RE2>(pattern, options);
  if (!result.re->ok()) {
    result.error = result.re->error();
    result.re.reset();
    return result;
  }
  int groups = result.re->NumberOfCapturingGroups();
  result.names.assign(static_cast<size_t>(groups) + 1, "");
  for (const auto& [name, index] : result.re->NamedCapturingGroups())
    result.names[static_cast<size_t>(index)] = name;
  for (size_t i = 1; i < result.names.size(); ++i)
    (result.names[i].empty() ? result.unnamed : result.named) += 1;
  return result;
}

// One match: the whole match and every group; a group that took no part in
// the match has data() == nullptr.
using Match = std::vector<re2::StringPiece>;

std::string text_of(const re2::StringPiece& piece) {
  return std::string(piece.data(), piece.size());
}

// Go's allMatches: successive non-overlapping matches, an empty match right
// after a previous match ignored. Stops once `max` matches are found.
std::vector<Match> all_matches(const RE2& re, std::string_view text, size_t max) {
  std::vector<Match> matches;
  int groups = re.NumberOfCapturingGroups() + 1;
  size_t position = 0;
  size_t previous_end = std::string_view::npos;
  while (position <= text.size() && matches.size() < max) {
    Match match(static_cast<size_t>(groups));
    if (!re.Match(re2::StringPiece(text.data(), text.size()), position, text.size(),
                  RE2::UNANCHORED, match.data(), groups))
      break;
    size_t begin = static_cast<size_t>(match[0].data() - text.data());
    size_t end = begin + match[0].size();
    bool accept = true;
    if (end == position) {
      if (begin == previous_end) accept = false;
      position += position < text.size() ? ir::decode_utf8(text, position).length : 1;
    } else {
      position = end;
    }
    previous_end = end;
    if (accept) matches.push_back(std::move(match));
  }
  return matches;
}

// A group's text, or null when it took no part in the match.
Value group_value(const re2::StringPiece& group) {
  if (group.data() == nullptr) return Value::null();
  return Value::string(text_of(group));
}

// What regex() gives for one match: the match itself without groups, a list
// of the groups when they are unnamed, an object when they are named.
Value match_value(const Pattern& pattern, const Match& match) {
  if (pattern.names.size() == 1) return Value::string(text_of(match[0]));
  if (pattern.named == 0) {
    std::vector<Value> groups;
    for (size_t i = 1; i < match.size(); ++i) groups.push_back(group_value(match[i]));
    return Value::list(std::move(groups));
  }
  ObjectBuilder object;
  for (size_t i = 1; i < match.size(); ++i) object.set(pattern.names[i], group_value(match[i]));
  return object.build({}, ir::Provenance::Derived);
}

CallResult checked(const Call& call, const Pattern& pattern) {
  if (pattern.re) {
    if (pattern.named > 0 && pattern.unnamed > 0)
      return error(call,
                   "invalid regular expression: can't mix both named and unnamed capture "
                   "groups");
    return ok(Value());
  }
  if (pattern.error == "\\C is not supported")
    return {Value::unknown(call.name + "(): the pattern uses \\C, which Go's regexp refuses and "
                                       "RE2 accepts",
                           call.span),
            false};
  return error(call, "invalid regular expression pattern: " + pattern.error);
}

CallResult fn_regex(Call& call) {
  Strings args = strings(call, 2);
  if (!args.ok) return args.failure;
  Pattern pattern = compile(args.values[0]);
  if (CallResult bad = checked(call, pattern); !pattern.re || bad.failed) return bad;
  std::vector<Match> found = all_matches(*pattern.re, args.values[1], 1);
  if (found.empty()) return error(call, "pattern did not match any part of the given string");
  return ok(match_value(pattern, found[0]));
}

CallResult fn_regexall(Call& call) {
  Strings args = strings(call, 2);
  if (!args.ok) return args.failure;
  Pattern pattern = compile(args.values[0]);
  if (CallResult bad = checked(call, pattern); !pattern.re || bad.failed) return bad;
  std::vector<Match> found =
      all_matches(*pattern.re, args.values[1], call.limits.collection_items + 1);
  if (!items_fit(call, found.size())) return too_many_items(call);
  std::vector<Value> values;
  values.reserve(found.size());
  for (const Match& match : found) values.push_back(match_value(pattern, match));
  return ok(Value::list(std::move(values)));
}

// Go's Regexp.Expand: `$name` takes the longest run of letters, digits and
// underscores, `${name}` the braced name; a number names a group by index;
// a name no group has expands to nothing; `$$` is a dollar; any other `$`
// is written as it is.
void expand(const Pattern& pattern, std::string_view replacement, const Match& match,
            std::string& out) {
  auto is_name = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  for (size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (c != '$' || i + 1 >= replacement.size()) {
      out += c;
      continue;
    }
    if (replacement[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    std::string_view name;
    size_t next = i + 1;
    if (replacement[next] == '{') {
      size_t close = next + 1;
      while (close < replacement.size() && is_name(replacement[close])) ++close;
      if (close == next + 1 || close >= replacement.size() || replacement[close] != '}') {
        out += '$';
        continue;
      }
      name = replacement.substr(next + 1, close - next - 1);
      next = close + 1;
    } else {
      size_t end = next;
      while (end < replacement.size() && is_name(replacement[end])) ++end;
      if (end == next) {
        out += '$';
        continue;
      }
      name = replacement.substr(next, end - next);
      next = end;
    }
    i = next - 1;
    bool numeric = true;
    size_t number = 0;
    for (char d : name) {
      if (d < '0' || d > '9') {
        numeric = false;
        break;
      }
      number = std::min<size_t>(number * 10 + static_cast<size_t>(d - '0'), 1u << 30);
    }
    if (numeric) {
      if (number < match.size() && match[number].data()) out += text_of(match[number]);
      continue;
    }
    for (size_t g = 1; g < pattern.names.size(); ++g)
      if (pattern.names[g] == name) {
        if (match[g].data()) out += text_of(match[g]);
        break;
      }
  }
}

}  // namespace

// Go's Regexp.ReplaceAllString, loop for loop: the replacement is not
// inserted for an empty match right after another match.
CallResult regex_replace(Call& call, const std::string& text, const std::string& expression,
                         const std::string& replacement) {
  Pattern pattern = compile(expression);
  if (CallResult bad = checked(call, pattern); !pattern.re) return bad;
  const RE2& re = *pattern.re;
  int groups = re.NumberOfCapturingGroups() + 1;
  std::string_view source = text;
  std::string out;
  size_t last_end = 0;
  size_t search = 0;
  while (search <= source.size()) {
    Match match(static_cast<size_t>(groups));
    if (!re.Match(re2::StringPiece(source.data(), source.size()), search, source.size(),
                  RE2::UNANCHORED, match.data(), groups))
      break;
    size_t begin = static_cast<size_t>(match[0].data() - source.data());
    size_t end = begin + match[0].size();
    out.append(source, last_end, begin - last_end);
    if (end > last_end || begin == 0) expand(pattern, replacement, match, out);
    if (!bytes_fit(call, out.size())) return too_many_bytes(call);
    last_end = end;
    size_t width = search < source.size() ? ir::decode_utf8(source, search).length : 0;
    if (search + width > end)
      search += width;
    else if (search + 1 > end)
      ++search;
    else
      search = end;
  }
  out.append(source, last_end);
  if (!bytes_fit(call, out.size())) return too_many_bytes(call);
  return ok(Value::string(std::move(out)));
}

void add_regex_functions(FunctionTable& table) {
  table.insert({
      {"regex", {fn_regex, 2, 2, true}},
      {"regexall", {fn_regexall, 2, 2, true}},
  });
}

}  // namespace bw::frontends::terraform
