#pragma once
// The two kinds of glob, named for what they match, both pattern first.
//
// A path glob is how .gitignore and .blastwall.yaml name files: `*` and `?`
// stay within one path component, `**` crosses components. A text glob is
// the rule language's `glob()` over any string (`rds:Delete*`): `*` is any
// run of characters, `/` included, and nothing else but `?` is special.

#include <string_view>

namespace bw::ir {

// `path` (root-relative, `/`-separated) against `pattern`: `*` any run and
// `?` one byte, neither crossing `/`; `**` any run of components (`a/**/b`
// matches `a/b`); `[abc]`, `[a-z]`, `[!a]` or `[^a]` one byte of a class.
bool match_path_glob(std::string_view pattern, std::string_view path);

// Whether `pattern` names `path` or a directory above it, as the
// configuration's globs do (`exclude: [vendor]` covers `vendor/a/b.tf`).
bool match_path_glob_or_below(std::string_view pattern, std::string_view path);

// The whole of `text` against `pattern`: `*` any run of characters (also
// empty, `/` included), `?` one character (a code point), everything else
// literal and case-sensitive: `[`, `]` and `**` have no meaning of their own.
bool match_text_glob(std::string_view pattern, std::string_view text);

}  // namespace bw::ir
