#pragma once
// "Did you mean ...?" for misspelt names: the closest candidate by edit
// distance, when it is close enough to be a plausible typo.

#include <string>
#include <string_view>
#include <vector>

namespace bw::compiler::expr {

// Edit distance counting insertions, deletions, substitutions and swaps of
// adjacent bytes (a swap is one typo: "enigne").
size_t edit_distance(std::string_view a, std::string_view b);

// "; did you mean 'x'?" or "" when no candidate is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace bw::compiler::expr
