#include "frontends/terraform/registry_modules.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "ir/environment.h"

namespace bw::frontends::terraform {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

// How many of the parts of `text` ("6.1" has two) were written.
std::optional<ModuleVersion> parse_parts(std::string_view text, int& parts) {
  if (!text.empty() && (text[0] == 'v' || text[0] == 'V')) text.remove_prefix(1);
  text = text.substr(0, text.find_first_of("-+"));  // pre-release and build metadata
  ModuleVersion version;
  long* fields[] = {&version.major, &version.minor, &version.patch};
  parts = 0;
  while (parts < 3) {
    size_t dot = text.find('.');
    std::string_view part = text.substr(0, dot);
    if (part.empty()) return std::nullopt;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), *fields[parts]);
    if (ec != std::errc() || end != part.data() + part.size() || *fields[parts] < 0)
      return std::nullopt;
    ++parts;
    if (dot == std::string_view::npos) return version;
    text.remove_prefix(dot + 1);
  }
  return std::nullopt;  // a fourth part
}

}  // namespace

std::optional<ModuleVersion> parse_module_version(std::string_view text) {
  int parts = 0;
  return parse_parts(trim(text), parts);
}

bool VersionConstraint::admits_major(long major) const {
  // The versions of `major` are [major.0.0, major+1.0.0): does the
  // constraint's interval meet it?
  ModuleVersion low{major, 0, 0};
  bool low_inclusive = true;
  if (lower >= low) {
    low = lower;
    low_inclusive = lower_inclusive;
  }
  ModuleVersion high{major + 1, 0, 0};
  bool high_inclusive = false;
  if (upper && *upper < high) {
    high = *upper;
    high_inclusive = upper_inclusive;
  }
  return low < high || (low == high && low_inclusive && high_inclusive);
}

