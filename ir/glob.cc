#include "ir/glob.h"

#include <string>

#include "ir/utf8.h"

namespace bw::ir {

// Iterative matcher with backtracking points for `*` and `**`; linear-ish in
// practice and never recursive, so hostile patterns cannot blow the stack.
bool match_path_glob(std::string_view pattern, std::string_view path) {
  size_t p = 0, s = 0;
  size_t star_p = std::string_view::npos, star_s = 0;    // last `*`
  size_t dstar_p = std::string_view::npos, dstar_s = 0;  // last `**`
  while (s < path.size()) {
    if (p < pattern.size()) {
      char c = pattern[p];
      if (c == '*' && p + 1 < pattern.size() && pattern[p + 1] == '*') {
        // `**/` also matches zero directories.
        p += 2;
        if (p < pattern.size() && pattern[p] == '/') ++p;
        dstar_p = p;
        dstar_s = s;
        star_p = std::string_view::npos;
        continue;
      }
      if (c == '*') {
        star_p = ++p;
        star_s = s;
        continue;
      }
      if (c == '?' && path[s] != '/') {
        ++p;
        ++s;
        continue;
      }
      if (c == '[') {
        size_t close = pattern.find(']', p + 1);
        if (close != std::string_view::npos && path[s] != '/') {
          bool negate = p + 1 < close && (pattern[p + 1] == '!' || pattern[p + 1] == '^');
          bool found = false;
          for (size_t i = p + 1 + (negate ? 1 : 0); i < close; ++i) {
            if (i + 2 < close && pattern[i + 1] == '-') {
              if (path[s] >= pattern[i] && path[s] <= pattern[i + 2]) found = true;
              i += 2;
            } else if (pattern[i] == path[s]) {
              found = true;
            }
          }
          if (found != negate) {
            p = close + 1;
            ++s;
            continue;
          }
        }
      } else if (c == path[s]) {
        ++p;
        ++s;
        continue;
      }
    }
    // Mismatch: widen the last `*` within this component, else the last `**`.
    if (star_p != std::string_view::npos && path[star_s] != '/') {
      p = star_p;
      s = ++star_s;
      continue;
    }
    if (dstar_p != std::string_view::npos) {
      p = dstar_p;
      s = ++dstar_s;
      star_p = std::string_view::npos;
      continue;
    }
    return false;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Backtracks only to the last `*`: every earlier one has already matched as
// little as it can, so the match is linear in practice and never recursive.
bool match_text_glob(std::string_view pattern, std::string_view text) {
  size_t t = 0, p = 0;
  // Where the last `*` was and the text position it has absorbed up to.
  size_t star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == '?') {
      t += decode_utf8(text, t).length;
      ++p;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++t;
      ++p;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      resume += decode_utf8(text, resume).length;
      t = resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool match_path_glob_or_below(std::string_view pattern, std::string_view path) {
  return match_path_glob(pattern, path) || match_path_glob(std::string(pattern) + "/**", path);
}

}  // namespace bw::ir
