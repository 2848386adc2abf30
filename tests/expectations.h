#pragma once
// Reads the findings a fixture promises from its own comments, clang-tidy
// style, so adding a test is adding one file:
//
//   deletion_protection = false   # expect: BW101
//   deletion_protection = false   # expect: BW101:25 "deletion protection is off"
//   # expect-next-line: BW101, BW451
//   backup_retention_period = var.days   # expect-unknown: BW401
//   # blastwall:ignore BW101            # expect-warning: unused
//   engine = (                          # expect-error: "unknown name"
//   module "db" {                       # expect-not-analysed: "neither installed"
//
// An item is a rule id (or, for warnings and errors, a word or a quoted
// phrase of the message), then `:COLUMN` and a quoted part of the message
// (required for findings: see `incomplete`). `expect-unknown` findings appear
// only with --unknown=report, as unknown. `expect-warning`/`expect-error`
// expect a warning or an error (one that is not already an unanalyzable
// finding) whose message contains the text; `expect-not-analysed` a part of
// the input not analysed (a remote module outside the module table).
//
// Files without comments (JSON) say the same beside them, in YAML: `F.expect`
// for a file F, or one `expect.yaml` at the top of a fixture directory, whose
// items also name their `path` (relative to the directory):
//
//   - {line: 4, column: 7, rule: BW101, message: "deletion protection is off"}
//   - {line: 9, column: 3, rule: BW401, message: "may", unknown: true}
//   - {line: 2, warning: "unused"}
//   - {line: 3, error: "unknown name"}

#include <string>
#include <vector>

namespace bw::tests {

struct Expectation {
  std::string path;
  unsigned line = 0;
  std::string what;  // a rule id, or the text a warning or error contains
  enum Kind { Finding, Unknown, Warning, Error, NotAnalysed } kind = Finding;
  unsigned column = 0;  // 0: any column
  std::string message;  // "" : any message; else a part of it
  std::string written;  // where the expectation is written (path:line), for errors; not compared

  bool operator<(const Expectation& o) const;
  bool operator==(const Expectation& o) const;
  std::string describe() const;
  // Whether `got` (as reported, with its full message) is what this expects.
  bool matches(const Expectation& got) const;
};

// The expectations in the comments of `text`, the file at `path`.
std::vector<Expectation> read_expectations(const std::string& path, const std::string& text);

// What a sidecar expects, or why it cannot be read ("path:line: ...").
struct Sidecar {
  std::vector<Expectation> expectations;
  std::vector<std::string> errors;
};

// Whether a fixture file is a sidecar rather than an input: `*.expect`, or
// `expect.yaml` (at the top of a fixture directory).
bool is_sidecar(const std::string& path);

// Reads the sidecar at `path`. For `F.expect`, `file` is F's path and items
// name no path; for a directory's `expect.yaml`, `file` is empty and each
// item's `path` is relative to `directory`.
Sidecar read_sidecar(const std::string& path, const std::string& text, const std::string& file,
                     const std::string& directory);

// The findings expected without both a column and a part of the message, as
// errors ("path:line: ..."): one that names only the rule lets a finding at
// the wrong place or with the wrong words pass.
std::vector<std::string> incomplete(const std::vector<Expectation>& expectations);

}  // namespace bw::tests