std::optional<VersionConstraint> parse_version_constraint(std::string_view text,
                                                          std::string& error) {
  VersionConstraint out;
  out.text = std::string(trim(text));
  if (out.text.empty()) {
    error = "the version constraint is empty";
    return std::nullopt;
  }
  auto raise_lower = [&out](ModuleVersion v, bool inclusive) {
    if (v > out.lower || (v == out.lower && !inclusive)) {
      out.lower = v;
      out.lower_inclusive = inclusive;
    }
  };
  auto cut_upper = [&out](ModuleVersion v, bool inclusive) {
    if (!out.upper || v < *out.upper || (v == *out.upper && !inclusive)) {
      out.upper = v;
      out.upper_inclusive = inclusive;
    }
  };
  std::string_view rest = out.text;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view term = trim(rest.substr(0, comma));
    std::string_view op;
    for (std::string_view candidate : {"~>", ">=", "<=", "!=", ">", "<", "="})
      if (term.starts_with(candidate)) {
        op = candidate;
        break;
      }
    int parts = 0;
    std::optional<ModuleVersion> v = parse_parts(trim(term.substr(op.size())), parts);
    if (!v) {
      error = "\"" + std::string(term) + "\" is not a version constraint";
      return std::nullopt;
    }
    if (op.empty() || op == "=") {
      raise_lower(*v, true);
      cut_upper(*v, true);
    } else if (op == ">=") {
      raise_lower(*v, true);
    } else if (op == ">") {
      raise_lower(*v, false);
    } else if (op == "<=") {
      cut_upper(*v, true);
    } else if (op == "<") {
      cut_upper(*v, false);
    } else if (op == "~>") {
      // The rightmost part written may grow: ~> 6.1 is >= 6.1, < 7; ~> 6.1.2 is < 6.2.
      raise_lower(*v, true);
      if (parts >= 3)
        cut_upper({v->major, v->minor + 1, 0}, false);
      else
        cut_upper({v->major + 1, 0, 0}, false);
    }
    // `!=` leaves out one release: never a whole major.
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

RemoteSource parse_remote_source(std::string_view source) {
  RemoteSource out;
  std::string text(trim(source));
  // ?ref= and other query arguments.
  if (size_t query = text.find('?'); query != std::string::npos) {
    std::string_view arguments = std::string_view(text).substr(query + 1);
    while (!arguments.empty()) {
      size_t amp = arguments.find('&');
      std::string_view argument = arguments.substr(0, amp);
      if (argument.starts_with("ref=")) out.ref = std::string(argument.substr(4));
      if (amp == std::string_view::npos) break;
      arguments.remove_prefix(amp + 1);
    }
    text.erase(query);
  }
  // The forced getter: git::, hg::, s3::, gcs::.
  std::string getter;
  if (size_t colons = text.find("::"); colons != std::string::npos && colons < text.find('/')) {
    getter = lower(text.substr(0, colons));
    text.erase(0, colons + 2);
  }
  // The subdirectory after `//`, once the scheme's own `//` is skipped.
  size_t scheme = text.find("://");
  size_t from = scheme == std::string::npos ? 0 : scheme + 3;
  if (size_t sub = text.find("//", from); sub != std::string::npos) {
    out.subdirectory = text.substr(sub + 2);
    while (out.subdirectory.ends_with("/")) out.subdirectory.pop_back();
    text.erase(sub);
  }
  std::string address = lower(text);
  while (address.ends_with("/")) address.pop_back();
  if (!getter.empty() && getter != "git") return out;  // s3::, gcs::, hg::: not in the table
  // git@github.com:owner/repo.git and ssh://git@github.com/owner/repo.git
  for (std::string_view prefix : {"https://", "http://", "ssh://", "git@"}) {
    if (address.starts_with(prefix)) {
      address.erase(0, prefix.size());
      if (prefix == "git@") {
        if (size_t colon = address.find(':'); colon != std::string::npos) address[colon] = '/';
      } else if (address.starts_with("git@")) {
        address.erase(0, 4);
      }
      getter = "git";
      break;
    }
  }
  if (address.ends_with(".git")) {
    address.erase(address.size() - 4);
    getter = "git";
  }
  if (address.starts_with("github.com/") || address.starts_with("gitlab.com/") ||
      address.starts_with("bitbucket.org/"))
    getter = "git";
  if (getter == "git") {
    out.git = true;
    out.address = address;
    return out;
  }
  // A registry address: [host/]namespace/name/provider.
  size_t slashes = std::count(address.begin(), address.end(), '/');
  if (slashes == 2)
    out.address = "registry.terraform.io/" + address;
  else if (slashes == 3 && address.find('.') < address.find('/'))
    out.address = address;
  return out;
}

const TableVersion* TableEntry::version(long major) const {
  for (const TableVersion& v : versions)
    if (std::find(v.majors.begin(), v.majors.end(), major) != v.majors.end()) return &v;
  return nullptr;
}

long TableEntry::highest_major() const {
  long highest = -1;
  for (const TableVersion& v : versions)
    for (long major : v.majors) highest = std::max(highest, major);
  return highest;
}

std::string TableEntry::majors_text() const {
  std::set<long> majors;
  for (const TableVersion& v : versions) majors.insert(v.majors.begin(), v.majors.end());
  std::string out;
  for (long major : majors) out += (out.empty() ? "" : ", ") + std::to_string(major) + ".x";
  return out;
}

namespace {

// A YAML node as a value: plain scalars may be null, booleans or numbers.
ir::Value value_of(const YAML::Node& node, ir::Span span, ir::Provenance provenance) {
  if (!node || node.IsNull()) return ir::Value::null(span, provenance);
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    if (node.Tag() != "!") {
      if (text == "true") return ir::Value::boolean(true, span, provenance);
      if (text == "false") return ir::Value::boolean(false, span, provenance);
      double number = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (ec == std::errc() && end == text.data() + text.size() && !text.empty())
        return ir::Value::number(number, span, provenance);
    }
    return ir::Value::string(text, span, provenance);
  }
  if (node.IsSequence()) {
    std::vector<ir::Value> items;
    for (const YAML::Node& item : node) items.push_back(value_of(item, span, provenance));
    return ir::Value::list(std::move(items), span, provenance);
  }
  ir::Value object = ir::Value::object(span, provenance);
  for (const auto& member : node)
    object.set(member.first.as<std::string>(), value_of(member.second, span, provenance));
  return object;
}

// Reads one data file into an entry; problems go to `errors`.
class EntryReader {
 public:
  EntryReader(const DataFile& file, std::vector<DataError>& errors)
      : file_(file), errors_(errors) {}

  std::optional<TableEntry> read(std::vector<std::string>& sources) {
    YAML::Node root;
    try {
      root = YAML::Load(file_.text);
    } catch (const YAML::ParserException& e) {
      errors_.push_back({file_.path, e.mark.line + 1, e.mark.column + 1, e.msg});
      return std::nullopt;
    }
    size_t before = errors_.size();
    if (!root.IsMap()) {
      error(root, "a module table entry is a mapping: module, sources, versions");
      return std::nullopt;
    }
    TableEntry entry;
    entry.path = file_.path;
    for (const auto& member : root) {
      std::string key = member.first.as<std::string>();
      if (key != "module" && key != "sources" && key != "versions" && key != "doc")
        error(member.first, "unknown key '" + key + "' (module, sources, versions, doc)");
    }
    entry.module = scalar(root["module"], "module");
    for (const YAML::Node& source : sequence(root["sources"], "sources")) {
      std::string text = scalar(source, "a source");
      RemoteSource parsed = parse_remote_source(text);
      if (parsed.address.empty() || !parsed.ref.empty())
        error(source, "\"" + text + "\" is not a registry or git source without a ref");
      else
        sources.push_back(parsed.address +
                          (parsed.subdirectory.empty() ? "" : "//" + parsed.subdirectory));
    }
    for (const YAML::Node& version : sequence(root["versions"], "versions"))
      entry.versions.push_back(read_version(version));
    if (errors_.size() != before) return std::nullopt;
    return entry;
  }

 private:
  void error(const YAML::Node& node, std::string message) {
    YAML::Mark mark = node.Mark();
    errors_.push_back({file_.path, mark.line >= 0 ? mark.line + 1 : 0,
                       mark.column >= 0 ? mark.column + 1 : 0, std::move(message)});
  }

  std::string scalar(const YAML::Node& node, const std::string& what) {
    if (!node || !node.IsScalar() || node.Scalar().empty()) {
      error(node ? node : YAML::Node(), what + " must be a non-empty string");
      return "";
    }
    return node.Scalar();
  }

  std::vector<YAML::Node> sequence(const YAML::Node& node, const std::string& what) {
    std::vector<YAML::Node> out;
    if (!node || !node.IsSequence() || node.size() == 0) {
      error(node ? node : YAML::Node(), "'" + what + "' must be a non-empty list");
      return out;
    }
    for (const YAML::Node& item : node) out.push_back(item);
    return out;
  }

  TableVersion read_version(const YAML::Node& node) {
    TableVersion version;
    if (!node.IsMap()) {
      error(node, "a version is a mapping: majors, read_from, inputs, resources");
      return version;
    }
    for (const YAML::Node& major : sequence(node["majors"], "majors")) {
      long value = -1;
      if (!major.IsScalar() || !YAML::convert<long>::decode(major, value) || value < 0)
        error(major, "a major version is a whole number");
      else
        version.majors.push_back(value);
    }
    if (node["read_from"]) version.read_from = scalar(node["read_from"], "read_from");
    if (YAML::Node inputs = node["inputs"]) {
      if (!inputs.IsMap()) error(inputs, "'inputs' maps each input to its default");
      for (const auto& input : inputs)
        version.inputs.emplace(input.first.as<std::string>(),
                               value_of(input.second, {}, ir::Provenance::Default));
    }
    for (const YAML::Node& resource : sequence(node["resources"], "resources"))
      version.resources.push_back(read_resource(resource, version));
    return version;
  }

  void check_input(const YAML::Node& node, const std::string& input, const TableVersion& version) {
    if (!version.inputs.count(input))
      error(node, "'" + input + "' is not one of this version's inputs");
  }

  TableResource read_resource(const YAML::Node& node, const TableVersion& version) {
    TableResource resource;
    if (!node.IsMap()) {
      error(node, "a resource is a mapping: type, address, when, attributes");
      return resource;
    }
    resource.type = scalar(node["type"], "type");
    resource.address = scalar(node["address"], "address");
    if (!resource.type.empty() && resource.address.find(resource.type + ".") == std::string::npos)
      error(node["address"], "the address names no " + resource.type);
    if (YAML::Node when = node["when"]) {
      for (const YAML::Node& term : sequence(when, "when")) {
        std::string text = scalar(term, "a condition");
        check_input(term, text.starts_with("!") ? text.substr(1) : text, version);
        resource.when.push_back(text);
      }
    }
    YAML::Node attributes = node["attributes"];
    if (!attributes || !attributes.IsMap()) {
      error(node, "'attributes' maps each attribute to how the module sets it");
      return resource;
    }
    for (const auto& member : attributes) {
      std::string path = member.first.as<std::string>();
      resource.attributes.emplace_back(path, read_setting(member.second, version));
    }
    return resource;
  }

  TableResource::Setting read_setting(const YAML::Node& node, const TableVersion& version) {
    using Setting = TableResource::Setting;
    Setting setting;
    if (node.IsScalar()) {
      setting.inputs.push_back(node.Scalar());
      check_input(node, node.Scalar(), version);
      return setting;
    }
    if (!node.IsMap() || node.size() == 0) {
      error(node,
            "an attribute is an input's name, or one of {input, key}, {merge}, {value}, {ref}");
      return setting;
    }
    if (YAML::Node value = node["value"]) {
      setting.kind = Setting::Fixed;
      setting.value = value_of(value, {}, ir::Provenance::Derived);
    } else if (YAML::Node merge = node["merge"]) {
      setting.kind = Setting::Merge;
      for (const YAML::Node& input : sequence(merge, "merge")) {
        setting.inputs.push_back(scalar(input, "an input"));
        check_input(input, setting.inputs.back(), version);
      }
    } else if (YAML::Node ref = node["ref"]) {
      setting.kind = Setting::Reference;
      setting.address = scalar(ref, "ref");
    } else if (YAML::Node input = node["input"]) {
      setting.inputs.push_back(scalar(input, "input"));
      check_input(input, setting.inputs.back(), version);
      if (YAML::Node key = node["key"]) {
        setting.kind = Setting::Key;
        if (key.IsSequence())
          for (const YAML::Node& each : sequence(key, "key"))
            setting.keys.push_back(scalar(each, "key"));
        else
          setting.keys.push_back(scalar(key, "key"));
      }
    } else {
      error(node,
            "an attribute is an input's name, or one of {input, key}, {merge}, {value}, {ref}");
    }
    return setting;
  }

  const DataFile& file_;
  std::vector<DataError>& errors_;
};

}  // namespace

