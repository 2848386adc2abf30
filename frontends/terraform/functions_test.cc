#include "frontends/terraform/functions.h"

#include <doctest/doctest.h>

#include "frontends/terraform/test_support.h"

using namespace bw::frontends::terraform::testing;
using bw::ir::Provenance;
using bw::ir::Value;

namespace {

const char* const kVariables =
    "variable \"tags\" {\n  default = { team = \"data\" }\n}\n"
    "variable \"unset\" {}\n";

Value eval(const std::string& expression) {
  return evaluate(expression, kVariables);
}

std::string text(const std::string& expression) {
  Value value = eval(expression);
  return value.is_string() ? value.as_string() : "<" + value.describe() + ">";
}

}  // namespace

TEST_CASE("string functions") {
  CHECK(text("lower(\"MiXed\")") == "mixed");
  CHECK(text("upper(\"MiXed\")") == "MIXED");
  CHECK(text("title(\"hello world\")") == "Hello World");
  CHECK(text("trimspace(\"  x \\n\")") == "x");
  CHECK(text("replace(\"a-b-c\", \"-\", \"_\")") == "a_b_c");
  CHECK(text("substr(\"hello\", 1, 3)") == "ell");
  CHECK(text("join(\"-\", [\"a\", \"b\"], [\"c\"])") == "a-b-c");
  CHECK(eval("split(\",\", \"a,b\")").items().size() == 2);
  CHECK(eval("startswith(\"prod-db\", \"prod\")").as_bool());
  CHECK(eval("lower(\"X\")").provenance() == Provenance::Derived);
}

TEST_CASE("base64 functions encode and decode as Terraform does") {
  CHECK(text("base64encode(\"docker run -d postgres:15\")") ==
        "ZG9ja2VyIHJ1biAtZCBwb3N0Z3JlczoxNQ==");
  CHECK(text("base64decode(\"aGVsbG8=\")") == "hello");
  CHECK(eval("base64decode(\"not base64!\")").is_unknown());
  CHECK(eval("base64encode(var.unset)").is_unknown());
}

TEST_CASE("format supports the common verbs") {
  CHECK(text("format(\"%s-%d\", \"db\", 7)") == "db-7");
  CHECK(text("format(\"%03d|%-4s|%5s\", 7, \"ab\", \"cd\")") == "007|ab  |   cd");
  CHECK(text("format(\"%.2f%%\", 1.5)") == "1.50%");
  CHECK(text("format(\"%q %t %v\", \"x\", true, 3)") == "\"x\" true 3");
  CHECK(eval("format(\"%d\", \"x\")").is_unknown());
  CHECK(eval("format(\"%s\")").is_unknown());
}

TEST_CASE("conversions") {
  CHECK(text("tostring(5)") == "5");
  CHECK(eval("tonumber(\"42\")").as_number() == 42);
  CHECK(eval("tonumber(\"x\")").is_unknown());
  CHECK(eval("tobool(\"true\")").as_bool());
  CHECK(eval("toset([\"b\", \"a\", \"b\"])").items().size() == 2);
  CHECK(text("jsonencode({ b = [1, true], a = null })") == "{\"a\":null,\"b\":[1,true]}");
}

TEST_CASE("collection functions") {
  CHECK(eval("length([1, 2, 3])").as_number() == 3);
  CHECK(eval("length(\"h\\u00e9\")").as_number() == 2);
  CHECK(eval("length(var.tags)").as_number() == 1);
  CHECK(eval("concat([1], [2, 3])").items().size() == 3);
  Value merged = eval("merge(var.tags, { team = \"ops\", env = \"prod\" })");
  REQUIRE(merged.is_object());
  CHECK(merged.get("team")->as_string() == "ops");
  CHECK(merged.keys().size() == 2);
  CHECK(eval("contains([\"a\", \"b\"], \"b\")").as_bool());
  CHECK_FALSE(eval("contains([\"a\", \"b\"], \"c\")").as_bool());
  CHECK(eval("min(3, 1, 2)").as_number() == 1);
  CHECK(eval("max(3, 1, 2)").as_number() == 3);
  CHECK(eval("keys({ b = 1, a = 2 })").items()[0].as_string() == "a");
  CHECK(eval("element([\"a\", \"b\"], 3)").as_string() == "b");
  CHECK(eval("flatten([[1], [2, [3]]])").items().size() == 3);
  CHECK(eval("distinct([1, 2, 1])").items().size() == 2);
  CHECK(eval("compact([\"a\", \"\", null])").items().size() == 1);
  CHECK(eval("zipmap([\"a\"], [1])").get("a")->as_number() == 1);
  CHECK(eval("range(3)").items().size() == 3);
}

