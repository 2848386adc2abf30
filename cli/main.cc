// blastwall's command line: check, rules, explain, version. All analysis is
// the engine's and all rendering the writers'; this file parses arguments,
// sends each writer to its output and picks an exit code.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string_view>

#include "engine/engine.h"
#include "report/rule_docs.h"
#include "report/terminal.h"
#include "report/version.h"
#include "report/writers.h"

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

struct CommonOptions {
  std::string config;
  std::string root;
  std::vector<std::string> rule_directories;
};

// At most this many errors are printed per configuration or rule file: a
// file with thousands says nothing more after the first screenful, and the
// rest are counted.
constexpr size_t kMaxErrorsPerFile = 50;

// What blastwall writes to standard error about a file it read: paths and
// messages quote the repository, whose control characters a terminal must
// not receive raw (report/terminal.h).
std::string shown(std::string_view text) {
  return bw::report::for_terminal(text);
}

bool load_engine(bw::engine::Engine& engine, bw::engine::Options options) {
  std::vector<bw::compiler::CompileError> errors;
  if (engine.load(options, errors)) return true;
  std::map<std::string_view, size_t> per_file;  // errors printed so far, then the rest
  std::vector<std::string_view> order;
  for (const auto& e : errors) {
    size_t& count = per_file[e.path];
    if (count == 0) order.push_back(e.path);
    if (count++ < kMaxErrorsPerFile) std::cerr << shown(e.format()) << "\n";
  }
  for (std::string_view path : order)
    if (size_t count = per_file[path]; count > kMaxErrorsPerFile)
      std::cerr << shown(path) << ": and " << count - kMaxErrorsPerFile << " more "
                << (count - kMaxErrorsPerFile == 1 ? "error" : "errors") << " (" << count
                << " in all; the first " << kMaxErrorsPerFile << " are shown)\n";
  std::cerr << "blastwall: " << errors.size() << (errors.size() == 1 ? " error" : " errors")
            << " in configuration or rules; nothing was checked\n";
  return false;
}

bw::engine::Options engine_options(const std::vector<std::string>& paths,
                                   const CommonOptions& common) {
  bw::engine::Options options;
  // The configuration is searched from the first path; without paths, from here.
  options.paths = paths.empty() ? std::vector<std::string>{"."} : paths;
  options.config_path = common.config;
  options.root = common.root;
  options.rule_directories = common.rule_directories;
  return options;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(STDOUT_FILENO);
}

struct CheckOptions {
  std::string format;                // --format: a shorthand for one --output to standard output
  std::vector<std::string> outputs;  // --output FORMAT[=FILE], in order
  std::string fail_on;
  std::string unknown;
  std::string color = "auto";
  std::string revision;
  unsigned jobs = 0;
  bool stats = false;
  bool report_unknown = false;  // --unknown, else the configuration's: set after loading
  // --var-file FILE and --var NAME=VALUE, in command-line order: Terraform's
  // variables, the terraform frontend's settings.
  std::vector<std::pair<std::string, std::string>> variables;
};

// Why the last system call failed, when it says.
std::string reason() {
  return errno ? std::string(": ") + std::strerror(errno) : "";
}

// Says that a report's file could not be written, and why when the system said.
void cannot_write(const bw::report::Output& output) {
  std::cerr << "blastwall: cannot write the " << output.format << " report to "
            << shown(output.file) << reason() << "\n";
}

// A writer and the stream it writes to: standard output, or a file of its own.
struct Destination {
  bw::report::Output output;
  std::unique_ptr<std::ofstream> file;  // null: standard output
  std::ostream& stream() { return file ? *file : std::cout; }
};

// Opens every output file before the scan, so a path that cannot be written
// fails at once rather than after the work.
bool open_destinations(const std::vector<bw::report::Output>& outputs,
                       std::vector<Destination>& destinations) {
  for (const bw::report::Output& output : outputs) {
    Destination destination{output, nullptr};
    if (!output.file.empty()) {
      errno = 0;
      destination.file = std::make_unique<std::ofstream>(output.file, std::ios::binary);
      if (!*destination.file) {
        cannot_write(output);
        return false;
      }
    }
    destinations.push_back(std::move(destination));
  }
  return true;
}

