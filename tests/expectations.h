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
//
// An item is a rule id (or, for warnings and errors, a word or a quoted
// phrase of the message), optionally `:COLUMN`, optionally a quoted part of
// the message. `expect-unknown` findings appear only with --unknown=report,
// as unknown. `expect-warning`/`expect-error` expect a warning or an error
// (one that is not already an unanalyzable finding) whose message contains
// the text.

#include <string>
#include <vector>

namespace bw::tests {

struct Expectation {
  std::string path;
  unsigned line = 0;
  std::string what;  // a rule id, or the text a warning or error contains
  enum Kind { Finding, Unknown, Warning, Error } kind = Finding;
  unsigned column = 0;  // 0: any column
  std::string message;  // "" : any message; else a part of it

  bool operator<(const Expectation& o) const;
  bool operator==(const Expectation& o) const;
  std::string describe() const;
  // Whether `got` (as reported, with its full message) is what this expects.
  bool matches(const Expectation& got) const;
};

std::vector<Expectation> read_expectations(const std::string& path, const std::string& text);

}  // namespace bw::tests
