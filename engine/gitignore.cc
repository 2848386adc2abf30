#include "engine/gitignore.h"

namespace bw::engine {

namespace {

bool has_wildcard(std::string_view text) {
  return text.find_first_of("*?[\\") != std::string_view::npos;
}

// One byte of `name` against the class at `glob[p]` (just past `[`); where
// the class ends in `end`. False when the class is not closed: `[` is then a
// plain byte.
bool match_class(std::string_view glob, size_t p, char c, bool& matched, size_t& end) {
  bool negate = p < glob.size() && (glob[p] == '!' || glob[p] == '^');
  size_t i = p + (negate ? 1 : 0);
  size_t first = i;
  bool found = false;
  for (; i < glob.size() && (glob[i] != ']' || i == first); ++i) {
    char low = glob[i];
    if (low == '\\' && i + 1 < glob.size()) low = glob[++i];
    if (i + 2 < glob.size() && glob[i + 1] == '-' && glob[i + 2] != ']') {
      char high = glob[i + 2];
      i += 2;
      if (high == '\\' && i + 1 < glob.size()) high = glob[++i];
      if (c >= low && c <= high) found = true;
    } else if (c == low) {
      found = true;
    }
  }
  if (i >= glob.size()) return false;
  matched = found != negate;
  end = i + 1;
  return true;
}

}  // namespace

bool match_component_glob(std::string_view glob, std::string_view name) {
  size_t p = 0, n = 0;
  size_t star = std::string_view::npos, resume = 0;  // the last `*`, and where it resumes
  while (n < name.size()) {
    if (p < glob.size()) {
      char c = glob[p];
      if (c == '*') {
        while (p < glob.size() && glob[p] == '*') ++p;
        star = p;
        resume = n;
        continue;
      }
      if (c == '?') {
        ++p;
        ++n;
        continue;
      }
      if (c == '[') {
        bool matched = false;
        size_t end = 0;
        if (match_class(glob, p + 1, name[n], matched, end)) {
          if (matched) {
            p = end;
            ++n;
            continue;
          }
        } else if (name[n] == '[') {
          ++p;
          ++n;
          continue;
        }
      } else {
        if (c == '\\' && p + 1 < glob.size()) c = glob[++p];
        if (c == name[n]) {
          ++p;
          ++n;
          continue;
        }
      }
    }
    if (star == std::string_view::npos) return false;
    // The last `*` takes one more byte; every earlier one has matched as
    // little as it can, which is never worse.
    p = star;
    n = ++resume;
  }
  while (p < glob.size() && glob[p] == '*') ++p;
  return p == glob.size();
}

size_t GitIgnore::add(const std::string& directory, std::string_view text, size_t max_patterns) {
  size_t left_out = 0;
  auto [at, added] = by_base_.try_emplace(directory, files_.size());
  if (added) files_.push_back({directory, {}, {}, {}, {}});
  File& file = files_[at->second];
  std::vector<char> superseded;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Trailing spaces go, unless the last is escaped.
    while (!line.empty() && line.back() == ' ' &&
           !(line.size() >= 2 && line[line.size() - 2] == '\\'))
      line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    Pattern p;
    if (line[0] == '!') {
      p.negate = true;
      line.erase(0, 1);
    } else if (line[0] == '\\' && line.size() > 1 && (line[1] == '#' || line[1] == '!')) {
      line.erase(0, 1);
    }
    while (!line.empty() && line.back() == '/') {
      p.directory_only = true;
      line.pop_back();
    }
    if (line.empty()) continue;
    p.anchored = line.find('/') != std::string::npos;
    size_t from = 0;
    while (from <= line.size()) {
      size_t slash = line.find('/', from);
      if (slash == std::string::npos) slash = line.size();
      std::string part = line.substr(from, slash - from);
      from = slash + 1;
      if (part.empty()) continue;
      Segment segment;
      segment.kind = part == "**"         ? Segment::Kind::AnyComponents
                     : has_wildcard(part) ? Segment::Kind::Glob
                                          : Segment::Kind::Name;
      // `**` twice in a row is `**` once.
      if (segment.kind == Segment::Kind::AnyComponents && !p.segments.empty() &&
          p.segments.back().kind == Segment::Kind::AnyComponents)
        continue;
      segment.text = std::move(part);
      p.segments.push_back(std::move(segment));
    }
    if (p.segments.empty()) continue;
    if (size_ >= max_patterns) {
      ++left_out;
      continue;
    }
    // A trailing `/**` is everything inside, not the directory itself: one
    // component or more.
    if (p.anchored && p.segments.size() > 1 &&
        p.segments.back().kind == Segment::Kind::AnyComponents)
      p.segments.insert(p.segments.end() - 1, Segment{Segment::Kind::Glob, "*"});
    const Segment& final = p.segments.back();
    if (final.kind == Segment::Kind::Glob) {
      // Runs between wildcards; a class or an escape ends a run too.
      size_t from = 0;
      while (from < final.text.size()) {
        size_t stop = final.text.find_first_of("*?[\\", from);
        if (stop == std::string::npos) stop = final.text.size();
        if (stop - from > p.needed.size()) p.needed = final.text.substr(from, stop - from);
        from = stop + 1;
        if (stop < final.text.size() && final.text[stop] == '[') {
          size_t close = final.text.find(']', stop + 2);
          if (close != std::string::npos) from = close + 1;
        } else if (stop < final.text.size() && final.text[stop] == '\\') {
          ++from;
        }
      }
    }
    p.order = static_cast<uint32_t>(file.patterns.size());
    // The same pattern again: only the later one can ever decide.
    std::string key =
        std::string(p.negate ? "!" : "") + (p.directory_only ? "d" : "f") + (p.anchored ? "/" : "");
    for (const Segment& segment : p.segments) key += segment.text + '\0';
    auto [written, first] = file.written.try_emplace(std::move(key), p.order);
    if (!first) {
      superseded.resize(file.patterns.size(), 0);
      superseded[written->second] = 1;
      written->second = p.order;
    }
    const Segment& last = p.segments.back();
    if (last.kind == Segment::Kind::Name)
      file.by_name[last.text].push_back(p.order);
    else
      file.others.push_back(p.order);
    file.patterns.push_back(std::move(p));
    ++size_;
  }
  if (superseded.empty()) return left_out;
  auto drop = [&](std::vector<uint32_t>& indices) {
    std::erase_if(indices, [&](uint32_t i) { return i < superseded.size() && superseded[i]; });
  };
  drop(file.others);
  for (auto& [name, indices] : file.by_name) drop(indices);
  return left_out;
}

