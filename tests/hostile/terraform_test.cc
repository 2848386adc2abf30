// Hostile Terraform inputs (issue 11, the Terraform frontend's rows): no input
// error is an error printed with exit 0, a budget reached makes only the value
// that needed it unknown, and work and memory stay bounded. Each case keeps the
// canary (hostile::canary_tf, BW101) in a file of its own beside the input.
#include <string>

#include "hostile.h"

namespace {

const char* kDatabase = "resource \"aws_db_instance\" \"l\" {\n  deletion_protection = ";

// Runs a JSON check of the scratch repository.
hostile::Outcome check(const hostile::Scratch& s, const std::string& options = "") {
  return hostile::run("check . --format json" + options, s.root());
}

void canary_reported(const hostile::Outcome& o) {
  CHECK_MESSAGE(!hostile::findings(o, "BW101", "canary.tf").empty(), o.out.substr(0, 2000));
}

// Whether an unknown-value finding (`--unknown=report`) on `path` says `words`.
bool unknown_says(const hostile::Outcome& o, const std::string& words, const std::string& path) {
  if (!o.json.is_object() || !o.json.contains("findings")) return false;
  for (const auto& f : o.json["findings"])
    if (f.value("path", "") == path && f.dump().find(words) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a cycle of locals is unanalyzable and names the cycle") {
  hostile::Scratch s;
  s.write("main.tf",
          std::string("locals {\n  a = local.b\n  b = local.a\n}\n") + kDatabase + "local.a\n}\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  CHECK_MESSAGE(hostile::has_finding(o, "BW001", "Cycle", "main.tf"), o.out.substr(0, 2000));
  CHECK(hostile::has_finding(o, "BW001", "local.a -> local.b -> local.a", "main.tf"));
  canary_reported(o);
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE("modules calling each other are unanalyzable") {
  hostile::Scratch s;
  s.write("main.tf", "module \"a\" {\n  source = \"./a\"\n}\n");
  s.write("a/main.tf", "module \"b\" {\n  source = \"../b\"\n}\n");
  s.write("b/main.tf", "module \"a\" {\n  source = \"../a\"\n}\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  CHECK_MESSAGE(hostile::has_finding(o, "BW001", "calls itself", "b/main.tf"),
                o.out.substr(0, 2000));
  canary_reported(o);
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE("a resource with three labels is unanalyzable, not dropped in silence") {
  hostile::Scratch s;
  s.write("main.tf",
          "resource \"aws_db_instance\" \"l\" \"extra\" {\n  deletion_protection = false\n}\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  CHECK_MESSAGE(hostile::has_finding(o, "BW001", "Missing name for resource", "main.tf"),
                o.out.substr(0, 2000));
  canary_reported(o);
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE("an expression past the evaluation budget is unknown alone") {
  // 40 nested for/join over a list of 40: far past evaluation_steps.
  std::string expression = "[for x0 in local.items : x0]";
  for (int i = 1; i < 40; ++i)
    expression =
        "[for x" + std::to_string(i) + " in local.items : join(\",\", " + expression + ")]";
  std::string items = "[";
  for (int i = 0; i < 40; ++i)
    items += std::string(i ? "," : "") + "\"i" + std::to_string(i) + "\"";
  items += "]";
  hostile::Scratch s;
  s.write("expensive.tf", "locals {\n  items = " + items + "\n  expensive = " + expression +
                              "\n}\nresource \"aws_db_instance\" \"e\" {\n"
                              "  deletion_protection = length(local.expensive) > 0\n}\n");
  // A literal in another file of the same module, evaluated after it.
  s.write("later.tf", std::string(kDatabase) + "false\n}\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s, " --unknown=report");
  CHECK(o.status == 1);
  // The literal in another file is still known: deletion protection is off.
  CHECK_MESSAGE(hostile::has_finding(o, "BW101", "deletion protection is off", "later.tf"),
                o.out.substr(0, 3000));
  // The expensive value alone is unknown, and says which limit it needed.
  CHECK(hostile::findings(o, "BW001").empty());
  for (const auto& f : hostile::findings(o, "BW101", "expensive.tf"))
    CHECK(f.value("message", "").find("could not be determined") != std::string::npos);
  CHECK(unknown_says(o, "evaluation_steps limit (5000000) reached", "expensive.tf"));
  canary_reported(o);
  hostile::check_bounded(o, 10, 300);
}

TEST_CASE("many expensive values cost the unit's budget, not one each") {
  std::string expression = "[for x0 in local.items : x0]";
  for (int i = 1; i < 40; ++i)
    expression =
        "[for x" + std::to_string(i) + " in local.items : join(\",\", " + expression + ")]";
  std::string items = "[";
  for (int i = 0; i < 40; ++i)
    items += std::string(i ? "," : "") + "\"i" + std::to_string(i) + "\"";
  items += "]";
  std::string text = "locals {\n  items = " + items + "\n}\n";
  // Fifty values, each past evaluation_steps: 50 x 5M steps without a bound.
  for (int i = 0; i < 50; ++i)
    text += "resource \"aws_db_instance\" \"e" + std::to_string(i) +
            "\" {\n  deletion_protection = length(" + expression + ") > 0\n}\n";
  hostile::Scratch s;
  s.write("expensive.tf", text);
  s.write("later.tf", std::string(kDatabase) + "false\n}\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s, " --unknown=report");
  CHECK(o.status == 1);
  CHECK(hostile::findings(o, "BW001").empty());
  CHECK_MESSAGE(hostile::has_finding(o, "BW101", "deletion protection is off", "later.tf"),
                o.out.substr(0, 3000));
  CHECK(unknown_says(o, "unit_evaluation_steps limit (20000000) reached", "expensive.tf"));
  canary_reported(o);
  hostile::check_bounded(o, 10, 300);
}

TEST_CASE("numbers beyond exact arithmetic are unknown, never guessed") {
  // Terraform (1.11, `terraform console`): 1e400 == 1e401 is false; as
  // doubles both are +Inf and would compare equal.
  hostile::Scratch s;
  s.write("main.tf", std::string(kDatabase) + "1e400 == 1e401 ? true : false\n}\n" +
                         "resource \"aws_db_instance\" \"m\" {\n"
                         "  deletion_protection = 9007199254740993 == 9007199254740992\n}\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s, " --unknown=report");
  CHECK(o.status == 1);
  // Not "true": the comparison is not decided on rounded doubles.
  CHECK(hostile::findings(o, "BW001").empty());
  CHECK_MESSAGE(unknown_says(o, "a number beyond exact arithmetic", "main.tf"),
                o.out.substr(0, 3000));
  canary_reported(o);
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE("module calls that fan out stop at module_instances") {
  // 12 calls per level, 8 levels: 12^8 instances if nothing stopped it.
  hostile::Scratch s;
  std::string calls;
  for (int i = 0; i < 12; ++i)
    calls += "module \"m" + std::to_string(i) + "\" {\n  source = \"../l%\"\n}\n";
  auto level_calls = [&](int next) {
    std::string text = calls;
    for (size_t at; (at = text.find('%')) != std::string::npos;)
      text.replace(at, 1, std::to_string(next));
    return text;
  };
  std::string root = level_calls(1);
  for (size_t at; (at = root.find("../")) != std::string::npos;) root.replace(at, 3, "./");
  s.write("main.tf", root);
  for (int level = 1; level < 8; ++level)
    s.write("l" + std::to_string(level) + "/main.tf", level_calls(level + 1));
  s.write("l8/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  CHECK_MESSAGE(hostile::has_finding(o, "BW001", "module_instances limit (10000) reached"),
                o.out.substr(0, 2000));
  canary_reported(o);
  hostile::check_bounded(o, 10, 500);
}

TEST_CASE("a block with 200k arguments is read in linear time") {
  std::string text = "resource \"aws_s3_bucket\" \"big\" {\n";
  for (int i = 0; i < 200000; ++i) text += "  a" + std::to_string(i) + " = " + "1\n";
  text += "  a7 = 2\n}\n";
  hostile::Scratch s;
  s.write("main.tf", text);
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  // The one redefined argument is still found, at its line.
  CHECK_MESSAGE(hostile::has_finding(o, "BW001", "'a7' was already set on line 9", "main.tf"),
                o.out.substr(0, 2000));
  canary_reported(o);
  hostile::check_bounded(o, 5, 400);
}

TEST_CASE("split of a long string stops at collection_items before building it") {
  hostile::Scratch s;
  // A 16 MiB string would be one value per character.
  s.write("main.tf", "locals {\n  long = \"" + std::string(15 * 1024 * 1024, 'x') + "\"\n}\n" +
                         kDatabase + "length(split(\"\", local.long)) > 0\n}\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s, " --unknown=report");
  CHECK(o.status == 1);
  CHECK(hostile::findings(o, "BW001").empty());
  CHECK_MESSAGE(unknown_says(o, "collection_items limit (100000) reached", "main.tf"),
                o.out.substr(0, 3000));
  canary_reported(o);
  hostile::check_bounded(o, 10, 400);
}

TEST_CASE("a long one-line list literal costs memory in proportion") {
  hostile::Scratch s;
  std::string list = "[";
  list.reserve(15 * 1024 * 1024);
  while (list.size() < 15 * 1024 * 1024) list += "1,";
  list += "1]";
  s.write("main.tf",
          "locals {\n  many = " + list + "\n}\n" + kDatabase + "length(local.many) > 0\n}\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s, " --unknown=report");
  CHECK(o.status == 1);
  CHECK(hostile::findings(o, "BW001").empty());
  CHECK_MESSAGE(unknown_says(o, "collection_items limit (100000) reached", "main.tf"),
                o.out.substr(0, 3000));
  canary_reported(o);
  hostile::check_bounded(o, 10, 400);
}

TEST_CASE("a flat chain of 600 operators is not too deep") {
  std::string chain = "1";
  for (int i = 1; i < 600; ++i) chain += " + 1";
  hostile::Scratch s;
  s.write("main.tf", std::string(kDatabase) + chain + " == 600 ? false : true\n}\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  CHECK(hostile::findings(o, "BW001").empty());
  // Terraform (1.11, `terraform console`) gives 600, so the value is false.
  CHECK_MESSAGE(!hostile::findings(o, "BW101", "main.tf").empty(), o.out.substr(0, 2000));
  canary_reported(o);
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE("an unterminated comment says so where it starts") {
  hostile::Scratch s;
  s.write("main.tf", "locals {\n  a = 1\n}\n  /* never closed\nlocals {\n  b = 2\n}\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  std::vector<nlohmann::json> errors = hostile::findings(o, "BW001", "main.tf");
  REQUIRE_MESSAGE(errors.size() == 1, o.out.substr(0, 2000));
  CHECK(errors[0].value("message", "") ==
        "syntax error: Unterminated comment: '/*' has no closing '*/': the hazards this part "
        "of the input may hold are not checked");
  CHECK(errors[0].value("line", 0) == 4);
  CHECK(errors[0].value("column", 0) == 3);
  canary_reported(o);
  hostile::check_bounded(o, 5, 200);
}

TEST_CASE("many unterminated comments cost linear time") {
  hostile::Scratch s;
  // Each `/*` with no `*/` anywhere after it: searching from each was
  // quadratic (a minute for 900 KB).
  std::string text = "a = 1\n";
  while (text.size() < 4 * 1024 * 1024) text += "/* ";
  s.write("vars.tfvars", text + "\n");
  s.write("canary.tf", hostile::canary_tf());
  s.git_commit_all();
  hostile::Outcome o = check(s);
  CHECK(o.status == 1);
  CHECK(hostile::has_finding(o, "BW001", "Unterminated comment", "vars.tfvars"));
  canary_reported(o);
  hostile::check_bounded(o, 5, 400);
}
