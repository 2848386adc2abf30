#pragma once
// Terraform's built-in functions that can be evaluated without touching the
// filesystem, the clock or a provider. Others give an unknown value that
// names the function.

#include <string>
#include <utility>
#include <vector>

#include "ir/limits.h"
#include "ir/value.h"

namespace bw::frontends::terraform {

// A function's value, and whether Terraform would have rejected the call.
struct CallResult {
  CallResult() = default;
  CallResult(ir::Value value, bool failed) : value(std::move(value)), failed(failed) {}

  ir::Value value;
  // The call is one Terraform would reject (wrong types, missing key); `try`
  // moves on to its next argument.
  bool failed = false;
  // The call needed more than one of blastwall's limits (its name in
  // ir/limits.h, "" when none; `amount` its value): the value is unknown
  // and the evaluator reports the limit.
  std::string limit;
  uint64_t amount = 0;
};

// Calls `name` on evaluated arguments. An unknown argument gives an unknown
// result, unless the function can answer without it. Results are checked
// against `limits` (collection_items, string_bytes) before they are built.
CallResult call_function(const std::string& name, std::vector<ir::Value> args, const ir::Span& span,
                         const ir::Limits& limits = ir::default_limits());

}  // namespace bw::frontends::terraform
