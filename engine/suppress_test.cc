#include "engine/suppress.h"

#include <doctest/doctest.h>

#include "engine/analyse.h"
#include "frontends/registry.h"

using namespace bw;

namespace {

// A model whose files units of a named frontend claimed, and the comment
// reader the engine makes for it from the frontends it runs.
struct Claimed {
  ir::Model model;
  std::vector<std::unique_ptr<frontends::Frontend>> frontends = frontends::make_frontends();

  ir::FileId add(std::string path, std::string text, std::string frontend = "terraform") {
    ir::FileId id = model.sources.add(std::move(path), std::move(text));
    ir::UnitInfo unit;
    unit.frontend = std::move(frontend);
    unit.files = {id};
    model.units.push_back(std::move(unit));
    return id;
  }
  engine::CommentReader comments() const {
    return engine::comments_from_frontends(model, frontends);
  }
  std::vector<engine::CommentSuppression> suppressions(ir::FileId id) const {
    const ir::SourceFile& file = model.sources.file(id);
    return engine::find_suppressions(file, comments()(file));
  }
};

ir::Finding finding(ir::FileId file, const char* rule, uint32_t line, uint32_t resource_line = 2) {
  ir::Finding x;
  x.rule = rule;
  x.span = {file, {0, line, 3}, {0, line, 10}};
  x.resource_span = {file, {0, resource_line, 1}, {0, resource_line, 30}};
  return x;
}

std::vector<std::string> rules(const std::vector<ir::Finding>& findings) {
  std::vector<std::string> out;
  for (const ir::Finding& f : findings) out.emplace_back(f.rule);
  return out;
}

std::vector<uint32_t> target_lines(const std::vector<engine::CommentSuppression>& found) {
  std::vector<uint32_t> out;
  for (const engine::CommentSuppression& s : found) out.push_back(s.target_line);
  return out;
}

}  // namespace

TEST_CASE("suppression comments: before the line, at its end, with and without reasons") {
  Claimed c;
  ir::FileId id = c.add("a.tf",
                        "# blastwall:ignore BW101 -- retired next sprint\n"
                        "\n"
                        "resource \"aws_db_instance\" \"a\" {\n"
                        "  skip_final_snapshot = true # blastwall:ignore BW451, BW401\n"
                        "  name = \"# blastwall:ignore BW101 -- a string, not a comment\"\n"
                        "}\n");
  auto found = c.suppressions(id);
  REQUIRE(found.size() == 2);
  CHECK(found[0].comment_line == 1);
  CHECK(found[0].column == 3);
  CHECK(found[0].target_line == 3);
  CHECK(found[0].rules == std::vector<std::string>{"BW101"});
  CHECK(found[0].reason == "retired next sprint");
  CHECK(found[1].target_line == 4);
  CHECK(found[1].column == 32);
  CHECK(found[1].rules == std::vector<std::string>{"BW451", "BW401"});
  CHECK(found[1].reason.empty());
}

// Regression: a `#`, `//`, `--` or `/*` anywhere before the marker on a line
// used to make it a comment, so a string holding the marker suppressed.
TEST_CASE("the marker inside an HCL string, heredoc or template does not suppress") {
  Claimed c;
  ir::FileId id = c.add("a.tf",
                        "resource \"aws_db_instance\" \"a\" {\n"
                        "  description = \"blastwall:ignore BW101 -- x\"\n"
                        "  identifier = \"# blastwall:ignore BW101 -- x\"\n"
                        "  user_data = <<-EOT\n"
                        "    # blastwall:ignore BW101 -- a shell comment in a heredoc\n"
                        "    // blastwall:ignore BW101 -- x\n"
                        "  EOT\n"
                        "  name = \"db-${var.n}-/* blastwall:ignore BW101 -- x */\"\n"
                        "  note = \"%{if true}-- blastwall:ignore BW101 -- x%{endif}\"\n"
                        "}\n");
  CHECK(c.suppressions(id).empty());
  std::vector<ir::Finding> findings = {finding(id, "BW101", 2, 1), finding(id, "BW101", 3, 1),
                                       finding(id, "BW101", 6, 1), finding(id, "BW101", 7, 1),
                                       finding(id, "BW101", 8, 1), finding(id, "BW101", 9, 1)};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(c.model, {id}, c.comments(), findings, warnings);
  CHECK(findings.size() == 6);
  CHECK(warnings.empty());
}