bool GitIgnore::matches(const Pattern& pattern, std::string_view relative) {
  const std::vector<Segment>& segments = pattern.segments;
  auto component_matches = [](const Segment& s, std::string_view component) {
    switch (s.kind) {
      case Segment::Kind::AnyComponents:
        return true;
      case Segment::Kind::Name:
        return component == s.text;
      case Segment::Kind::Glob:
        return match_component_glob(s.text, component);
    }
    return false;
  };
  size_t slash = relative.rfind('/');
  std::string_view last = slash == std::string_view::npos ? relative : relative.substr(slash + 1);
  if (!pattern.needed.empty() && last.find(pattern.needed) == std::string_view::npos) return false;
  if (!pattern.anchored) return component_matches(segments[0], last);
  // The positions in the pattern the path may have reached: position i means
  // segments [0, i) are matched. A `**` may match nothing, so reaching it
  // reaches the position after it too.
  size_t k = segments.size();
  if (k < 64) {
    // The same, with the positions as bits: no allocation.
    uint64_t any_components = 0;
    for (size_t i = 0; i < k; ++i)
      if (segments[i].kind == Segment::Kind::AnyComponents) any_components |= uint64_t{1} << i;
    auto close = [&](uint64_t states) {
      for (size_t i = 0; i < k; ++i)
        if ((states >> i & 1) && (any_components >> i & 1)) states |= uint64_t{1} << (i + 1);
      return states;
    };
    uint64_t here = close(1);
    size_t start = 0;
    while (start <= relative.size()) {
      size_t end = relative.find('/', start);
      if (end == std::string_view::npos) end = relative.size();
      std::string_view component = relative.substr(start, end - start);
      start = end + 1;
      uint64_t next = here & any_components;
      for (uint64_t rest = here & ~any_components & ((uint64_t{1} << k) - 1); rest;
           rest &= rest - 1) {
        size_t i = static_cast<size_t>(__builtin_ctzll(rest));
        if (component_matches(segments[i], component)) next |= uint64_t{1} << (i + 1);
      }
      if (!next) return false;
      here = close(next);
    }
    return here >> k & 1;
  }
  thread_local std::vector<char> here, next;
  here.assign(k + 1, 0);
  auto close = [&](std::vector<char>& states) {
    for (size_t i = 0; i < k; ++i)
      if (states[i] && segments[i].kind == Segment::Kind::AnyComponents) states[i + 1] = 1;
  };
  here[0] = 1;
  close(here);
  size_t start = 0;
  while (start <= relative.size()) {
    size_t slash = relative.find('/', start);
    if (slash == std::string_view::npos) slash = relative.size();
    std::string_view component = relative.substr(start, slash - start);
    start = slash + 1;
    next.assign(k + 1, 0);
    bool any = false;
    for (size_t i = 0; i < k; ++i) {
      if (!here[i]) continue;
      if (segments[i].kind == Segment::Kind::AnyComponents) {
        next[i] = 1;
        any = true;
      } else if (component_matches(segments[i], component)) {
        next[i + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next);
    here.swap(next);
  }
  return here[k];
}

bool GitIgnore::decide(const File& file, std::string_view relative, bool is_directory,
                       bool& ignored) {
  auto applies = [&](const Pattern& p) { return !p.directory_only || is_directory; };
  // The last pattern ending in the path's own name that matches, then any
  // later pattern that matches.
  int64_t best = -1;
  size_t slash = relative.rfind('/');
  std::string_view last = slash == std::string_view::npos ? relative : relative.substr(slash + 1);
  if (!file.by_name.empty())
    if (auto it = file.by_name.find(std::string(last)); it != file.by_name.end())
      for (auto i = it->second.rbegin(); i != it->second.rend(); ++i) {
        const Pattern& p = file.patterns[*i];
        if (applies(p) && (!p.anchored || matches(p, relative))) {
          best = *i;
          break;
        }
      }
  for (auto i = file.others.rbegin(); i != file.others.rend() && *i > best; ++i) {
    const Pattern& p = file.patterns[*i];
    if (applies(p) && matches(p, relative)) {
      best = *i;
      break;
    }
  }
  if (best < 0) return false;
  ignored = !file.patterns[static_cast<size_t>(best)].negate;
  return true;
}

bool GitIgnore::ignored(std::string_view path, bool is_directory) const {
  // A deeper .gitignore decides before the ones above it: the directories
  // above the path, deepest first.
  if (files_.empty()) return false;
  std::string base(path);
  while (true) {
    size_t slash = base.rfind('/');
    base.resize(slash == std::string::npos ? 0 : slash);
    if (auto it = by_base_.find(base); it != by_base_.end()) {
      std::string_view relative = base.empty() ? path : path.substr(base.size() + 1);
      bool result = false;
      if (decide(files_[it->second], relative, is_directory, result)) return result;
    }
    if (base.empty()) return false;
  }
}

}  // namespace bw::engine
