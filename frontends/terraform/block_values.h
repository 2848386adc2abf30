#pragma once
// Evaluates the body of a resource, data or module block into the object
// rules read: every argument by name, nested blocks as lists of objects
// under their type; `dynamic` blocks expanded when their for_each is known,
// an unknown list (with the reason) when it is not.

#include "frontends/terraform/evaluator.h"
#include "frontends/terraform/hcl_ast.h"

namespace bw::frontends::terraform {

// Where a body sits decides which arguments name things instead of
// referencing them (`provider = aws.west`, `ignore_changes = [tags]`, a
// `removed` block's `from`).
enum class BodyKind : uint8_t { Resource, Module, Lifecycle, Nested, Removed };

ir::Value evaluate_body(const Body& body, const ir::Span& span, BodyKind kind,
                        Evaluator& evaluator);

}  // namespace bw::frontends::terraform
