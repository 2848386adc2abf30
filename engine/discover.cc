#include "engine/discover.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/gitignore.h"
#include "engine/glob.h"

namespace bw::engine {

namespace fs = std::filesystem;

static constexpr size_t kMaxFileBytes = 16 * 1024 * 1024;
static constexpr int kMaxDepth = 64;

std::string display_path(const std::string& path) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  fs::path absolute = fs::absolute(path, ec).lexically_normal();
  if (!ec) {
    fs::path relative = absolute.lexically_relative(cwd);
    std::string text = relative.generic_string();
    if (!text.empty() && text.rfind("..", 0) != 0) return text;
  }
  return fs::path(path).lexically_normal().generic_string();
}

bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = std::move(buffer).str();
  return !in.bad();
}

namespace {

// One walk over one scanned path.
class Walker {
 public:
  Walker(const Config& config, const std::vector<frontends::Frontend*>& frontends, Discovery& out)
      : config_(config), frontends_(frontends), out_(out) {}

  void walk_root(const std::string& given) {
    std::error_code ec;
    fs::file_status status = fs::symlink_status(given, ec);
    if (ec || !fs::exists(status)) {
      out_.errors.push_back(
          {ir::DiagnosticLevel::Error, {}, given, "no such file or directory", false});
      return;
    }
    root_ = fs::absolute(given, ec).lexically_normal().string();
    while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
    if (fs::is_directory(status)) {
      walk_directory(given, "", 0);
    } else {
      // A file named explicitly is read even if ignored: the user asked for it.
      consider_file(given);
    }
  }

 private:
  bool excluded(const std::string& fs_path) const {
    if (config_.exclude.empty()) return false;
    std::error_code ec;
    fs::path relative =
        fs::absolute(fs_path, ec)
            .lexically_normal()
            .lexically_relative(fs::absolute(config_.directory, ec).lexically_normal());
    std::string text = relative.generic_string();
    for (const std::string& glob : config_.exclude)
      if (glob_match(glob, text) || glob_match(glob + "/**", text)) return true;
    return false;
  }

  void walk_directory(const std::string& fs_dir, const std::string& relative, int depth) {
    if (depth > kMaxDepth) return;
    std::string ignore_text;
    if (read_file((fs::path(fs_dir) / ".gitignore").string(), ignore_text))
      ignore_.add(relative, ignore_text);

    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    for (fs::directory_iterator it(fs_dir, ec), end; !ec && it != end; it.increment(ec))
      entries.push_back(*it);
    if (ec) {
      out_.errors.push_back({ir::DiagnosticLevel::Error,
                             {},
                             display_path(fs_dir),
                             "cannot list: " + ec.message(),
                             false});
      return;
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    for (const fs::directory_entry& entry : entries) {
      std::string name = entry.path().filename().string();
      std::string child = relative.empty() ? name : relative + "/" + name;
      std::error_code status_ec;
      if (entry.is_symlink(status_ec)) continue;
      bool is_dir = entry.is_directory(status_ec);
      if (is_dir && (name == ".git" || name == ".terraform" || name == "node_modules")) continue;
      if (ignore_.ignored(child, is_dir)) continue;
      std::string fs_child = entry.path().string();
      if (excluded(fs_child)) continue;
      if (is_dir)
        walk_directory(fs_child, child, depth + 1);
      else if (entry.is_regular_file(status_ec))
        consider_file(fs_child);
    }
  }

  void consider_file(const std::string& fs_path) {
    // Only read what some frontend may want: first by name, then by content.
    std::ifstream in(fs_path, std::ios::binary);
    if (!in) {
      out_.errors.push_back(
          {ir::DiagnosticLevel::Error, {}, display_path(fs_path), "cannot read file", false});
      return;
    }
    char head[1024];
    in.read(head, sizeof head);
    std::string_view head_view(head, static_cast<size_t>(in.gcount()));
    std::string display = display_path(fs_path);
    for (size_t i = 0; i < frontends_.size(); ++i) {
      if (!frontends_[i]->claims(display, head_view)) continue;
      std::error_code ec;
      auto size = fs::file_size(fs_path, ec);
      if (!ec && size > kMaxFileBytes) {
        out_.errors.push_back({ir::DiagnosticLevel::Error,
                               {},
                               display,
                               "file is larger than 16 MiB; not analysed",
                               true});
        return;
      }
      DiscoveredFile file{display, fs_path, root_, i, {}};
      if (!read_file(fs_path, file.text)) {
        out_.errors.push_back({ir::DiagnosticLevel::Error, {}, display, "cannot read file", false});
        return;
      }
      out_.files.push_back(std::move(file));
      return;
    }
  }

  const Config& config_;
  const std::vector<frontends::Frontend*>& frontends_;
  Discovery& out_;
  GitIgnore ignore_;
  std::string root_;
};

}  // namespace

Discovery discover(const std::vector<std::string>& paths, const Config& config,
                   const std::vector<frontends::Frontend*>& frontends) {
  Discovery out;
  for (const std::string& path : paths) {
    Walker walker(config, frontends, out);
    walker.walk_root(path);
  }
  // The same file named twice (a directory and a file in it) is read once.
  std::sort(out.files.begin(), out.files.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  out.files.erase(std::unique(out.files.begin(), out.files.end(),
                              [](const auto& a, const auto& b) { return a.path == b.path; }),
                  out.files.end());
  return out;
}

}  // namespace bw::engine
