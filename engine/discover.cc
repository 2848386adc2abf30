#include "engine/discover.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "engine/gitignore.h"
#include "engine/parallel.h"
#include "ir/glob.h"

namespace bw::engine {

namespace {

constexpr int kMaxDepth = 64;
// More input files than any repository holds: past it, the walk stops reading.
constexpr size_t kMaxFiles = 1'000'000;

// The frontend `.blastwall.yaml` forces for a root-relative path, as an index
// into `frontends`.
std::optional<size_t> forced_frontend_for(const DiscoverOptions& options,
                                          const std::vector<frontends::Frontend*>& frontends,
                                          std::string_view path) {
  if (!options.config || options.config->forced_frontends.empty()) return std::nullopt;
  std::optional<std::string> relative = config_relative(path, options.config_prefix);
  if (!relative) return std::nullopt;
  std::string name = forced_frontend(*options.config, *relative);
  for (size_t i = 0; !name.empty() && i < frontends.size(); ++i)
    if (frontends[i]->name() == name) return i;
  return std::nullopt;
}

// One walk of the root.
class Walker {
 public:
  Walker(const Source& source, const DiscoverOptions& options,
         const std::vector<frontends::Frontend*>& frontends, Discovery& out)
      : source_(source), options_(options), frontends_(frontends), out_(out) {}

  // `in_ignored`: inside a skipped directory, on the way to a named path.
  // `forced`: inside a named path that was itself skipped: the user asked for it all.
  void walk(const std::string& directory, int depth, bool in_ignored, bool forced = false) {
    if (depth > kMaxDepth) {
      error(directory, "directory nested too deeply; what it holds is not analysed", true);
      return;
    }
    std::vector<DirEntry> entries;
    std::string list_error;
    if (!source_.list(directory, entries, list_error)) {
      error(directory.empty() ? "." : directory, "cannot list directory: " + list_error, true);
      return;
    }
    // Only a directory that has a .gitignore pays for reading one.
    bool has_ignore_file = std::any_of(entries.begin(), entries.end(),
                                       [](const DirEntry& e) { return e.name == ".gitignore"; });
    std::string ignore_text, ignored_error;
    if (has_ignore_file &&
        source_.read(join_relative(directory, ".gitignore"), ignore_text, ignored_error))
      ignore_.add(directory, ignore_text);
    std::vector<std::string>& files = out_.listed[directory];
    for (const DirEntry& entry : entries)
      if (entry.type == DirEntry::Type::File && (!entry.link || !entry.target.empty()))
        files.push_back(entry.name);
    for (const DirEntry& entry : entries) {
      std::string child = join_relative(directory, entry.name);
      bool is_dir = entry.type == DirEntry::Type::Directory;
      bool force = leads_to_named(child);
      bool vendored = is_dir && (entry.name == ".git" || entry.name == ".terraform" ||
                                 entry.name == "node_modules");
      bool skip = vendored || (!forced && (ignore_.ignored(child, is_dir) || excluded(child)));
      if ((skip || in_ignored) && !force) continue;
      // Inside an ignored directory only the way to what was named is taken.
      bool child_in_ignored = (skip || in_ignored) && !is_named(child);
      if (entry.link) {
        follow_link(child, entry);
        continue;
      }
      if (is_dir)
        walk(child, depth + 1, child_in_ignored, forced || (skip && is_named(child)));
      else if (entry.type == DirEntry::Type::File)
        consider(child);
    }
  }

  // A file some frontend wants by its name, or one the configuration gives
  // to a frontend: read later, in parallel.
  void consider(const std::string& path) {
    if (!wanted(path)) return;
    if (candidates.size() == kMaxFiles) {
      error(path, "more than 1,000,000 files to analyse: this one and the rest are not analysed",
            true);
    }
    if (candidates.size() < kMaxFiles) candidates.push_back(path);
  }

  std::vector<std::string> candidates;

 private:
  void follow_link(const std::string& path, const DirEntry& entry) {
    if (entry.target.empty()) {
      if (entry.type == DirEntry::Type::File && wanted(path))
        error(path, "symbolic link leads outside the repository root; not read", true);
      else if (entry.type == DirEntry::Type::Directory)
        error(path, "symbolic link to a directory outside the repository root; not followed",
              false);
      return;
    }
    // A linked directory inside the root is walked where it really is.
    if (entry.type == DirEntry::Type::File) consider(path);
  }

  bool wanted(const std::string& path) const {
    return forced_frontend_for(options_, frontends_, path) ||
           std::any_of(frontends_.begin(), frontends_.end(),
                       [&](const frontends::Frontend* f) { return f->wants(path); });
  }

