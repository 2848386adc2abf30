// Runs blastwall over one fixture (a file, or a directory holding a `.fixture`
// marker) with unknowns ignored and reported, and compares what it reports
// with what the fixture's comments and sidecars (`F.expect`, a directory's
// `expect.yaml`) expect; prints a readable diff. The fixture is scanned as if
// it were alone in the repository (tests/fixture_source.h), with the
// repository as the root, so its path still names its environment
// (`fixtures/.../prod/db.tf`). It is scanned with one thread and with two,
// and with the frontends registered in reverse order, and the JSON must be
// byte for byte the same. The test tree's frontends (tests/test_frontend)
// are linked in and registered.
//
//   fixture_test <repository root> <fixture path relative to it>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "engine/engine.h"
#include "engine/workspace.h"
#include "frontends/registry.h"
#include "report/writers.h"
#include "tests/expectations.h"
#include "tests/fixture_source.h"

namespace fs = std::filesystem;
using bw::tests::Expectation;

namespace {

// What the fixture's comments and sidecars expect; `errors` says what could not be read.
std::vector<Expectation> expected(const std::string& fixture, std::vector<std::string>& errors) {
  std::vector<Expectation> out;
  std::vector<std::string> files;
  bool directory = fs::is_directory(fixture);
  if (directory) {
    for (const auto& entry : fs::recursive_directory_iterator(fixture))
      if (entry.is_regular_file()) files.push_back(entry.path().generic_string());
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(fixture);
  }
  auto add_sidecar = [&](const std::string& sidecar, const std::string& file,
                         const std::string& base) {
    std::string text;
    if (!fs::exists(sidecar)) return;
    bw::engine::read_file(sidecar, text);
    bw::tests::Sidecar read =
        bw::tests::read_sidecar(bw::engine::display_path(sidecar), text, file, base);
    out.insert(out.end(), read.expectations.begin(), read.expectations.end());
    errors.insert(errors.end(), read.errors.begin(), read.errors.end());
  };
  for (const std::string& file : files) {
    if (bw::tests::is_sidecar(file)) {
      // A sidecar at the top, or beside a file it is about; any other is a mistake.
      bool top = directory && fs::path(file).parent_path() == fs::path(fixture) &&
                 fs::path(file).filename() == "expect.yaml";
      bool beside =
          file.ends_with(".expect") && fs::is_regular_file(file.substr(0, file.size() - 7));
      if (!top && !beside)
        errors.push_back(bw::engine::display_path(file) +
                         ": a sidecar is F.expect beside a file F, or expect.yaml at the top "
                         "of a fixture directory");
      continue;
    }
    std::string text;
    bw::engine::read_file(file, text);
    std::string shown = bw::engine::display_path(file);
    auto found = bw::tests::read_expectations(shown, text);
    out.insert(out.end(), found.begin(), found.end());
    add_sidecar(file + ".expect", shown, "");
  }
  if (directory)
    add_sidecar((fs::path(fixture) / "expect.yaml").generic_string(), "",
                bw::engine::display_path(fixture));
  std::vector<std::string> missing = bw::tests::incomplete(out);
  errors.insert(errors.end(), missing.begin(), missing.end());
  return out;
}

struct Scan {
  std::vector<Expectation> reported;
  std::string json;
  bool failed = false;
};

Scan scan(const std::string& root, const std::string& fixture, bool report_unknown, unsigned jobs) {
  Scan out;
  bw::engine::Options options;
  options.paths = {fixture};
  options.root = root;
  options.report_unknown = report_unknown;
  options.jobs = jobs;
  // A fixture may carry its own configuration (environments, parameters).
  std::string config =
      (fs::is_directory(fixture) ? fs::path(fixture) : fs::path(fixture).parent_path()) /
      ".blastwall.yaml";
  if (fs::exists(config)) options.config_path = config;
  bw::engine::Engine engine;
  std::vector<bw::compiler::CompileError> errors;
  if (!engine.load(options, errors)) {
    for (const auto& e : errors) std::cerr << e.format() << "\n";
    out.failed = true;
    return out;
  }
  bw::tests::FixtureSource source(engine.workspace().root, fixture);
  bw::engine::Result result = engine.run({&source, {fixture}});
  const auto& sources = result.model.sources;
  for (const bw::ir::Finding& f : result.findings) {
    std::string path = f.span.valid() ? sources.file(f.span.file).path : "";
    out.reported.push_back({path, f.span.begin.line, std::string(f.rule),
                            f.unknown ? Expectation::Unknown : Expectation::Finding,
                            f.span.begin.column, f.message, ""});
  }
  auto diagnostic = [&](const bw::ir::Diagnostic& d, Expectation::Kind kind) {
    std::string path = d.span.valid() ? sources.file(d.span.file).path : d.path;
    out.reported.push_back({path, d.span.begin.line, "", kind, d.span.begin.column, d.message, ""});
  };
  for (const bw::ir::Diagnostic& d : result.warnings) diagnostic(d, Expectation::Warning);
  for (const bw::ir::Diagnostic& d : result.not_analysed) diagnostic(d, Expectation::NotAnalysed);
  // An error that is an unanalyzable finding is that finding: it is expected as BW001.
  for (const bw::ir::Diagnostic& d : result.errors)
    if (!d.unanalyzable) diagnostic(d, Expectation::Error);
  std::ostringstream json;
  bw::report::find_format("json")
      ->make({.timing = false})
      ->write(json, {result, engine.pack(), engine.workspace().root});
  out.json = json.str();
  return out;
}

bool compare(const std::string& label, const std::vector<Expectation>& want,
             std::vector<Expectation> got) {
  std::vector<Expectation> missing;
  for (const Expectation& w : want) {
    auto it =
        std::find_if(got.begin(), got.end(), [&](const Expectation& g) { return w.matches(g); });
    if (it == got.end())
      missing.push_back(w);
    else
      got.erase(it);
  }
  if (missing.empty() && got.empty()) return true;
  std::cout << "with " << label << ":\n";
  for (const Expectation& e : missing) std::cout << "  - missing    " << e.describe() << "\n";
  for (const Expectation& e : got) {
    Expectation shown = e;
    if (e.kind == Expectation::Warning || e.kind == Expectation::Error ||
        e.kind == Expectation::NotAnalysed)
      shown.what = "";
    std::cout << "  + unexpected " << shown.describe() << "\n";
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fixture_test <repository root> <fixture>\n";
    return 2;
  }
  fs::current_path(argv[1]);
  std::string root = fs::canonical(argv[1]).string();
  std::string fixture = argv[2];
  std::vector<std::string> unreadable;
  std::vector<Expectation> want = expected(fixture, unreadable);
  if (!unreadable.empty()) {
    for (const std::string& error : unreadable) std::cout << error << "\n";
    std::cout << "FAIL " << fixture << ": its expectations cannot be used as written\n";
    return 1;
  }

  std::vector<Expectation> plain;
  for (const Expectation& e : want)
    if (e.kind != Expectation::Unknown) plain.push_back(e);
  Scan ignoring = scan(root, fixture, false, 1);
  Scan reporting = scan(root, fixture, true, 1);
  Scan parallel = scan(root, fixture, true, 2);
  bw::frontends::Registry::global().reverse_for_testing(true);
  Scan reversed = scan(root, fixture, true, 1);
  bw::frontends::Registry::global().reverse_for_testing(false);
  bool ok = !ignoring.failed && !reporting.failed && !parallel.failed && !reversed.failed;
  ok &= compare("--unknown=ignore", plain, ignoring.reported);
  ok &= compare("--unknown=report", want, reporting.reported);
  if (reporting.json != parallel.json) {
    std::cout << "the JSON with --jobs 2 differs from --jobs 1:\n--- jobs 1\n"
              << reporting.json << "--- jobs 2\n"
              << parallel.json;
    ok = false;
  }
  if (reporting.json != reversed.json) {
    std::cout << "the JSON with the frontends registered in reverse order differs:\n"
              << "--- in order\n"
              << reporting.json << "--- reversed\n"
              << reversed.json;
    ok = false;
  }
  if (!ok) {
    std::cout << "FAIL " << fixture << "\n";
    return 1;
  }
  std::cout << "ok " << fixture << " (" << want.size() << " expectations)\n";
  return 0;
}
