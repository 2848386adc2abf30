#pragma once
// Local module calls found without parsing: planning units reads every .tf
// file of a repository before anything is analysed, so it cannot afford
// tree-sitter. A small lexer skips what could hide a false `source`
// (comments, strings, templates, heredocs) and reports only the literal
// `source` of top-level `module` blocks. Also the path arithmetic that turns
// such a source into the directory it names.

#include <string>
#include <string_view>
#include <vector>

namespace bw::frontends::terraform {

// A `module` block's `source` as written, when it is a plain string literal.
struct ModuleSource {
  std::string name;    // the block's label
  std::string source;  // "./db", "../modules/db", "terraform-aws-modules/rds/aws", ...
};

// Every top-level `module "x" { source = "..." }` whose source is a string
// literal without interpolation, in file order. Sources inside comments,
// heredocs, templates, object values or nested blocks are not calls.
std::vector<ModuleSource> scan_module_sources(std::string_view text);

// Whether Terraform reads `source` from the local filesystem: it starts
// with "./" or "../". Registry and git sources are not followed.
bool is_local_source(std::string_view source);

// `directory` joined with a relative `path`, `.` and `..` resolved as far as
// they can be: ("envs/prod", "../../modules/db") is "modules/db", (".", "..")
// is "..". "." for the root itself.
std::string join_path(const std::string& directory, const std::string& path);

// The last name of a root-relative path: "modules/db/main.tf" is "main.tf".
std::string_view base_name(std::string_view path);

// The directory a root-relative file lies in, normalised as join_path does:
// "modules/db/main.tf" is "modules/db", "main.tf" is ".".
std::string parent_directory(const std::string& path);

// The path from directory `from` to directory `to`, both root-relative:
// ("envs/prod", "modules/db") is "../../modules/db"; "." when they are one.
std::string relative_path(const std::string& from, const std::string& to);

}  // namespace bw::frontends::terraform
