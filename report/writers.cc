#include "report/writers.h"

#include <filesystem>

namespace bw::report {

// Each format's file defines its maker.
std::unique_ptr<Writer> make_text_writer(const WriterOptions& options);
std::unique_ptr<Writer> make_json_writer(const WriterOptions& options);

namespace {

constexpr Format kFormats[] = {
    {"text", "for people: each finding like a compiler's, with the source line and a caret",
     make_text_writer},
    {"json", "the versioned JSON contract, for scripts", make_json_writer},
};

// The file a name leads to, through `..` and symbolic links, whether or not it exists yet.
std::filesystem::path resolved(const std::string& file) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(file, ec).lexically_normal();
  std::filesystem::path path = std::filesystem::weakly_canonical(absolute, ec);
  return ec ? absolute : path;
}

bool same_file(const std::string& a, const std::string& b) {
  return resolved(a) == resolved(b);
}

}  // namespace

std::span<const Format> formats() {
  return kFormats;
}

const Format* find_format(std::string_view name) {
  for (const Format& format : kFormats)
    if (format.name == name) return &format;
  return nullptr;
}

std::string format_names(bool listing_rules) {
  std::string names;
  for (const Format& format : kFormats) {
    if (listing_rules && !format.make({})->lists_rules()) continue;
    if (!names.empty()) names += ", ";
    names += format.name;
  }
  return names;
}

bool parse_outputs(const std::vector<std::string>& specs, std::vector<Output>& outputs,
                   std::string& error) {
  outputs.clear();
  for (const std::string& spec : specs) {
    size_t equals = spec.find('=');
    Output output{spec.substr(0, equals),
                  equals == std::string::npos ? "" : spec.substr(equals + 1)};
    if (!find_format(output.format)) {
      error = "unknown output format '" + output.format + "'; the formats are " + format_names();
      return false;
    }
    if (equals != std::string::npos && output.file.empty()) {
      error = "--output " + spec + " names no file; write " + output.format + "=FILE, or " +
              output.format + " alone for standard output";
      return false;
    }
    for (const Output& earlier : outputs) {
      if (output.file.empty() && earlier.file.empty()) {
        error = "both " + earlier.format + " and " + output.format +
                " would write to standard output; send one to a file with --output " +
                output.format + "=FILE";
        return false;
      }
      // Two names for one file (`out.json`, `./out.json`) would interleave two reports.
      if (!output.file.empty() && !earlier.file.empty() && same_file(output.file, earlier.file)) {
        error =
            "both " + earlier.format + " and " + output.format + " would write to " + output.file;
        return false;
      }
    }
    outputs.push_back(std::move(output));
  }
  return true;
}

}  // namespace bw::report
