#pragma once
// Reads the findings a fixture promises from its own comments, clang-tidy
// style, so adding a test is adding one file:
//
//   deletion_protection = false   # expect: BW101
//   # expect-next-line: BW101, BW451
//   backup_retention_period = var.days   # expect-unknown: BW401
//   # blastwall:ignore BW101            # expect-warning: unused
//
// `expect-unknown` findings appear only with --unknown=report, as unknown.
// `expect-warning: WORD` expects a warning whose message contains WORD.

#include <string>
#include <vector>

namespace bw::tests {

struct Expectation {
  std::string path;
  unsigned line = 0;
  std::string what;  // a rule id, or the word a warning contains
  enum Kind { Finding, Unknown, Warning } kind = Finding;

  bool operator<(const Expectation& o) const;
  bool operator==(const Expectation& o) const;
  std::string describe() const;
};

std::vector<Expectation> read_expectations(const std::string& path, const std::string& text);

}  // namespace bw::tests