ModuleTable ModuleTable::read(const DataFiles& data, std::vector<DataError>* errors) {
  ModuleTable table;
  auto files = data.find(kModuleTableFolder);
  if (files == data.end()) return table;
  std::vector<DataError> ignored;
  std::vector<DataError>& sink = errors ? *errors : ignored;
  std::map<std::string, size_t, std::less<>> by_module;
  for (const DataFile& file : files->second) {
    std::vector<std::string> sources;
    std::optional<TableEntry> entry = EntryReader(file, sink).read(sources);
    if (!entry) continue;
    size_t index;
    if (auto known = by_module.find(entry->module); known != by_module.end()) {
      index = known->second;  // a later file (the user's) replaces the entry
      table.entries_[index] = std::move(*entry);
      std::erase_if(table.by_source_, [index](const auto& s) { return s.second == index; });
    } else {
      index = table.entries_.size();
      by_module.emplace(entry->module, index);
      table.entries_.push_back(std::move(*entry));
    }
    for (std::string& source : sources) table.by_source_[std::move(source)] = index;
  }
  return table;
}

const TableEntry* ModuleTable::find(const RemoteSource& source) const {
  if (source.address.empty()) return nullptr;
  std::string key =
      source.address + (source.subdirectory.empty() ? "" : "//" + source.subdirectory);
  auto found = by_source_.find(key);
  return found == by_source_.end() ? nullptr : &entries_[found->second];
}

