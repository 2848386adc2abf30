#include "ir/environment.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "ir/value.h"

namespace bw::ir {

std::string environment_from_tags(const Value& attributes) {
  const Value* tags = attributes.get("tags");
  if (!tags || !tags->is_object()) return "";
  for (const char* key : {"Environment", "environment", "Env", "env", "Stage", "stage"}) {
    const Value* tag = tags->get(key);
    if (tag && tag->is_string()) return environment_from_word(tag->as_string());
  }
  return "";
}

std::string environment_from_word(std::string_view word) {
  std::string w(word);
  std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return std::tolower(c); });
  if (w == "prod" || w == "production" || w == "prd" || w == "live") return "prod";
  if (w == "staging" || w == "stage" || w == "stg") return "staging";
  if (w == "test" || w == "testing" || w == "tests") return "test";
  if (w == "dev" || w == "development") return "dev";
  if (w == "qa") return "qa";
  if (w == "sandbox") return "sandbox";
  if (w == "local") return "local";
  return "";
}

// Splits on the separators people put around environment names: values-prod,
// prod.tfvars, .env.production, prod_eu.
static std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '-' || text[i] == '_' || text[i] == '.') {
      if (i > start) out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

EnvironmentGuess classify_path(std::string_view path) {
  std::vector<std::string_view> components;
  size_t start = 0;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      if (i > start) components.push_back(path.substr(start, i - start));
      start = i + 1;
    }
  }
  for (size_t k = components.size(); k-- > 0;) {
    std::string_view component = components[k];
    if (component == "." || component == "..") continue;
    bool is_file = k + 1 == components.size();
    for (std::string_view word : words(component)) {
      std::string env = environment_from_word(word);
      if (env.empty()) continue;
      return {env, (is_file ? "file name '" : "path component '") + std::string(component) + "'"};
    }
  }
  return {};
}

}  // namespace bw::ir
