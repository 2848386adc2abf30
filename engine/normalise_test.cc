#include "engine/normalise.h"

#include <doctest/doctest.h>

using namespace bw;
using ir::Provenance;
using ir::Value;

namespace {

compiler::Kinds load(const std::string& text) {
  compiler::Kinds k;
  std::vector<compiler::CompileError> errors;
  k.load("k.yaml", text, errors);
  for (const auto& e : errors) FAIL_CHECK(e.format());
  return k;
}

compiler::Kinds database_kinds() {
  return load(
      "kind: database\nproperties:\n"
      "  deletion_protection: {type: bool}\n"
      "  prevent_destroy: {type: bool}\n"
      "  retention: {type: number}\n"
      "  engine: {type: string}\n"
      "  containers: {type: list<string>}\n"
      "  volumes: {type: list<bool>}\n"
      "types:\n  aws_db_instance:\n    frontend: terraform\n    properties:\n"
      "      deletion_protection: {from: deletion_protection, default: false}\n"
      "      prevent_destroy: {from: lifecycle.prevent_destroy, default: false}\n"
      "      retention: {from: backup_retention_period}\n"
      "      engine: engine\n"
      "      containers: {from: user_data, derive: container-images, default: []}\n"
      "      volumes: {from: bdm.ebs.delete, default: [true]}\n");
}

ir::Resource resource(Value attributes, std::string type = "aws_db_instance",
                      std::string frontend = "terraform") {
  ir::Resource r;
  r.frontend = std::move(frontend);
  r.provider_type = std::move(type);
  r.attributes = std::move(attributes);
  return r;
}

Value block(const char* key, Value v) {
  Value o = Value::object();
  o.set(key, std::move(v));
  return Value::list({o});
}

Value object(std::vector<std::pair<std::string, Value>> members) {
  Value o = Value::object();
  for (auto& [k, v] : members) o.set(k, std::move(v));
  return o;
}

const Value& property(const ir::Model& model, const char* name, size_t index = 0) {
  static const Value missing = Value::unknown("test: no such property");
  const Value* v = model.resources[index].properties.get(name);
  return v ? *v : missing;
}

}  // namespace

TEST_CASE("absent properties take the platform default; null counts as absent") {
  ir::Model model;
  model.add(resource(object({{"deletion_protection", Value::null()}})));
  engine::normalise(model, database_kinds());
  CHECK(model.resources[0].kind == "database");
  const Value& dp = property(model, "deletion_protection");
  CHECK(dp.is_bool());
  CHECK(dp.as_bool() == false);
  CHECK(dp.provenance() == Provenance::Default);
  CHECK(property(model, "retention").is_null());
}

TEST_CASE("paths read through blocks; values convert to the declared type as Terraform does") {
  ir::Model model;
  model.add(resource(object({{"lifecycle", block("prevent_destroy", Value::boolean(true))},
                             {"deletion_protection", Value::string("true")},
                             {"backup_retention_period", Value::string("7")},
                             {"engine", Value::number(5)}})));
  engine::normalise(model, database_kinds());
  CHECK(property(model, "prevent_destroy").as_bool());
  CHECK(property(model, "deletion_protection").as_bool());
  CHECK(property(model, "retention").as_number() == 7);
  CHECK(property(model, "engine").as_string() == "5");
}

TEST_CASE("a value of the wrong type is unknown, saying why, never silently kept") {
  ir::Model model;
  model.add(resource(object({{"deletion_protection", Value::string("yes")},
                             {"backup_retention_period", Value::object()}})));
  engine::normalise(model, database_kinds());
  const Value& dp = property(model, "deletion_protection");
  CHECK(dp.is_unknown());
  CHECK(dp.unknown_reason() == "deletion_protection is \"yes\", not a bool");
  CHECK(property(model, "retention").unknown_reason() == "retention is {0 keys}, not a number");
}

TEST_CASE("nested repeated blocks flatten into a list property") {
  ir::Model model;
  Value bdm1 = object({{"ebs", block("delete", Value::boolean(false))}});
  Value bdm2 = object({{"ebs", block("delete", Value::boolean(true))}});
  model.add(resource(object({{"bdm", Value::list({bdm1, bdm2})}})));
  engine::normalise(model, database_kinds());
  const Value& volumes = property(model, "volumes");
  REQUIRE(volumes.is_list());
  REQUIRE(volumes.items().size() == 2);
  CHECK(volumes.items()[0].as_bool() == false);
  CHECK(volumes.items()[1].as_bool() == true);
}

