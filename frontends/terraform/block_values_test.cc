// Block bodies as values: dynamic blocks expanded as Terraform expands them.

#include "frontends/terraform/block_values.h"

#include <doctest/doctest.h>

#include "frontends/terraform/test_support.h"

using namespace bw::frontends::terraform::testing;
using bw::ir::Value;

TEST_CASE("a dynamic block over a known collection gives one block per element") {
  Analysis analysis;
  analysis.add(
      "main.tf",
      "locals {\n"
      "  rules = [{ port = 443, cidr = \"10.0.0.0/8\" }, { port = 80, cidr = \"0.0.0.0/0\" }]\n"
      "}\n"
      "resource \"aws_security_group\" \"sg\" {\n"
      "  ingress {\n    from_port = 22\n  }\n"
      "  dynamic \"ingress\" {\n"
      "    for_each = local.rules\n"
      "    content {\n"
      "      from_port = ingress.value.port\n"
      "      cidr      = ingress.value.cidr\n"
      "      index     = ingress.key\n"
      "    }\n"
      "  }\n"
      "}\n");
  analysis.run();
  const Value* ingress = analysis.attribute("aws_security_group.sg", "ingress");
  REQUIRE(ingress);
  REQUIRE(ingress->is_list());
  REQUIRE(ingress->items().size() == 3);
  CHECK(analysis.attribute("aws_security_group.sg", "ingress.0.from_port")->as_number() == 22);
  CHECK(analysis.attribute("aws_security_group.sg", "ingress.1.from_port")->as_number() == 443);
  CHECK(analysis.attribute("aws_security_group.sg", "ingress.2.cidr")->as_string() == "0.0.0.0/0");
  CHECK(analysis.attribute("aws_security_group.sg", "ingress.2.index")->as_number() == 1);
  // The value points at the content's argument, the place to fix.
  CHECK(analysis.attribute("aws_security_group.sg", "ingress.1.from_port")->span().begin.line ==
        11);
  CHECK(analysis.model.diagnostics.empty());
}

TEST_CASE("a dynamic block over a map binds keys; iterator renames the variable") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"aws_dynamodb_table\" \"t\" {\n"
               "  dynamic \"point_in_time_recovery\" {\n"
               "    for_each = { on = false }\n"
               "    iterator = pitr\n"
               "    content {\n"
               "      enabled = pitr.value\n"
               "      name    = pitr.key\n"
               "    }\n"
               "  }\n"
               "}\n");
  analysis.run();
  const Value* enabled =
      analysis.attribute("aws_dynamodb_table.t", "point_in_time_recovery.0.enabled");
  REQUIRE(enabled);
  CHECK(enabled->is_bool());
  CHECK_FALSE(enabled->as_bool());
  CHECK(analysis.attribute("aws_dynamodb_table.t", "point_in_time_recovery.0.name")->as_string() ==
        "on");
  CHECK(analysis.model.diagnostics.empty());
}

TEST_CASE("an empty for_each makes no block at all") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"aws_autoscaling_group\" \"g\" {\n"
               "  dynamic \"launch_template\" {\n"
               "    for_each = []\n"
               "    content {\n      id = launch_template.value\n    }\n"
               "  }\n"
               "}\n");
  analysis.run();
  const Value* templates = analysis.attribute("aws_autoscaling_group.g", "launch_template");
  REQUIRE(templates);
  REQUIRE(templates->is_list());
  CHECK(templates->items().empty());
}

TEST_CASE("nested dynamic blocks see the outer iterator and the resource's each") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"t\" \"r\" {\n"
               "  for_each = { a = 1 }\n"
               "  dynamic \"outer\" {\n"
               "    for_each = { x = [1, 2], y = [3] }\n"
               "    content {\n"
               "      name = outer.key\n"
               "      dynamic \"inner\" {\n"
               "        for_each = outer.value\n"
               "        content {\n"
               "          both = \"${outer.key}-${inner.value}\"\n"
               "          who  = each.key\n"
               "        }\n"
               "      }\n"
               "    }\n"
               "  }\n"
               "}\n");
  analysis.run();
  const std::string r = "t.r[\"a\"]";  // the resource's one instance
  REQUIRE(analysis.resource(r));
  REQUIRE(analysis.attribute(r, "outer.0.inner.1.both"));
  CHECK(analysis.attribute(r, "outer.0.inner.1.both")->as_string() == "x-2");
  CHECK(analysis.attribute(r, "outer.1.inner.0.both")->as_string() == "y-3");
  CHECK(analysis.attribute(r, "outer.1.inner")->items().size() == 1);
  const Value* who = analysis.attribute(r, "outer.0.inner.0.who");
  REQUIRE(who);
  CHECK(who->as_string() == "a");
  CHECK(analysis.model.diagnostics.empty());
}

TEST_CASE("an unknown for_each makes the blocks unknown with its reason and references") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"aws_vpc\" \"main\" {}\n"
               "resource \"aws_security_group\" \"sg\" {\n"
               "  ingress {\n    from_port = 443\n  }\n"
               "  dynamic \"ingress\" {\n"
               "    for_each = aws_vpc.main.cidrs\n"
               "    content {\n      cidr = ingress.value\n    }\n"
               "  }\n"
               "}\n");
  analysis.run();
  const Value* ingress = analysis.attribute("aws_security_group.sg", "ingress");
  REQUIRE(ingress);
  CHECK(ingress->is_unknown());
  CHECK(ingress->unknown_reason().starts_with(
      "dynamic \"ingress\" blocks depend on its for_each, which is unknown: "));
  CHECK(ingress->references() == std::vector<std::string>{"aws_vpc.main"});
  CHECK(analysis.model.diagnostics.empty());
}

