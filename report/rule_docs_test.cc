#include "report/rule_docs.h"

#include <doctest/doctest.h>

using namespace bw;

TEST_CASE("a rule page shows each example in its own language") {
  compiler::Rule rule;
  rule.id = "ACME101";
  rule.name = "database-off";
  rule.category = "deletion-protection";
  rule.kinds = {"database"};
  rule.when_text = "self.deletion_protection == false";
  rule.examples = {{"main.tf", "resource \"a\" \"b\" {}\n", "resource \"a\" \"c\" {}\n"},
                   {"template.yml", "Resources: {}\n", ""}};
  std::string page = report::rule_page(rule);
  size_t tf = page.find(
      "## Example: `main.tf`\n\n```hcl\nresource \"a\" \"b\" {}\n```\n\nUse instead:\n\n"
      "```hcl\nresource \"a\" \"c\" {}\n```\n");
  size_t yaml = page.find("## Example: `template.yml`\n\n```yaml\nResources: {}\n```\n");
  CHECK(tf != std::string::npos);
  CHECK(yaml != std::string::npos);
  CHECK(tf < yaml);
  // No good file, no "Use instead" for it.
  CHECK(page.find("Use instead", yaml) == std::string::npos);
}
