#pragma once
// The HCL syntax tree the evaluator reads: a small, owned tree with every
// node's span, which the hand-written parser (hcl_parser.h) builds straight
// from the text.

#include <string>
#include <vector>

#include "ir/source.h"

namespace bw::frontends::terraform {

// One expression as written. A single plain struct rather than a class per
// kind: `kind` says which of `text`, `number`, `flag` and `children` matter.
struct Expr {
  enum class Kind : uint8_t {
    Null,
    Bool,         // flag
    Number,       // number; flag: the double is not exactly the number written (1e400, 2^53+1)
    String,       // text, escapes already processed; also the literal parts of a Template
    Template,     // children: String parts, interpolated expressions, TemplateIf, TemplateFor
    TemplateIf,   // children: condition, then-Template, optional else-Template
    TemplateFor,  // text: value name, key_name; children: collection, body Template
    Tuple,        // children: elements; flag: more than `number` elements, the rest not kept
    Object,       // children: key, value, key, value, ...
    Variable,     // text: a root name (var, local, each, aws_s3_bucket, a for variable, ...)
    GetAttr,      // children[0].text
    Index,        // children[0][children[1]]
    Splat,        // children[0]: source; children[1]: what to apply to each element (SplatItem)
    SplatItem,    // the element a splat is applied to
    Call,         // text: function name; children: arguments; flag: last argument expanded (...)
    Conditional,  // children: condition, then, else
    Binary,       // text: operator; children: left, right
    Unary,        // text: operator ("!" or "-"); children: operand
    ForTuple,     // text: value name, key_name; children: collection, value, [condition]
    ForObject,    // as ForTuple but children: collection, key, value, [condition]; flag: grouping
    Invalid,      // text: why this frontend cannot evaluate it
  };

  Kind kind = Kind::Invalid;
  // Levels of the tree below and including this node (1 for a leaf). The
  // parser bounds it, so nothing walking the tree can exhaust the stack.
  uint16_t height = 1;
  ir::Span span;
  std::string text;
  std::string key_name;  // for expressions and template for: the key variable, "" when absent
  double number = 0;
  bool flag = false;
  std::vector<Expr> children;
  // For a for expression: whether it has an `if` condition (its last child).
  bool has_condition = false;
};

// `name = value` in a body.
struct Attribute {
  std::string name;
  ir::Span name_span;
  ir::Span span;  // the whole attribute
  Expr value;
};

struct Block;

// The attributes and nested blocks of a file or a block, in source order.
struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
};

// `type "label" ... { body }`.
struct Block {
  std::string type;
  std::vector<std::string> labels;
  ir::Span span;         // the whole block
  ir::Span header_span;  // the type through the last label
  Body body;
};

// A syntax error, already worded for a user.
struct SyntaxError {
  ir::Span span;
  std::string message;
};

// One parsed file: the top-level items that parsed cleanly, and the errors
// that made the others unusable.
struct HclFile {
  ir::FileId file = ir::kNoFile;
  Body body;
  std::vector<SyntaxError> errors;
};

}  // namespace bw::frontends::terraform
