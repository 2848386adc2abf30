// Runs blastwall over one fixture (a file, or a directory holding a `.fixture`
// marker) twice, with unknowns ignored and reported, and compares what it
// reports with what the fixture's comments expect. Prints a readable diff.
//
//   fixture_test <repository root> <fixture path relative to it>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "engine/discover.h"
#include "engine/engine.h"
#include "tests/expectations.h"

namespace fs = std::filesystem;
using bw::tests::Expectation;

static std::vector<Expectation> expected(const std::string& fixture) {
  std::vector<Expectation> out;
  std::vector<std::string> files;
  if (fs::is_directory(fixture)) {
    for (const auto& entry : fs::recursive_directory_iterator(fixture))
      if (entry.is_regular_file()) files.push_back(entry.path().generic_string());
  } else {
    files.push_back(fixture);
  }
  for (const std::string& file : files) {
    std::string text;
    bw::engine::read_file(file, text);
    auto found = bw::tests::read_expectations(bw::engine::display_path(file), text);
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

static std::vector<Expectation> actual(const std::string& fixture, bool report_unknown,
                                       bool& failed) {
  bw::engine::Options options;
  options.paths = {fixture};
  options.report_unknown = report_unknown;
  bw::engine::Engine engine;
  std::vector<bw::compiler::CompileError> errors;
  if (!engine.load(options, errors)) {
    for (const auto& e : errors) std::cerr << e.format() << "\n";
    failed = true;
    return {};
  }
  bw::engine::Result result = engine.run();
  std::vector<Expectation> out;
  for (const bw::ir::Finding& f : result.findings) {
    std::string path = f.span.valid() ? result.model.sources.file(f.span.file).path : "";
    out.push_back(
        {path, f.span.begin.line, f.rule, f.unknown ? Expectation::Unknown : Expectation::Finding});
  }
  for (const bw::ir::Diagnostic& d : result.errors) {
    if (d.level != bw::ir::DiagnosticLevel::Warning) continue;
    std::string path = d.span.valid() ? result.model.sources.file(d.span.file).path : d.path;
    out.push_back({path, d.span.begin.line, d.message, Expectation::Warning});
  }
  return out;
}

// Warnings match by a word of their message; findings by rule id.
static bool same(const Expectation& want, const Expectation& got) {
  if (want.kind != got.kind || want.path != got.path || want.line != got.line) return false;
  if (want.kind == Expectation::Warning) return got.what.find(want.what) != std::string::npos;
  return want.what == got.what;
}

static bool compare(const std::string& label, std::vector<Expectation> want,
                    std::vector<Expectation> got) {
  std::vector<Expectation> missing, unexpected;
  for (const Expectation& w : want) {
    auto it =
        std::find_if(got.begin(), got.end(), [&](const Expectation& g) { return same(w, g); });
    if (it == got.end())
      missing.push_back(w);
    else
      got.erase(it);
  }
  unexpected = got;
  if (missing.empty() && unexpected.empty()) return true;
  std::cout << "with " << label << ":\n";
  for (const Expectation& e : missing) std::cout << "  - missing    " << e.describe() << "\n";
  for (const Expectation& e : unexpected) std::cout << "  + unexpected " << e.describe() << "\n";
  return false;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fixture_test <repository root> <fixture>\n";
    return 2;
  }
  fs::current_path(argv[1]);
  std::string fixture = argv[2];
  std::vector<Expectation> want = expected(fixture);

  bool failed = false;
  std::vector<Expectation> plain, with_unknown_expected;
  for (const Expectation& e : want)
    if (e.kind != Expectation::Unknown) plain.push_back(e);
  bool ok = compare("--unknown=ignore", plain, actual(fixture, false, failed));
  ok &= compare("--unknown=report", want, actual(fixture, true, failed));
  if (failed || !ok) {
    std::cout << "FAIL " << fixture << "\n";
    return 1;
  }
  std::cout << "ok " << fixture << " (" << want.size() << " expectations)\n";
  return 0;
}
