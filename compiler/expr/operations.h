#pragma once
// The operators over run-time values, three-valued: each returns a Bool (or a
// Number, String, List), or Unknown naming the unknown value that decided it.
// The evaluator checks operand types first and words the errors; these
// functions only fall back to a short reason when handed operands they
// cannot use.

#include "compiler/expr/ast.h"
#include "compiler/expr/runtime_value.h"

namespace bw::compiler::expr {

// ==. Values of different types are not equal (no error); numbers compare
// as doubles; lists and objects compare structurally (objects ignoring key
// order) and are unequal as soon as one member is known to differ, even if
// another is unknown. A partial string differs from a known string its known
// parts cannot fit.
Val equals(const Val& a, const Val& b, World& world);

// < <= > >= over two numbers or two strings (byte order, which is code
// point order in UTF-8).
Val compare(BinaryOp op, const Val& a, const Val& b);

// Whether compare() or arithmetic() can take these (known) operands.
bool comparable(const Val& a, const Val& b);
bool computable(BinaryOp op, const Val& a, const Val& b);

// + over numbers, strings and lists; - * / % over numbers. Division or
// remainder by zero is Unknown.
Val arithmetic(BinaryOp op, const Val& a, const Val& b, Arena& arena, World& world);

}  // namespace bw::compiler::expr
