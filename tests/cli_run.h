#pragma once
// Runs the built binary as a user would, from a directory, with its output
// and exit status; and scratch repositories to run it in. For the end-to-end
// tests (cli_test.cc, cli_output_test.cc).

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <utility>

#include "run_command.h"

namespace fs = std::filesystem;

namespace cli_run {

using Run = tests::CommandRun;

inline Run run(const std::string& arguments, const std::string& directory = SOURCE_ROOT) {
  return tests::run_command("cd '" + directory + "' && NO_COLOR=1 '" BLASTWALL_BINARY "' " +
                            arguments + " 2>&1");
}

// A scratch directory with the given files, removed afterwards.
struct Scratch {
  fs::path root;
  Scratch(std::initializer_list<std::pair<std::string, std::string>> files) {
    root = fs::temp_directory_path() /
           ("blastwall-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(root);
    for (const auto& [name, text] : files) {
      fs::create_directories((root / name).parent_path());
      std::ofstream(root / name) << text;
    }
  }
  ~Scratch() { fs::remove_all(root); }
  static int& counter() {
    static int c = 0;
    return c;
  }
};

}  // namespace cli_run

using cli_run::Run;
using cli_run::run;
using cli_run::Scratch;
