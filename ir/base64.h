#pragma once
// Base64 as boot scripts use it: Terraform's base64encode, CloudFormation's
// Fn::Base64, launch templates' user_data. Shared so that encoding and
// decoding agree everywhere.

#include <string>
#include <string_view>

namespace bw::ir {

std::string base64_encode(std::string_view bytes);
// False when `text` is not base64 (whitespace between groups is allowed).
bool base64_decode(std::string_view text, std::string& bytes);

}  // namespace bw::ir
