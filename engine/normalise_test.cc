#include "engine/normalise.h"

#include <doctest/doctest.h>

using namespace bw;
using ir::Provenance;
using ir::Value;

static compiler::Kinds kinds() {
  compiler::Kinds k;
  std::vector<compiler::CompileError> errors;
  k.load("k.yaml",
         "kind: database\nproperties:\n"
         "  deletion_protection: {type: bool}\n"
         "  prevent_destroy: {type: bool}\n"
         "  retention: {type: number}\n"
         "  containers: {type: list<string>}\n"
         "  volumes: {type: list<bool>}\n"
         "types:\n  aws_db_instance:\n    frontend: terraform\n    properties:\n"
         "      deletion_protection: {from: deletion_protection, default: false}\n"
         "      prevent_destroy: {from: lifecycle.prevent_destroy, default: false}\n"
         "      retention: {from: backup_retention_period}\n"
         "      containers: {from: user_data, derive: container-images, default: []}\n"
         "      volumes: {from: bdm.ebs.delete, default: [true]}\n",
         errors);
  REQUIRE(errors.empty());
  return k;
}

static ir::Resource db(Value attributes) {
  ir::Resource r;
  r.frontend = "terraform";
  r.provider_type = "aws_db_instance";
  r.attributes = std::move(attributes);
  return r;
}

static Value block(const char* key, Value v) {
  Value o = Value::object();
  o.set(key, std::move(v));
  return Value::list({o});
}

TEST_CASE("absent properties take the platform default; null counts as absent") {
  ir::Model model;
  Value a = Value::object();
  a.set("deletion_protection", Value::null());
  model.add(db(a));
  engine::normalise(model, kinds());
  const ir::Resource& r = model.resources[0];
  CHECK(r.kind == "database");
  const Value* dp = r.properties.get("deletion_protection");
  CHECK(dp->is_bool());
  CHECK(dp->as_bool() == false);
  CHECK(dp->provenance() == Provenance::Default);
  CHECK(r.properties.get("retention")->is_null());
}

TEST_CASE("paths read through blocks; strings coerce to the declared type") {
  ir::Model model;
  Value a = Value::object();
  a.set("lifecycle", block("prevent_destroy", Value::boolean(true)));
  a.set("deletion_protection", Value::string("true"));
  a.set("backup_retention_period", Value::string("7"));
  model.add(db(a));
  engine::normalise(model, kinds());
  const ir::Resource& r = model.resources[0];
  CHECK(r.properties.get("prevent_destroy")->as_bool());
  CHECK(r.properties.get("deletion_protection")->as_bool());
  CHECK(r.properties.get("retention")->as_number() == 7);
}

TEST_CASE("nested repeated blocks flatten into a list property") {
  ir::Model model;
  Value a = Value::object();
  Value bdm1 = Value::object();
  bdm1.set("ebs", block("delete", Value::boolean(false)));
  Value bdm2 = Value::object();
  bdm2.set("ebs", block("delete", Value::boolean(true)));
  a.set("bdm", Value::list({bdm1, bdm2}));
  model.add(db(a));
  engine::normalise(model, kinds());
  const Value* volumes = model.resources[0].properties.get("volumes");
  REQUIRE(volumes->is_list());
  REQUIRE(volumes->items().size() == 2);
  CHECK(volumes->items()[0].as_bool() == false);
  CHECK(volumes->items()[1].as_bool() == true);
}

TEST_CASE("unknown attributes stay unknown") {
  ir::Model model;
  Value a = Value::object();
  a.set("deletion_protection", Value::unknown("variable \"p\" has no value"));
  model.add(db(a));
  engine::normalise(model, kinds());
  const Value* dp = model.resources[0].properties.get("deletion_protection");
  CHECK(dp->is_unknown());
  CHECK(dp->unknown_reason() == "variable \"p\" has no value");
}

TEST_CASE("container images come from docker run lines, compose files, and base64") {
  auto images = engine::container_images(
      "#!/bin/bash\n"
      "docker run -d --name db -e POSTGRES_PASSWORD=x -v /data:/var/lib/postgresql/data \\\n"
      "  --restart=always postgres:15\n"
      "docker run -d -p 80:8080 ghcr.io/acme/api:1.2 serve --port 8080\n"
      "sudo docker container run --rm mongo:6\n"
      "cat > compose.yml <<EOF\n  cache:\n    image: redis:7\nEOF\n"
      "echo docker is running\n");
  REQUIRE(images.size() == 4);
  CHECK(images[0] == "postgres:15");
  CHECK(images[1] == "ghcr.io/acme/api:1.2");
  CHECK(images[2] == "mongo:6");
  CHECK(images[3] == "redis:7");

  std::string decoded;
  CHECK(engine::decode_base64("ZG9ja2VyIHJ1biAtZCBwb3N0Z3JlczoxNQ==", decoded));
  CHECK(decoded == "docker run -d postgres:15");
  CHECK_FALSE(engine::decode_base64("docker run -d postgres", decoded));
}

TEST_CASE("an Environment tag names the resource's environment") {
  ir::Model model;
  Value a = Value::object();
  Value tags = Value::object();
  tags.set("Environment", Value::string("Production"));
  a.set("tags", tags);
  model.add(db(a));
  engine::normalise(model, kinds());
  CHECK(model.resources[0].environment == "prod");
}
