#pragma once
// The rule predicate language: a small CEL-flavoured expression language,
// compiled once per rule and evaluated per resource with three-valued logic.
// A predicate over unknown values yields Unknown, which is not a finding
// unless the user asks for unknowns to be reported. A run-time type error is
// Unknown too, with its reason: it never silently becomes false.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/model.h"

namespace bw::compiler {

// Static types the checker reasons about. Any switches checking off.
enum class ExprType : uint8_t { Any, Null, Bool, Number, String, List, Object, Resource };

std::string_view to_string(ExprType type);

struct PropertyType;
using TypeRef = std::shared_ptr<const PropertyType>;

// A declared member of an object type.
struct Field {
  std::string name;
  TypeRef type;
  std::string doc;
};

// The type of a property, a field, a parameter or a named list. Recursive:
// `list<object>` whose elements declare `Effect: string` makes `s.Efect` a
// compile error.
struct PropertyType {
  ExprType type = ExprType::Any;
  TypeRef element;            // List: the elements' type; null when any
  std::vector<Field> fields;  // Object: its declared members; empty when any member goes

  static PropertyType of(ExprType type) { return PropertyType{type, nullptr, {}}; }
  static PropertyType list_of(PropertyType element) {
    return PropertyType{
        ExprType::List, std::make_shared<const PropertyType>(std::move(element)), {}};
  }
  ExprType element_type() const { return element ? element->type : ExprType::Any; }
  const Field* field(std::string_view name) const;
  // "bool", "list<string>", "object{Effect, Action}", "list<object{...}>".
  std::string describe() const;
};

// Parses "bool", "number", "string", "any", "list", "object", "list<T>"
// (T a scalar, "object" or "any"); fields are declared beside the type.
std::optional<PropertyType> parse_property_type(std::string_view text);

// What the checker may ask about kinds (implemented by the kinds schema).
class KindSchema {
 public:
  virtual ~KindSchema() = default;
  virtual bool has_kind(std::string_view kind) const = 0;
  virtual std::optional<PropertyType> property(std::string_view kind,
                                               std::string_view name) const = 0;
  virtual std::vector<std::string> property_names(std::string_view kind) const = 0;
  virtual std::vector<std::string> kind_names() const = 0;
};

// Fields every resource has besides its kind's properties: type, name,
// address, kind, environment, frontend, path (root-relative), is_data,
// instance, change. Kind schemas may not declare properties with these names.
const std::vector<std::string>& builtin_fields();

// The text a message placeholder shows for builtin field `name` of
// `resource`: the value a predicate reads, strings bare (`{environment}` is
// "unknown" where `self.environment == "unknown"`); nullopt when `name` is no
// builtin field.
std::optional<std::string> builtin_field_text(const ir::Model& model, const ir::Resource& resource,
                                              std::string_view name);

// A value every rule may read: a named list (`lists.database_images`,
// declared once in the pack) or a parameter (`params.test_identifiers`,
// declared with a default, set in .blastwall.yaml).
struct Global {
  std::string name;
  PropertyType type;
  ir::Value value;
  std::string doc;
  std::string path;  // where it is declared
  int line = 0;
};

// The named lists and parameters of a rule pack. Entries never move once
// added, so compiled expressions may point at them.
class Globals {
 public:
  // False when the name is taken.
  bool add_list(Global list);
  bool add_parameter(Global parameter);
  const Global* list(std::string_view name) const;
  const Global* parameter(std::string_view name) const;
  Global* parameter(std::string_view name);
  std::vector<std::string> list_names() const;
  std::vector<std::string> parameter_names() const;

 private:
  std::map<std::string, Global, std::less<>> lists_;
  std::map<std::string, Global, std::less<>> parameters_;
};

// A compile error at a byte range of an expression's text.
struct ExprError {
  uint32_t offset = 0;
  uint32_t length = 0;
  std::string message;
  // Which text: -1 the predicate (`when`), i >= 0 the i-th `let`.
  int source = -1;
};

class Expression;  // the compiled form; opaque outside compiler/expr/

// Frees a compiled expression; lets callers hold one without its definition.
void destroy(const Expression* expression);
struct ExpressionDeleter {
  void operator()(const Expression* e) const { destroy(e); }
};
using ExpressionPtr = std::unique_ptr<const Expression, ExpressionDeleter>;

// A named sub-expression a predicate (and the message) may use by name.
struct Let {
  std::string name;
  std::string text;
};

struct ExpressionInput {
  std::string_view when;
  std::vector<Let> lets;           // in order: each may use the ones before it
  std::vector<std::string> kinds;  // the kinds `self` may be; empty: every kind
  // Names the rule's messages use that are no property or builtin field:
  // each must be a `let` or the variable of an exists() that makes the
  // predicate true (not under `!`), and evaluation renders it.
  std::vector<std::string> message_names;
};

// Compiles a predicate for resources of `input.kinds`: `self.x` must be a
// property of every one of them. `globals` may be null (no lists, no
// parameters). Returns nullptr and appends to `errors` on failure (every
// error found, not just the first).
ExpressionPtr compile_expression(const ExpressionInput& input, const KindSchema& schema,
                                 const Globals* globals, std::vector<ExprError>& errors);

// The same for a bare predicate without lets or message names.
ExpressionPtr compile_expression(std::string_view text, const std::vector<std::string>& kinds,
                                 const KindSchema& schema, std::vector<ExprError>& errors);

enum class Truth : uint8_t { False, True, Unknown };

struct Outcome {
  Truth truth = Truth::False;
  // For Unknown: what the result hinged on, in words (an unknown value and
  // why, a run-time type error, the alternatives that disagree), and the span
  // of the value it hinged on.
  std::string because;
  ir::Span span;
  // For True: the text of each of the input's message_names, in that order:
  // a let's value, or the element its exists() found.
  std::vector<std::pair<std::string, std::string>> bindings;
};

// What an expression (its predicate and lets) reads beyond `self`: the
// kinds it asks the repository for (`resources("kind")`), the kinds of the
// edges it follows (`edges("kind")`), and whether it asks which environments
// a literal appears in (`environments(s)`), and whether it reads a
// resource's planned change (`self.change`). Each list sorted, each kind once.
struct Reach {
  std::vector<std::string> queried;
  std::vector<std::string> edges;
  bool environments = false;
  bool change = false;
};
Reach reach(const Expression& expression);

// Evaluates for resource `self` of `model` (whose repository index answers
// resources() and environments()). A value with alternatives (ir OneOf) is
// evaluated once per alternative: True when every alternative makes the
// predicate true, False when none does, Unknown otherwise.
Outcome evaluate(const Expression& expression, const ir::Model& model, ir::ResourceId self);

}  // namespace bw::compiler
