#pragma once
// The operators over run-time values, three-valued: each returns a Bool (or a
// Number, String, List), Unknown naming the unknown value that decided it, or
// Error for a type mismatch.

#include "compiler/expr/ast.h"
#include "compiler/expr/runtime_value.h"

namespace bw::compiler::expr {

// Values nested deeper than this (a frontend may build anything) make ==
// an Error rather than a stack overflow.
inline constexpr uint32_t kMaxValueDepth = 256;

// ==. Values of different types are not equal (no error); numbers compare
// as doubles; lists and objects compare structurally (objects ignoring key
// order) and are unequal as soon as one member is known to differ, even if
// another is unknown.
Val equals(const Val& a, const Val& b);

// < <= > >= over two numbers or two strings (byte order, which is code
// point order in UTF-8).
Val compare(BinaryOp op, const Val& a, const Val& b);

// + over numbers, strings and lists; - * / % over numbers. Division or
// remainder by zero is an Error.
Val arithmetic(BinaryOp op, const Val& a, const Val& b, Arena& arena);

}  // namespace bw::compiler::expr
