#include "frontends/tfplan/tfplan_frontend.h"

#include <map>
#include <set>
#include <utility>

#include "frontends/tfplan/plan_reader.h"
#include "ir/environment.h"

namespace bw::frontends::tfplan {

namespace {

constexpr const char* kAfterApply = "known only after apply";
constexpr const char* kNoPreventDestroy = "a plan does not record prevent_destroy";

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

// `directory` joined with a relative module source, `.` and `..` applied;
// empty when it climbs above the root.
std::string join(const std::string& directory, const std::string& source) {
  std::vector<std::string> parts;
  auto add = [&](const std::string& path) {
    size_t start = 0;
    while (start <= path.size()) {
      size_t slash = path.find('/', start);
      if (slash == std::string::npos) slash = path.size();
      std::string part = path.substr(start, slash - start);
      start = slash + 1;
      if (part.empty() || part == ".") continue;
      if (part == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else {
        parts.push_back(part);
      }
    }
    return true;
  };
  if (!add(directory) || !add(source)) return "";
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "/") + part;
  return out.empty() ? "." : out;
}

bool local_source(const std::string& source) {
  return source.starts_with("./") || source.starts_with("../");
}

// An address without its instance keys: `module.a[0].x.b["k"]` → `module.a.x.b`.
std::string without_keys(std::string_view address) {
  std::string out;
  bool quoted = false;
  int depth = 0;
  for (size_t i = 0; i < address.size(); ++i) {
    char c = address[i];
    if (depth > 0) {
      if (quoted && c == '\\')
        ++i;
      else if (c == '"')
        quoted = !quoted;
      else if (c == ']' && !quoted)
        --depth;
      continue;
    }
    if (c == '[')
      ++depth;
    else
      out += c;
  }
  return out;
}

void respan(ir::Value& value, const ir::Span& span) {
  value.set_span(span);
  if (value.is_list() || value.is_object() || value.is_one_of())
    for (ir::Value& item : value.items()) respan(item, span);
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// The `resource "TYPE" "NAME"` headers of HCL text, found lexically: at the
// start of a line, the keyword and two quoted labels. Spans cover the header.
void index_headers(const ir::SourceFile& file,
                   std::map<std::pair<std::string, std::string>, ir::Span>& headers) {
  const std::string& text = file.text;
  for (uint32_t line = 1; line <= file.line_count(); ++line) {
    size_t at = file.line_starts[line - 1];
    size_t end = line < file.line_count() ? file.line_starts[line] : text.size();
    while (at < end && is_space(text[at])) ++at;
    size_t begin = at;
    if (text.compare(at, 8, "resource") != 0) continue;
    at += 8;
    std::string labels[2];
    bool ok = true;
    for (std::string& label : labels) {
      size_t spaces = at;
      while (at < end && is_space(text[at])) ++at;
      if (at >= end || text[at] != '"' || (at == spaces && &label == &labels[0])) {
        ok = false;
        break;
      }
      size_t close = text.find('"', at + 1);
      if (close == std::string::npos || close >= end) {
        ok = false;
        break;
      }
      label = text.substr(at + 1, close - at - 1);
      at = close + 1;
    }
    if (!ok) continue;
    headers.emplace(std::make_pair(labels[0], labels[1]),
                    file.span(static_cast<uint32_t>(begin), static_cast<uint32_t>(at)));
  }
}

class TfplanFrontend : public Frontend {
 public:
  std::string_view name() const override { return "tfplan"; }

  bool wants(std::string_view path) const override { return path.ends_with(".json"); }

  int claim(std::string_view, std::string_view text) const override { return plan_score(text); }

  std::vector<Unit> plan_units(const std::vector<ir::FileId>& files,
                               const ir::SourceManager& sources) override {
    // A plan is its own unit; its instance is the root module it plans,
    // the directory it sits in (where `terraform show -json` is run).
    std::vector<Unit> units;
    for (ir::FileId id : files) {
      std::string directory = parent_of(sources.file(id).relative);
      units.push_back({directory, directory, {id}, "", {}});
    }
    return units;
  }

  void analyze(const Unit& unit, Context& context) override {
    for (ir::FileId id : unit.files) analyze_plan(id, context);
  }

 private:
  using Headers = std::map<std::pair<std::string, std::string>, ir::Span>;

  // The resource headers of a directory's .tf files, read once per directory.
  const Headers& headers_of(const std::string& directory, Context& context) {
    auto [it, added] = directories_.try_emplace(directory);
    if (!added) return it->second;
    Listed listed = context.list(directory);
    for (const std::string& name : listed.names) {
      if (!name.ends_with(".tf")) continue;
      Loaded loaded = context.load(directory == "." ? name : directory + "/" + name);
      if (loaded.ok()) index_headers(context.model.sources.file(loaded.file), it->second);
    }
    return it->second;
  }

  // Where the resource is written: its header in the plan's directory, or
  // in a local module's, found through the configuration's module calls.
  const ir::Span* configuration_of(const PlannedResource& r, const Plan& plan,
                                   const std::string& directory, Context& context) {
    std::string at = directory, call;
    for (const std::string& name : module_names(r.address)) {
      call += (call.empty() ? "" : ".") + name;
      auto source = plan.module_sources.find(call);
      if (source == plan.module_sources.end() || !local_source(source->second)) return nullptr;
      at = join(at, source->second);
      if (at.empty()) return nullptr;
    }
    const Headers& headers = headers_of(at, context);
    auto found = headers.find({r.type, r.name});
    return found == headers.end() ? nullptr : &found->second;
  }

  void analyze_plan(ir::FileId id, Context& context) {
    ir::Model& model = context.model;
    Plan plan;
    {
      ir::PhaseTimer timer(context.timings, ir::Phase::Parse);
      plan = read_plan(model.sources.file(id));
    }
    const ir::SourceFile& file = model.sources.file(id);
    if (plan.failed)
      model.error(file.span(plan.error_offset, plan.error_offset),
                  "Invalid plan JSON: " + plan.error);
    for (const PlanProblem& problem : plan.problems)
      model.error(file.span(problem.offset, problem.offset),
                  "Invalid resource change: " + problem.message);
    directories_.clear();
    std::string directory = parent_of(file.relative);
    // Every instance of each configured resource, for the references.
    std::map<std::string, std::vector<std::string>> instances;
    if (!plan.references.empty())
      for (const PlannedResource& r : plan.resources)
        if (r.mode == "managed" && r.deposed.empty())
          instances[without_keys(r.address)].push_back(r.address);
    std::set<std::string> addresses;
    for (PlannedResource& r : plan.resources) {
      if (r.mode != "managed") continue;
      ir::Resource resource;
      resource.frontend = "tfplan";
      resource.provider_type = r.type;
      resource.name = r.name;
      resource.address = r.deposed.empty() ? r.address : r.address + " (deposed " + r.deposed + ")";
      if (!addresses.insert(resource.address).second) {
        model.error(file.span(r.begin, r.begin),
                    "Invalid resource change: '" + resource.address + "' is listed twice");
        continue;
      }
      resource.file = id;
      ir::Span entry = file.span(r.begin, r.end);
      bool deletes = false, creates = false;
      for (const std::string& action : r.actions) {
        deletes |= action == "delete";
        creates |= action == "create";
      }
      // The object as it will be; when nothing will be (a delete, a forget),
      // as it was.
      bool will_be = r.after.is_object() && !(deletes && !creates);
      ir::Value attributes = will_be ? std::move(r.after) : std::move(r.before);
      if (will_be) apply_unknown(attributes, r.after_unknown, kAfterApply);
      if (!attributes.is_object()) attributes = ir::Value::object(entry);
      // Terraform refuses to plan the destruction of a resource with
      // prevent_destroy, so a plan that destroys it shows it was off; any
      // other plan does not say.
      ir::Value lifecycle = ir::Value::object(entry, ir::Provenance::Derived);
      lifecycle.set("prevent_destroy",
                    deletes ? ir::Value::boolean(false, entry, ir::Provenance::Derived)
                            : ir::Value::unknown(kNoPreventDestroy, entry));
      attributes.set("lifecycle", ir::Value::list({std::move(lifecycle)}, entry));
      // What the configuration's arguments refer to links it as HCL would:
      // a reference to a counted resource names each of its instances.
      auto configured = plan.references.find(without_keys(r.address));
      if (configured != plan.references.end())
        for (const auto& [argument, references] : configured->second) {
          ir::Value* value = attributes.get(argument);
          if (!value) continue;
          for (const std::string& reference : references) {
            auto targets = instances.find(without_keys(reference));
            if (targets == instances.end()) continue;
            for (const std::string& target : targets->second)
              if (target != r.address) value->add_reference(target);
          }
        }
      resource.environment = file.environment;
      if (std::string tagged = ir::environment_from_tags(attributes); !tagged.empty())
        resource.environment = tagged;
      if (const ir::Span* header = configuration_of(r, plan, directory, context)) {
        // Written in the repository: findings point where the fix is written.
        resource.span = resource.header_span = *header;
        respan(attributes, *header);
      } else {
        resource.span = entry;
        resource.header_span = file.span(r.begin, r.begin + 1);
      }
      resource.attributes = std::move(attributes);
      resource.change = ir::planned_change(r.actions, r.replace_paths, entry);
      model.add(std::move(resource));
    }
    directories_.clear();
  }

  std::map<std::string, Headers> directories_;
};

}  // namespace

std::unique_ptr<Frontend> make_tfplan_frontend() {
  return std::make_unique<TfplanFrontend>();
}

}  // namespace bw::frontends::tfplan