TEST_CASE("unknown attributes stay unknown; alternatives are normalised one by one") {
  ir::Model model;
  model.add(resource(
      object({{"deletion_protection", Value::unknown("variable \"p\" has no value")},
              {"backup_retention_period",
               Value::one_of({Value::string("7"), Value::null()}, "depends on var.prod")}})));
  engine::normalise(model, database_kinds());
  const Value& dp = property(model, "deletion_protection");
  CHECK(dp.is_unknown());
  CHECK(dp.unknown_reason() == "variable \"p\" has no value");
  const Value& retention = property(model, "retention");
  REQUIRE(retention.is_one_of());
  CHECK(retention.alternatives()[0].as_number() == 7);
  CHECK(retention.alternatives()[1].is_null());  // absent, and retention has no default
  CHECK(retention.unknown_reason() == "depends on var.prod");
}

TEST_CASE("a mapping applies to the frontend it names; data sources only when mapped") {
  compiler::Kinds kinds = load(
      "kind: policy\nproperties:\n"
      "  statements:\n"
      "    type: list<object>\n"
      "    fields:\n"
      "      effect: string\n"
      "      actions: list<string>\n"
      "types:\n"
      "  aws_iam_policy_document:\n    frontend: terraform\n    data: true\n    properties:\n"
      "      statements: statement\n"
      "  aws_iam_policy:\n    frontends: [terraform, tfplan]\n    properties:\n"
      "      statements: {from: policy, derive: json}\n");
  ir::Model model;
  Value statement = object({{"effect", Value::string("Allow")},
                            {"actions", Value::list({Value::string("rds:*"), Value::number(3)})}});
  ir::Resource data =
      resource(object({{"statement", Value::list({statement})}}), "aws_iam_policy_document");
  data.is_data = true;
  model.add(data);
  ir::Resource managed_document = data;
  managed_document.is_data = false;  // no resource of that type is mapped
  model.add(managed_document);
  model.add(resource(object({{"policy", Value::string(R"([{"effect":"Deny","actions":[]}])")}}),
                     "aws_iam_policy", "tfplan"));
  model.add(resource(object({}), "aws_iam_policy", "cloudformation"));
  engine::normalise(model, kinds);
  CHECK(model.resources[0].kind == "policy");
  const Value& statements = property(model, "statements");
  REQUIRE(statements.is_list());
  const Value* actions = statements.items()[0].get("actions");
  REQUIRE(actions);
  CHECK(actions->items()[0].as_string() == "rds:*");
  CHECK(actions->items()[1].as_string() == "3");  // list<string> fields convert too
  CHECK(model.resources[1].kind.empty());
  CHECK(model.resources[2].kind == "policy");
  CHECK(property(model, "statements", 2).items()[0].get("effect")->as_string() == "Deny");
  CHECK(model.resources[3].kind.empty());
}

TEST_CASE("several paths, quoted keys, value maps and defaults that depend on other properties") {
  // CloudFormation's DeletionPolicy: Snapshot for an RDS instance outside a
  // cluster, Delete otherwise; Retain and Snapshot keep the data.
  compiler::Kinds kinds = load(
      "kind: database\nproperties:\n"
      "  cluster: {type: string}\n"
      "  retained_on_delete: {type: bool}\n"
      "  kept_by_helm: {type: bool}\n"
      "types:\n  AWS::RDS::DBInstance:\n    frontend: cloudformation\n    properties:\n"
      "      cluster: [Properties.DBClusterIdentifier, Properties.ClusterId]\n"
      "      retained_on_delete:\n"
      "        from: DeletionPolicy\n"
      "        map: {\"Retain|Snapshot|RetainExceptOnCreate\": true, Delete: false}\n"
      "        default_when:\n"
      "          - when: \"!has(self.cluster)\"\n"
      "            value: Snapshot\n"
      "        default: Delete\n"
      "      kept_by_helm:\n"
      "        from: 'metadata.annotations.\"helm.sh/resource-policy\"'\n"
      "        map: {keep: true, \"*\": false}\n"
      "        default: nothing\n");
  auto cfn = [](Value attributes) {
    return resource(std::move(attributes), "AWS::RDS::DBInstance", "cloudformation");
  };
  ir::Model model;
  model.add(cfn(object({})));  // outside a cluster: Snapshot by default
  model.add(cfn(object({{"Properties", object({{"ClusterId", Value::string("c")}})}})));  // Delete
  model.add(cfn(object({{"DeletionPolicy", Value::string("Retain")}})));
  model.add(cfn(object({{"DeletionPolicy", Value::string("Forever")}})));
  model.add(
      cfn(object({{"Properties", object({{"DBClusterIdentifier", Value::unknown("Ref c")}})}})));
  Value annotations = object({{"helm.sh/resource-policy", Value::string("keep")}});
  model.add(cfn(object({{"metadata", object({{"annotations", annotations}})}})));
  engine::normalise(model, kinds);

  const Value& snapshot = property(model, "retained_on_delete", 0);
  CHECK(snapshot.as_bool() == true);
  CHECK(snapshot.provenance() == Provenance::Default);
  CHECK(property(model, "cluster", 1).as_string() == "c");
  CHECK(property(model, "retained_on_delete", 1).as_bool() == false);
  CHECK(property(model, "retained_on_delete", 2).as_bool() == true);
  CHECK(property(model, "retained_on_delete", 3).unknown_reason() ==
        "retained_on_delete is \"Forever\", which is none of Delete, Retain, RetainExceptOnCreate, "
        "Snapshot");
  // A cluster identifier that is written, even one known only later, puts it in a cluster.
  CHECK(property(model, "retained_on_delete", 4).as_bool() == false);
  CHECK(property(model, "kept_by_helm", 5).as_bool() == true);
  CHECK(property(model, "kept_by_helm", 0).as_bool() == false);
}

