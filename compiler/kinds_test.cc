#include "compiler/kinds.h"

#include <doctest/doctest.h>

using namespace bw::compiler;

static const char* kDatabase = R"(kind: database
properties:
  deletion_protection: {type: bool}
  backup_retention_days: {type: number}
  tags: {type: list<string>}
types:
  aws_db_instance:
    frontend: terraform
    properties:
      deletion_protection: {from: deletion_protection, default: false}
      backup_retention_days: {from: backup_retention_period, default: 1}
      tags: {from: tag_list, default: [a, b]}
)";

TEST_CASE("a kinds file maps provider types to properties with defaults") {
  Kinds kinds;
  std::vector<CompileError> errors;
  REQUIRE(kinds.load("database.yaml", kDatabase, errors));
  CHECK(errors.empty());
  const TypeMapping* m = kinds.mapping("terraform", "aws_db_instance");
  REQUIRE(m != nullptr);
  CHECK(m->kind == "database");
  REQUIRE(m->properties.size() == 3);
  CHECK(m->properties[0].default_value->as_bool() == false);
  CHECK(m->properties[1].default_value->as_number() == 1);
  CHECK(m->properties[2].default_value->items().size() == 2);
  CHECK(kinds.property("database", "backup_retention_days")->type == ExprType::Number);
  CHECK_FALSE(kinds.property("database", "nope"));
}

TEST_CASE("kinds errors point at the line and suggest the right name") {
  Kinds kinds;
  std::vector<CompileError> errors;
  CHECK_FALSE(kinds.load("k.yaml",
                         "kind: database\n"
                         "properties:\n"
                         "  deletion_protection: {type: bool}\n"
                         "  name: {type: string}\n"
                         "types:\n"
                         "  aws_db_instance:\n"
                         "    properties:\n"
                         "      deletion_protecton: {from: x, default: false}\n"
                         "      deletion_protection: {from: x, default: maybe}\n",
                         errors));
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].line == 4);  // `name` is a built-in field
  CHECK(errors[1].line == 8);
  CHECK(errors[1].column == 7);
  CHECK(errors[1].message.find("did you mean 'deletion_protection'") != std::string::npos);
  CHECK(errors[2].line == 9);
  CHECK(errors[2].message.find("not a bool") != std::string::npos);
}

TEST_CASE("invalid YAML is an error with its position") {
  Kinds kinds;
  std::vector<CompileError> errors;
  CHECK_FALSE(kinds.load("k.yaml", "kind: [unclosed\n", errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line >= 1);
  CHECK(errors[0].format().rfind("k.yaml:", 0) == 0);
}

TEST_CASE("property types parse, including list element types") {
  CHECK(parse_property_type("list<bool>")->element_type() == ExprType::Bool);
  CHECK(parse_property_type("object")->type == ExprType::Object);
  CHECK_FALSE(parse_property_type("list<list>"));
  CHECK_FALSE(parse_property_type("boolean"));
}

TEST_CASE("links must name kinds that exist") {
  Kinds kinds;
  std::vector<CompileError> errors;
  REQUIRE(kinds.load("asg.yaml",
                     "kind: autoscaling-group\nproperties: {}\ntypes:\n"
                     "  aws_autoscaling_group:\n    links:\n"
                     "      launch-templat: [launch_template]\n",
                     errors));
  REQUIRE(kinds.load("lt.yaml", "kind: launch-template\nproperties: {}\ntypes: {}\n", errors));
  CHECK_FALSE(kinds.check(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 6);
  CHECK(errors[0].message.find("did you mean 'launch-template'") != std::string::npos);
  REQUIRE(kinds.mapping("terraform", "aws_autoscaling_group")->links.size() == 1);
  CHECK(kinds.mapping("terraform", "aws_autoscaling_group")->links[0].from[0][0] ==
        "launch_template");
}

TEST_CASE("quoted steps in attribute paths hold dots and slashes") {
  CHECK(split_attribute_path("lifecycle.prevent_destroy") ==
        std::vector<std::string>{"lifecycle", "prevent_destroy"});
  CHECK(split_attribute_path("metadata.annotations.\"helm.sh/resource-policy\"") ==
        std::vector<std::string>{"metadata", "annotations", "helm.sh/resource-policy"});
  CHECK_FALSE(split_attribute_path("a..b"));
  CHECK_FALSE(split_attribute_path("a.\"b"));
  CHECK_FALSE(split_attribute_path("a.\"b\"c"));
}

TEST_CASE("one type, one kind per frontend; typed fields; a data source on request") {
  Kinds kinds;
  std::vector<CompileError> errors;
  REQUIRE(kinds.load("policy.yaml",
                     "kind: policy\nproperties:\n"
                     "  statements:\n    type: list<object>\n    fields:\n"
                     "      Effect: string\n      Action: {type: list<string>, doc: what}\n"
                     "types:\n"
                     "  aws_iam_policy: {frontends: [terraform, tfplan]}\n"
                     "  aws_iam_policy_document: {frontend: terraform, data: true}\n",
                     errors));
  CHECK(kinds.mapping("tfplan", "aws_iam_policy"));
  CHECK_FALSE(kinds.mapping("cloudformation", "aws_iam_policy"));
  CHECK(kinds.mapping("terraform", "aws_iam_policy_document", true));
  CHECK_FALSE(kinds.mapping("terraform", "aws_iam_policy_document", false));
  auto statements = kinds.property("policy", "statements");
  REQUIRE(statements);
  CHECK(statements->describe() == "list<object{Effect, Action}>");
  REQUIRE(statements->element);
  CHECK(statements->element->field("Action")->type->element_type() == ExprType::String);
  // The same type again for an overlapping frontend is an error; another frontend is not.
  CHECK_FALSE(kinds.load("again.yaml",
                         "kind: policy2\nproperties: {}\ntypes:\n"
                         "  aws_iam_policy: {frontend: tfplan}\n"
                         "  aws_iam_policy_document: {frontend: terraform}\n",
                         errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 4);
  CHECK(errors[0].message.find("already mapped to kind 'policy'") != std::string::npos);
}

TEST_CASE("links that match across units need what they compare with") {
  Kinds kinds;
  std::vector<CompileError> errors;
  REQUIRE(kinds.load("selection.yaml",
                     "kind: backup-selection\nproperties: {}\ntypes:\n"
                     "  aws_backup_selection:\n    links:\n"
                     "      database: {from: [resources, selection_tag], match: [arn, tags]}\n",
                     errors));
  REQUIRE(kinds.load(
      "db.yaml", "kind: database\nproperties:\n  identifier: {type: string}\ntypes: {}\n", errors));
  CHECK_FALSE(kinds.check(errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message ==
        "links matched by tags need kind 'database' to have a object property 'tags'");
  const TypeMapping* m = kinds.mapping("terraform", "aws_backup_selection");
  REQUIRE(m);
  CHECK(m->links[0].match == std::vector<std::string>{"arn", "tags"});
  CHECK(m->links[0].from.size() == 2);
  errors.clear();
  CHECK_FALSE(kinds.load("bad.yaml",
                         "kind: x\nproperties: {}\ntypes:\n  t:\n    links:\n"
                         "      database: {from: [a], match: name}\n",
                         errors));
  CHECK(errors[0].message == "a link matches by 'arn' or 'tags', not 'name'");
}