// Each writer in turn, to its destination. False when a file could not be written.
bool write_reports(std::vector<Destination>& destinations, const bw::report::Run& run,
                   const CheckOptions& check) {
  bool written = true;
  for (Destination& destination : destinations) {
    bw::report::WriterOptions options;
    // Colour is for a terminal; a file gets plain text whatever --color says.
    options.color = !destination.file && use_color(check.color);
    options.stats = check.stats;
    options.report_unknown = check.report_unknown;
    errno = 0;  // a failed write sets it; the stream only remembers that one failed
    bw::report::find_format(destination.output.format)
        ->make(options)
        ->write(destination.stream(), run);
    if (!destination.file) continue;
    destination.file->close();
    if (!*destination.file) {
      cannot_write(destination.output);
      written = false;
    }
  }
  return written;
}

int run_check(const std::vector<std::string>& paths, const CommonOptions& common,
              CheckOptions check) {
  if (check.format.find('=') != std::string::npos) {
    std::cerr << "blastwall: --format writes to standard output; for a file, write --output "
              << check.format << "\n";
    return kExitError;
  }
  std::vector<std::string> specs;
  if (!check.format.empty()) specs.push_back(check.format);
  specs.insert(specs.end(), check.outputs.begin(), check.outputs.end());
  if (specs.empty()) specs.push_back("text");
  std::vector<bw::report::Output> outputs;
  std::string error;
  if (!bw::report::parse_outputs(specs, outputs, error)) {
    std::cerr << "blastwall: " << shown(error) << "\n";
    return kExitError;
  }

  bw::engine::Options options = engine_options(paths, common);
  if (!check.unknown.empty()) options.report_unknown = check.unknown == "report";
  options.jobs = check.jobs;
  if (!check.variables.empty()) options.frontend_arguments["terraform"] = check.variables;

  // A revision is opened first: its own configuration and rules are read
  // from it, at the root the working tree gives.
  std::unique_ptr<bw::engine::GitSource> revision;
  if (!check.revision.empty()) {
    bw::engine::Workspace workspace;
    if (bw::engine::find_workspace(options.paths, options.root, workspace, error))
      revision = bw::engine::GitSource::open(workspace.root, check.revision, error);
    if (!revision) {
      std::cerr << "blastwall: " << shown(error) << "\n";
      return kExitError;
    }
    options.source = revision.get();
  }

  bw::engine::Engine engine;
  if (!load_engine(engine, options)) return kExitError;

  bw::ir::Severity fail_on = bw::ir::Severity::High;
  if (engine.config().fail_on) fail_on = *engine.config().fail_on;
  if (!check.fail_on.empty()) fail_on = *bw::ir::parse_severity(check.fail_on);
  check.report_unknown =
      options.report_unknown.value_or(engine.config().report_unknown.value_or(false));

  std::vector<Destination> destinations;
  if (!open_destinations(outputs, destinations)) return kExitError;

  bw::engine::Inputs inputs;
  inputs.paths = options.paths;  // "." when none was named
  // Never freed: the process ends right after the report, and tearing down a
  // model of millions of values would only cost time. A global keeps it, so
  // LeakSanitizer sees memory kept on purpose, not lost.
  static bw::engine::Result* kept = nullptr;
  kept = new bw::engine::Result(engine.run(inputs));
  bw::engine::Result& result = *kept;
  bool written =
      write_reports(destinations, {result, engine.pack(), engine.workspace().root}, check);

  if (result.usage_error || !written) return kExitError;
  for (const auto& f : result.findings)
    if (f.severity >= fail_on) return kExitFindings;
  return kExitClean;
}

int run_rules(const CommonOptions& common, const std::string& format,
              const std::string& docs_directory) {
  const bw::report::Format* chosen = bw::report::find_format(format);
  std::unique_ptr<bw::report::Writer> writer = chosen ? chosen->make({}) : nullptr;
  if (!writer || !writer->lists_rules()) {
    std::cerr << "blastwall: rules cannot be listed as '" << format << "'; the formats are "
              << bw::report::format_names(true) << "\n";
    return kExitError;
  }
  bw::engine::Engine engine;
  if (!load_engine(engine, engine_options({}, common))) return kExitError;
  if (!docs_directory.empty()) {
    if (bw::report::write_rule_docs(engine.pack(), docs_directory)) return kExitClean;
    std::cerr << "blastwall: cannot write " << shown(docs_directory) << "\n";
    return kExitError;
  }
  writer->write_rules(std::cout, engine.pack());
  return kExitClean;
}