TEST_CASE("a dynamic block Terraform refuses is an error and an unknown") {
  auto first_message = [](const std::string& body) {
    Analysis analysis;
    analysis.add("main.tf", "resource \"t\" \"r\" {\n" + body + "}\n");
    analysis.run();
    const Value* blocks = analysis.attribute("t.r", "b");
    bool unknown = blocks && blocks->is_unknown();
    std::string message = analysis.model.diagnostics.empty()
                              ? std::string("(none)")
                              : analysis.model.diagnostics[0].message;
    return std::make_pair(unknown, message);
  };
  auto not_iterable = first_message("dynamic \"b\" {\n for_each = \"x\"\n content {}\n}\n");
  CHECK(not_iterable.first);
  CHECK(not_iterable.second ==
        "Invalid dynamic for_each value: cannot use a string value in for_each; an iterable "
        "collection is required");
  auto null_value = first_message("dynamic \"b\" {\n for_each = null\n content {}\n}\n");
  CHECK(null_value.first);
  CHECK(null_value.second.starts_with("Invalid dynamic for_each value: cannot use a null"));
  auto no_content = first_message("dynamic \"b\" {\n for_each = [1]\n}\n");
  CHECK(no_content.first);
  CHECK(no_content.second.starts_with("Missing required block"));
  auto no_for_each = first_message("dynamic \"b\" {\n content {}\n}\n");
  CHECK(no_for_each.first);
  CHECK(no_for_each.second.starts_with("Missing required argument"));
  auto bad_iterator =
      first_message("dynamic \"b\" {\n for_each = [1]\n iterator = a.b\n content {}\n}\n");
  CHECK(bad_iterator.first);
  CHECK(bad_iterator.second.starts_with("Invalid expression"));
  // The iterator's name is the block type unless renamed: the old name is undeclared.
  auto renamed = first_message(
      "dynamic \"b\" {\n for_each = [1]\n iterator = it\n content {\n x = b.value\n }\n}\n");
  CHECK_FALSE(renamed.first);
  CHECK(renamed.second.find("undeclared resource") != std::string::npos);
}

TEST_CASE("dynamic expansion is bounded by collection_items across nesting") {
  Analysis analysis;
  analysis.limits.collection_items = 50;
  analysis.add("main.tf",
               "resource \"t\" \"r\" {\n"
               "  dynamic \"outer\" {\n"
               "    for_each = range(10)\n"
               "    content {\n"
               "      dynamic \"inner\" {\n"
               "        for_each = range(10)\n"
               "        content {\n          v = inner.value\n        }\n"
               "      }\n"
               "    }\n"
               "  }\n"
               "}\n");
  analysis.run();
  const Value* outer = analysis.attribute("t.r", "outer");
  REQUIRE(outer);
  bool bounded = outer->is_unknown();
  if (!bounded)
    for (const Value& block : outer->items())
      bounded = bounded || (block.get("inner") && block.get("inner")->is_unknown());
  CHECK(bounded);
  CHECK(analysis.has_message("collection_items limit (50) reached"));
}

TEST_CASE("splats and for expressions over resources stay unknown; over module instances expand") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"aws_db_instance\" \"db\" {\n  count = 2\n}\n"
               "module \"m\" {\n  source   = \"./m\"\n  for_each = toset([\"a\", \"b\"])\n}\n"
               "resource \"t\" \"r\" {\n"
               "  ids      = aws_db_instance.db[*].id\n"
               "  legacy   = aws_db_instance.db.*.arn\n"
               "  names    = [for d in aws_db_instance.db : d.identifier]\n"
               "  outputs  = [for k, m in module.m : m.endpoint]\n"
               "  by_key   = { for k, m in module.m : k => m.endpoint }\n"
               "  first    = aws_db_instance.db[0].id\n"
               "  count_of = length(aws_db_instance.db)\n"
               "  dynamic \"rule\" {\n"
               "    for_each = module.m\n"
               "    content {\n      endpoint = rule.value.endpoint\n    }\n"
               "  }\n"
               "}\n");
  analysis.disk["m/main.tf"] = "output \"endpoint\" {\n  value = \"x\"\n}\n";
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  // Attributes of resources are known only after apply: unknown, naming them.
  for (std::string name : {"ids", "legacy", "names", "first", "count_of"}) {
    CAPTURE(name);
    const Value* value = analysis.attribute("t.r", name);
    REQUIRE(value);
    CHECK(value->is_unknown());
    REQUIRE(value->references().size() == 1);
    CHECK(value->references()[0].starts_with("aws_db_instance.db"));
  }
  // A local module's outputs are known: for expressions and dynamic blocks over
  // its instances expand.
  CHECK(analysis.attribute("t.r", "outputs")->describe() == "[\"x\", \"x\"]");
  CHECK(analysis.attribute("t.r", "by_key.a")->as_string() == "x");
  CHECK(analysis.attribute("t.r", "by_key.b")->as_string() == "x");
  REQUIRE(analysis.attribute("t.r", "rule")->items().size() == 2);
  CHECK(analysis.attribute("t.r", "rule.1.endpoint")->as_string() == "x");
}