TEST_CASE("lookup uses its default only when the key is missing") {
  CHECK(text("lookup(var.tags, \"team\", \"none\")") == "data");
  CHECK(text("lookup(var.tags, \"owner\", \"none\")") == "none");
  CHECK(eval("lookup(var.tags, \"owner\")").is_unknown());
}

TEST_CASE("coalesce skips nulls and empty strings") {
  CHECK(text("coalesce(null, \"\", \"x\", \"y\")") == "x");
  CHECK(eval("coalesce(var.unset, \"x\")").is_unknown());
  CHECK(text("coalesce(\"first\", var.unset)") == "first");
}

TEST_CASE("an unknown argument makes the result unknown with its reason") {
  Value value = eval("upper(var.unset)");
  REQUIRE(value.is_unknown());
  CHECK(value.unknown_reason() == "variable \"unset\" has no value (no default and no tfvars)");
  CHECK(eval("length([var.unset, 1])").as_number() == 2);
}

TEST_CASE("wrong arguments are an unknown value, never a crash") {
  CHECK(eval("upper()").is_unknown());
  CHECK(eval("concat(1)").is_unknown());
  CHECK(eval("merge([1])").is_unknown());
  CHECK(eval("range(1, 100000)").is_unknown());
  CHECK(eval("format(\"%999999d\", 1)").is_unknown());
}

TEST_CASE("everything a function returns is derived, keeping its spans") {
  Value nested = eval("lookup({ a = { b = true } }, \"a\").b");
  REQUIRE(nested.is_bool());
  CHECK(nested.provenance() == Provenance::Derived);
  Value merged = eval("merge({ env = \"prod\" }, { team = \"data\" })");
  REQUIRE(merged.is_object());
  CHECK(merged.get("team")->provenance() == Provenance::Derived);
  CHECK(merged.get("team")->span().begin.column == 40);
}

namespace {

// Evaluates `expression` as main.tf's `x` with `disk` reachable through
// Context::load, as the engine gives it: nothing outside the root.
Analysis& with_files(Analysis& analysis, const std::string& expression) {
  analysis.add("main.tf", "resource \"t\" \"r\" {\n  x = " + expression + "\n}\n");
  analysis.disk["files/a.txt"] = "alpha\n";
  analysis.disk["files/t.tftpl"] = "%{ for n in names ~}\n${n};\n%{ endfor ~}\n";
  analysis.unreadable.insert("files/locked.txt");
  analysis.disk["files/locked.txt"] = "x";
  return analysis.run();
}

Value file_value(const std::string& expression, std::string* messages = nullptr) {
  Analysis analysis;
  with_files(analysis, expression);
  if (messages)
    for (const std::string& message : analysis.messages()) *messages += message + "\n";
  const Value* value = analysis.attribute("t.r", "x");
  return value ? *value : Value::unknown("missing");
}

}  // namespace