int run_explain(const std::string& id, const CommonOptions& common) {
  bw::engine::Engine engine;
  if (!load_engine(engine, engine_options({}, common))) return kExitError;
  const bw::compiler::Rule* rule = engine.pack().find(id);
  if (!rule) {
    std::cerr << "blastwall: no rule " << shown(id) << "; `blastwall rules` lists them\n";
    return kExitError;
  }
  // A user's rule says what it likes: shown escaped, its lines kept.
  auto text = [](std::string_view t) { return bw::report::for_terminal(t, true); };
  std::cout << text(rule->id) << " " << text(rule->name) << "\n"
            << "category: " << text(rule->category)
            << "    severity: " << bw::ir::to_string(rule->severity) << "\n";
  std::string kinds;
  for (const auto& k : rule->kinds) kinds += (kinds.empty() ? "" : ", ") + k;
  std::cout << "applies to: " << (kinds.empty() ? "every kind" : text(kinds)) << "\n";
  for (const auto& let : rule->lets)
    std::cout << "let " << text(let.name) << " = " << text(let.text) << "\n";
  std::cout << "when: " << text(rule->when_text) << "\n\n" << text(rule->docs);
  for (const bw::compiler::Example& example : rule->examples) {
    std::cout << "\nExample (" << text(example.path) << "):\n";
    if (!example.bad.empty()) std::cout << "\n" << text(example.bad);
    if (!example.good.empty()) std::cout << "\nUse instead:\n\n" << text(example.good);
  }
  if (!rule->fix.empty()) std::cout << "\nFix: " << text(rule->fix) << "\n";
  std::cout << "\nSuppress one finding with a comment on the line before it:\n"
            << "  # blastwall:ignore " << rule->id << " -- why this is safe\n";
  return kExitClean;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "blastwall: finds the configurations and changes that let one mistake destroy production "
      "data for good.",
      "blastwall"};
  app.footer(
      "Examples:\n"
      "  blastwall check .                      scan this repository\n"
      "  blastwall check envs/prod --format json\n"
      "  blastwall check . --output text --output json=out.json\n"
      "                                         text here and JSON into out.json, in one run\n"
      "  blastwall check . --fail-on critical   fail only on critical findings\n"
      "  blastwall check . --unknown=report     also report what cannot be proven safe\n"
      "  blastwall check infra --var-file infra/prod.tfvars --var region=eu-west-1\n"
      "                                         Terraform variables for the root module infra\n"
      "  blastwall rules                        list the rules\n"
      "  blastwall explain BW101                why a rule exists and how to fix it\n\n"
      "Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or "
      "internal error.");
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(bw::report::version()));

  CommonOptions common;
  auto add_common = [&](CLI::App* command) {
    command
        ->add_option("--config", common.config,
                     "configuration file (default: the nearest .blastwall.yaml upward)")
        ->check(CLI::ExistingFile);
    command
        ->add_option("--root", common.root,
                     "the repository root: everything in it may be read (default: the directory "
                     "of .blastwall.yaml, else the git top level, else the scanned path)")
        ->check(CLI::ExistingDirectory);
    command
        ->add_option("--rules", common.rule_directories,
                     "extra rule directory (repeatable); its kinds/ folder may add kinds")
        ->check(CLI::ExistingDirectory);
  };

  std::vector<std::string> paths;
  CheckOptions check_options;
  CLI::App* check = app.add_subcommand(
      "check",
      "scan files and directories for hazards. Everything in the repository root is read (a "
      "module above the named path, say); what is reported is what lies in the named paths or "
      "is reached from them.");
  check->add_option("paths", paths, "files or directories to report on (default: .)");
  std::string formats = bw::report::format_names();
  check
      ->add_option("--output,-o", check_options.outputs,
                   "write a report in FORMAT (" + formats +
                       ") to FILE, or to standard output without =FILE; repeatable, at most "
                       "one to standard output (default: text)")
      ->type_name("FORMAT[=FILE]");
  check
      ->add_option(
          "--format,-f", check_options.format,
          "one report in FORMAT (" + formats + ") to standard output: short for --output FORMAT")
      ->type_name("FORMAT");
  check
      ->add_option("--fail-on", check_options.fail_on,
                   "exit 1 when a finding is at or above this severity (default: high)")
      ->check(CLI::IsMember({"critical", "high", "medium", "low", "info"}));
  check
      ->add_option("--unknown", check_options.unknown,
                   "what to do when a rule cannot be decided because a value is unknown")
      ->check(CLI::IsMember({"ignore", "report"}));
  check
      ->add_option("--color", check_options.color,
                   "colour the text output (auto: on a terminal, not with NO_COLOR)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  check->add_option("--jobs,-j", check_options.jobs,
                    "threads that parse and evaluate inputs (default: one per core)");
  check->add_flag(
      "--stats", check_options.stats,
      "show the time each phase took (summed over threads), the peak memory and the files each "
      "frontend read");
  std::vector<std::string> var_files, vars;
  CLI::Option* var_file_option =
      check
          ->add_option("--var-file", var_files,
                       "a Terraform variables file (repeatable), applied to the root modules in "
                       "the named paths after terraform.tfvars and *.auto.tfvars, in "
                       "command-line order with --var, as `terraform plan -var-file` does; it "
                       "must lie inside the repository root")
          ->type_name("FILE")
          ->allow_extra_args(false);  // one value per flag: a path after it is a path to check
  CLI::Option* var_option =
      check
          ->add_option("--var", vars,
                       "a Terraform variable NAME=VALUE (repeatable), for the same root modules: "
                       "VALUE is a string, or an HCL expression for a variable whose type is a "
                       "list, map, object or any, as with `terraform plan -var`")
          ->type_name("NAME=VALUE")
          ->allow_extra_args(false);
  check->add_option("--revision", check_options.revision,
                    "scan a git revision (a commit, branch or tag) instead of the working tree; "
                    "nothing is checked out");
  add_common(check);
  std::string format_list = "Formats (--output, --format):";
  for (const bw::report::Format& format : bw::report::formats()) {
    std::string name(format.name);
    name.resize(std::max<size_t>(name.size() + 1, 12), ' ');
    format_list += "\n  " + name + std::string(format.description);
  }
  check->footer(format_list +
                "\n\nblastwall check . --output text --output json=out.json\n"
                "  writes text here and JSON into out.json, in one run.\n\n"
                "Terraform variables (--var-file, --var) apply to every root module in the "
                "named paths:\na root module whose directory lies in a named path, or that "
                "holds a named file; with\nseveral, each gets them (a variable one of them "
                "does not declare is a warning there).\nWith no path named, the named path is "
                "the current directory. When no named path holds\na root module, nothing "
                "takes them and the run is a usage error (exit 2). They apply\nafter "
                "terraform.tfvars, *.auto.tfvars and the variable files of .blastwall.yaml's\n"
                "terraform.environments; a file outside the repository root or missing is a "
                "usage\nerror.");

  std::string rules_format = "text", docs_directory;
  CLI::App* rules = app.add_subcommand("rules", "list the rules: built-in and your own");
  rules
      ->add_option("--format,-f", rules_format,
                   "output format (" + bw::report::format_names(true) + ")")
      ->type_name("FORMAT");
  rules->add_option("--write-docs", docs_directory,
                    "write the built-in rules' reference pages (docs/rules) into a directory");
  add_common(rules);

  std::string rule_id;
  CLI::App* explain = app.add_subcommand("explain", "show a rule's documentation and fix");
  explain->add_option("id", rule_id, "rule id, e.g. BW101")->required();
  add_common(explain);

  app.add_subcommand("version", "print the version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }

  try {
    if (*check) {
      // Both in the order typed: a later value of a variable wins, whichever flag gave it.
      size_t next_file = 0, next_var = 0;
      for (const CLI::Option* option : check->parse_order()) {
        if (option == var_file_option && next_file < var_files.size())
          check_options.variables.emplace_back("var-file", var_files[next_file++]);
        else if (option == var_option && next_var < vars.size())
          check_options.variables.emplace_back("var", vars[next_var++]);
      }
      return run_check(paths, common, check_options);
    }
    if (*rules) return run_rules(common, rules_format, docs_directory);
    if (*explain) return run_explain(rule_id, common);
    std::cout << "blastwall " << bw::report::version() << "\n";
    return kExitClean;
  } catch (const std::exception& e) {
    std::cerr << "blastwall: internal error: " << shown(e.what()) << "\n";
    return kExitError;
  }
}
