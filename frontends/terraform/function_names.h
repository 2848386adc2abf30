#pragma once
// The functions Terraform itself knows and how many arguments each takes, so
// that a call Terraform would refuse (an unknown name, a wrong count) is an
// error even when blastwall does not evaluate that function.

#include <cstddef>
#include <string_view>

namespace bw::frontends::terraform {

struct FunctionArity {
  size_t parameters;  // the fixed ones, all required
  bool variadic;      // whether any number more may follow
};

// The built-in function `name` (`core::upper` is `upper`), or null when
// Terraform 1.11 has no such function.
const FunctionArity* terraform_function(std::string_view name);

}  // namespace bw::frontends::terraform
