#include "compiler/expr/evaluator.h"

#include <algorithm>
#include <new>

#include "compiler/expr/operations.h"

namespace bw::compiler::expr {

namespace {

bool failed(const Val& v) {
  return v.is(Val::Kind::Error) || v.is(Val::Kind::Unknown);
}

// Code points, as CEL counts them.
size_t utf8_length(std::string_view text) {
  size_t count = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

// Whether a member read by has() was written by the user: present and not
// filled in from a platform default. An unknown value was written.
Val written(const ir::Value* member) {
  return Val::of_bool(member && member->provenance() != ir::Provenance::Default);
}

const ValList kEmptyList;

}  // namespace

Evaluator::Evaluator(const ir::Model& model, ir::ResourceId self, size_t slot_count)
    : model_(model), self_(self), slots_(inline_slots_.values) {
  if (slot_count > kInlineSlots) {
    more_slots_.resize(slot_count);
    slots_ = more_slots_.data();
  }
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
      return node.slot == kSelfSlot ? Val::of_resource(self_) : slots_[node.slot];
    case NodeKind::Select:
      return select(node);
    case NodeKind::Index:
      return index(node);
    case NodeKind::Call:
      return call(node);
    case NodeKind::Not: {
      Val v = evaluate(*node.children[0]);
      if (failed(v)) return v;
      return v.is(Val::Kind::Bool) ? Val::of_bool(!v.boolean) : Val::error();
    }
    case NodeKind::Negate: {
      Val v = evaluate(*node.children[0]);
      if (failed(v)) return v;
      return v.is(Val::Kind::Number) ? Val::of_number(-v.number) : Val::error();
    }
    case NodeKind::And:
      return logical(node, true);
    case NodeKind::Or:
      return logical(node, false);
    case NodeKind::Conditional:
      return conditional(node);
    case NodeKind::Binary:
      return binary(node);
  }
  return Val::error();
}

Val Evaluator::list_literal(const Node& node) {
  if (node.children.empty()) return Val::of_list(kEmptyList);
  ValList& list = arena_.new_list();
  list.items.reserve(node.children.size());
  for (const auto& child : node.children) {
    Val element = evaluate(*child);
    if (element.is(Val::Kind::Error)) return element;
    list.items.push_back(element);  // an unknown element leaves the list known
  }
  return Val::of_list(list);
}

Val Evaluator::map_literal(const Node& node) {
  ValList& map = arena_.new_list();
  for (size_t i = 0; i + 1 < node.children.size(); i += 2) {
    Val key = evaluate(*node.children[i]);
    if (failed(key)) return key;  // with an unknown key, the whole object is unknown
    if (!key.is(Val::Kind::String)) return Val::error();
    Val value = evaluate(*node.children[i + 1]);
    if (value.is(Val::Kind::Error)) return value;
    map.keys.push_back(key);
    map.items.push_back(value);
  }
  return Val::of_list(map, Val::Kind::Map);
}

// Reading a member of null gives null, so `self.tags.team == "x"` needs no
// has() guard when tags is absent.
Val Evaluator::select(const Node& node) {
  Val base = evaluate(*node.children[0]);
  if (failed(base) || base.is(Val::Kind::Null)) return base;
  if (base.is(Val::Kind::Resource)) return resource_member(base.resource, node);
  if (!is_map(base)) return Val::error();
  std::optional<Val> member = map_get(base, node.text);
  return member ? *member : Val::null();
}

Val Evaluator::resource_member(ir::ResourceId id, const Node& node) {
  const ir::Resource& resource = model_.resources[id];
  switch (node.field) {
    case Field::Type:
      return Val::of_string(resource.provider_type);
    case Field::Name:
      return Val::of_string(resource.name);
    case Field::Address:
      return Val::of_string(resource.address);
    case Field::Kind:
      return Val::of_string(resource.kind);
    case Field::Environment:
      return Val::of_string(resource.environment);
    case Field::Frontend:
      return Val::of_string(resource.frontend);
    case Field::Path:
      if (resource.file >= model_.sources.size()) return Val::of_string("");
      return Val::of_string(model_.sources.file(resource.file).path);
    case Field::IsData:
      return Val::of_bool(resource.is_data);
    case Field::Property:
      break;
  }
  const ir::Value* property = resource.properties.get(node.text);
  return property ? from_model(*property, id) : Val::null();
}

// A missing key or an index out of range reads as null, like an absent property.
Val Evaluator::index(const Node& node) {
  Val base = evaluate(*node.children[0]);
  if (base.is(Val::Kind::Error)) return base;
  Val key = evaluate(*node.children[1]);
  if (key.is(Val::Kind::Error)) return key;
  if (base.is(Val::Kind::Unknown)) return base;
  if (key.is(Val::Kind::Unknown)) return key;
  if (base.is(Val::Kind::Null)) return base;
  if (is_list(base)) {
    if (!key.is(Val::Kind::Number) ||
        key.number != static_cast<double>(static_cast<int64_t>(key.number)))
      return Val::error();
    if (key.number < 0 || key.number >= static_cast<double>(collection_size(base)))
      return Val::null();
    return collection_element(base, static_cast<size_t>(key.number));
  }
  if (is_map(base)) {
    if (!key.is(Val::Kind::String)) return Val::error();
    std::optional<Val> member = map_get(base, key.string);
    return member ? *member : Val::null();
  }
  return Val::error();
}

// CEL's commutative && and ||: a false (true) operand decides the result even
// when another is unknown; otherwise the first unknown operand is the reason.
Val Evaluator::logical(const Node& node, bool is_and) {
  std::optional<Val> unknown;
  for (const auto& child : node.children) {
    Val v = evaluate(*child);
    if (v.is(Val::Kind::Bool)) {
      if (v.boolean != is_and) return v;
    } else if (v.is(Val::Kind::Unknown)) {
      if (!unknown) unknown = v;
    } else {
      return Val::error();
    }
  }
  return unknown ? *unknown : Val::of_bool(is_and);
}

Val Evaluator::conditional(const Node& node) {
  Val condition = evaluate(*node.children[0]);
  if (condition.is(Val::Kind::Bool)) return evaluate(*node.children[condition.boolean ? 1 : 2]);
  if (!condition.is(Val::Kind::Unknown)) return Val::error();
  Val then_value = evaluate(*node.children[1]);
  if (then_value.is(Val::Kind::Error)) return then_value;
  Val else_value = evaluate(*node.children[2]);
  if (else_value.is(Val::Kind::Error)) return else_value;
  // Either way the same known value: the condition does not matter.
  Val same = equals(then_value, else_value);
  if (same.is(Val::Kind::Error)) return same;
  return same.is_true() ? then_value : condition;
}

Val Evaluator::binary(const Node& node) {
  if (node.op == BinaryOp::In) return in(node);
  Val a = evaluate(*node.children[0]);
  if (a.is(Val::Kind::Error)) return a;
  Val b = evaluate(*node.children[1]);
  switch (node.op) {
    case BinaryOp::Equal:
      return equals(a, b);
    case BinaryOp::NotEqual: {
      Val same = equals(a, b);
      return same.is(Val::Kind::Bool) ? Val::of_bool(!same.boolean) : same;
    }
    case BinaryOp::Less:
    case BinaryOp::LessEqual:
    case BinaryOp::Greater:
    case BinaryOp::GreaterEqual:
      return compare(node.op, a, b);
    default:
      return arithmetic(node.op, a, b, arena_);
  }
}

// True if an element equals the needle; Unknown if none does but one (or the
// needle) is unknown. Null reads as an empty collection. A list literal on the
// right is walked in place rather than built.
Val Evaluator::in(const Node& node) {
  Val needle = evaluate(*node.children[0]);
  if (needle.is(Val::Kind::Error)) return needle;
  const Node& right = *node.children[1];
  std::optional<Val> unknown;
  if (right.kind == NodeKind::List) {
    for (const auto& child : right.children) {
      Val element = evaluate(*child);
      if (element.is(Val::Kind::Error)) return element;
      Val same = equals(needle, element);
      if (same.is(Val::Kind::Error) || same.is_true()) return same;
      if (same.is(Val::Kind::Unknown) && !unknown) unknown = same;
    }
    return unknown ? *unknown : Val::of_bool(false);
  }
  Val haystack = evaluate(right);
  if (failed(haystack)) return haystack;
  if (haystack.is(Val::Kind::Null)) return Val::of_bool(false);
  if (is_map(haystack)) {
    if (collection_size(haystack) == 0) return Val::of_bool(false);
    if (needle.is(Val::Kind::Unknown)) return needle;
    // Keys are strings: nothing else is ever a key.
    return Val::of_bool(needle.is(Val::Kind::String) && map_get(haystack, needle.string));
  }
  if (!is_list(haystack)) return Val::error();
  size_t size = collection_size(haystack);
  for (size_t i = 0; i < size; ++i) {
    Val same = equals(needle, collection_element(haystack, i));
    if (same.is(Val::Kind::Error) || same.is_true()) return same;
    if (same.is(Val::Kind::Unknown) && !unknown) unknown = same;
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
    case Function::Unresolved:
      break;
  }
  return Val::error();
}

Val Evaluator::has(const Node& node) {
  const Node& selection = node.argument(0);
  Val base = evaluate(*selection.children[0]);
  if (failed(base)) return base;
  if (base.is(Val::Kind::Null)) return Val::of_bool(false);
  if (base.is(Val::Kind::Resource)) {
    if (selection.field != Field::Property) return Val::of_bool(true);
    return written(model_.resources[base.resource].properties.get(selection.text));
  }
  if (base.is(Val::Kind::Model) && base.model->is_object())
    return written(base.model->get(selection.text));
  if (base.is(Val::Kind::Map)) return Val::of_bool(map_get(base, selection.text).has_value());
  return Val::error();
}

Val Evaluator::size(const Node& node) {
  Val v = evaluate(node.has_receiver ? node.receiver() : node.argument(0));
  if (failed(v)) return v;
  if (v.is(Val::Kind::Null)) return Val::of_number(0);
  if (v.is(Val::Kind::String)) return Val::of_number(static_cast<double>(utf8_length(v.string)));
  if (is_list(v) || is_map(v)) return Val::of_number(static_cast<double>(collection_size(v)));
  return Val::error();
}

Val Evaluator::string_test(const Node& node) {
  Val text = evaluate(node.receiver());
  if (text.is(Val::Kind::Error)) return text;
  if (node.function == Function::Matches) {
    if (text.is(Val::Kind::Unknown)) return text;
    if (!text.is(Val::Kind::String) || !node.regex) return Val::error();
    return Val::of_bool(RE2::PartialMatch(text.string, *node.regex));
  }
  Val part = evaluate(node.argument(0));
  if (part.is(Val::Kind::Error)) return part;
  if (text.is(Val::Kind::Unknown)) return text;
  if (part.is(Val::Kind::Unknown)) return part;
  if (!text.is(Val::Kind::String) || !part.is(Val::Kind::String)) return Val::error();
  std::string_view s = text.string;
  std::string_view p = part.string;
  switch (node.function) {
    case Function::StartsWith:
      return Val::of_bool(s.substr(0, p.size()) == p);
    case Function::EndsWith:
      return Val::of_bool(s.size() >= p.size() && s.substr(s.size() - p.size()) == p);
    default:
      return Val::of_bool(s.find(p) != std::string_view::npos);
  }
}

// ASCII only: letters outside ASCII are left as they are.
Val Evaluator::change_case(const Node& node) {
  Val text = evaluate(node.receiver());
  if (failed(text)) return text;
  if (!text.is(Val::Kind::String)) return Val::error();
  bool lower = node.function == Function::Lower;
  auto convert = [lower](char c) -> char {
    if (lower && c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    if (!lower && c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 'A');
    return c;
  };
  bool unchanged =
      std::all_of(text.string.begin(), text.string.end(), [&](char c) { return convert(c) == c; });
  if (unchanged) return text;
  std::string changed(text.string);
  for (char& c : changed) c = convert(c);
  return Val::of_string(arena_.keep(std::move(changed)));
}

// The resources of one kind joined to this one by an edge either way, each
// once, in the order of the resource's edge index.
Val Evaluator::edges(const Node& node) {
  Val from = evaluate(node.receiver());
  if (failed(from)) return from;
  if (!from.is(Val::Kind::Resource)) return Val::error();
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
    if (linked_kind == kind) connected.items.push_back(from_model(unknown, id));
  return Val::of_list(connected);
}

// exists, all and exists_one decide like || and && over the elements;
// filter() is unknown when a kept-or-dropped decision is; map() keeps unknown
// elements as elements. Null is an empty collection.
Val Evaluator::macro(const Node& node) {
  Val collection = evaluate(node.receiver());
  if (failed(collection)) return collection;
  if (!collection.is(Val::Kind::Null) && !is_list(collection) && !is_map(collection))
    return Val::error();
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
    Val element = collection_element(collection, i);
    ::new (&slots_[node.slot]) Val(element);  // Val is trivially destructible
    Val v = evaluate(body);
    if (v.is(Val::Kind::Error)) return v;
    if (node.function == Function::Map) {
      built->items.push_back(v);
      continue;
    }
    if (v.is(Val::Kind::Unknown)) {
      if (node.function == Function::Filter) return v;
      if (!unknown) unknown = v;
      continue;
    }
    if (!v.is(Val::Kind::Bool)) return Val::error();
    switch (node.function) {
      case Function::Exists:
        if (v.boolean) return v;
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

}  // namespace bw::compiler::expr
