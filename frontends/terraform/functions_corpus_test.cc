// The differential corpus (testdata/functions/): every expression of
// expressions.txt, evaluated by blastwall in context.tf, against what the real
// Terraform answered (golden.jsonl, written by regenerate.py). blastwall must
// give Terraform's exact value or an unknown, never another value; reject
// what Terraform rejects; and know every function real modules call.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "frontends/terraform/function_support.h"
#include "frontends/terraform/test_support.h"

using namespace bw::frontends::terraform;
using namespace bw::frontends::terraform::testing;
using bw::ir::Value;

namespace {

const std::filesystem::path kCorpus =
    std::filesystem::path(BW_SOURCE_DIR) / "frontends/terraform/testdata/functions";

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The functions modules use most: each must give a value wherever its
// arguments are known and Terraform accepts the call.
const std::set<std::string> kListed = {"jsonencode",   "jsondecode",   "merge",
                                       "lookup",       "try",          "can",
                                       "coalesce",     "coalescelist", "concat",
                                       "format",       "formatlist",   "join",
                                       "split",        "lower",        "upper",
                                       "title",        "trimspace",    "trim",
                                       "trimprefix",   "trimsuffix",   "chomp",
                                       "replace",      "regex",        "regexall",
                                       "substr",       "strrev",       "startswith",
                                       "endswith",     "strcontains",  "tostring",
                                       "tonumber",     "tobool",       "tolist",
                                       "toset",        "tomap",        "length",
                                       "element",      "index",        "contains",
                                       "keys",         "values",       "flatten",
                                       "distinct",     "compact",      "slice",
                                       "sort",         "reverse",      "range",
                                       "zipmap",       "setunion",     "setintersection",
                                       "setsubtract",  "setproduct",   "min",
                                       "max",          "abs",          "ceil",
                                       "floor",        "pow",          "signum",
                                       "parseint",     "cidrsubnet",   "cidrsubnets",
                                       "cidrhost",     "cidrnetmask",  "base64encode",
                                       "base64decode", "urlencode",    "one",
                                       "sum",          "alltrue",      "anytrue",
                                       "chunklist",    "transpose",    "file",
                                       "fileexists",   "filebase64",   "templatefile"};

// Expressions Terraform evaluates that blastwall leaves unknown on purpose,
// each with the reason (see frontends/terraform/README.md, "Functions").
const std::map<std::string, std::string> kUnknownOnPurpose = {
    // Numbers are doubles: past 2^53 an integer is no longer exact, and
    // Terraform's arbitrary precision would give another last digit.
    {"9007199254740992 + 1", "integer past 2^53"},
    {"local.big + 1", "integer past 2^53"},
    {"1 + local.big - local.big", "integer past 2^53"},
    {"1 / 0", "infinity"},
    {"jsondecode(\"12345678901234567890\")", "integer past 2^53"},
    {"100000000000000000000", "integer past 2^53"},
    {"1e21", "integer past 2^53"},
    {"path.root", "path.root is left unknown by module_scope (not a function)"},
    // Terraform reads decimals into 512-bit binary floats: with a fraction a
    // double does not hold exactly, its printed result cannot be predicted.
    {"0.1 + 0.2", "decimal fractions inexact in binary"},
    {"1 - 0.9", "decimal fractions inexact in binary"},
    {"tonumber(local.text_num) * 2", "decimal fractions inexact in binary"},
    {"jsondecode(\"1e400\")", "a number beyond a double"},
    {"pow(2, 0.5)", "an irrational result"},
    // Go's Unicode case tables and grapheme clusters are not reproduced.
    {"title(\"ÉCOLE école\")", "non-ASCII case mapping"},
    {"lower(\"ÀÉÎ\")", "non-ASCII case mapping"},
    {"upper(\"straße\")", "non-ASCII case mapping"},
    {"length(\"👍🏽\")", "grapheme clusters"},
    // go-cidr's arithmetic on negative arguments gives addresses outside
    // the prefix (10.0.0.0/16 with netnum -1 is 0.0.1.0/24): not guessed at.
    {"cidrsubnet(\"10.0.0.0/16\", -1, 0)", "negative newbits"},
    {"cidrsubnet(\"10.0.0.0/16\", 8, -1)", "negative netnum"},
    {"jsonencode(1e21)", "integer past 2^53"},
};

// The functions an expression calls, by name.
std::set<std::string> called(const std::string& expression) {
  static const std::regex kCall("([a-z][a-z0-9_]*)\\s*\\(");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(expression.begin(), expression.end(), kCall);
       it != std::sregex_iterator(); ++it)
    names.insert((*it)[1].str());
  return names;
}

// Terraform's type name reduced to what an ir::Value tells apart.
std::string category(const std::string& type) {
  std::string head = type.substr(0, type.find('('));
  if (head == "list" || head == "tuple" || head == "set") return "list";
  if (head == "map" || head == "object") return "object";
  if (head == "dynamic") return "null";
  return head;
}

