// hcl_compare: parses every .tf file under the given paths with HclParser and
// with the tree-sitter oracle, and prints each place they disagree. Built
// with the tests, never installed.
//
//   hcl_compare [--terraform] [--verdicts] [--quiet] PATH...
//
// --terraform  run `terraform fmt -write=false FILE` on each disagreeing file
//              and say whether Terraform rejects it (a file Terraform rejects
//              is one the oracle was wrong to accept).
// --verdicts   check every file's accept/reject against `terraform fmt` (slow).
// --tfvars     compare .tfvars files too.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "frontends/terraform/hcl_parser.h"
#include "frontends/terraform/tree_sitter_oracle/ast_compare.h"
#include "frontends/terraform/tree_sitter_oracle/ts_hcl_parser.h"

namespace fs = std::filesystem;
using namespace bw::frontends::terraform;

namespace {

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

// Whether `terraform fmt` refuses the file, which it does for any syntax error.
bool terraform_rejects(const std::string& path) {
  std::string command =
      "terraform fmt -no-color -write=false -list=false " + shell_quoted(path) + " >/dev/null 2>&1";
  return std::system(command.c_str()) != 0;
}

// What the comparison found, over all files.
struct Counts {
  size_t files = 0;
  size_t agree = 0;
  size_t oracle_errors = 0;  // tree-sitter reports an error: not compared
  size_t oracle_errors_ours_accept = 0;
  size_t ast_differences = 0;   // both accept, trees differ
  size_t only_ours_reject = 0;  // ours reports an error, tree-sitter none
  size_t disagreements_terraform_rejects = 0;
  size_t verdicts_checked = 0;
  size_t verdicts_wrong = 0;
};

}  // namespace

int main(int argc, char** argv) {
  bool use_terraform = false, verdicts = false, quiet = false, tfvars = false;
  std::vector<fs::path> roots;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--terraform")
      use_terraform = true;
    else if (arg == "--verdicts")
      verdicts = true;
    else if (arg == "--quiet")
      quiet = true;
    else if (arg == "--tfvars")
      tfvars = true;
    else
      roots.emplace_back(arg);
  }
  if (roots.empty()) {
    std::cerr << "usage: hcl_compare [--terraform] [--verdicts] [--quiet] [--tfvars] PATH...\n";
    return 2;
  }
  std::vector<std::string> paths;
  for (const fs::path& root : roots) {
    std::error_code error;
    if (fs::is_regular_file(root, error)) {
      paths.push_back(root.string());
      continue;
    }
    for (fs::recursive_directory_iterator it(root, error), end; it != end; it.increment(error)) {
      if (error) break;
      std::string extension = it->path().extension().string();
      if (it->is_regular_file(error) && (extension == ".tf" || (tfvars && extension == ".tfvars")))
        paths.push_back(it->path().string());
    }
  }
  std::sort(paths.begin(), paths.end());

  HclParser ours_parser;
  oracle::TreeSitterHclParser oracle_parser;
  Counts counts;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    bw::ir::SourceManager sources;
    bw::ir::FileId id = sources.add(path, buffer.str());
    const bw::ir::SourceFile& file = sources.file(id);
    HclFile ours = ours_parser.parse(file);
    HclFile theirs = oracle_parser.parse(file);
    ++counts.files;

    bool ours_rejects = !ours.errors.empty();
    if (verdicts) {
      ++counts.verdicts_checked;
      bool rejects = terraform_rejects(path);
      if (rejects != ours_rejects) {
        ++counts.verdicts_wrong;
        std::cout << path << ": verdict: ours " << (ours_rejects ? "rejects" : "accepts")
                  << ", terraform " << (rejects ? "rejects" : "accepts");
        if (ours_rejects) {
          const SyntaxError& first = ours.errors.front();
          std::cout << " (" << first.span.begin.line << ":" << first.span.begin.column << ": "
                    << first.message << ")";
        }
        std::cout << "\n";
      }
    }
    if (!theirs.errors.empty()) {
      ++counts.oracle_errors;
      if (!ours_rejects) ++counts.oracle_errors_ours_accept;
      continue;
    }
    std::vector<std::string> lines;
    if (ours_rejects) {
      ++counts.only_ours_reject;
      const SyntaxError& first = ours.errors.front();
      lines.push_back(path + ":" + std::to_string(first.span.begin.line) + ":" +
                      std::to_string(first.span.begin.column) +
                      ": ours rejects, tree-sitter accepts: " + first.message);
    } else {
      std::vector<oracle::Difference> differences = oracle::compare_bodies(ours, theirs, 5);
      if (differences.empty()) {
        ++counts.agree;
        continue;
      }
      ++counts.ast_differences;
      for (const oracle::Difference& difference : differences)
        lines.push_back(path + ":" + std::to_string(difference.where.line) + ":" +
                        std::to_string(difference.where.column) + ": " + difference.what);
    }
    std::string verdict;
    if (use_terraform) {
      bool rejects = terraform_rejects(path);
      if (rejects) ++counts.disagreements_terraform_rejects;
      verdict = rejects ? "  (terraform rejects the file)" : "  (terraform ACCEPTS the file)";
    }
    if (!quiet)
      for (const std::string& line : lines) std::cout << line << verdict << "\n";
  }

  size_t disagreements = counts.ast_differences + counts.only_ours_reject;
  std::cout << "files: " << counts.files << "\n"
            << "agree: " << counts.agree << "\n"
            << "tree-sitter reports an error (not compared): " << counts.oracle_errors
            << " (ours accepts " << counts.oracle_errors_ours_accept << " of them)\n"
            << "disagreements: " << disagreements << " (trees differ: " << counts.ast_differences
            << "; only ours rejects: " << counts.only_ours_reject << ")\n";
  if (use_terraform)
    std::cout << "disagreements terraform rejects: " << counts.disagreements_terraform_rejects
              << " of " << disagreements << "\n";
  if (verdicts)
    std::cout << "verdicts against terraform fmt: "
              << counts.verdicts_checked - counts.verdicts_wrong << " of "
              << counts.verdicts_checked << " agree\n";
  return disagreements == 0 ? 0 : 1;
}
