#pragma once
// Runs a shell command as a test would see it: what it printed (standard
// output and error together) and its exit status.

#include <doctest/doctest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace tests {

struct CommandRun {
  int status = -1;  // the exit status; -1 when the command did not exit normally
  std::string out;
};

inline CommandRun run_command(const std::string& command) {
  CommandRun r;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.out.append(buffer.data(), n);
  int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace tests