TEST_CASE("file functions read through the loader, never outside the root") {
  CHECK(file_value("file(\"files/a.txt\")").as_string() == "alpha\n");
  CHECK(file_value("file(\"./files/../files/a.txt\")").as_string() == "alpha\n");
  CHECK(file_value("fileexists(\"files/a.txt\")").as_bool());
  CHECK_FALSE(file_value("fileexists(\"files/none.txt\")").as_bool());
  CHECK(file_value("filebase64(\"files/a.txt\")").as_string() == "YWxwaGEK");
  CHECK(file_value("templatefile(\"files/t.tftpl\", { names = [\"a\", \"b\"] })").as_string() ==
        "a;\nb;\n");

  // Outside the root, absolute, under ~, unreadable: unknown, with the reason.
  Value outside = file_value("file(\"../secret.txt\")");
  REQUIRE(outside.is_unknown());
  CHECK(outside.unknown_reason().find("outside the repository root") != std::string::npos);
  CHECK(file_value("file(\"/etc/passwd\")").unknown_reason().find("outside the repository") !=
        std::string::npos);
  CHECK(file_value("file(\"~/x\")").is_unknown());
  CHECK(file_value("file(\"files/locked.txt\")").unknown_reason().find("permission denied") !=
        std::string::npos);
  CHECK(file_value("fileexists(\"../x\")").is_unknown());

  // A missing file is Terraform's error, reported when the path is written.
  std::string messages;
  CHECK(file_value("file(\"files/none.txt\")", &messages).is_unknown());
  CHECK(messages.find("no file exists at \"files/none.txt\"") != std::string::npos);

  // A template sees only its vars, and may not call templatefile again.
  CHECK(file_value("can(templatefile(\"files/t.tftpl\", {}))").as_bool() == false);
  CHECK(file_value("can(templatefile(\"files/t.tftpl\", { names = [1] }))").as_bool());
}

TEST_CASE("regex functions follow Go's regexp") {
  CHECK(text("replace(\"aaa\", \"/a*/\", \"-\")") == "-");
  CHECK(text("replace(\"abc\", \"/x*/\", \"-\")") == "-a-b-c-");
  CHECK(text("replace(\"2024-01\", \"/(\\\\d+)-(\\\\d+)/\", \"$2.$1\")") == "01.2024");
  CHECK(text("replace(\"ab\", \"/(a)/\", \"$1x\")") == "b");  // $1x names group "1x"
  CHECK(eval("regexall(\"a|\", \"ab\")").items().size() == 2);
  CHECK(eval("regex(\"(a)|(b)\", \"b\")").items()[0].is_null());
  CHECK(eval("regex(\"[\", \"x\")").is_unknown());
}

TEST_CASE("cidr functions follow go-cidr") {
  CHECK(text("cidrsubnet(\"10.0.0.0/16\", 8, 3)") == "10.0.3.0/24");
  CHECK(text("cidrhost(\"10.0.0.0/24\", -1)") == "10.0.0.255");
  CHECK(text("cidrnetmask(\"10.0.0.0/12\")") == "255.240.0.0");
  Value subnets = eval("cidrsubnets(\"10.1.0.0/16\", 4, 4, 8, 4)");
  REQUIRE(subnets.is_list());
  CHECK(subnets.items()[2].as_string() == "10.1.32.0/24");
  CHECK(subnets.items()[3].as_string() == "10.1.48.0/20");
  CHECK(eval("cidrsubnet(\"10.0.0.0/16\", 8, 256)").is_unknown());
}

TEST_CASE("basename and dirname answer as terraform console does") {
  // Each answer is terraform console's (1.11).
  CHECK(text("basename(\"a/b/c.txt\")") == "c.txt");
  CHECK(text("basename(\"a/b/\")") == "b");
  CHECK(text("basename(\"\")") == ".");
  CHECK(text("basename(\"///\")") == "/");
  CHECK(text("dirname(\"a/b/c.txt\")") == "a/b");
  CHECK(text("dirname(\"/a//b/../c\")") == "/a");
  CHECK(text("dirname(\"c\")") == ".");
  CHECK(text("dirname(\"\")") == ".");
  CHECK(text("dirname(\"/\")") == "/");
  CHECK(text("dirname(\"./a/./b/\")") == "a/b");
}
