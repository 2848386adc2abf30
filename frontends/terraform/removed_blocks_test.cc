// removed, moved and import blocks.

#include "frontends/terraform/removed_blocks.h"

#include <doctest/doctest.h>

#include "frontends/terraform/test_support.h"

using namespace bw::frontends::terraform;
using namespace bw::frontends::terraform::testing;
using bw::ir::Value;

TEST_CASE("the type a removed address names") {
  CHECK(removed_address_type("aws_db_instance.main") == "aws_db_instance");
  CHECK(removed_address_type("module.db.aws_db_instance.main") == "aws_db_instance");
  CHECK(removed_address_type("module.db[\"a.b\"].module.x[0].aws_s3_bucket.b") == "aws_s3_bucket");
  CHECK(removed_address_type("module.db") == "module");
  CHECK(removed_address_type("module.db.module.inner") == "module");
  CHECK(removed_address_type("aws_db_instance") == "");
  CHECK(removed_address_type("a.b.c") == "");
  CHECK(removed_address_type("") == "");
}

TEST_CASE("a removed block becomes a resource of type removed") {
  Analysis analysis;
  analysis.add("envs/prod/main.tf",
               "removed {\n"
               "  from = aws_db_instance.orders\n"
               "  lifecycle {\n    destroy = false\n  }\n"
               "}\n"
               "removed {\n  from = module.db.aws_rds_cluster.main\n}\n",
               "prod");
  analysis.run("envs/prod");
  CHECK(analysis.model.diagnostics.empty());
  REQUIRE(analysis.model.resources.size() == 2);
  const bw::ir::Resource* kept = analysis.resource("removed.aws_db_instance.orders");
  REQUIRE(kept);
  CHECK(kept->provider_type == "removed");
  CHECK(kept->environment == "prod");
  CHECK(kept->header_span.begin.line == 1);
  CHECK(kept->attributes.get("from")->as_string() == "aws_db_instance.orders");
  CHECK(kept->attributes.get("type")->as_string() == "aws_db_instance");
  CHECK_FALSE(
      analysis.attribute("removed.aws_db_instance.orders", "lifecycle.0.destroy")->as_bool());
  const Value* type = analysis.attribute("removed.module.db.aws_rds_cluster.main", "type");
  REQUIRE(type);
  CHECK(type->as_string() == "aws_rds_cluster");
}

TEST_CASE("moved and import blocks are understood: their addresses are no references") {
  Analysis analysis;
  analysis.add("main.tf",
               "resource \"aws_db_instance\" \"new\" {}\n"
               "moved {\n  from = aws_db_instance.old\n  to   = aws_db_instance.new\n}\n"
               "import {\n  to = aws_db_instance.new\n  id = \"db-1\"\n}\n");
  analysis.run();
  CHECK(analysis.model.diagnostics.empty());
  CHECK(analysis.model.resources.size() == 1);
}

TEST_CASE("removed blocks Terraform refuses are errors") {
  auto messages = [](const std::string& text) {
    Analysis analysis;
    analysis.add("main.tf", text);
    analysis.run();
    CHECK(analysis.resource("removed.aws_db_instance.main") == nullptr);
    return analysis.messages();
  };
  CHECK(messages("resource \"aws_db_instance\" \"main\" {}\n"
                 "removed {\n  from = aws_db_instance.main\n}\n")
            .at(0)
            .starts_with("Removed resource still exists"));
  CHECK(messages("removed {\n  lifecycle {\n    destroy = false\n  }\n}\n")
            .at(0)
            .starts_with("Missing required argument"));
  CHECK(messages("removed {\n  from = aws_db_instance.main[0]\n}\n")
            .at(0)
            .starts_with("Resource instance keys not allowed"));
  CHECK(messages("removed {\n  from = \"aws_db_instance\"\n}\n")
            .at(0)
            .starts_with("Invalid address"));
  CHECK(messages("removed \"x\" {\n  from = aws_db_instance.main\n}\n")
            .at(0)
            .starts_with("Extraneous label"));
}
