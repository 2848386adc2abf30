#include "engine/normalise.h"

#include <cctype>

#include "engine/environment.h"
#include "ir/base64.h"

namespace bw::engine {

using ir::Provenance;
using ir::Value;

bool decode_base64(std::string_view text, std::string& out) {
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

static Value coerce(const Value& v, compiler::ExprType type) {
  if (v.is_string() && type == compiler::ExprType::Bool &&
      (v.as_string() == "true" || v.as_string() == "false"))
    return Value::boolean(v.as_string() == "true", v.span(), Provenance::Derived);
  if (v.is_string() && type == compiler::ExprType::Number) {
    try {
      size_t used = 0;
      double n = std::stod(v.as_string(), &used);
      if (used == v.as_string().size()) return Value::number(n, v.span(), Provenance::Derived);
    } catch (...) {
    }
  }
  return v;
}

static Value derive(const std::string& how, const Value& raw) {
  if (!raw.is_string()) return raw;
  std::string decoded;
  const std::string& text = decode_base64(raw.as_string(), decoded) ? decoded : raw.as_string();
  if (how == "base64") {
    Value out = Value::string(text, raw.span(), raw.provenance());
    out.add_references_from(raw);
    return out;
  }
  // container-images
  std::vector<Value> images;
  for (std::string& image : container_images(text))
    images.push_back(Value::string(std::move(image), raw.span(), Provenance::Derived));
  return Value::list(std::move(images), raw.span(), Provenance::Derived);
}

static Value read_property(const ir::Resource& resource, const compiler::PropertyMapping& mapping,
                           const compiler::PropertyType& type) {
  std::vector<const Value*> found;
  const Value* unknown = nullptr;
  ir::values_at_path(resource.attributes, mapping.from, found, unknown);
  if (unknown && found.empty()) return *unknown;
  if (found.empty())
    return mapping.default_value ? *mapping.default_value : Value::null({}, Provenance::Default);

  Value result;
  if (type.type == compiler::ExprType::List) {
    std::vector<Value> items;
    for (const Value* v : found) items.push_back(coerce(*v, type.element));
    if (unknown) items.push_back(*unknown);  // an unknown element keeps exists() honest
    bool single_list = found.size() == 1 && found[0]->is_list();
    result = single_list ? *found[0]
                         : Value::list(std::move(items), found[0]->span(), Provenance::Derived);
  } else {
    result = coerce(*found[0], type.type);
  }
  if (!mapping.derive.empty()) result = derive(mapping.derive, *found[0]);
  return result;
}

// An `Environment` tag names the resource's environment more precisely than its file.
static void environment_from_tags(ir::Resource& resource) {
  const Value* tags = resource.attributes.get("tags");
  if (!tags || !tags->is_object()) return;
  for (const char* key : {"Environment", "environment", "Env", "env", "Stage", "stage"}) {
    const Value* tag = tags->get(key);
    if (!tag || !tag->is_string()) continue;
    std::string env = environment_from_word(tag->as_string());
    if (!env.empty()) resource.environment = env;
    return;
  }
}

void normalise(ir::Model& model, const compiler::Kinds& kinds) {
  for (ir::Resource& resource : model.resources) {
    environment_from_tags(resource);
    // A data source reads an existing store; its settings belong to whoever manages it.
    if (resource.is_data) continue;
    const compiler::TypeMapping* mapping = kinds.mapping(resource.provider_type);
    if (!mapping || (!mapping->frontend.empty() && mapping->frontend != resource.frontend))
      continue;
    resource.kind = mapping->kind;
    resource.properties = Value::object(resource.header_span, Provenance::Derived);
    for (const compiler::PropertyMapping& pm : mapping->properties) {
      auto type = kinds.property(mapping->kind, pm.property);
      resource.properties.set(pm.property, read_property(resource, pm, *type));
    }
  }
}

}  // namespace bw::engine
