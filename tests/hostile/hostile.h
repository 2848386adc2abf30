#pragma once
// Hostile-input tests (issue: "safe against any repository"): each builds a
// small generated input in a scratch directory, runs the real binary on it as
// an attacker's pull request would be scanned, and asserts the outcome — a
// named `unanalyzable` finding, error or warning — together with bounded work
// (CPU time and peak memory of the child, through wait4's rusage: generous
// enough for a loaded runner, scaled under sanitizers) and a canary finding
// beside the hostile input that must still be reported.

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace hostile {

namespace fs = std::filesystem;

// How much slower and larger a sanitizer build is: CPU and memory bounds are
// multiplied by it. BW_SANITIZE is defined by the sanitizer build.
inline double scale() {
#ifdef BW_SANITIZE
  return 6.0;
#else
  return 1.0;
#endif
}

struct Outcome {
  int status = -1;         // exit status; -1 when killed by a signal
  std::string out;         // standard output
  std::string err;         // standard error
  double cpu_seconds = 0;  // user + system of the child
  long max_rss_mib = 0;    // peak resident set of the child
  nlohmann::json json;     // standard output parsed, when `--format json` was asked
};

// A scratch directory, removed afterwards. `git` makes it a repository with
// everything committed, so it is its own root.
class Scratch {
 public:
  Scratch() {
    static int counter = 0;
    root_ = fs::temp_directory_path() /
            ("blastwall-hostile-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  const fs::path& root() const { return root_; }
  fs::path path(const std::string& relative) const { return root_ / relative; }
  // Writes a file (creating its directories) and returns its path.
  fs::path write(const std::string& relative, const std::string& text) const {
    fs::path p = root_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  // Runs a shell command in the scratch directory; its exit status.
  int shell(const std::string& command) const {
    return std::system(("cd '" + root_.string() + "' && " + command).c_str());
  }
  void git_commit_all() const {
    REQUIRE(shell("git init -q . && git add -A && git -c user.name=t -c user.email=t@t "
                  "commit -q --no-verify -m init") == 0);
  }

 private:
  fs::path root_;
};

// The canary: a database whose deletion protection is off, which BW101-class
// rules must still report beside any hostile input.
inline const char* canary_tf() {
  return "resource \"aws_db_instance\" \"canary\" {\n"
         "  deletion_protection = false\n"
         "}\n";
}

// Runs `blastwall ARGS` in `directory` (ARGS are passed through the shell),
// with standard output and error kept apart, and the child's rusage.
inline Outcome run(const std::string& arguments, const fs::path& directory,
                   const std::string& stdin_path = "/dev/null") {
  Outcome o;
  fs::path out = fs::temp_directory_path() / ("bw-hostile-out-" + std::to_string(::getpid()));
  fs::path err = fs::temp_directory_path() / ("bw-hostile-err-" + std::to_string(::getpid()));
  std::string command = "cd '" + directory.string() +
                        "' && NO_COLOR=1 exec '" BLASTWALL_BINARY "' " + arguments + " <'" +
                        stdin_path + "' >'" + out.string() + "' 2>'" + err.string() + "'";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  REQUIRE(wait4(pid, &status, 0, &usage) == pid);
  o.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.cpu_seconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
                  usage.ru_stime.tv_usec / 1e6;
  o.max_rss_mib = usage.ru_maxrss / 1024;
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  o.out = slurp(out);
  o.err = slurp(err);
  fs::remove(out);
  fs::remove(err);
  if (arguments.find("json") != std::string::npos)
    o.json = nlohmann::json::parse(o.out, nullptr, false);
  return o;
}

// The findings of `rule` in a JSON outcome, optionally only those in `path`
// (as the JSON shows it).
inline std::vector<nlohmann::json> findings(const Outcome& o, const std::string& rule,
                                            const std::string& path = "") {
  std::vector<nlohmann::json> found;
  if (!o.json.is_object() || !o.json.contains("findings")) return found;
  for (const auto& f : o.json["findings"])
    if (f.value("rule", "") == rule && (path.empty() || f.value("path", "") == path))
      found.push_back(f);
  return found;
}

// Whether any finding of `rule` has a message containing `words`.
inline bool has_finding(const Outcome& o, const std::string& rule, const std::string& words,
                        const std::string& path = "") {
  for (const auto& f : findings(o, rule, path))
    if (f.value("message", "").find(words) != std::string::npos) return true;
  return false;
}

// Bounded work: CPU seconds and peak MiB, each scaled under sanitizers.
inline void check_bounded(const Outcome& o, double cpu_seconds, long rss_mib) {
  CHECK_MESSAGE(o.cpu_seconds <= cpu_seconds * scale(), "CPU ", o.cpu_seconds, " s");
  CHECK_MESSAGE(o.max_rss_mib <= static_cast<long>(rss_mib * scale()), "peak ", o.max_rss_mib,
                " MiB");
}

}  // namespace hostile
