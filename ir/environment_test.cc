#include "ir/environment.h"

#include <doctest/doctest.h>

using bw::ir::classify_path;

TEST_CASE("paths and file names name environments") {
  CHECK(classify_path("envs/prod/db.tf").environment == "prod");
  CHECK(classify_path("envs/production/db.tf").environment == "prod");
  CHECK(classify_path("live/eu-west-1/rds.tf").environment == "prod");
  CHECK(classify_path("charts/app/values-prod.yaml").environment == "prod");
  CHECK(classify_path("prod.tfvars").environment == "prod");
  CHECK(classify_path("app/.env.production").environment == "prod");
  CHECK(classify_path("envs/stage/db.tf").environment == "staging");
  CHECK(classify_path("envs/dev/db.tf").environment == "dev");
  CHECK(classify_path("modules/db/main.tf").environment.empty());
}

TEST_CASE("the file name wins over directories, deeper directories over shallower") {
  CHECK(classify_path("prod/values-staging.yaml").environment == "staging");
  CHECK(classify_path("prod/test/db.tf").environment == "test");
  CHECK(classify_path("prod/test/db.tf").reason == "path component 'test'");
}

TEST_CASE("words must be whole: 'product' and 'latest' name nothing") {
  CHECK(classify_path("product/latest.tf").environment.empty());
  CHECK(classify_path("devices/main.tf").environment.empty());
}