  bool excluded(const std::string& path) const {
    if (!options_.config || options_.config->exclude.empty()) return false;
    std::optional<std::string> relative = config_relative(path, options_.config_prefix);
    if (!relative) return false;
    for (const std::string& glob : options_.config->exclude)
      if (ir::match_path_glob_or_below(glob, *relative)) return true;
    return false;
  }

  bool is_named(const std::string& path) const {
    return std::find(options_.named.begin(), options_.named.end(), path) != options_.named.end();
  }

  // Named, or a directory on the way to something named.
  bool leads_to_named(const std::string& path) const {
    for (const std::string& named : options_.named)
      if (path_within(named, path)) return true;
    return false;
  }

  void error(const std::string& path, std::string message, bool unanalyzable) {
    out_.errors.push_back({unanalyzable ? ir::DiagnosticLevel::Error : ir::DiagnosticLevel::Warning,
                           {},
                           path,
                           std::move(message),
                           unanalyzable});
  }

  const Source& source_;
  const DiscoverOptions& options_;
  const std::vector<frontends::Frontend*>& frontends_;
  Discovery& out_;
  GitIgnore ignore_;
};

}  // namespace

bool path_within(std::string_view path, std::string_view named) {
  if (named.empty()) return true;
  return path == named || (path.size() > named.size() &&
                           path.compare(0, named.size(), named) == 0 && path[named.size()] == '/');
}

std::optional<std::string> config_relative(std::string_view path, std::string_view config_prefix) {
  if (config_prefix.empty()) return std::string(path);
  if (!path_within(path, config_prefix)) return std::nullopt;
  return path.size() == config_prefix.size() ? std::string()
                                             : std::string(path.substr(config_prefix.size() + 1));
}

namespace {

// Reads the candidates in parallel and gives each to the frontend the
// configuration forces, else to the one that claims it most surely.
void read_candidates(const Source& source, const DiscoverOptions& options,
                     const std::vector<frontends::Frontend*>& frontends,
                     const std::vector<std::string>& candidates, Discovery& out) {
  std::vector<std::optional<DiscoveredFile>> read(candidates.size());
  std::vector<std::string> errors(candidates.size());
  parallel_for_each_thread(
      candidates.size(), options.jobs,
      [&] { return std::make_unique<ir::PhaseTimer>(options.timings, ir::Phase::Read); },
      [&](auto&, size_t i) {
        const std::string& path = candidates[i];
        DiscoveredFile file{path, 0, {}};
        if (!source.read(path, file.text, errors[i])) return;
        std::optional<size_t> frontend = forced_frontend_for(options, frontends, path);
        if (!frontend) frontend = choose_frontend(frontends, path, file.text);
        if (!frontend) return;
        file.frontend = *frontend;
        read[i] = std::move(file);
      });
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (read[i]) out.files.push_back(std::move(*read[i]));
    if (!errors[i].empty())
      out.errors.push_back(
          {ir::DiagnosticLevel::Error, {}, candidates[i], "cannot read file: " + errors[i], true});
  }
}

}  // namespace

Discovery discover(const Source& source, const DiscoverOptions& options,
                   const std::vector<frontends::Frontend*>& frontends) {
  Discovery out;
  Walker walker(source, options, frontends, out);
  {
    ir::PhaseTimer timer(options.timings, ir::Phase::Discover);
    walker.walk("", 0, false);
    // A named file the walk could not reach (below a directory it skipped) is read all the same.
    for (const std::string& named : options.named)
      if (source.type_of(named) == DirEntry::Type::File &&
          std::find(walker.candidates.begin(), walker.candidates.end(), named) ==
              walker.candidates.end())
        walker.consider(named);
  }
  read_candidates(source, options, frontends, walker.candidates, out);
  std::sort(
      out.files.begin(), out.files.end(),
      [](const DiscoveredFile& a, const DiscoveredFile& b) { return a.relative < b.relative; });
  return out;
}

std::optional<size_t> choose_frontend(const std::vector<frontends::Frontend*>& frontends,
                                      std::string_view path, std::string_view text) {
  std::optional<size_t> best;
  int best_score = 0;
  for (size_t f = 0; f < frontends.size(); ++f) {
    if (!frontends[f]->wants(path)) continue;
    int score = std::min(frontends[f]->claim(path, text), 100);
    if (score <= 0) continue;
    if (!best || score > best_score ||
        (score == best_score && frontends[f]->name() < frontends[*best]->name())) {
      best = f;
      best_score = score;
    }
  }
  return best;
}

}  // namespace bw::engine