TEST_CASE("`#`, `//` and `/* */` comments all suppress") {
  Claimed c;
  ir::FileId id = c.add("a.tf",
                        "resource \"aws_db_instance\" \"a\" {\n"
                        "  a = 1 # blastwall:ignore BW101 -- hash\n"
                        "  b = 1 // blastwall:ignore BW101 -- slashes\n"
                        "  c = 1 /* blastwall:ignore BW101 -- block */\n"
                        "  /* blastwall:ignore BW101 -- block before code */ d = 1\n"
                        "}\n");
  auto found = c.suppressions(id);
  REQUIRE(found.size() == 4);
  CHECK(target_lines(found) == std::vector<uint32_t>{2, 3, 4, 5});
  CHECK(found[2].reason == "block");  // without the closing `*/`
  CHECK(found[3].reason == "block before code");
  std::vector<ir::Finding> findings = {finding(id, "BW101", 2, 1), finding(id, "BW101", 3, 1),
                                       finding(id, "BW101", 4, 1), finding(id, "BW101", 5, 1)};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(c.model, {id}, c.comments(), findings, warnings);
  CHECK(findings.empty());
  CHECK(warnings.empty());
}

TEST_CASE("a comment alone covers the next line holding code, past blanks and comments") {
  Claimed c;
  ir::FileId id = c.add("a.tf",
                        "# blastwall:ignore BW101 -- over several lines\n"     // 1
                        "# of explanation\n"                                   // 2
                        "\n"                                                   // 3
                        "/* a block\n"                                         // 4
                        "   comment */ // and a line comment after it\n"       // 5
                        "resource \"aws_db_instance\" \"a\" {}\n"              // 6
                        "/*\n"                                                 // 7
                        "  blastwall:ignore BW451 -- the block's own line\n"   // 8
                        "  blastwall:ignore BW401\n"                           // 9
                        "*/\n"                                                 // 10
                        "resource \"aws_db_instance\" \"b\" {}\n"              // 11
                        "x = 1 /* blastwall:ignore BW101 -- code before it\n"  // 12
                        "  covers the first line */\n"                         // 13
                        "# blastwall:ignore BW101 -- nothing follows\n");      // 14
  auto found = c.suppressions(id);
  REQUIRE(found.size() == 5);
  // A block comment over several lines covers the line after its end, and
  // each of its lines holding the marker is a suppression of its own.
  CHECK(target_lines(found) == std::vector<uint32_t>{6, 11, 11, 12, 15});
  CHECK(found[1].comment_line == 8);
  CHECK(found[1].column == 3);
  CHECK(found[1].reason == "the block's own line");
  CHECK(found[2].comment_line == 9);
  CHECK(found[2].rules == std::vector<std::string>{"BW401"});
  CHECK(found[2].reason.empty());
}

// Regression: a suppression without a reason used to suppress. The README
// says a suppression takes a reason: without one the finding stays and the
// suppression is reported.
TEST_CASE("suppressions remove findings on their line or resource, only with a reason") {
  Claimed c;
  ir::FileId id = c.add("a.tf",
                        "# blastwall:ignore BW101 -- retired next sprint\n"
                        "resource \"aws_db_instance\" \"a\" {\n"
                        "  deletion_protection = false\n"
                        "  skip_final_snapshot = true # blastwall:ignore BW451\n"
                        "}\n"
                        "# blastwall:ignore BW999 -- nothing here\n");
  std::vector<ir::Finding> findings = {finding(id, "BW101", 3), finding(id, "BW451", 4),
                                       finding(id, "BW401", 4)};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(c.model, {id}, c.comments(), findings, warnings);
  CHECK(rules(findings) == std::vector<std::string>{"BW451", "BW401"});
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].message ==
        "suppression of BW451 gives no reason, so it suppresses nothing: add `-- why it is safe`");
  CHECK(warnings[0].span.begin.line == 4);
  CHECK(warnings[1].message.find("unused suppression: BW999") != std::string::npos);
}

TEST_CASE("a suppression naming no rule is reported") {
  Claimed c;
  ir::FileId id =
      c.add("a.tf", "# blastwall:ignore -- why\nresource \"aws_db_instance\" \"a\" {}\n");
  std::vector<ir::Finding> findings = {finding(id, "BW101", 2)};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(c.model, {id}, c.comments(), findings, warnings);
  CHECK(findings.size() == 1);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message.find("names no rule") != std::string::npos);
}

TEST_CASE("rule ids end at the first word that is not one") {
  Claimed c;
  ir::FileId id = c.add("a.tf",
                        "resource \"aws_db_instance\" \"a\" {\n"
                        "  x = 1 # blastwall:ignore BW451, BW401 # expect-warning: no reason\n"
                        "  y = 2 # blastwall:ignore BW101 because it is old\n"
                        "}\n");
  std::vector<ir::Finding> findings = {finding(id, "BW451", 2), finding(id, "BW101", 3)};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(c.model, {id}, c.comments(), findings, warnings);
  CHECK(findings.size() == 2);  // neither gives a reason after `--`
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].message ==
        "suppression of BW451, BW401 gives no reason, so it suppresses nothing: add `-- why it is "
        "safe`");
  CHECK(warnings[1].message ==
        "suppression of BW101 gives no reason, so it suppresses nothing: add `-- why it is safe`");
}

