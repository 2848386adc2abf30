#include "engine/repository.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <unordered_map>

#include "engine/analyse.h"
#include "ir/network.h"

namespace bw::engine {

namespace {

bool is_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
    return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
}

// A DNS name with a letters-only top-level label that is not a file extension:
// "db.prod.internal" is a host, "main.tf" and "1.2.3" are not.
bool is_host(std::string_view text) {
  if (text == "localhost") return true;
  if (text.size() > 253 || text.find('.') == std::string_view::npos) return false;
  std::string_view last;
  size_t start = 0;
  while (start <= text.size()) {
    size_t dot = text.find('.', start);
    if (dot == std::string_view::npos) dot = text.size();
    std::string_view label = text.substr(start, dot - start);
    if (!is_label(label)) return false;
    last = label;
    start = dot + 1;
  }
  if (last.size() < 2 || !std::all_of(last.begin(), last.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
      }))
    return false;
  static const std::array<std::string_view, 30> kFileExtensions = {
      "tf",  "tfvars", "json", "yaml", "yml", "txt", "sh",  "py",   "md",  "html",
      "js",  "conf",   "cfg",  "ini",  "log", "xml", "zip", "gz",   "tar", "sql",
      "pem", "key",    "crt",  "toml", "env", "tpl", "j2",  "lock", "csv", "hcl"};
  std::string lower(last);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(kFileExtensions.begin(), kFileExtensions.end(), lower) == kFileExtensions.end();
}

// A scheme, "://" and more; a scheme may nest another (jdbc:postgresql://).
bool is_url(std::string_view text) {
  size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0 || scheme_end + 3 >= text.size())
    return false;
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (size_t i = 0; i < scheme_end; ++i) {
    char c = text[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.' &&
        c != ':')
      return false;
  }
  return true;
}

// A host name or address, with a port or not, as a value on its own names
// an outside host ("db.prod.internal", "db.prod.internal:5432",
// "[2001:db8::1]:5432"); an e-mail address or a bare word does not.
bool names_host(std::string_view text) {
  if (text.find('@') != std::string_view::npos) return false;
  // Most strings are words: without a dot, a colon or a bracket only
  // localhost names a host, and host_of would copy the string to say no.
  if (text.find_first_of(".:[") == std::string_view::npos) {
    constexpr std::string_view kLocalhost = "localhost";
    return text.size() == kLocalhost.size() &&
           std::equal(text.begin(), text.end(), kLocalhost.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == b;
           });
  }
  std::optional<std::string> host = ir::host_of(text);
  return host && (ir::parse_ip(*host) || is_host(*host));
}

bool is_hex(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
  });
}

// AWS resource IDs (vpc-0a1b2c3d, sg-..., i-...) and UUIDs.
bool is_cloud_id(std::string_view text) {
  static const std::array<std::string_view, 18> kPrefixes = {
      "vpc", "subnet", "sg",  "i",   "ami", "vol",  "snap",     "eni", "igw",
      "nat", "rtb",    "acl", "tgw", "pcx", "vpce", "eipalloc", "lt",  "r"};
  size_t dash = text.find('-');
  if (dash != std::string_view::npos && text.find('-', dash + 1) == std::string_view::npos) {
    std::string_view prefix = text.substr(0, dash), rest = text.substr(dash + 1);
    if (std::find(kPrefixes.begin(), kPrefixes.end(), prefix) != kPrefixes.end() &&
        rest.size() >= 8 && rest.size() <= 17 && is_hex(rest))
      return true;
  }
  if (text.size() == 36 && text[8] == '-' && text[13] == '-' && text[18] == '-' &&
      text[23] == '-') {
    std::string compact;
    for (char c : text)
      if (c != '-')
        compact.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return compact.size() == 32 && is_hex(compact);
  }
  return false;
}

constexpr int kMaxDepth = 64;

