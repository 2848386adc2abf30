#pragma once
// Terraform's built-in functions that can be evaluated without touching the
// filesystem, the clock or a provider. Others give an unknown value that
// names the function.

#include <string>
#include <vector>

#include "ir/value.h"

namespace bw::frontends::terraform {

// A function's value, and whether Terraform would have rejected the call.
struct CallResult {
  ir::Value value;
  // The call is one Terraform would reject (wrong types, missing key); `try`
  // moves on to its next argument.
  bool failed = false;
};

// Calls `name` on evaluated arguments. An unknown argument gives an unknown
// result, unless the function can answer without it.
CallResult call_function(const std::string& name, std::vector<ir::Value> args,
                         const ir::Span& span);

}  // namespace bw::frontends::terraform
