// The template half of the Evaluator: string templates and heredocs with
// interpolations and `%{ if }` / `%{ for }` directives.

#include <optional>
#include <string>
#include <vector>

#include "frontends/terraform/evaluator.h"
#include "frontends/terraform/value_ops.h"

namespace bw::frontends::terraform {

using ir::Provenance;
using ir::Value;

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

  std::string text;
  std::vector<Value> inputs;
  Value problem;
  bool failed = false;
  if (expr.kind == Expr::Kind::Template) {
    for (const Expr& part : expr.children)
      failed = !append_template(part, text, inputs, problem) || failed;
  } else {
    failed = !append_template(expr, text, inputs, problem);
  }
  if (failed) {
    for (const Value& input : inputs) add_deep_references(problem, input);
    return problem;
  }
  Value result = Value::string(std::move(text), expr.span, Provenance::Derived);
  for (const Value& input : inputs) add_deep_references(result, input);
  return result;
}

// Appends one template part. On an unknown or invalid part, returns false and
// keeps the first such value in `problem`; later parts still contribute their
// references through `inputs`.
bool Evaluator::append_template(const Expr& part, std::string& text, std::vector<Value>& inputs,
                                Value& problem) {
  bool ok = true;
  auto trouble = [&](Value value) {
    if (!problem.is_unknown()) problem = std::move(value);
    ok = false;
  };
  auto append_body = [&](const Expr& body) {
    if (body.kind == Expr::Kind::Template) {
      for (const Expr& child : body.children)
        if (!append_template(child, text, inputs, problem)) ok = false;
    } else if (!append_template(body, text, inputs, problem)) {
      ok = false;
    }
  };
  if (text.size() > kMaxStringSize) {
    trouble(too_large("template result too large to evaluate", part.span));
    return false;
  }
  switch (part.kind) {
    case Expr::Kind::String:
      text += part.text;
      return true;
    case Expr::Kind::TemplateIf: {
      if (part.children.size() < 2) {
        trouble(fail("malformed template if", part.span));
        return false;
      }
      Value condition = evaluate(part.children[0]);
      inputs.push_back(condition);
      std::optional<bool> chosen = to_bool(condition);
      if (condition.is_unknown())
        trouble(condition);
      else if (!chosen)
        trouble(fail("template condition must be a bool", part.children[0].span));
      if (!ok) return false;
      if (*chosen)
        append_body(part.children[1]);
      else if (part.children.size() > 2)
        append_body(part.children[2]);
      return ok;
    }
    case Expr::Kind::TemplateFor: {
      if (part.children.size() < 2) {
        trouble(fail("malformed template for", part.span));
        return false;
      }
      Value collection = evaluate(part.children[0]);
      inputs.push_back(collection);
      if (collection.is_unknown())
        trouble(collection);
      else if (!is_collection(collection))
        trouble(fail("template for needs a list or map, not " + collection.describe(),
                     part.children[0].span));
      if (!ok) return false;
      for_each_element(collection, part.key_name, part.text, [&] {
        append_body(part.children[1]);
        return ok;
      });
      return ok;
    }
    default:
      break;
  }
  Value value = evaluate(part);
  if (value.is_unknown()) {
    trouble(value);
  } else if (std::optional<std::string> piece = to_text(value)) {
    text += *piece;
  } else if (value.is_null()) {
    trouble(fail("template interpolates a null value", part.span));
  } else {
    trouble(fail("cannot interpolate " + value.describe() + " into a string", part.span));
  }
  inputs.push_back(std::move(value));
  return ok;
}

}  // namespace bw::frontends::terraform