TEST_CASE("a suppression at a module call covers that instance only") {
  Claimed c;
  ir::FileId caller = c.add("main.tf",
                            "# blastwall:ignore BW101 -- scratch copy\n"
                            "module \"scratch\" {\n  source = \"./db\"\n}\n"
                            "module \"orders\" {\n  source = \"./db\"\n}\n");
  ir::FileId module =
      c.model.sources.add("db/main.tf", "resource \"aws_db_instance\" \"this\" {}\n");
  c.model.units.back().reached = {module};
  ir::Finding scratch = finding(module, "BW101", 1, 1);
  scratch.via = {{caller, {0, 2, 1}, {0, 2, 18}}};
  ir::Finding orders = finding(module, "BW101", 1, 1);
  orders.via = {{caller, {0, 5, 1}, {0, 5, 17}}};
  orders.instance = "orders";
  std::vector<ir::Finding> findings = {scratch, orders};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(c.model, {caller, module}, c.comments(), findings, warnings);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].instance == "orders");
  CHECK(warnings.empty());
}

TEST_CASE("a module's comments are read through the frontend of the unit that reached it") {
  Claimed c;
  ir::FileId root = c.add("main.tf", "module \"db\" {\n  source = \"./db\"\n}\n");
  ir::FileId module = c.model.sources.add("db/main.tf",
                                          "# blastwall:ignore BW101 -- every copy is scratch\n"
                                          "resource \"aws_db_instance\" \"this\" {}\n");
  c.model.units.back().reached = {module};
  std::vector<ir::Finding> findings = {finding(module, "BW101", 2, 2)};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(c.model, {root, module}, c.comments(), findings, warnings);
  CHECK(findings.empty());
  CHECK(warnings.empty());
}

TEST_CASE("comments in files the run does not report on are not read") {
  Claimed c;
  ir::FileId id = c.add("a.tf", "# blastwall:ignore BW999 -- elsewhere\n");
  std::vector<ir::Finding> findings;
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(c.model, {}, c.comments(), findings, warnings);
  CHECK(warnings.empty());
  engine::apply_suppressions(c.model, {id}, c.comments(), findings, warnings);
  CHECK(warnings.size() == 1);
}

namespace {

// A frontend whose language has no comments, as JSON has none.
class NoComments : public frontends::Frontend {
 public:
  std::string_view name() const override { return "plain"; }
  bool wants(std::string_view) const override { return true; }
  int claim(std::string_view, std::string_view) const override { return 10; }
  std::vector<frontends::Unit> plan_units(const std::vector<ir::FileId>&,
                                          const ir::SourceManager&) override {
    return {};
  }
  void analyze(const frontends::Unit&, frontends::Context&) override {}
};

}  // namespace

TEST_CASE("files no frontend claimed, or whose frontend has no comments, have no suppressions") {
  Claimed c;
  c.frontends.push_back(std::make_unique<NoComments>());
  std::string text = "# blastwall:ignore BW101 -- looks like a comment\nx\n";
  ir::FileId plain = c.add("a.json", text, "plain");
  ir::FileId walked = c.add("b.tf", text, "engine");  // the engine's own unit: no frontend
  ir::FileId unclaimed = c.model.sources.add("c.tf", text);
  std::vector<ir::Finding> findings = {finding(plain, "BW101", 2), finding(walked, "BW101", 2),
                                       finding(unclaimed, "BW101", 2)};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(c.model, {plain, walked, unclaimed}, c.comments(), findings, warnings);
  CHECK(findings.size() == 3);
  CHECK(warnings.empty());
}

TEST_CASE("a file without the marker is never lexed for comments") {
  Claimed c;
  ir::FileId id = c.add("a.tf", "# an ordinary comment\nresource \"aws_db_instance\" \"a\" {}\n");
  size_t asked = 0;
  engine::CommentReader reader = [&](const ir::SourceFile& file) {
    ++asked;
    return c.comments()(file);
  };
  std::vector<ir::Finding> findings = {finding(id, "BW101", 2)};
  std::vector<ir::Diagnostic> warnings;
  engine::apply_suppressions(c.model, {id}, reader, findings, warnings);
  CHECK(asked == 0);
  CHECK(findings.size() == 1);
}

TEST_CASE("a comment span outside its file is passed over, not read") {
  ir::SourceManager sources;
  ir::FileId id = sources.add("a.tf", "# blastwall:ignore BW101 -- x\n");
  const ir::SourceFile& file = sources.file(id);
  std::string text = "# blastwall:ignore BW101 -- x";
  std::vector<ir::Comment> wrong = {{{id, {0, 0, 0}, {29, 1, 30}}, text},
                                    {{id, {500, 9, 1}, {529, 9, 30}}, text}};
  CHECK(engine::find_suppressions(file, wrong).empty());
  std::vector<ir::Comment> right = {{file.span(0, 29), text}};
  CHECK(engine::find_suppressions(file, right).size() == 1);
}