namespace {

const ir::NotAnalysedGroup kOutsideTable{
    "module call", "module calls",
    "remote modules neither installed nor in blastwall's module table (terraform init, or a "
    "table entry)"};
const ir::NotAnalysedGroup kVersionOutsideTable{
    "module call", "module calls",
    "their version selects a release blastwall's module table does not hold (a table entry "
    "for that version)"};

const char* kRemedy =
    "run terraform init so that .terraform/modules holds it, or describe it in a "
    "terraform-modules/ folder of a rule directory (rules/terraform-modules/README.md)";

// The major version the call selects, or why none of the table's.
std::optional<long> select_major(const RemoteCall& call, const RemoteSource& source,
                                 const TableEntry& entry, std::string& why) {
  std::string held =
      "blastwall's module table holds " + entry.majors_text() + " of " + entry.module;
  if (source.git) {
    // A git source is versioned by its ref: none is the default branch, the newest.
    if (source.ref.empty()) return entry.highest_major();
    std::optional<ModuleVersion> version = parse_module_version(source.ref);
    if (!version) {
      why = "ref \"" + source.ref + "\" names no release, so which version is not known; " + held;
      return std::nullopt;
    }
    if (!entry.version(version->major)) {
      why = "ref \"" + source.ref + "\" selects " + std::to_string(version->major) + ".x; " + held;
      return std::nullopt;
    }
    return version->major;
  }
  const ir::Value* written = call.attributes.get("version");
  if (!written || written->is_null()) return entry.highest_major();  // the newest release
  if (!written->is_string()) {
    why = "its version is not known (" +
          (written->is_unknown() ? written->unknown_reason() : "not a string") + "); " + held;
    return std::nullopt;
  }
  std::string error;
  std::optional<VersionConstraint> constraint =
      parse_version_constraint(written->as_string(), error);
  if (!constraint) {
    why = error + "; " + held;
    return std::nullopt;
  }
  // Terraform installs the newest release the constraint admits.
  long chosen = -1;
  for (const TableVersion& v : entry.versions)
    for (long major : v.majors)
      if (constraint->admits_major(major)) chosen = std::max(chosen, major);
  if (chosen < 0) {
    why = "version \"" + constraint->text + "\" admits no release the table holds; " + held;
    return std::nullopt;
  }
  return chosen;
}

// An input's value: the call's argument, else the module's default (a
// Default value at the call's header), else absent (nullopt).
std::optional<ir::Value> input_value(const RemoteCall& call, const TableVersion& version,
                                     const std::string& input) {
  if (const ir::Value* argument = call.attributes.get(input)) return *argument;
  auto found = version.inputs.find(input);
  if (found == version.inputs.end() || found->second.is_null()) return std::nullopt;
  ir::Value value = found->second;
  // Every part of a default points at the call, where it would be overridden.
  std::vector<ir::Value*> todo{&value};
  while (!todo.empty()) {
    ir::Value* v = todo.back();
    todo.pop_back();
    v->set_span(call.header_span);
    v->set_provenance(ir::Provenance::Default);
    if (v->is_list() || v->is_object())
      for (ir::Value& item : v->items()) todo.push_back(&item);
  }
  return value;
}

// Whether a condition of `when` is known not to hold.
bool known_false(const RemoteCall& call, const TableVersion& version, const std::string& term) {
  bool negated = term.starts_with("!");
  std::optional<ir::Value> value = input_value(call, version, negated ? term.substr(1) : term);
  bool truth;
  if (!value || value->is_null())
    truth = false;
  else if (value->is_bool())
    truth = value->as_bool();
  else if (value->is_list() || value->is_object())
    truth = !value->items().empty();
  else if (value->is_string() && (value->as_string() == "true" || value->as_string() == "false"))
    truth = value->as_string() == "true";  // Terraform converts these strings to bool
  else
    return false;  // unknown: the resource may be created
  return negated ? truth : !truth;
}

// Sets `path` (a.b: b inside the nested block a) in `attributes`.
void set_path(ir::Value& attributes, std::string_view path, ir::Value value, ir::Span span) {
  size_t dot = path.find('.');
  if (dot == std::string_view::npos) {
    attributes.set(path, std::move(value));
    return;
  }
  std::string_view block = path.substr(0, dot);
  ir::Value* list = attributes.get(block);
  if (!list || !list->is_list() || list->items().empty()) {
    attributes.set(block, ir::Value::list({ir::Value::object(span, ir::Provenance::Derived)}, span,
                                          ir::Provenance::Derived));
    list = attributes.get(block);
  }
  set_path(list->items()[0], path.substr(dot + 1), std::move(value), span);
}

std::optional<ir::Value> setting_value(const RemoteCall& call, const TableVersion& version,
                                       const TableResource::Setting& setting,
                                       const std::string& prefix) {
  using Setting = TableResource::Setting;
  switch (setting.kind) {
    case Setting::Input:
      return input_value(call, version, setting.inputs[0]);
    case Setting::Key: {
      std::optional<ir::Value> map = input_value(call, version, setting.inputs[0]);
      if (!map) return std::nullopt;
      if (map->is_unknown()) return map;
      if (!map->is_object()) return std::nullopt;
      // The first key the map holds, as the module's try() over them reads it.
      for (const std::string& key : setting.keys)
        if (const ir::Value* member = map->get(key)) return *member;
      return std::nullopt;
    }
    case Setting::Merge: {
      ir::Value merged = ir::Value::object(call.header_span, ir::Provenance::Derived);
      for (const std::string& input : setting.inputs) {
        std::optional<ir::Value> part = input_value(call, version, input);
        if (!part || part->is_null()) continue;
        if (!part->is_object()) return part->is_unknown() ? part : std::nullopt;
        for (size_t i = 0; i < part->items().size(); ++i)
          merged.set(part->keys()[i], part->items()[i]);
        merged.add_references_from(*part);
      }
      return merged;
    }
    case Setting::Fixed: {
      ir::Value value = setting.value;
      value.set_span(call.header_span);
      return value;
    }
    case Setting::Reference: {
      ir::Value value = ir::Value::unknown(
          "the id of " + prefix + setting.address + " is known only after apply", call.header_span);
      value.add_reference(prefix + setting.address);
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace

void call_remote_module(const RemoteCall& call, const ModuleTable& table, ir::Model& model) {
  RemoteSource source = parse_remote_source(call.source);
  const TableEntry* entry = table.find(source);
  std::string who = "module \"" + call.name + "\"";
  if (!entry) {
    model.not_analysed(call.header_span, kOutsideTable,
                       who + ": \"" + call.source +
                           "\" is a remote module, neither installed nor in blastwall's module "
                           "table, so its resources are not analysed; " +
                           kRemedy);
    return;
  }
  std::string why;
  std::optional<long> major = select_major(call, source, *entry, why);
  if (!major) {
    model.not_analysed(call.header_span, kVersionOutsideTable,
                       who + ": " + why + ", so its resources are not analysed; " + kRemedy);
    return;
  }
  const TableVersion& version = *entry->version(*major);
  std::string prefix = call.address + ".";
  std::string defaults = "the default of " + entry->module + " " + std::to_string(*major) +
                         ".x, from blastwall's "
                         "module table (" +
                         entry->path + ")";
  for (const TableResource& made : version.resources) {
    if (std::any_of(made.when.begin(), made.when.end(),
                    [&](const std::string& term) { return known_false(call, version, term); }))
      continue;
    ir::Resource resource;
    resource.frontend = "terraform";
    resource.provider_type = made.type;
    std::string_view local = made.address;
    local = local.substr(local.rfind(made.type + ".") + made.type.size() + 1);
    resource.name = std::string(local.substr(0, local.find('[')));
    resource.address = prefix + made.address;
    resource.file = call.file;
    resource.span = call.span;
    resource.header_span = call.header_span;
    resource.via = call.via;
    resource.via.push_back(call.header_span);
    resource.defaults_from = defaults;
    ir::Value attributes = ir::Value::object(call.span, ir::Provenance::Derived);
    for (const auto& [path, setting] : made.attributes)
      if (std::optional<ir::Value> value = setting_value(call, version, setting, prefix))
        if (!value->is_null()) set_path(attributes, path, std::move(*value), call.header_span);
    resource.attributes = std::move(attributes);
    resource.environment = call.environment;
    if (std::string tagged = ir::environment_from_tags(resource.attributes); !tagged.empty())
      resource.environment = tagged;
    model.add(std::move(resource));
  }
}

}  // namespace bw::frontends::terraform
