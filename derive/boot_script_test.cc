#include "derive/boot_script.h"

#include <doctest/doctest.h>

using namespace bw::derive;

TEST_CASE("container images come from docker run lines, compose files, and base64") {
  auto images = container_images(
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
  CHECK(decode_base64_text("ZG9ja2VyIHJ1biAtZCBwb3N0Z3JlczoxNQ==", decoded));
  CHECK(decoded == "docker run -d postgres:15");
  CHECK_FALSE(decode_base64_text("docker run -d postgres", decoded));
  CHECK_FALSE(decode_base64_text("dHJ1ZQ==", decoded));  // "true": too short to be a script
}