void index_literals(const ir::Value& value, const std::string& environment,
                    ir::RepositoryIndex& index, int depth) {
  if (depth > kMaxDepth) return;
  if (value.is_string()) {
    const std::string& text = value.as_string();
    if (text.empty() || text.size() > 2048) return;
    LiteralClass literal = classify_literal(text);
    if (literal == LiteralClass::None) return;
    index.literals[text].push_back({environment, value.span()});
    // Also under its host as host() spells it, so `environments(host(x))`
    // finds "postgres://DB.test.internal:5432/app" for x's db.test.internal.
    if (literal == LiteralClass::Url || literal == LiteralClass::Host ||
        literal == LiteralClass::Ip) {
      std::optional<std::string> host = ir::host_of(text);
      if (host && *host != text) index.literals[*host].push_back({environment, value.span()});
    }
    return;
  }
  if (value.is_unknown() && !value.is_one_of()) return;
  for (const ir::Value& item : value.items()) index_literals(item, environment, index, depth + 1);
}

}  // namespace

LiteralClass classify_literal(std::string_view text) {
  if (text.empty() || text.size() > 2048) return LiteralClass::None;
  if (std::any_of(text.begin(), text.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)); }))
    return LiteralClass::None;
  if (text.rfind("arn:", 0) == 0 && std::count(text.begin(), text.end(), ':') >= 5)
    return LiteralClass::Arn;
  if (is_url(text)) return LiteralClass::Url;
  if (ir::parse_cidr(text)) return LiteralClass::Cidr;
  if (ir::parse_ip(text)) return LiteralClass::Ip;
  if (is_cloud_id(text)) return LiteralClass::CloudId;
  if (names_host(text)) return LiteralClass::Host;
  return LiteralClass::None;
}

namespace {

// The last segment of an ARN's resource part: orders in arn:aws:rds:…:db:orders,
// arn:aws:dynamodb:…:table/orders and arn:aws:s3:::orders.
std::string_view arn_name(std::string_view arn) {
  size_t cut = arn.find_last_of(":/");
  return cut == std::string_view::npos ? std::string_view() : arn.substr(cut + 1);
}

bool names(const ir::Value& value, const ir::Resource& target,
           const std::vector<std::string>& match) {
  bool by_arn = std::find(match.begin(), match.end(), "arn") != match.end();
  bool by_tags = std::find(match.begin(), match.end(), "tags") != match.end();
  if (value.is_string()) {
    if (!by_arn) return false;
    const ir::Value* identifier = target.properties.get("identifier");
    if (!identifier || !identifier->is_string()) return false;
    if (value.as_string().rfind("arn:", 0) != 0) return false;
    return arn_name(value.as_string()) == identifier->as_string();
  }
  if (!by_tags) return false;
  // {key, value}, as a selection's tag conditions write them.
  const ir::Value* tags = target.properties.get("tags");
  const ir::Value* key = value.is_object() ? value.get("key") : nullptr;
  const ir::Value* wanted = value.is_object() ? value.get("value") : nullptr;
  if (!tags || !tags->is_object() || !key || !key->is_string() || !wanted || !wanted->is_string())
    return false;
  const ir::Value* tag = tags->get(key->as_string());
  return tag && tag->is_string() && tag->as_string() == wanted->as_string();
}

// The resources of one kind by what a link can name them by: their
// identifier (the last segment of an ARN) and each of their tags. Built once
// per kind, so joining costs a lookup per written value, not a pass over
// every resource of the kind.
struct Targets {
  std::unordered_map<std::string_view, std::vector<ir::ResourceId>> by_identifier;
  std::unordered_map<std::string, std::vector<ir::ResourceId>> by_tag;  // key '\0' value

  static std::string tag_key(std::string_view key, std::string_view value) {
    std::string out(key);
    out.push_back('\0');
    out.append(value);
    return out;
  }

  Targets(const ir::Model& model, const std::string& kind) {
    for (ir::ResourceId id : model.repository.of_kind(kind)) {
      const ir::Resource& target = model.resources[id];
      const ir::Value* identifier = target.properties.get("identifier");
      if (identifier && identifier->is_string())
        by_identifier[identifier->as_string()].push_back(id);
      const ir::Value* tags = target.properties.get("tags");
      if (!tags || !tags->is_object()) continue;
      const ir::KeyList keys = tags->keys();
      for (size_t i = 0; i < keys.size(); ++i) {
        const ir::Value& tag = tags->items()[i];
        if (tag.is_string()) by_tag[tag_key(keys[i], tag.as_string())].push_back(id);
      }
    }
  }

