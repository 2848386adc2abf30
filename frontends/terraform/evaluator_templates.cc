// The template half of the Evaluator: string templates and heredocs with
// interpolations and `%{ if }` / `%{ for }` directives. A template whose
// interpolations are merely unknown keeps what is known of it, as a partial
// string: `"${var.env}.db.test.internal"` still ends in `.db.test.internal`,
// which is what env-crossover rules look for.

#include <optional>
#include <string>
#include <vector>

#include "frontends/terraform/evaluator.h"
#include "frontends/terraform/value_ops.h"

namespace bw::frontends::terraform {

using ir::Provenance;
using ir::Value;

// What a template has produced so far: finished parts (known text and
// unknowns, in order) and the known text after the last of them.
struct TemplateParts {
  std::vector<Value> parts;
  std::string text;
  ir::Span text_span;         // from the first piece of `text` to its last
  bool text_literal = true;   // `text` was all written literally
  size_t known_size = 0;      // all known text so far, for the size limit
  size_t max_size = 0;        // string_bytes: text past it is not appended
  bool too_long = false;      // some text was not appended: over max_size
  std::vector<Value> inputs;  // every value interpolated, for its references
  Value first_problem;        // the first unknown or invalid part
  bool has_problem = false;

  void add_text(const std::string& piece, const ir::Span& span, bool literal) {
    if (known_size + piece.size() > max_size) {  // checked before it grows
      too_long = true;
      return;
    }
    if (text.empty()) {
      text_span = span;
      text_literal = literal;
    } else {
      if (span.file == text_span.file && span.end.offset > text_span.end.offset)
        text_span.end = span.end;
      text_literal = text_literal && literal;
    }
    text += piece;
    known_size += piece.size();
  }

  void flush() {
    if (text.empty()) return;
    parts.push_back(Value::string(std::move(text), text_span,
                                  text_literal ? Provenance::Literal : Provenance::Derived));
    text.clear();
  }

  // An unknown piece of text. A OneOf or a partial string stands for one
  // unknown stretch here; the whole template is itself the partial string.
  void add_unknown(const Value& value) {
    if (!has_problem) {
      first_problem = value;
      has_problem = true;
    }
    if (value.is_partial_string()) {
      for (const Value& part : value.string_parts()) {
        if (part.is_string())
          add_text(part.as_string(), part.span(), part.provenance() == Provenance::Literal);
        else
          add_unknown(part);
      }
      return;
    }
    flush();
    Value unknown = Value::unknown(value.unknown_reason(), value.span());
    add_deep_references(unknown, value);
    parts.push_back(std::move(unknown));
  }

  // A part Terraform would reject: the template will be a plain unknown.
  void add_invalid(Value value) {
    if (!has_problem) {
      first_problem = std::move(value);
      has_problem = true;
    }
  }
};

Value Evaluator::template_value(const Expr& expr) {
  // `"${x}"` is x itself, not x converted to a string.
  if (expr.kind == Expr::Kind::Template && expr.children.size() == 1 &&
      expr.children[0].kind != Expr::Kind::String &&
      expr.children[0].kind != Expr::Kind::TemplateIf &&
      expr.children[0].kind != Expr::Kind::TemplateFor) {
    Value value = evaluate(expr.children[0]);
    if (!value.is_unknown()) value.set_provenance(Provenance::Derived);
    return value;
  }

  size_t failures_before = failures_;
  size_t limits_before = limits_hit_;
  TemplateParts out;
  out.max_size = limits_.string_bytes;
  if (expr.kind == Expr::Kind::Template) {
    for (const Expr& part : expr.children) append_template(part, out);
  } else {
    append_template(expr, out);
  }
  // A part Terraform would reject, or one over a limit, leaves nothing to
  // know about the text.
  if (out.too_long)
    out.add_invalid(over_limit("string_bytes", limits_.string_bytes, expr.span, "a template"));
  charge(out.known_size / kBytesPerStep);
  if (failures_ != failures_before || limits_hit_ != limits_before) {
    Value problem = out.has_problem ? std::move(out.first_problem)
                                    : Value::unknown("template cannot be evaluated", expr.span);
    for (const Value& input : out.inputs) add_deep_references(problem, input);
    return problem;
  }
  Value result;
  if (out.has_problem) {
    out.flush();
    std::string reason = out.first_problem.unknown_reason();
    result = Value::partial_string(std::move(out.parts), std::move(reason), expr.span);
  } else {
    result = Value::string(std::move(out.text), expr.span, Provenance::Derived);
  }
  for (const Value& input : out.inputs) add_deep_references(result, input);
  return result;
}

// Appends one template part: known text, an unknown stretch, or, for a part
// Terraform would reject, a failure the caller sees in `failures_`.
void Evaluator::append_template(const Expr& part, TemplateParts& out) {
  auto append_body = [&](const Expr& body) {
    if (body.kind == Expr::Kind::Template) {
      for (const Expr& child : body.children) append_template(child, out);
    } else {
      append_template(body, out);
    }
  };
  if (out.too_long) return;
  switch (part.kind) {
    case Expr::Kind::String:
      out.add_text(part.text, part.span, true);
      return;
    case Expr::Kind::TemplateIf: {
      if (part.children.size() < 2) {
        out.add_invalid(fail("malformed template if", part.span));
        return;
      }
      Value condition = evaluate(part.children[0]);
      out.inputs.push_back(condition);
      std::optional<bool> chosen = to_bool(condition);
      if (condition.is_unknown()) {
        // Either body may be chosen: nobody knows this stretch of text.
        out.add_unknown(Value::unknown(condition.unknown_reason(), part.span));
      } else if (!chosen) {
        out.add_invalid(fail("template condition must be a bool", part.children[0].span));
      } else if (*chosen) {
        append_body(part.children[1]);
      } else if (part.children.size() > 2) {
        append_body(part.children[2]);
      }
      return;
    }
    case Expr::Kind::TemplateFor: {
      if (part.children.size() < 2) {
        out.add_invalid(fail("malformed template for", part.span));
        return;
      }
      Value collection = evaluate(part.children[0]);
      out.inputs.push_back(collection);
      if (collection.is_unknown()) {
        out.add_unknown(Value::unknown(collection.unknown_reason(), part.span));
      } else if (!is_collection(collection)) {
        out.add_invalid(fail("template for needs a list or map, not " + collection.describe(),
                             part.children[0].span));
      } else {
        size_t failures_before = failures_;
        for_each_element(collection, part.key_name, part.text, [&] {
          append_body(part.children[1]);
          return failures_ == failures_before && !out.too_long;
        });
      }
      return;
    }
    default:
      break;
  }
  Value value = evaluate(part);
  if (value.is_unknown()) {
    out.add_unknown(value);
  } else if (std::optional<std::string> piece = to_text(value)) {
    out.add_text(*piece, part.span, false);
  } else if (value.is_null()) {
    out.add_invalid(fail("template interpolates a null value", part.span));
  } else {
    out.add_invalid(fail("cannot interpolate " + value.describe() + " into a string", part.span));
  }
  out.inputs.push_back(std::move(value));
}

}  // namespace bw::frontends::terraform
