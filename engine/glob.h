#pragma once
// Path globs as .gitignore and .blastwall.yaml write them: `*` and `?` within
// one path component, `**` across components, `[abc]` classes.

#include <string_view>

namespace bw::engine {

bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace bw::engine
