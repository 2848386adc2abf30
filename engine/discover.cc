#include "engine/discover.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <set>

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
    auto ignore_file = std::find_if(entries.begin(), entries.end(),
                                    [](const DirEntry& e) { return e.name == ".gitignore"; });
    if (ignore_file != entries.end()) read_ignore_file(directory, *ignore_file);
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
      if ((skip || in_ignored) && !force) {
        if (skip && !vendored && within_named(child)) ++out_.skipped_named;
        continue;
      }
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
      else if (entry.name != ".gitignore")
        special(child, entry);
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

  // A path the user named that the walk did not reach (below a directory it
  // skipped): read all the same, or reported when it cannot be.
  void named_unreached(const std::string& path) {
    if (reported_.count(path) ||
        std::find(candidates.begin(), candidates.end(), path) != candidates.end())
      return;
    std::optional<DirEntry> entry = source_.entry(path);
    if (!entry) return;
    if (entry->link && entry->target.empty())
      follow_link(path, *entry);
    else if (entry->type == DirEntry::Type::File)
      consider(path);
    else if (entry->type == DirEntry::Type::Other)
      special(path, *entry);
  }

  std::vector<std::string> candidates;

 private:
  void follow_link(const std::string& path, const DirEntry& entry) {
    if (entry.target.empty()) {
      // Never followed, so never read: a link named on the command line, or
      // one with an input's name, is an input that could not be analysed.
      if (entry.type == DirEntry::Type::Directory)
        error(path, "symbolic link to a directory outside the repository root; not followed",
              false);
      else if (is_named(path) || wanted(path))
        error(path, "symbolic link " + entry.problem + "; not read", true);
      return;
    }
    // A linked directory inside the root is walked where it really is.
    if (entry.type == DirEntry::Type::File)
      consider(path);
    else if (entry.type == DirEntry::Type::Other)
      special(path, entry);
  }

  // A FIFO, socket or device is never opened: reading one could block or
  // never end. Named, it is an input that could not be analysed; met on
  // the walk, a warning. A submodule is another repository: not a problem.
  void special(const std::string& path, const DirEntry& entry) {
    if (entry.problem == "a submodule") return;
    std::string what = entry.problem.empty() ? "" : " (" + entry.problem + ")";
    error(path, "not a regular file" + what + "; not read", is_named(path));
  }

  // A .gitignore that is not a regular file in the root is not read (a FIFO
  // would block the walk); the walk goes on without its patterns and says so.
  void read_ignore_file(const std::string& directory, const DirEntry& entry) {
    std::string path = join_relative(directory, ".gitignore");
    std::string text, problem;
    if (entry.link && entry.target.empty())
      problem = "symbolic link " + entry.problem;
    else if (entry.type != DirEntry::Type::File)
      problem = "not a regular file" + (entry.problem.empty() ? "" : " (" + entry.problem + ")");
    else if (!source_.read(path, text, problem))
      problem = "cannot read: " + problem;
    if (!problem.empty()) {
      error(path, problem + "; its patterns are not applied", false);
      return;
    }
    uint64_t limit = options_.config ? options_.config->limits.ignore_patterns
                                     : ir::default_limits().ignore_patterns;
    if (size_t left_out = ignore_.add(directory, text, static_cast<size_t>(limit)))
      error(path,
            std::to_string(left_out) +
                " of its patterns are not applied: the ignore_patterns limit (" +
                std::to_string(limit) + ") is reached",
            false);
  }

  bool within_named(const std::string& path) const {
    return std::any_of(options_.named.begin(), options_.named.end(),
                       [&](const std::string& named) { return path_within(path, named); });
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
    reported_.insert(path);
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
  std::set<std::string> reported_;  // paths the walk has said something about
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
  // A source that answers from another process reads them all in one
  // stream; the disk is read on every thread.
  std::vector<std::string> texts;
  bool batched = false;
  {
    ir::PhaseTimer timer(options.timings, ir::Phase::Read);
    batched = source.read_all(candidates, texts, errors);
  }
  parallel_for_each_thread(
      candidates.size(), options.jobs,
      [&] { return std::make_unique<ir::PhaseTimer>(options.timings, ir::Phase::Read); },
      [&](auto&, size_t i) {
        const std::string& path = candidates[i];
        DiscoveredFile file{path, 0, {}};
        if (batched) {
          if (!errors[i].empty()) return;
          file.text = std::move(texts[i]);
        } else if (!source.read(path, file.text, errors[i])) {
          return;
        }
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
    for (const std::string& named : options.named)
      if (!named.empty()) walker.named_unreached(named);
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
