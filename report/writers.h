#pragma once
// The table of output formats, by name, and the `--output FORMAT[=FILE]`
// choices a run is given: the one place that knows which formats exist.

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "report/writer.h"

namespace bw::report {

// A format: its name on the command line, what it is for (--help) and how to
// make its writer.
struct Format {
  std::string_view name;
  std::string_view description;
  std::unique_ptr<Writer> (*make)(const WriterOptions& options);
};

// Every format, in the order --help lists them.
std::span<const Format> formats();
const Format* find_format(std::string_view name);
// The names, comma-separated ("text, json"): of every format, or of those
// that can list the rule pack.
std::string format_names(bool listing_rules = false);

// One writer of a run and where it writes: `file` is "" for standard output.
struct Output {
  std::string format;
  std::string file;
};

// Parses `FORMAT[=FILE]` values, in order. False, with a message for the
// user in `error`, for an unknown format (naming the formats), an empty file
// name, a second writer to standard output or a second writer to one file.
bool parse_outputs(const std::vector<std::string>& specs, std::vector<Output>& outputs,
                   std::string& error);

}  // namespace bw::report
