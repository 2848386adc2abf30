// The evaluator's functions over strings, addresses and the repository. Each
// passes an unknown operand up; a partial string (known only in parts) is
// unknown too, except where its known parts decide: startsWith(),
// endsWith(), contains(), and lower()/upper(), which keep it partial.

#include "compiler/expr/evaluator.h"
#include "compiler/expr/text.h"
#include "ir/glob.h"
#include "ir/network.h"

namespace bw::compiler::expr {

namespace {

// startsWith/endsWith/contains of a partial string: decided by its known
// prefix, suffix or parts when they are enough.
Val test_partial(Function function, const Val& text, std::string_view part) {
  const ir::Value& partial = *text.model;
  if (function == Function::Contains)
    return known_parts_contain(partial, part) ? Val::of_bool(true) : text.derived_unknown();
  bool starts = function == Function::StartsWith;
  std::string known = starts ? ir::known_prefix(partial) : ir::known_suffix(partial);
  std::string_view k = known;
  if (starts ? k.starts_with(part) : k.ends_with(part)) return Val::of_bool(true);
  // The known text is shorter than `part` and agrees with it so far.
  if (starts ? part.starts_with(k) : part.ends_with(k)) return text.derived_unknown();
  return Val::of_bool(false);
}

}  // namespace

Val Evaluator::not_a_string(const Node& node, const Val& value, std::string_view function) {
  return value.is_unknown() ? value.derived_unknown()
                            : mismatch(node, value, std::string(function) + "() cannot apply");
}

Val Evaluator::string_test(const Node& node) {
  Val text = evaluate(node.receiver());
  if (text.is(Val::Kind::Null)) return Val::of_bool(false);  // absent: it contains nothing
  if (text.is_unknown() && !text.is_partial_string()) return text.derived_unknown();
  if (!text.is_unknown() && !text.is(Val::Kind::String))
    return not_a_string(node.receiver(), text, node.text);
  Val part = evaluate(node.argument(0));
  if (!part.is(Val::Kind::String)) return not_a_string(node.argument(0), part, node.text);
  if (text.is_partial_string()) return test_partial(node.function, text, part.string);
  std::string_view s = text.string;
  std::string_view p = part.string;
  switch (node.function) {
    case Function::StartsWith:
      return Val::of_bool(s.starts_with(p));
    case Function::EndsWith:
      return Val::of_bool(s.ends_with(p));
    default:
      return Val::of_bool(s.find(p) != std::string_view::npos);
  }
}

Val Evaluator::matches(const Node& node) {
  Val text = evaluate(node.receiver());
  if (text.is(Val::Kind::Null)) return Val::of_bool(false);
  if (!text.is(Val::Kind::String)) return not_a_string(node.receiver(), text, "matches");
  return Val::of_bool(RE2::PartialMatch(text.string, *node.regex));
}

// ASCII only: letters outside ASCII are left as they are. A partial string
// stays partial, its known parts mapped.
Val Evaluator::change_case(const Node& node) {
  char (*convert)(char) = node.function == Function::Lower ? to_lower : to_upper;
  Val text = evaluate(node.receiver());
  if (text.is(Val::Kind::Null)) return text;
  if (text.is_partial_string()) {
    std::vector<ir::Value> parts;
    for (const ir::Value& part : text.model->string_parts()) {
      if (!part.is_string()) {
        parts.push_back(part);
        continue;
      }
      std::string changed = part.as_string();
      for (char& c : changed) c = convert(c);
      parts.push_back(ir::Value::string(std::move(changed), part.span()));
    }
    Val changed = text;
    changed.model = &arena_.keep(ir::Value::partial_string(
        std::move(parts), text.model->unknown_reason(), text.model->span()));
    return changed;
  }
  if (!text.is(Val::Kind::String)) return not_a_string(node.receiver(), text, node.text);
  bool unchanged =
      std::all_of(text.string.begin(), text.string.end(), [&](char c) { return convert(c) == c; });
  if (unchanged) return text;
  std::string changed(text.string);
  for (char& c : changed) c = convert(c);
  return Val::of_string(arena_.keep(std::move(changed)));
}

Val Evaluator::glob(const Node& node) {
  Val text = evaluate(node.receiver());
  if (text.is(Val::Kind::Null)) return Val::of_bool(false);
  if (!text.is(Val::Kind::String)) return not_a_string(node.receiver(), text, "glob");
  Val pattern = evaluate(node.argument(0));
  if (!pattern.is(Val::Kind::String)) return not_a_string(node.argument(0), pattern, "glob");
  return Val::of_bool(ir::match_text_glob(pattern.string, text.string));
}

// Null is no address, like any other string that is not one.
Val Evaluator::is_ip(const Node& node) {
  Val text = evaluate(node.argument(0));
  if (text.is(Val::Kind::Null)) return Val::of_bool(false);
  if (!text.is(Val::Kind::String)) return not_a_string(node.argument(0), text, "isIP");
  return Val::of_bool(ir::parse_ip(text.string).has_value());
}

Val Evaluator::in_cidr(const Node& node) {
  Val address = evaluate(node.receiver());
  std::optional<ir::CidrBlock> block = node.cidr;  // parsed once when written literally
  if (!block) {
    Val cidr = evaluate(node.argument(0));
    if (!cidr.is(Val::Kind::String))
      return address.is_unknown() ? address.derived_unknown()
                                  : not_a_string(node.argument(0), cidr, "inCIDR");
    block = ir::parse_cidr(cidr.string);
    if (!block && !address.is_unknown())
      return fail(
          described(node.argument(0), cidr) + ", which is no CIDR block, so inCIDR() cannot apply",
          cidr);
  }
  if (address.is_unknown()) return address.derived_unknown();
  if (address.is(Val::Kind::Null)) return Val::of_bool(false);
  if (!address.is(Val::Kind::String)) return not_a_string(node.receiver(), address, "inCIDR");
  std::optional<ir::CidrBlock> inner = ir::parse_ip_or_cidr(address.string);
  return Val::of_bool(inner && ir::cidr_contains(*block, *inner));
}

Val Evaluator::host(const Node& node) {
  Val text = evaluate(node.argument(0));
  if (text.is(Val::Kind::Null)) return text;
  if (!text.is(Val::Kind::String)) return not_a_string(node.argument(0), text, "host");
  std::optional<std::string> name = ir::host_of(text.string);
  if (!name) return Val::null();
  if (*name == text.string) return text;
  return Val::of_string(arena_.keep(std::move(*name)));
}

// The pieces point into the string split, which outlives the evaluation.
Val Evaluator::split(const Node& node) {
  Val text = evaluate(node.receiver());
  if (text.is(Val::Kind::Null)) return text;
  if (!text.is(Val::Kind::String)) return not_a_string(node.receiver(), text, "split");
  Val separator = evaluate(node.argument(0));
  if (!separator.is(Val::Kind::String)) return not_a_string(node.argument(0), separator, "split");
  ValList& pieces = arena_.new_list();
  for (std::string_view piece : expr::split(text.string, separator.string))
    pieces.items.push_back(Val::of_string(piece));
  return Val::of_list(pieces);
}

Val Evaluator::replace(const Node& node) {
  Val text = evaluate(node.receiver());
  if (text.is(Val::Kind::Null)) return text;
  if (!text.is(Val::Kind::String)) return not_a_string(node.receiver(), text, "replace");
  Val from = evaluate(node.argument(0));
  if (!from.is(Val::Kind::String)) return not_a_string(node.argument(0), from, "replace");
  Val to = evaluate(node.argument(1));
  if (!to.is(Val::Kind::String)) return not_a_string(node.argument(1), to, "replace");
  return Val::of_string(arena_.keep(replace_all(text.string, from.string, to.string)));
}

Val Evaluator::image_name(const Node& node) {
  Val reference = evaluate(node.receiver());
  if (reference.is(Val::Kind::Null)) return reference;
  if (!reference.is(Val::Kind::String))
    return not_a_string(node.receiver(), reference, "imageName");
  return Val::of_string(arena_.keep(expr::image_name(reference.string)));
}

Val Evaluator::resources(const Node& node) {
  ValList& found = arena_.new_list();
  for (ir::ResourceId id : model_.repository.of_kind(node.argument(0).text))
    if (id < model_.resources.size()) found.items.push_back(Val::of_resource(id));
  return Val::of_list(found);
}

// Null appears nowhere.
Val Evaluator::environments(const Node& node) {
  Val literal = evaluate(node.argument(0));
  ValList& found = arena_.new_list();
  if (literal.is(Val::Kind::Null)) return Val::of_list(found);
  if (!literal.is(Val::Kind::String))
    return not_a_string(node.argument(0), literal, "environments");
  for (std::string& environment : model_.repository.environments_of(literal.string))
    found.items.push_back(Val::of_string(arena_.keep(std::move(environment))));
  return Val::of_list(found);
}

}  // namespace bw::compiler::expr
