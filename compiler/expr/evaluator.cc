#include "compiler/expr/evaluator.h"

#include <algorithm>
#include <new>

#include "compiler/expr/because.h"
#include "compiler/expr/builtins.h"
#include "compiler/expr/operations.h"
#include "compiler/expr/text.h"
#include "compiler/expr/worlds.h"
#include "ir/utf8.h"

namespace bw::compiler::expr {

namespace {

// Whether a member read by has() was written by the user: present and not
// filled in from a platform default. An unknown value was written.
Val written(const ir::Value* member) {
  return Val::of_bool(member && member->provenance() != ir::Provenance::Default);
}

const ValList kEmptyList;

}  // namespace

void Evaluator::reset() {
  for (size_t i = program_.slot_count; i < program_.value_count(); ++i)
    ::new (&slots_[i]) Val(unset());  // Val is trivially destructible
}

Val Evaluator::not_a_bool(const Val& result) {
  return mismatch(*program_.root, result, "it cannot decide the rule");
}

Val Evaluator::let(size_t i) {
  Val& value = slots_[program_.slot_count + program_.witness_count + i];
  if (!is_unset(value)) return value;
  int outer = source_;
  source_ = static_cast<int>(i);
  Val v = evaluate(*program_.lets[i].root);
  source_ = outer;
  value = v;
  return v;
}

const Val* Evaluator::witness(size_t i) const {
  const Val& value = slots_[program_.slot_count + i];
  return is_unset(value) ? nullptr : &value;
}

Val Evaluator::evaluate(const Node& node) {
  switch (node.kind) {
    case NodeKind::Null:
      return Val::null();
    case NodeKind::Bool:
      return Val::of_bool(node.boolean);
    case NodeKind::Number:
      return Val::of_number(node.number);
    case NodeKind::String:
      return Val::of_string(node.text);
    case NodeKind::List:
      return list_literal(node);
    case NodeKind::Map:
      return map_literal(node);
    case NodeKind::Identifier:
      if (node.let >= 0) return let(static_cast<size_t>(node.let));
      return node.slot == kSelfSlot ? Val::of_resource(self_) : slots_[node.slot];
    case NodeKind::Global:
      return from_model(node.global->value, kNoResource, world_);
    case NodeKind::Select:
      return select(node);
    case NodeKind::Index:
      return index(node);
    case NodeKind::Call:
      return call(node);
    case NodeKind::Not:
    case NodeKind::Negate:
      return unary(node);
    case NodeKind::And:
      return logical(node, true);
    case NodeKind::Or:
      return logical(node, false);
    case NodeKind::Conditional:
      return conditional(node);
    case NodeKind::Binary:
      return binary(node);
  }
  return Val::failure("this expression cannot be evaluated", Val());
}

Val Evaluator::unary(const Node& node) {
  const Node& operand = *node.children[0];
  Val v = evaluate(operand);
  if (node.kind == NodeKind::Not && v.is(Val::Kind::Bool)) return Val::of_bool(!v.boolean);
  if (node.kind == NodeKind::Negate && v.is(Val::Kind::Number)) return Val::of_number(-v.number);
  if (v.is_unknown()) return v.derived_unknown();
  return mismatch(operand, v, node.kind == NodeKind::Not ? "'!' cannot apply" : "'-' cannot apply");
}

// An unknown element leaves the list known.
Val Evaluator::list_literal(const Node& node) {
  if (node.children.empty()) return Val::of_list(kEmptyList);
  ValList& list = arena_.new_list();
  list.items.reserve(node.children.size());
  for (const auto& child : node.children) list.items.push_back(evaluate(*child));
  return Val::of_list(list);
}

Val Evaluator::map_literal(const Node& node) {
  ValList& map = arena_.new_list();
  for (size_t i = 0; i + 1 < node.children.size(); i += 2) {
    Val key = evaluate(*node.children[i]);
    // With an unknown key, the whole object is unknown.
    if (key.is_unknown()) return key.derived_unknown();
    if (!key.is(Val::Kind::String))
      return mismatch(*node.children[i], key, "it cannot be a key of an object");
    map.keys.push_back(key);
    map.items.push_back(evaluate(*node.children[i + 1]));
  }
  return Val::of_list(map, Val::Kind::Map);
}

// Reading a member of null gives null, so `self.tags.team == "x"` needs no
// has() guard when tags is absent.
Val Evaluator::select(const Node& node) {
  Val base = evaluate(*node.children[0]);
  if (base.is_unknown()) return base.derived_unknown();
  if (base.is(Val::Kind::Null)) return base;
  if (base.is(Val::Kind::Resource)) return resource_member(base.resource, node);
  if (!is_map(base))
    return mismatch(*node.children[0], base, "it has no field '" + node.text + "'");
  std::optional<Val> member = map_get(base, node.text, world_);
  return member ? *member : Val::null();
}

Val Evaluator::resource_member(ir::ResourceId id, const Node& node) {
  const ir::Resource& resource = model_.resources[id];
  if (node.field != ResourceField::Property) {
    const BuiltinField& field = builtin_field(node.field);
    FieldValue value = field.read(model_, resource);
    switch (field.type) {
      case ExprType::String:
        return Val::of_string(value.string);
      case ExprType::Bool:
        return Val::of_bool(value.boolean);
      default:
        return from_model(*value.value, id, world_);
    }
  }
  const ir::Value* property = resource.properties.get(node.text);
  return property ? from_model(*property, id, world_) : Val::null();
}

// A missing key or an index out of range reads as null, like an absent property.
Val Evaluator::index(const Node& node) {
  const Node& base_node = *node.children[0];
  const Node& key_node = *node.children[1];
  Val base = evaluate(base_node);
  Val key = evaluate(key_node);
  if (base.is_unknown()) return base.derived_unknown();
  if (key.is_unknown()) return key.derived_unknown();
  if (base.is(Val::Kind::Null)) return base;
  if (is_list(base)) {
    if (!key.is(Val::Kind::Number)) return mismatch(key_node, key, "it cannot index a list");
    if (key.number != static_cast<double>(static_cast<int64_t>(key.number)))
      return fail(described(key_node, key) + ", not a whole number, so it cannot index a list",
                  key);
    if (key.number < 0 || key.number >= static_cast<double>(collection_size(base)))
      return Val::null();
    return collection_element(base, static_cast<size_t>(key.number), world_);
  }
  if (is_map(base)) {
    if (!key.is(Val::Kind::String))
      return mismatch(key_node, key, "it cannot be a key of an object");
    std::optional<Val> member = map_get(base, key.string, world_);
    return member ? *member : Val::null();
  }
  return mismatch(base_node, base, "it cannot be indexed");
}

// CEL's commutative && and ||: a false (true) operand decides the result even
// when another is unknown; otherwise the first unknown operand is the reason.
// An operand that is no bool is unknown too.
Val Evaluator::logical(const Node& node, bool is_and) {
  std::optional<Val> unknown;
  for (const auto& child : node.children) {
    Val v = evaluate(*child);
    if (v.is(Val::Kind::Bool)) {
      if (v.boolean != is_and) return v;
    } else if (!unknown) {
      unknown = v.is_unknown()
                    ? v.derived_unknown()
                    : mismatch(*child, v, is_and ? "'&&' cannot apply" : "'||' cannot apply");
    }
  }
  return unknown ? *unknown : Val::of_bool(is_and);
}

Val Evaluator::conditional(const Node& node) {
  Val condition = evaluate(*node.children[0]);
  if (condition.is(Val::Kind::Bool)) return evaluate(*node.children[condition.boolean ? 1 : 2]);
  if (!condition.is_unknown())
    condition = mismatch(*node.children[0], condition, "'?:' cannot choose a branch");
  Val then_value = evaluate(*node.children[1]);
  Val else_value = evaluate(*node.children[2]);
  // Either way the same known value: the condition does not matter.
  return equals(then_value, else_value, world_).is_true() ? then_value
                                                          : condition.derived_unknown();
}

Val Evaluator::binary(const Node& node) {
  if (node.op == BinaryOp::In) return in(node);
  const Node& left = *node.children[0];
  const Node& right = *node.children[1];
  Val a = evaluate(left);
  Val b = evaluate(right);
  auto quoted_op = [&] { return "'" + std::string(to_string(node.op)) + "'"; };
  switch (node.op) {
    case BinaryOp::Equal:
      return equals(a, b, world_);
    case BinaryOp::NotEqual: {
      Val same = equals(a, b, world_);
      return same.is(Val::Kind::Bool) ? Val::of_bool(!same.boolean) : same;
    }
    case BinaryOp::Less:
    case BinaryOp::LessEqual:
    case BinaryOp::Greater:
    case BinaryOp::GreaterEqual:
      if (a.is_unknown() || b.is_unknown() || comparable(a, b)) return compare(node.op, a, b);
      return mismatch(left, a, right, b, quoted_op() + " cannot compare them");
    default:
      if (a.is_unknown()) return a.derived_unknown();
      if (b.is_unknown()) return b.derived_unknown();
      if (!computable(node.op, a, b))
        return mismatch(left, a, right, b, quoted_op() + " cannot apply to them");
      if ((node.op == BinaryOp::Divide || node.op == BinaryOp::Modulo) && b.number == 0) {
        std::string divisor = subject_of(model_, self_, b.resource, b.model);
        std::string text(program_.text(source_).substr(node.offset, node.length));
        return fail(
            (divisor.empty() ? "" : divisor + " is 0, so ") + "`" + text + "` divides by zero", b);
      }
      return arithmetic(node.op, a, b, arena_, world_);
  }
}

// True if an element equals the needle; Unknown if none does but one (or the
// needle) is unknown. Null reads as an empty collection. A list literal on the
// right is walked in place rather than built.
Val Evaluator::in(const Node& node) {
  Val needle = evaluate(*node.children[0]);
  const Node& right = *node.children[1];
  std::optional<Val> unknown;
  if (right.kind == NodeKind::List) {
    for (const auto& child : right.children) {
      Val same = equals(needle, evaluate(*child), world_);
      if (same.is_true()) return same;
      if (same.is_unknown() && !unknown) unknown = same;
    }
    return unknown ? *unknown : Val::of_bool(false);
  }
  Val haystack = evaluate(right);
  if (haystack.is_unknown()) return haystack.derived_unknown();
  if (haystack.is(Val::Kind::Null)) return Val::of_bool(false);
  if (is_map(haystack)) {
    if (collection_size(haystack) == 0) return Val::of_bool(false);
    if (needle.is_unknown()) return needle.derived_unknown();
    // Keys are strings: nothing else is ever a key.
    return Val::of_bool(needle.is(Val::Kind::String) && map_get(haystack, needle.string, world_));
  }
  if (!is_list(haystack)) return mismatch(right, haystack, "'in' cannot look inside it");
  size_t size = collection_size(haystack);
  for (size_t i = 0; i < size; ++i) {
    Val same = equals(needle, collection_element(haystack, i, world_), world_);
    if (same.is_true()) return same;
    if (same.is_unknown() && !unknown) unknown = same;
  }
  return unknown ? *unknown : Val::of_bool(false);
}

Val Evaluator::call(const Node& node) {
  switch (node.function) {
    case Function::Has:
      return has(node);
    case Function::Size:
      return size(node);
    case Function::Matches:
      return matches(node);
    case Function::StartsWith:
    case Function::EndsWith:
    case Function::Contains:
      return string_test(node);
    case Function::Lower:
    case Function::Upper:
      return change_case(node);
    case Function::Edges:
      return edges(node);
    case Function::Exists:
    case Function::All:
    case Function::ExistsOne:
    case Function::Filter:
    case Function::Map:
      return macro(node);
    case Function::Glob:
      return glob(node);
    case Function::IsIP:
      return is_ip(node);
    case Function::InCIDR:
      return in_cidr(node);
    case Function::Host:
      return host(node);
    case Function::Split:
      return split(node);
    case Function::Replace:
      return replace(node);
    case Function::ImageName:
      return image_name(node);
    case Function::Resources:
      return resources(node);
    case Function::Environments:
      return environments(node);
    case Function::Unresolved:
      break;
  }
  return Val::failure("this function cannot be evaluated", Val::null());
}

Val Evaluator::has(const Node& node) {
  const Node& selection = node.argument(0);
  if (selection.kind == NodeKind::Global) return Val::of_bool(true);
  Val base = evaluate(*selection.children[0]);
  if (base.is_unknown()) return base.derived_unknown();
  if (base.is(Val::Kind::Null)) return Val::of_bool(false);
  if (base.is(Val::Kind::Resource)) {
    const ir::Resource& resource = model_.resources[base.resource];
    if (selection.field == ResourceField::Change) return Val::of_bool(!resource.change.is_null());
    if (selection.field != ResourceField::Property) return Val::of_bool(true);
    return written(resource.properties.get(selection.text));
  }
  if (base.is(Val::Kind::Model) && base.model->is_object())
    return written(base.model->get(selection.text));
  if (base.is(Val::Kind::Map))
    return Val::of_bool(map_get(base, selection.text, world_).has_value());
  return mismatch(*selection.children[0], base,
                  "has() cannot look for '" + selection.text + "' in it");
}

Val Evaluator::size(const Node& node) {
  const Node& operand = node.has_receiver ? node.receiver() : node.argument(0);
  Val v = evaluate(operand);
  if (v.is_unknown()) return v.derived_unknown();
  if (v.is(Val::Kind::Null)) return Val::of_number(0);
  if (v.is(Val::Kind::String))
    return Val::of_number(static_cast<double>(ir::utf8_length(v.string)));
  if (is_list(v) || is_map(v)) return Val::of_number(static_cast<double>(collection_size(v)));
  return mismatch(operand, v, "size() cannot apply");
}

// The resources of one kind joined to this one by an edge either way, each
// once, in the order of the resource's edge index.
Val Evaluator::edges(const Node& node) {
  Val from = evaluate(node.receiver());
  if (from.is_unknown()) return from.derived_unknown();
  if (!from.is(Val::Kind::Resource)) return mismatch(node.receiver(), from, "edges() cannot apply");
  const std::string& kind = node.argument(0).text;
  ir::ResourceId id = from.resource;
  ValList& connected = arena_.new_list();
  for (size_t index : model_.resources[id].edges) {
    if (index >= model_.edges.size()) continue;
    const ir::Edge& edge = model_.edges[index];
    if (edge.from != id && edge.to != id) continue;
    ir::ResourceId other = edge.from == id ? edge.to : edge.from;
    if (other >= model_.resources.size() || model_.resources[other].kind != kind) continue;
    bool seen = std::any_of(connected.items.begin(), connected.items.end(),
                            [other](const Val& v) { return v.resource == other; });
    if (!seen) connected.items.push_back(Val::of_resource(other));
  }
  // A link that exists but cannot be resolved is an unknown element: exists()
  // over the list is then unknown, not false.
  for (const auto& [linked_kind, unknown] : model_.resources[id].unresolved_links)
    if (linked_kind == kind) connected.items.push_back(from_model(unknown, id, world_));
  return Val::of_list(connected);
}

// exists, all and exists_one decide like || and && over the elements;
// filter() is unknown when a kept-or-dropped decision is; map() keeps unknown
// elements as elements. Null is an empty collection.
Val Evaluator::macro(const Node& node) {
  Val collection = evaluate(node.receiver());
  if (collection.is_unknown()) return collection.derived_unknown();
  if (!collection.is(Val::Kind::Null) && !is_list(collection) && !is_map(collection))
    return mismatch(node.receiver(), collection, node.text + "() cannot apply");
  size_t count = collection_size(collection);
  const Node& body = node.argument(1);
  std::optional<Val> unknown;
  ValList* built = nullptr;
  if (node.function == Function::Filter || node.function == Function::Map) {
    built = &arena_.new_list();
    built->items.reserve(count);
  }
  size_t true_count = 0;
  for (size_t i = 0; i < count; ++i) {
    Val element = collection_element(collection, i, world_);
    ::new (&slots_[node.slot]) Val(element);  // Val is trivially destructible
    Val v = evaluate(body);
    if (node.function == Function::Map) {
      built->items.push_back(v);
      continue;
    }
    if (!v.is(Val::Kind::Bool) && !v.is_unknown())
      v = mismatch(body, v, "it cannot decide " + node.text + "()");
    if (v.is_unknown()) {
      if (node.function == Function::Filter) return v.derived_unknown();
      if (!unknown) unknown = v.derived_unknown();
      continue;
    }
    switch (node.function) {
      case Function::Exists:
        if (v.boolean) {
          if (node.witness >= 0) slots_[program_.slot_count + node.witness] = element;
          return v;
        }
        break;
      case Function::All:
        if (!v.boolean) return v;
        break;
      case Function::ExistsOne:
        if (v.boolean && ++true_count > 1) return Val::of_bool(false);
        break;
      default:  // Filter
        if (v.boolean) built->items.push_back(element);
    }
  }
  if (built) return Val::of_list(*built);
  if (unknown) return *unknown;
  switch (node.function) {
    case Function::Exists:
      return Val::of_bool(false);
    case Function::All:
      return Val::of_bool(true);
    default:
      return Val::of_bool(true_count == 1);  // ExistsOne
  }
}

Val Evaluator::mismatch(const Node& at, const Val& culprit, std::string_view consequence) {
  return fail(described(at, culprit) + ", so " + std::string(consequence), culprit);
}

Val Evaluator::mismatch(const Node& left, const Val& a, const Node& right, const Val& b,
                        std::string_view consequence) {
  return fail(
      described(left, a) + ", and " + described(right, b) + ", so " + std::string(consequence),
      a.model ? a : b);
}

Val Evaluator::fail(std::string reason, const Val& culprit) {
  return Val::failure(arena_.keep(std::move(reason)), culprit);
}

std::string Evaluator::subject(const Node& at, const Val& value) {
  std::string path = subject_of(model_, self_, value.resource, value.model);
  if (!path.empty()) return path;
  std::string_view text = program_.text(source_).substr(at.offset, at.length);
  constexpr size_t kLongest = 60;
  if (text.size() > kLongest) return "`" + std::string(text.substr(0, kLongest)) + "…`";
  return "`" + std::string(text) + "`";
}

// "engine is 5, a number"; "tags is null"; a literal says only its type:
// "\"a\" is a string".
std::string Evaluator::described(const Node& at, const Val& value) {
  std::string_view type = type_phrase(value);
  bool literal = at.kind == NodeKind::Null || at.kind == NodeKind::Bool ||
                 at.kind == NodeKind::Number || at.kind == NodeKind::String;
  if (literal)
    return describe_value(model_, value) + (type.empty() ? "" : " is " + std::string(type));
  std::string text = subject(at, value) + " is " + describe_value(model_, value);
  if (!type.empty()) text.append(", ").append(type);
  return text;
}

}  // namespace bw::compiler::expr
