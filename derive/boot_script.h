#pragma once
// The boot-script analyser: what an instance's user data, a cloud-init file
// or a compose command starts. Shared below the frontends and the engine so
// that every place that reads a boot script reads it the same way.

#include <string>
#include <string_view>
#include <vector>

namespace bw::derive {

// Decodes `text` when it is base64 of printable text (a boot script encoded
// by base64encode or Fn::Base64); false for anything else, including short
// strings that happen to be valid base64 ("true", "main").
bool decode_base64_text(std::string_view text, std::string& out);

// The container images a boot script starts: `docker run`, `podman run`,
// `nerdctl run`, `docker container run`, and `image:` lines of a compose file
// the script writes. In order of appearance.
std::vector<std::string> container_images(std::string_view script);

}  // namespace bw::derive