TEST_CASE("a default whose condition is unknown is one of the defaults it could be") {
  compiler::Kinds kinds = load(
      "kind: database\nproperties:\n"
      "  engine: {type: string}\n"
      "  backup_retention_days: {type: number}\n"
      "types:\n  aws_db_instance:\n    frontend: terraform\n    properties:\n"
      "      engine: engine\n"
      "      backup_retention_days:\n"
      "        from: backup_retention_period\n"
      "        default_when: [{when: 'self.engine == \"aurora-mysql\"', value: 1}]\n"
      "        default: 7\n");
  ir::Model model;
  model.add(resource(object({{"engine", Value::unknown("variable \"engine\" has no value")}})));
  model.add(resource(object({{"engine", Value::string("aurora-mysql")}})));
  model.add(resource(object({{"engine", Value::string("postgres")}})));
  engine::normalise(model, kinds);
  const Value& either = property(model, "backup_retention_days", 0);
  REQUIRE(either.is_one_of());
  CHECK(either.describe() == "1 or 7");
  CHECK(either.unknown_reason().find("the default depends on self.engine == \"aurora-mysql\"") ==
        0);
  CHECK(property(model, "backup_retention_days", 1).as_number() == 1);
  CHECK(property(model, "backup_retention_days", 2).as_number() == 7);
}

TEST_CASE("kinds errors: bad paths, derivations of the wrong type, defaults outside the map") {
  compiler::Kinds kinds;
  std::vector<compiler::CompileError> errors;
  kinds.load("k.yaml",
             "kind: database\nproperties:\n"
             "  a: {type: bool}\n  b: {type: number}\n  c: {type: bool}\n  d: {type: bool}\n"
             "types:\n  t:\n    properties:\n"
             "      a: {from: 'x.\"unclosed'}\n"
             "      b: {from: user_data, derive: container-images}\n"
             "      c: {from: x, map: {yes: true}, default: maybe}\n"
             "      d: {from: x, default_when: [{when: self.nope, value: true}]}\n",
             errors);
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].message.find("invalid attribute path") != std::string::npos);
  CHECK(errors[1].message ==
        "derivation 'container-images' gives list<string>, but 'b' is a number");
  CHECK(errors[2].message == "default of 'c' must be one of the raw values in 'map'");
  CHECK(errors[3].line == 13);
  CHECK(errors[3].message.find("unknown property 'nope'") != std::string::npos);
}

TEST_CASE("a map's \"*\" takes another resource's attribute; a default goes through the map") {
  compiler::Kinds kinds = load(
      "kind: database\nproperties:\n  replica: {type: bool}\n"
      "types:\n  aws_db_instance:\n    frontend: terraform\n    properties:\n"
      "      replica: {from: replicate_source_db, map: {\"false\": false, \"*\": true}, "
      "default: false}\n");
  ir::Model model;
  // aws_db_instance.primary.identifier: unknown until applied, but written.
  Value source = Value::unknown("aws_db_instance.primary.identifier is known after apply");
  source.add_reference("aws_db_instance.primary");
  model.add(resource(object({{"replicate_source_db", source}})));
  // A variable without a value may be null: it stays unknown.
  model.add(resource(
      object({{"replicate_source_db", Value::unknown("variable \"source\" has no value")}})));
  model.add(resource(object({{"replicate_source_db", Value::string("orders")}})));
  model.add(resource(Value::object()));
  engine::normalise(model, kinds);
  CHECK(property(model, "replica", 0).as_bool());
  CHECK(property(model, "replica", 1).is_unknown());
  CHECK(property(model, "replica", 2).as_bool());
  REQUIRE(property(model, "replica", 3).is_bool());
  CHECK_FALSE(property(model, "replica", 3).as_bool());  // the default, through "false"

  // Without its own entry, a false default would become "*"'s true.
  compiler::Kinds careless = load(
      "kind: database\nproperties:\n  replica: {type: bool}\n"
      "types:\n  aws_db_instance:\n    frontend: terraform\n    properties:\n"
      "      replica: {from: replicate_source_db, map: {\"*\": true}, default: false}\n");
  ir::Model absent;
  absent.add(resource(Value::object()));
  engine::normalise(absent, careless);
  CHECK(property(absent, "replica").as_bool());
}
