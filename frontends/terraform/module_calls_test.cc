#include "frontends/terraform/module_calls.h"

#include <doctest/doctest.h>

using bw::frontends::terraform::is_local_source;
using bw::frontends::terraform::join_path;
using bw::frontends::terraform::ModuleSource;
using bw::frontends::terraform::relative_path;
using bw::frontends::terraform::scan_module_sources;

namespace {

std::vector<std::string> sources(std::string_view text) {
  std::vector<std::string> out;
  for (const ModuleSource& found : scan_module_sources(text)) out.push_back(found.source);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("the scanner finds the literal source of top-level module blocks") {
  std::vector<ModuleSource> found = scan_module_sources(
      "module \"db\" {\n"
      "  source  = \"../../modules/db\"\n"
      "  version = \"1.0\"\n"
      "}\n"
      "module cache {\n  count = 1\n  source = \"./cache\" # why not\n}\n"
      "module \"one_line\" { source = \"./one\" }\n"
      "module \"registry\" {\n  source = \"terraform-aws-modules/rds/aws\"\n}\n");
  REQUIRE(found.size() == 4);
  CHECK(found[0].name == "db");
  CHECK(found[0].source == "../../modules/db");
  CHECK(found[1].name == "cache");
  CHECK(found[1].source == "./cache");
  CHECK(found[2].source == "./one");
  CHECK(found[3].source == "terraform-aws-modules/rds/aws");
}

TEST_CASE("the scanner ignores sources in comments, heredocs, values and nested blocks") {
  CHECK(sources("# module \"a\" {\n#   source = \"./a\"\n# }\n").empty());
  CHECK(sources("// module \"a\" { source = \"./a\" }\n").empty());
  CHECK(sources("/* module \"a\" {\n  source = \"./a\"\n} */\n").empty());
  CHECK(sources("module \"a\" {\n  # source = \"./commented\"\n}\n").empty());
  CHECK(sources("locals {\n  doc = <<EOT\nmodule \"a\" {\n  source = \"./heredoc\"\n}\nEOT\n}\n")
            .empty());
  CHECK(sources("locals {\n  doc = <<-EOT\n    module \"a\" {\n      source = \"./h\"\n    }\n"
                "    EOT\n}\n")
            .empty());
  CHECK(sources("module \"a\" {\n  settings = {\n    source = \"./object\"\n  }\n}\n").empty());
  CHECK(sources("module \"a\" {\n  nested {\n    source = \"./block\"\n  }\n}\n").empty());
  CHECK(sources("resource \"t\" \"r\" {\n  source = \"./resource\"\n}\n").empty());
  CHECK(sources("locals {\n  module = { source = \"./local\" }\n}\n").empty());
  // Only a string literal is a source Terraform accepts.
  CHECK(sources("module \"a\" {\n  source = \"./${var.name}\"\n}\n").empty());
  CHECK(sources("module \"a\" {\n  source = local.path\n}\n").empty());
  CHECK(sources("module \"a\" {\n  source = \"./a\" == \"\"\n}\n").empty());
  CHECK(sources("module \"a\" \"b\" {\n  source = \"./two-labels\"\n}\n").empty());
  CHECK(sources("module \"a\" {\n  not_source = \"./x\"\n}\n").empty());
}

TEST_CASE("the scanner is not misled by braces and quotes inside templates") {
  CHECK(sources("locals {\n  a = \"${\"}\"}\"\n}\nmodule \"m\" {\n  source = \"./x\"\n}\n") ==
        Strings{"./x"});
  CHECK(sources("locals {\n  a = \"%{ if x }}{%{ endif }\\\"{\"\n}\n"
                "module \"m\" {\n  source = \"./x\"\n}\n") == Strings{"./x"});
  CHECK(sources("locals {\n  a = \"$${not {an interpolation\"\n}\n"
                "module \"m\" {\n  source = \"./x\"\n}\n") == Strings{"./x"});
  CHECK(sources("locals {\n  a = \"${{for k, v in x : k => \"}\"}}\"\n}\n"
                "module \"m\" {\n  source = \"./x\"\n}\n") == Strings{"./x"});
  CHECK(sources("locals {\n  s = <<EOT\n}}}\"\nEOT\n}\nmodule \"m\" {\n  source = \"./x\"\n}\n") ==
        Strings{"./x"});
  CHECK(sources("locals {\n  s = \"a\\\"b\" # \"\n}\nmodule \"m\" {\n  source = \"./x\"\n}\n") ==
        Strings{"./x"});
  CHECK(sources("\xEF\xBB\xBFmodule \"m\" {\r\n  source = \"./crlf\"\r\n}\r\n") ==
        Strings{"./crlf"});
  CHECK(sources("module \"m\" {\n  source = \"./escaped\\\\dir\"\n}\n") ==
        Strings{"./escaped\\dir"});
}

TEST_CASE("the scanner survives unfinished input") {
  CHECK(sources("module \"m\" {\n  source = \"./x\"").size() == 1);
  CHECK(sources("module \"m\" {\n  source = \"./x").empty());
  CHECK(sources("locals {\n  a = \"${\n").empty());
  CHECK(sources("x = <<EOT\nno end").empty());
  CHECK(sources("/* no end").empty());
  CHECK(sources(std::string(100000, '"')).empty());
  CHECK(sources(std::string(100000, '{')).empty());
  std::string nested;
  for (int i = 0; i < 50000; ++i) nested += "\"${";
  CHECK(sources(nested).empty());
}

TEST_CASE("local sources, joined and related paths") {
  CHECK(is_local_source("./db"));
  CHECK(is_local_source("../modules/db"));
  CHECK_FALSE(is_local_source("git::https://example.com/db.git"));
  CHECK_FALSE(is_local_source("terraform-aws-modules/rds/aws"));
  CHECK_FALSE(is_local_source(".hidden"));
  CHECK(join_path("envs/prod", "../../modules/db") == "modules/db");
  CHECK(join_path(".", "./db/") == "db");
  CHECK(join_path(".", "../outside") == "../outside");
  CHECK(join_path("a", "../..") == "..");
  CHECK(join_path("envs/prod", ".") == "envs/prod");
  CHECK(relative_path("envs/prod", "modules/db") == "../../modules/db");
  CHECK(relative_path(".", "modules/db") == "modules/db");
  CHECK(relative_path("envs/prod", "envs/prod") == ".");
  CHECK(relative_path("envs/prod", "envs/prod/inner") == "inner");
}
