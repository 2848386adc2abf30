#include "derive/boot_script.h"

#include <cctype>

#include "ir/base64.h"

namespace bw::derive {

bool decode_base64_text(std::string_view text, std::string& out) {
  // Short strings decode by accident ("true", "main"); boot scripts are longer.
  if (text.size() < 12 || !ir::base64_decode(text, out)) return false;
  // Decoded text that is not text was not base64-encoded text to begin with.
  size_t printable = 0;
  for (unsigned char c : out)
    if (std::isprint(c) || std::isspace(c)) ++printable;
  return !out.empty() && printable * 10 >= out.size() * 9;
}

static std::vector<std::string> tokens(std::string_view line) {
  std::vector<std::string> out;
  std::string current;
  char quote = 0;
  for (char c : line) {
    if (quote) {
      if (c == quote)
        quote = 0;
      else
        current.push_back(c);
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

// The first operand of `docker run`: skip options, and the value of options that take one.
static std::string image_of_run(const std::vector<std::string>& words, size_t start) {
  static const std::vector<std::string> with_value = {"-v",
                                                      "--volume",
                                                      "-p",
                                                      "--publish",
                                                      "-e",
                                                      "--env",
                                                      "--env-file",
                                                      "--name",
                                                      "-w",
                                                      "--workdir",
                                                      "--network",
                                                      "--net",
                                                      "--restart",
                                                      "--mount",
                                                      "-u",
                                                      "--user",
                                                      "--entrypoint",
                                                      "-l",
                                                      "--label",
                                                      "--log-driver",
                                                      "--log-opt",
                                                      "-m",
                                                      "--memory",
                                                      "--cpus",
                                                      "-h",
                                                      "--hostname",
                                                      "--add-host",
                                                      "--ulimit",
                                                      "--shm-size",
                                                      "--health-cmd",
                                                      "--platform",
                                                      "--pull",
                                                      "--device",
                                                      "--cap-add",
                                                      "--cap-drop",
                                                      "--dns",
                                                      "--tmpfs",
                                                      "--expose",
                                                      "--link",
                                                      "--volumes-from",
                                                      "--security-opt",
                                                      "--stop-signal",
                                                      "--ipc",
                                                      "--pid"};
  for (size_t i = start; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "\\") continue;
    if (w.empty() || w[0] != '-') return w;
    if (w.find('=') != std::string::npos) continue;
    for (const std::string& option : with_value)
      if (w == option) {
        ++i;
        break;
      }
  }
  return "";
}

std::vector<std::string> container_images(std::string_view script) {
  // Join continued lines so one `docker run` is one line.
  std::string joined;
  joined.reserve(script.size());
  for (size_t i = 0; i < script.size(); ++i) {
    if (script[i] == '\\' && i + 1 < script.size() && script[i + 1] == '\n') {
      joined.push_back(' ');
      ++i;
    } else {
      joined.push_back(script[i]);
    }
  }
  std::vector<std::string> images;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find('\n', start);
    if (end == std::string::npos) end = joined.size();
    std::vector<std::string> words = tokens(std::string_view(joined).substr(start, end - start));
    start = end + 1;
    for (size_t i = 0; i + 1 < words.size(); ++i) {
      bool runner = words[i] == "docker" || words[i] == "podman" || words[i] == "nerdctl";
      if (runner && words[i + 1] == "run") {
        std::string image = image_of_run(words, i + 2);
        if (!image.empty()) images.push_back(image);
      } else if (runner && words[i + 1] == "container" && i + 2 < words.size() &&
                 words[i + 2] == "run") {
        std::string image = image_of_run(words, i + 3);
        if (!image.empty()) images.push_back(image);
      }
    }
    // A compose file written by the script: `image: postgres:15`.
    if (words.size() >= 2 && (words[0] == "image:" || words[0] == "-image:"))
      images.push_back(words[1]);
  }
  return images;
}

}  // namespace bw::derive
