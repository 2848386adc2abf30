#pragma once
// The rule predicate language: a small CEL-flavoured expression language,
// compiled once per rule and evaluated per resource with three-valued logic.
// A predicate over unknown values yields Unknown, which is not a finding
// unless the user asks for unknowns to be reported.

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

struct PropertyType {
  ExprType type = ExprType::Any;
  ExprType element = ExprType::Any;  // for lists
};

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

// Fields every resource has besides its kind's properties. Kind schemas may
// not declare properties with these names.
const std::vector<std::string>& builtin_fields();

// A compile error at a byte range of the expression text.
struct ExprError {
  uint32_t offset = 0;
  uint32_t length = 0;
  std::string message;
};

class Expression;  // the compiled form; opaque outside compiler/expr/

// Frees a compiled expression; lets callers hold one without its definition.
void destroy(const Expression* expression);
struct ExpressionDeleter {
  void operator()(const Expression* e) const { destroy(e); }
};
using ExpressionPtr = std::unique_ptr<const Expression, ExpressionDeleter>;

// Compiles `text` for resources of the given kinds: `self.x` must be a
// property of every one of them. Returns nullptr and appends to `errors` on
// failure (every error found, not just the first).
ExpressionPtr compile_expression(std::string_view text, const std::vector<std::string>& kinds,
                                 const KindSchema& schema, std::vector<ExprError>& errors);

enum class Truth : uint8_t { False, True, Unknown };

struct Outcome {
  Truth truth = Truth::False;
  // For Unknown: the unknown value the result hinged on, in words, and its span.
  std::string because;
  ir::Span span;
};

Outcome evaluate(const Expression& expression, const ir::Model& model, ir::ResourceId self);

}  // namespace bw::compiler
