#pragma once
// The string functions of the rule language on plain text, apart from the
// evaluator so they can be tested on their own: imageName(), split(),
// replace(), and how a partial string (known only in parts) compares with a
// known one.

#include <string>
#include <string_view>
#include <vector>

#include "ir/value.h"

namespace bw::compiler::expr {

// The repository's last path component of a container image reference,
// lowercase, without registry, tag or digest:
// "docker.io/bitnami/postgresql:15@sha256:ab" is "postgresql".
std::string image_name(std::string_view reference);

// Pieces of `text` between the occurrences of `separator`; an empty
// separator splits into code points.
std::vector<std::string_view> split(std::string_view text, std::string_view separator);

// Every occurrence of `from` replaced by `to`; an empty `from` puts `to`
// between code points and at both ends, as CEL does.
std::string replace_all(std::string_view text, std::string_view from, std::string_view to);

// ASCII case mapping; other bytes are left as they are.
char to_lower(char c);
char to_upper(char c);

// Whether the partial string `partial` (ir::Value::is_partial_string) could
// be `text`: its known parts appear in order, the first and last where they
// must. False proves the two differ.
bool could_be(const ir::Value& partial, std::string_view text);

// Whether some known run of the partial string contains `part`: then the
// whole string does.
bool known_parts_contain(const ir::Value& partial, std::string_view part);

}  // namespace bw::compiler::expr
