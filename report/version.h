#pragma once
// The blastwall version. Its one source is CMake's `project(VERSION ...)`,
// compiled into version.cc alone, so changing it rebuilds one file.

#include <string_view>

namespace bw::report {

// "0.1.0": what `--version` prints and what SARIF records as the tool's version.
std::string_view version();

}  // namespace bw::report
