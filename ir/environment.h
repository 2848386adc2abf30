#pragma once
// Which environment a file belongs to (HAZARDS.md, Environments): production
// or one of the non-production ones, judged from its path and name. The
// configuration's patterns come first; the engine applies them.

#include <string>
#include <string_view>

namespace bw::ir {

class Value;

struct EnvironmentGuess {
  std::string environment;  // "prod", "staging", "test", "dev", "qa", "sandbox", "local", or ""
  std::string reason;       // "path component 'prod'", "file name 'values-prod.yaml'"
};

// Normalises one word: "production"/"prd"/"live" → "prod", "stage" → "staging", ...
// Returns "" for a word that names no environment.
std::string environment_from_word(std::string_view word);

// The environment a resource's own `tags` attribute names (`Environment =
// "prod"`): the first of Environment, environment, Env, env, Stage, stage
// that is a known string decides; "" when none names one.
std::string environment_from_tags(const Value& attributes);

// How a reason begins when the environment came from the repository root's
// own name (outside git, without configuration): a guess the text report shows.
inline constexpr std::string_view kRootNameReason = "the repository root's name";

// The file name's words win over directories; deeper directories over shallower.
EnvironmentGuess classify_path(std::string_view path);

}  // namespace bw::ir