std::string category(const Value& value) {
  return type_name(value);
}

struct Evaluated {
  Value value;
  Value can;           // can(EXPR)
  bool error = false;  // an Error diagnostic on the expression
  std::string messages;
};

Evaluated evaluate_in_context(const std::string& expression, const std::string& context,
                              const std::map<std::string, std::string>& files) {
  Analysis analysis;
  analysis.add("context.tf", context);
  analysis.add("corpus.tf", "resource \"corpus\" \"e\" {\n  v = " + expression +
                                "\n}\nresource \"corpus\" \"c\" {\n  v = can(" + expression +
                                ")\n}\n");
  for (const auto& [path, text] : files) analysis.disk[path] = text;
  analysis.run();
  Evaluated result;
  const Value* value = analysis.attribute("corpus.e", "v");
  const Value* can = analysis.attribute("corpus.c", "v");
  result.value = value ? *value : Value::unknown("corpus: no value");
  result.can = can ? *can : Value::unknown("corpus: no value");
  for (const bw::ir::Diagnostic& diagnostic : analysis.model.diagnostics) {
    result.messages += diagnostic.message + "\n";
    if (diagnostic.level == bw::ir::DiagnosticLevel::Error && diagnostic.span.begin.line == 2)
      result.error = true;
  }
  return result;
}

}  // namespace

TEST_CASE("the function corpus matches Terraform 1.11 exactly or is unknown") {
  std::string context = read(kCorpus / "context.tf");
  REQUIRE(!context.empty());
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kCorpus / "files"))
    if (entry.is_regular_file())
      files["files/" + entry.path().lexically_relative(kCorpus / "files").generic_string()] =
          read(entry.path());

  std::ifstream golden(kCorpus / "golden.jsonl");
  REQUIRE(golden.good());
  size_t total = 0, unknown = 0, rejected = 0, terraform_unknown = 0;
  std::map<std::string, size_t> known_calls;  // listed function -> known results
  std::string line;
  while (std::getline(golden, line)) {
    if (line.empty()) continue;
    nlohmann::json entry = nlohmann::json::parse(line);
    const std::string expression = entry["expr"].get<std::string>();
    ++total;
    Evaluated got = evaluate_in_context(expression, context, files);
    std::string described = got.value.describe();
    CAPTURE(expression);
    CAPTURE(described);
    CAPTURE(got.messages);
    if (entry.contains("error")) {
      ++rejected;
      std::string terraform_error = entry["error"].get<std::string>();
      CAPTURE(terraform_error);
      // Rejected by Terraform: unknown here, and known to be an error —
      // reported, or at least can() says false.
      CHECK(got.value.is_unknown());
      bool failed = got.error || (got.can.is_bool() && !got.can.as_bool());
      CHECK(failed);
      continue;
    }
    const std::string type = entry["type"].get<std::string>();
    CAPTURE(type);
    if (entry.contains("unknown")) {
      // Terraform itself prints (known after apply): blastwall must not know it either.
      ++terraform_unknown;
      CHECK(got.value.is_unknown());
      continue;
    }
    if (got.value.is_unknown()) {
      ++unknown;
      if (kUnknownOnPurpose.count(expression)) continue;
      // Everything in the context is known: a listed function must answer.
      std::set<std::string> names = called(expression);
      bool unlisted = std::any_of(names.begin(), names.end(),
                                  [](const std::string& name) { return !kListed.count(name); });
      CHECK_MESSAGE(unlisted, "a listed function gave an unknown for known arguments");
      continue;
    }
    CHECK(got.can.is_bool());
    if (got.can.is_bool()) CHECK(got.can.as_bool());
    if (entry.contains("json_error")) {
      FAIL_CHECK("Terraform cannot encode this value (", entry["json_error"].get<std::string>(),
                 "): blastwall must leave it unknown");
      continue;
    }
    std::string json;
    REQUIRE(json_encode(got.value, json, 1 << 24));
    std::string expected = entry["json"].get<std::string>();
    CHECK(json == expected);
    // A null has a type in Terraform (tostring(null)) but not in an ir::Value.
    if (!got.value.is_null()) CHECK(category(got.value) == category(type));
    if (json == expected)
      for (const std::string& name : called(expression))
        if (kListed.count(name)) ++known_calls[name];
  }
  MESSAGE("corpus: ", total, " expressions, ", rejected, " rejected by Terraform, ",
          terraform_unknown, " unknown to Terraform itself, ", unknown, " unknown in blastwall (",
          100.0 * static_cast<double>(unknown) / static_cast<double>(total), "%)");
  CHECK(total >= 500);
  CHECK(static_cast<double>(unknown) < 0.05 * static_cast<double>(total));
  for (const std::string& name : kListed) {
    CAPTURE(name);
    CHECK(known_calls[name] > 0);
  }
}