  // Every resource `value` may name (a superset: `names` decides).
  void candidates(const ir::Value& value, std::vector<ir::ResourceId>& out) const {
    const std::vector<ir::ResourceId>* found = nullptr;
    if (value.is_string()) {
      auto it = by_identifier.find(arn_name(value.as_string()));
      if (it != by_identifier.end()) found = &it->second;
    } else if (value.is_object()) {
      const ir::Value* key = value.get("key");
      const ir::Value* wanted = value.get("value");
      if (key && key->is_string() && wanted && wanted->is_string()) {
        auto it = by_tag.find(tag_key(key->as_string(), wanted->as_string()));
        if (it != by_tag.end()) found = &it->second;
      }
    }
    if (found) out.insert(out.end(), found->begin(), found->end());
  }
};

// Links declared with `match:` join resources of any unit. What they resolve
// is no longer an unresolved link of the source.
void link_across_units(ir::Model& model, const compiler::Kinds& kinds) {
  std::unordered_map<std::string, std::unique_ptr<Targets>> targets;  // by kind, made when needed
  for (ir::ResourceId id : model.repository.cross_unit_links) {
    const ir::Resource& source = model.resources[id];
    const compiler::TypeMapping* mapping =
        kinds.mapping(source.frontend, source.provider_type, source.is_data);
    if (!mapping) continue;
    for (const compiler::LinkMapping& link : mapping->links) {
      if (link.match.empty()) continue;
      std::vector<const ir::Value*> written;
      for (const auto& path : link.from) {
        const ir::Value* unknown = nullptr;
        ir::values_at_path(source.attributes, path, written, unknown);
      }
      std::unique_ptr<Targets>& of_kind = targets[link.kind];
      if (!of_kind) of_kind = std::make_unique<Targets>(model, link.kind);
      std::vector<ir::ResourceId> named;
      for (const ir::Value* value : written) of_kind->candidates(*value, named);
      std::sort(named.begin(), named.end());
      named.erase(std::unique(named.begin(), named.end()), named.end());
      // In model order, each target once, at the first value that names it.
      bool joined = false;
      for (ir::ResourceId target : named) {
        if (target == id) continue;
        for (const ir::Value* value : written) {
          if (!names(*value, model.resources[target], link.match)) continue;
          bool known = false;
          for (size_t e : model.resources[id].edges)
            if (model.edges[e].from == target || model.edges[e].to == target) known = true;
          if (!known) model.connect(id, target, "names " + link.kind, value->span());
          joined = true;
          break;
        }
      }
      if (!joined) continue;
      auto& unresolved = model.resources[id].unresolved_links;
      std::erase_if(unresolved, [&](const auto& entry) { return entry.first == link.kind; });
    }
  }
}

}  // namespace

void index_unit(ir::Model& unit, const compiler::Kinds& kinds,
                const std::function<bool(const ir::Resource&)>& keep) {
  ir::RepositoryIndex& index = unit.repository;
  for (const ir::Resource& resource : unit.resources)
    if (resource.frontend != kWalkFrontend)  // the engine's own diagnostics hold no literals
      index_literals(resource.attributes, resource.environment, index, 0);
  if (keep) unit.retain(keep);
  for (ir::ResourceId id = 0; id < unit.resources.size(); ++id) {
    ir::Resource& resource = unit.resources[id];
    if (resource.kind.empty()) continue;
    index.by_kind[resource.kind].push_back(id);
    const compiler::TypeMapping* mapping =
        kinds.mapping(resource.frontend, resource.provider_type, resource.is_data);
    bool matches_across_units = mapping && std::any_of(mapping->links.begin(), mapping->links.end(),
                                                       [](const compiler::LinkMapping& link) {
                                                         return !link.match.empty();
                                                       });
    if (matches_across_units)
      index.cross_unit_links.push_back(id);
    else
      resource.attributes = ir::Value();
  }
}

void build_repository(ir::Model& model, const compiler::Kinds& kinds) {
  link_across_units(model, kinds);
}

}  // namespace bw::engine
