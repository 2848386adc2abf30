#include "frontends/terraform/module_walk.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "frontends/terraform/block_values.h"
#include "frontends/terraform/evaluator.h"
#include "frontends/terraform/hcl_json.h"
#include "frontends/terraform/module_calls.h"
#include "frontends/terraform/module_scope.h"
#include "frontends/terraform/overrides.h"
#include "frontends/terraform/removed_blocks.h"
#include "frontends/terraform/value_ops.h"
#include "ir/environment.h"

namespace bw::frontends::terraform {

namespace {

// Arguments of a module block that are Terraform's, not the module's variables.
bool is_module_meta_argument(const std::string& name) {
  static const std::unordered_set<std::string> kMeta = {
      "source", "version", "count", "for_each", "providers", "depends_on", "provider"};
  return kMeta.count(name) != 0;
}

// Reads .terraform/modules/modules.json (`{"Modules": [{"Key": "db",
// "Source": "...", "Version": "6.1.0", "Dir": ".terraform/modules/db"}]}`)
// into `installed`, Dir made root-relative from `root`; the error when the
// file is not such a document.
std::string parse_modules_json(const std::string& text, const std::string& root,
                               std::map<std::string, InstalledModule>& installed) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return "it is not valid JSON";
  if (!document.is_object() || !document.contains("Modules") || !document["Modules"].is_array())
    return "it has no \"Modules\" list";
  for (const nlohmann::json& entry : document["Modules"]) {
    if (!entry.is_object()) return "an entry of \"Modules\" is not an object";
    auto text_of = [&](const char* field) -> std::string {
      auto found = entry.find(field);
      return found != entry.end() && found->is_string() ? found->get<std::string>() : "";
    };
    std::string key = text_of("Key");
    std::string dir = text_of("Dir");
    if (key.empty()) continue;  // the root module itself
    if (dir.empty()) return "the entry \"" + key + "\" has no \"Dir\"";
    installed[key] = InstalledModule{text_of("Source"), text_of("Version"), join_path(root, dir)};
  }
  return "";
}

// A repeated block's instances: one per count index or for_each key when
// they are known, else one whose key is unknown; none for `count = 0` or an
// empty for_each.
struct Instances {
  Repetition repetition = Repetition::None;
  const Expr* expr = nullptr;  // the count or for_each expression, evaluated once
  ir::Value value;             // its value
  std::vector<InstanceKey> keys;
  bool expanded() const { return repetition != Repetition::None && !keys.empty() && keys[0].known; }
};

// The walk over one module instance; see module_walk.h. A walk is declared
// (phase one: names, values, module calls known) before it emits (phase
// two: resources added to the model), so a module's outputs can be asked
// for by its caller at any time in between.
class ModuleWalk {
 public:
  ModuleWalk(WalkContext& shared, ModuleInstance instance, const std::vector<ParsedFile>& files,
             bool had_syntax_errors)
      : shared_(shared),
        model_(shared.context.model),
        instance_(std::move(instance)),
        // Override files merged into the blocks they name, and left out.
        files_(merge_overrides(files, shared.context.model)),
        scope_(model_, relative_path(instance_.root_directory, instance_.directory),
               instance_.caller),
        evaluator_(model_, &scope_, shared.context.limits) {
    // What is declared in a file with a syntax error is not known:
    // undeclared names are not reported.
    evaluator_.set_lenient(had_syntax_errors);
    evaluator_.set_address_prefix(instance_.address_prefix);
    evaluator_.set_unit_steps(&shared.steps);
    evaluator_.set_declared(&declared_);
    evaluator_.set_shared_depth(&shared.depth);
    scope_.set_cycle_names(instance_.address_prefix, &shared.evaluating);
    scope_.set_modules([this](ModuleReference& reference, Evaluator& evaluator) {
      return module_reference(reference, evaluator);
    });
    evaluator_.set_files(shared.context.load, instance_.root_directory);
  }
  ModuleWalk(const ModuleWalk&) = delete;
  ModuleWalk& operator=(const ModuleWalk&) = delete;

  // The whole walk of a root module (or of a module given its values).
  void run(const std::vector<std::pair<std::string, ir::Value>>& values) {
    declare();
    if (instance_.caller.empty()) apply_tfvars();
    for (const auto& [name, value] : values) {
      if (!scope_.set_variable_value(name, value))
        report(value.span(), "Unsupported argument: an argument named \"" + name +
                                 "\" is not expected here (" + instance_.caller +
                                 " declares no such variable)");
    }
    check_required_arguments();
    emit_all();
  }

  // Phase one: variables, locals, outputs, and what references may name.
  void declare() {
    for (const ParsedFile& file : files_) {
      if (file.is_tfvars) continue;
      // Override files are merged in already (files_).
      for (const Block& block : file.hcl->body.blocks) {
        if (block.type == "variable")
          scope_.declare_variable(block);
        else if (block.type == "locals")
          scope_.declare_locals(block);
        else if (block.type == "output")
          scope_.declare_output(block);
        else if (block.type == "module" && block.labels.size() == 1)
          add_call(block, *file.source);
        declare(block);
        if (block.type == "check")  // its scoped data sources
          for (const Block& inner : block.body.blocks) declare(inner);
      }
    }
  }

  // The arguments of the call that instantiates this module (`block`, in
  // `caller`): each evaluated by the caller when the module first uses it.
  // `first` reports what is wrong with them once for all instances.
  void bind_arguments(ModuleWalk& caller, const Block& block, Repetition repetition,
                      const InstanceKey& key, bool first) {
    for (const Attribute& attribute : block.body.attributes) {
      if (is_module_meta_argument(attribute.name)) continue;
      const Expr* expr = &attribute.value;
      bool bound = scope_.set_variable_argument(
          attribute.name, attribute.value.span, [&caller, expr, repetition, key] {
            return caller.evaluator_.evaluate_instance(*expr, repetition, key);
          });
      if (!bound && first)
        report(attribute.value.span, "Unsupported argument: an argument named \"" + attribute.name +
                                         "\" is not expected here (" + instance_.caller +
                                         " declares no such variable)");
    }
    if (first) check_required_arguments();
  }

  // Phase two: resources, data sources and module calls, in file order;
  // then every output, so what is wrong in one is reported.
  void emit_all() {
    for (const ParsedFile& file : files_) {
      if (file.is_tfvars) continue;
      for (const Block& block : file.hcl->body.blocks) {
        if (block.type == "resource" || block.type == "data")
          emit_resource(block, *file.source);
        else if (block.type == "module")
          emit_call(block, *file.source);
        else if (block.type == "removed")
          emit_removed(block, *file.source);
      }
    }
    for (const std::string& name : scope_.output_names()) scope_.output(name, evaluator_);
  }

  // An output of this module instance, for its caller; unknown with the
  // caller's error when it declares none.
  ir::Value output(const std::string& name, const ModuleReference& reference, Evaluator& caller) {
    if (!scope_.has_output(name)) {
      if (evaluator_.lenient())
        return ir::Value::unknown(reference.written + ": output \"" + name +
                                      "\" is not declared in a file that could be read",
                                  reference.span);
      return caller.undeclared(
          "Unsupported attribute: " + instance_.caller + " has no output named \"" + name + "\"",
          reference.written + " is not an output of " + instance_.caller, reference.span);
    }
    return scope_.output(name, evaluator_);
  }
  ir::Value outputs(const ir::Span& use) { return scope_.outputs(use, evaluator_); }
  ir::Value argument(const std::string& name) { return scope_.argument(name, evaluator_); }
  bool declares_variable(const std::string& name) const { return scope_.declares_variable(name); }

 private:
  // A module block, and once asked for, its instances and their walks.
  struct Call {
    const Block* block = nullptr;
    const ir::SourceFile* source = nullptr;
    enum class State : uint8_t { Pending, Preparing, Ready } state = State::Pending;
    std::string source_path;  // `source` as written
    std::string environment;  // what its instances' resources take
    bool walked = false;      // its instances are walked: local, or installed
    bool remote = false;      // a remote source that is not installed
    std::string not_walked;   // when not walked: why its outputs are unknown
    Instances instances;
    // One walk per instance when walked; null past module_instances.
    std::vector<std::unique_ptr<ModuleWalk>> children;
  };

  // The first module block of a name is the call; a later one is a duplicate.
  void add_call(const Block& block, const ir::SourceFile& source) {
    auto [it, inserted] = calls_.try_emplace(block.labels[0]);
    if (!inserted) return;
    it->second.block = &block;
    it->second.source = &source;
  }

  // What references may name: see Evaluator::set_declared.
  void declare(const Block& block) {
    if (block.type == "module" && block.labels.size() == 1)
      declared_.insert("module." + block.labels[0]);
    else if (block.type == "resource" && block.labels.size() == 2)
      declared_.insert(block.labels[0] + "." + block.labels[1]);
    else if ((block.type == "data" || block.type == "ephemeral") && block.labels.size() == 2)
      declared_.insert(block.type + "." + block.labels[0] + "." + block.labels[1]);
  }

  void check_required_arguments() {
    if (!instance_.caller.empty() && !instance_.via.empty() && !evaluator_.lenient())
      for (const std::string& name : scope_.variables_without_value())
        report(instance_.via.back(), "Missing required argument: the argument \"" + name +
                                         "\" is required, but no definition was found");
  }

  // terraform.tfvars, then *.auto.tfvars in name order, then the instance's
  // variable files and --var values (an environment's files, then the
  // command line's, in order); a later one wins. Other tfvars files in the
  // directory are only read with -var-file, so they are not applied.
  void apply_tfvars() {
    std::vector<const ParsedFile*> applied;
    for (const ParsedFile& file : files_)
      if (file.is_tfvars && base_name(file.source->path) == "terraform.tfvars")
        applied.push_back(&file);
    std::vector<const ParsedFile*> automatic;
    for (const ParsedFile& file : files_)
      if (file.is_tfvars && std::string_view(file.source->path).ends_with(".auto.tfvars"))
        automatic.push_back(&file);
    std::stable_sort(automatic.begin(), automatic.end(),
                     [](const ParsedFile* a, const ParsedFile* b) {
                       return base_name(a->source->path) < base_name(b->source->path);
                     });
    applied.insert(applied.end(), automatic.begin(), automatic.end());
    for (const ParsedFile* file : applied) apply_variables_file(*file);
    for (const VariableInput& input : shared_.inputs) {
      if (input.file)
        apply_variables_file(*input.file);
      else
        apply_command_line(input.name, input.text, files_);
    }
  }

  void apply_variables_file(const ParsedFile& file) {
    for (const Attribute& attribute : file.hcl->body.attributes)
      if (!scope_.set_variable_value(attribute))
        model_.diagnostics.push_back({ir::DiagnosticLevel::Warning, attribute.name_span, "",
                                      "value for undeclared variable \"" + attribute.name + "\"",
                                      false});
  }

  // Whether Terraform parses a --var for `name` as an HCL expression: when
  // its declared type is not a primitive one (string, number, bool); a
  // variable without a type takes the text as a string.
  static bool parses_as_expression(const std::string& name, const std::vector<ParsedFile>& files) {
    for (const ParsedFile& file : files) {
      if (file.is_tfvars) continue;
      for (const Block& block : file.hcl->body.blocks) {
        if (block.type != "variable" || block.labels.size() != 1 || block.labels[0] != name)
          continue;
        for (const Attribute& attribute : block.body.attributes) {
          if (attribute.name != "type") continue;
          const Expr& type = attribute.value;
          return !(type.kind == Expr::Kind::Variable &&
                   (type.text == "string" || type.text == "number" || type.text == "bool"));
        }
        return false;
      }
    }
    return false;
  }

  // A --var NAME=TEXT: the text as a string, or parsed as an HCL expression
  // for a complex type. Its values point nowhere in the repository.
  void apply_command_line(const std::string& name, const std::string& text,
                          const std::vector<ParsedFile>& files) {
    ir::Span where = files.empty() ? ir::Span{} : files.front().source->span(0, 0);
    ir::Value value = ir::Value::string(text);
    if (parses_as_expression(name, files)) {
      ir::SourceFile typed;
      typed.path = "--var " + name;
      typed.text = name + " = " + text + "\n";
      typed.index_lines();
      HclFile parsed = shared_.parser.parse(typed);
      if (!parsed.errors.empty() || parsed.body.attributes.size() != 1 ||
          !parsed.body.blocks.empty()) {
        std::string why =
            parsed.errors.empty() ? "it is not one expression" : parsed.errors.front().message;
        if (where.file != ir::kNoFile)
          model_.error(where, "Invalid value for variable: --var " + name +
                                  " is not a valid expression (" + why + "); it is not applied");
        return;
      }
      // Terraform evaluates it with no names defined: a reference is an error there.
      value = Evaluator(model_, nullptr, shared_.context.limits)
                  .evaluate_value(parsed.body.attributes.front().value);
    }
    if (!scope_.set_variable_value(name, std::move(value)))
      model_.diagnostics.push_back({ir::DiagnosticLevel::Warning,
                                    {},
                                    files.empty() ? "" : files.front().source->path,
                                    "value for undeclared variable \"" + name +
                                        "\" given with --var: the root module " +
                                        instance_.directory + " declares no such variable",
                                    false});
  }

  // The block's address without an instance key, checked against every
  // address so far; "" (reported) when the block is malformed or a duplicate.
  std::string block_address(const Block& block) {
    bool is_module = block.type == "module";
    bool is_data = block.type == "data";
    size_t labels = is_module ? 1 : 2;
    if (block.labels.size() != labels) {
      report(block.header_span, "Missing name for " + block.type + ": all " + block.type +
                                    " blocks must have " +
                                    (is_module ? "1 labels (name)" : "2 labels (type, name)"));
      return "";
    }
    std::string address = instance_.address_prefix;
    if (is_module)
      address += "module." + block.labels[0];
    else
      address += (is_data ? "data." : "") + block.labels[0] + "." + block.labels[1];
    auto [first, unique] = shared_.addresses.emplace(address, block.header_span);
    if (!unique) {
      const ir::Span& earlier = first->second;
      report(block.header_span, "Duplicate " + block.type + " configuration: \"" + address +
                                    "\" was already declared at " +
                                    model_.sources.file(earlier.file).path + ":" +
                                    std::to_string(earlier.begin.line));
      return "";
    }
    return address;
  }

  // The instances of a block with count or for_each; `address` names it in
  // messages, `most` bounds how many are expanded (the limit `limit`).
  Instances instances_of(const Block& block, const std::string& address, uint64_t most,
                         std::string_view limit) {
    Instances instances;
    const Attribute* count = nullptr;
    const Attribute* for_each = nullptr;
    for (const Attribute& attribute : block.body.attributes) {
      if (attribute.name == "count") count = &attribute;
      if (attribute.name == "for_each") for_each = &attribute;
    }
    const Attribute* repeat = count ? count : for_each;
    if (!repeat) {
      instances.keys.emplace_back();
      return instances;
    }
    instances.repetition = count ? Repetition::Count : Repetition::ForEach;
    instances.expr = &repeat->value;
    instances.value = evaluator_.evaluate_value(repeat->value);
    const ir::Value& value = instances.value;
    auto unexpanded = [&](std::string reason) {
      InstanceKey key;
      key.reason = std::move(reason);
      instances.keys = {std::move(key)};
      return instances;
    };
    auto unknown_reason = [&] {
      const ir::Value* unknown = ir::first_unknown(value);
      return unknown ? unknown->unknown_reason() : std::string("it is unknown");
    };
    const ir::Span& span = repeat->value.span;
    if (count) {
      std::optional<double> n = to_number(value);
      if (value.is_unknown() || !n)
        return unexpanded(value.is_unknown() ? "count is unknown: " + unknown_reason()
                                             : "count is " + value.describe());
      if (*n < 0 || std::floor(*n) != *n) {
        report(span,
               "Invalid count argument: the given \"count\" argument value is unsuitable: "
               "must be a whole number greater than or equal to zero, not " +
                   value.describe());
        instances.keys.clear();
        return instances;
      }
      if (*n > static_cast<double>(most)) {
        model_.limit(span, address + " is not expanded into its " + ir::format_number(*n) +
                               " instances: " + ir::limit_reached(limit, most) +
                               "; it is analysed as one instance with an unknown count.index");
        return unexpanded(ir::limit_reached(limit, most));
      }
      size_t total = static_cast<size_t>(*n);
      instances.keys.reserve(total);
      for (size_t i = 0; i < total; ++i) {
        InstanceKey key;
        key.known = true;
        key.key = ir::Value::number(static_cast<double>(i), span, ir::Provenance::Derived);
        instances.keys.push_back(std::move(key));
      }
      return instances;
    }
    if (value.is_unknown()) return unexpanded("the for_each keys are unknown: " + unknown_reason());
    if (value.is_object()) {
      if (value.items().size() > most) {
        model_.limit(span, address + " is not expanded into its " +
                               std::to_string(value.items().size()) +
                               " instances: " + ir::limit_reached(limit, most) +
                               "; it is analysed as one instance with an unknown each.key");
        return unexpanded(ir::limit_reached(limit, most));
      }
      for (size_t i = 0; i < value.items().size(); ++i) {
        InstanceKey key;
        key.known = true;
        key.key = ir::Value::string(value.keys()[i], span, ir::Provenance::Derived);
        key.value = value.items()[i];
        instances.keys.push_back(std::move(key));
      }
      return instances;
    }
    if (value.is_list()) {
      // A set of strings (toset gives a list here); each element is its key.
      std::vector<std::string> names;
      for (const ir::Value& item : value.items()) {
        if (item.is_unknown())
          return unexpanded("the for_each keys are unknown: " + item.unknown_reason());
        std::optional<std::string> name =
            item.is_string() || item.is_number() || item.is_bool() ? to_text(item) : std::nullopt;
        if (!name)
          return unexpanded("for_each must be a map or a set of strings, not a collection of " +
                            item.describe());
        if (std::find(names.begin(), names.end(), *name) == names.end())
          names.push_back(std::move(*name));
      }
      if (names.size() > most) {
        model_.limit(span, address + " is not expanded into its " + std::to_string(names.size()) +
                               " instances: " + ir::limit_reached(limit, most) +
                               "; it is analysed as one instance with an unknown each.key");
        return unexpanded(ir::limit_reached(limit, most));
      }
      for (std::string& name : names) {
        InstanceKey key;
        key.known = true;
        key.key = ir::Value::string(name, span, ir::Provenance::Derived);
        key.value = ir::Value::string(std::move(name), span, ir::Provenance::Derived);
        instances.keys.push_back(std::move(key));
      }
      return instances;
    }
    return unexpanded("for_each must be a map or a set of strings, not " + value.describe());
  }

  void emit_resource(const Block& block, const ir::SourceFile& source) {
    std::string address = block_address(block);
    if (address.empty()) return;
    Instances instances =
        instances_of(block, address, shared_.context.limits.collection_items, "collection_items");
    evaluator_.set_given(instances.expr, instances.value);
    for (const InstanceKey& key : instances.keys) {
      evaluator_.set_repetition(instances.repetition, key);
      ir::Resource resource;
      resource.frontend = "terraform";
      resource.is_data = block.type == "data";
      resource.provider_type = block.labels[0];
      resource.name = block.labels[1];
      resource.address = address + (key.known ? instance_address(key.key) : "");
      resource.attributes = evaluate_body(block.body, block.span, BodyKind::Resource, evaluator_);
      add(std::move(resource), block, source);
    }
    evaluator_.set_repetition(Repetition::None);
    evaluator_.set_given(nullptr, {});
  }

  // A `removed` block: see removed_blocks.h. `moved` and `import` blocks
  // name addresses without referencing them: nothing to evaluate.
  void emit_removed(const Block& block, const ir::SourceFile& source) {
    std::optional<ir::Resource> removed =
        removed_resource(block, source, instance_.address_prefix, declared_, evaluator_);
    if (!removed) return;
    auto [first, unique] = shared_.addresses.emplace(removed->address, block.header_span);
    if (!unique) {
      report(block.header_span, "Duplicate removed block: " + removed->name +
                                    " was already removed at " +
                                    model_.sources.file(first->second.file).path + ":" +
                                    std::to_string(first->second.begin.line));
      return;
    }
    add(std::move(*removed), block, source);
  }

  // Fills what every resource of a block shares and adds it to the model.
  ir::ResourceId add(ir::Resource resource, const Block& block, const ir::SourceFile& source) {
    resource.file = source.id;
    resource.span = block.span;
    resource.header_span = block.header_span;
    resource.via = instance_.via;
    resource.environment =
        instance_.environment.empty() ? source.environment : instance_.environment;
    // A module's resources take their caller's environment, not its tags:
    // tags passed down as a variable reach them through their own `tags`.
    if (std::string tagged = ir::environment_from_tags(resource.attributes); !tagged.empty())
      resource.environment = tagged;
    if (instance_.installed_call.valid())
      point_at_call(resource);
    else if (!shared_.installed_files.empty())  // values from installed modules' outputs
      point_values_at_call(resource.attributes);
    return model_.add(std::move(resource));
  }

  // A resource of an installed copy: it and its values point at the call
  // that entered the copy, or at the caller's argument a value came from,
  // never inside `.terraform/` where nobody edits.
  void point_at_call(ir::Resource& resource) const {
    const ir::Span& call = instance_.installed_call;
    resource.file = call.file;
    resource.span = call;
    resource.header_span = call;
    std::vector<ir::Span> via;
    for (const ir::Span& span : resource.via)
      if (!installed(span)) via.push_back(span);
    resource.via = std::move(via);
    point_values_at_call(resource.attributes);
  }

  void point_values_at_call(ir::Value& value) const {
    if (installed(value.span())) {
      const ir::Span& origin = value.origin();
      value.set_span(origin.valid() && !installed(origin) ? origin : call_into(value.span()));
    }
    if (value.origin().valid() && installed(value.origin()))
      value.set_origin(call_into(value.origin()));
    if (std::as_const(value).items().empty()) return;
    for (ir::Value& item : value.items()) point_values_at_call(item);
  }

  // The header of the call that entered the installed copy `span` is in.
  ir::Span call_into(const ir::Span& span) const {
    auto found = shared_.installed_files.find(span.file);
    return found != shared_.installed_files.end() ? found->second : instance_.installed_call;
  }

  bool installed(const ir::Span& span) const {
    return span.file != ir::kNoFile && span.file < model_.sources.size() &&
           in_installed_copy(model_.sources.file(span.file).path);
  }

  // A module block: its instances, each a resource of type "module" holding
  // the arguments, and the resources of the module it calls.
  void emit_call(const Block& block, const ir::SourceFile& source) {
    std::string address = block_address(block);
    if (address.empty()) return;
    Call& call = calls_.at(block.labels[0]);
    if (call.block != &block) return;  // a second block of the name: reported above
    prepare(block.labels[0], call);
    const Instances& instances = call.instances;
    for (size_t i = 0; i < instances.keys.size(); ++i) {
      const InstanceKey& key = instances.keys[i];
      ModuleWalk* child =
          call.walked && i < call.children.size() ? call.children[i].get() : nullptr;
      ir::Resource resource;
      resource.frontend = "terraform";
      resource.provider_type = "module";
      resource.name = block.labels[0];
      resource.address = address + (key.known ? instance_address(key.key) : "");
      resource.attributes = call_arguments(block, instances, key, child, i == 0);
      ir::ResourceId id = add(std::move(resource), block, source);
      if (call.remote) call_remote_module(block, call.source_path, id);
      if (child) child->emit_all();
    }
  }

  // A module call's arguments as one instance passes them.
  ir::Value call_arguments(const Block& block, const Instances& instances, const InstanceKey& key,
                           ModuleWalk* child, bool first) {
    ObjectBuilder object;
    object.reserve(block.body.attributes.size());
    for (const Attribute& attribute : block.body.attributes) {
      ir::Value value;
      if (&attribute.value == instances.expr)
        value = instances.value;
      else if (attribute.name == "provider" || attribute.name == "providers")
        value = evaluator_.evaluate_instance(attribute.value, instances.repetition, key, true);
      else if (child && !is_module_meta_argument(attribute.name) &&
               child->declares_variable(attribute.name))
        value = child->argument(attribute.name);
      else
        value = evaluator_.evaluate_instance(attribute.value, instances.repetition, key);
      value.set_span(attribute.value.span);
      object.set(attribute.name, std::move(value));
    }
    if (first)
      for (const Block& inner : block.body.blocks)
        report(inner.header_span, "Unsupported block type: blocks of type \"" + inner.type +
                                      "\" are not expected in a module call");
    return object.build(block.span, ir::Provenance::Literal);
  }

  // A remote module call that `terraform init` did not install (or whose
  // installed copy is not listed): its resources cannot be read. Each
  // instance's call resource (`call_resource`) is in the model with its
  // arguments; nothing more is added here, so the call's outputs stay
  // unknown with the reason prepare() gave.
  // When blastwall's module table describes the module (registry_modules.h),
  // the resources it would create are added; otherwise a part not analysed
  // says so at the call.
  void call_remote_module(const Block& block, const std::string& source,
                          ir::ResourceId call_resource) {
    if (source.empty()) return;  // not a known string: prepare() said so
    const ir::Resource& call = model_.resources[call_resource];
    std::string environment = instance_.environment.empty()
                                  ? model_.sources.file(call.file).environment
                                  : instance_.environment;
    RemoteCall remote{block.labels[0],  source,    call.attributes,
                      call.address,     call.file, call.span,
                      call.header_span, call.via,  std::move(environment)};
    static const ModuleTable kEmpty;
    terraform::call_remote_module(remote, shared_.module_table ? *shared_.module_table : kEmpty,
                                  model_);
  }

  // Works out a module call's instances and starts a walk for each: asked
  // for by the first reference to one of its outputs or by emit_call,
  // whichever comes first.
  void prepare(const std::string& name, Call& call) {
    if (call.state != Call::State::Pending) return;
    call.state = Call::State::Preparing;
    shared_.evaluating.push_back(instance_.address_prefix + "module." + name);
    const Block& block = *call.block;
    std::string address = instance_.address_prefix + "module." + name;
    for (const Attribute& attribute : block.body.attributes) {
      if (attribute.name != "source") continue;
      ir::Value source = evaluator_.evaluate_value(attribute.value);
      if (source.is_string()) call.source_path = source.as_string();
    }
    call.environment =
        instance_.environment.empty() ? call.source->environment : instance_.environment;
    call.instances =
        instances_of(block, address, shared_.context.limits.module_instances, "module_instances");
    std::string directory = module_directory(name, call);
    if (!directory.empty() && !call.instances.keys.empty()) walk_instances(name, call, directory);
    shared_.evaluating.pop_back();
    call.state = Call::State::Ready;
  }

  // The directory a call's module is read from, "" when it is not read
  // (call.not_walked says why).
  std::string module_directory(const std::string& name, Call& call) {
    const std::string& source = call.source_path;
    std::string quoted = "module \"" + name + "\"";
    if (is_local_source(source)) return join_path(instance_.directory, source);
    std::string key = instance_.module_key.empty() ? name : instance_.module_key + "." + name;
    const InstalledModule* installed = installed_module(key);
    if (installed) return installed->directory;
    call.remote = true;
    if (source.empty())
      call.not_walked = quoted + ", whose source is not a known string, which is not analysed";
    else if (!shared_.installed_error.empty())
      call.not_walked = quoted + " (source \"" + source + "\"), whose installed copy cannot be " +
                        "read: " + shared_.installed_error;
    else
      call.not_walked = quoted + " (source \"" + source +
                        "\"), which is not installed (no .terraform/modules entry for \"" + key +
                        "\": run terraform init)";
    return "";
  }

  // `key` in the root module's .terraform/modules/modules.json, read once.
  const InstalledModule* installed_module(const std::string& key) {
    if (!shared_.installed_read) read_installed_modules();
    auto found = shared_.installed.find(key);
    return found == shared_.installed.end() ? nullptr : &found->second;
  }

  void read_installed_modules() {
    shared_.installed_read = true;
    Context& context = shared_.context;
    if (!context.load || !context.list) return;
    std::string directory = join_path(instance_.root_directory, ".terraform/modules");
    Listed listed = context.list(directory);
    if (!listed.ok() ||
        std::find(listed.names.begin(), listed.names.end(), "modules.json") == listed.names.end())
      return;
    std::string path = directory + "/modules.json";
    Loaded loaded = context.load(path);
    if (!loaded.ok()) {
      shared_.installed_error = path + ": " + loaded.error;
      return;
    }
    std::string error = parse_modules_json(model_.sources.file(loaded.file).text,
                                           instance_.root_directory, shared_.installed);
    if (!error.empty()) {
      shared_.installed.clear();
      shared_.installed_error = path + ": " + error;
      model_.diagnostics.push_back({ir::DiagnosticLevel::Warning,
                                    {},
                                    path,
                                    "installed modules are not analysed: " + error,
                                    false});
    }
  }

  // Walks (declares and binds) one instance per key of a call read from
  // `directory`.
  void walk_instances(const std::string& name, Call& call, const std::string& directory) {
    const Block& block = *call.block;
    std::string quoted = "module \"" + name + "\"";
    if (std::find(instance_.call_stack.begin(), instance_.call_stack.end(), directory) !=
        instance_.call_stack.end()) {
      report(block.header_span, quoted + " calls itself through \"" + call.source_path + "\"");
      call.not_walked = quoted + ", which calls itself, which is not analysed";
      return;
    }
    if (instance_.call_stack.size() >= kMaxModuleDepth) {
      model_.error(block.header_span, quoted + " is nested too deeply to be analysed (more than " +
                                          std::to_string(kMaxModuleDepth) +
                                          " levels); its resources are not analysed");
      call.not_walked = quoted + ", which is nested too deeply to be analysed";
      return;
    }
    const WalkContext::ModuleFiles& files = module_files(directory);
    if (!files.error.empty()) {
      std::string what = call.source_path;
      if (!files.failed_file.empty()) {
        while (what.ends_with("/")) what.pop_back();
        what += "/" + files.failed_file;
      }
      model_.error(block.header_span, quoted + ": cannot read \"" + what + "\": " + files.error +
                                          "; its resources are not analysed");
      call.not_walked = quoted + ", which cannot be read";
      return;
    }
    bool had_syntax_errors = false;
    for (const ParsedFile& file : files.files)
      had_syntax_errors = had_syntax_errors || !file.hcl->errors.empty();
    ir::Span installed_call = instance_.installed_call;
    if (!installed_call.valid() && in_installed_copy(directory)) installed_call = block.header_span;
    if (installed_call.valid())
      for (const ParsedFile& file : files.files)
        shared_.installed_files.emplace(file.source->id, installed_call);
    call.walked = true;
    uint64_t most = shared_.context.limits.module_instances;
    for (size_t i = 0; i < call.instances.keys.size(); ++i) {
      const InstanceKey& key = call.instances.keys[i];
      // Counted before the instance is walked: calls that fan out at every
      // level (12 calls, 8 levels deep) would otherwise expand without end.
      if (shared_.instances >= most) {
        model_.error(block.header_span,
                     "Too many module instances: " + quoted +
                         " is not expanded: " + ir::limit_reached("module_instances", most) +
                         "; its resources are not analysed");
        break;
      }
      ++shared_.instances;
      ModuleInstance child;
      child.directory = directory;
      child.root_directory = instance_.root_directory;
      child.address_prefix = instance_.address_prefix + "module." + name +
                             (key.known ? instance_address(key.key) : "") + ".";
      child.environment = call.environment;
      child.caller = quoted;
      child.call_stack = instance_.call_stack;
      child.call_stack.push_back(directory);
      child.via = instance_.via;
      child.via.push_back(block.header_span);
      child.module_key = instance_.module_key.empty() ? name : instance_.module_key + "." + name;
      child.installed_call = installed_call;
      auto walk =
          std::make_unique<ModuleWalk>(shared_, std::move(child), files.files, had_syntax_errors);
      walk->declare();
      walk->bind_arguments(*this, block, call.instances.repetition, key, i == 0);
      call.children.push_back(std::move(walk));
    }
  }

  // What `module.NAME…` evaluates to here; see ModuleReference.
  std::optional<ir::Value> module_reference(ModuleReference& reference, Evaluator& evaluator) {
    auto found = calls_.find(reference.name);
    if (found == calls_.end()) return std::nullopt;
    Call& call = found->second;
    std::string address = instance_.address_prefix + "module." + reference.name;
    if (call.state == Call::State::Preparing) {
      std::string name = address;
      auto start = std::find(shared_.evaluating.begin(), shared_.evaluating.end(), name);
      std::string cycle;
      for (auto it = start; it != shared_.evaluating.end(); ++it) cycle += *it + " -> ";
      cycle += name;
      evaluator.report(ir::DiagnosticLevel::Error, reference.span,
                       "Cycle: " + name + " refers to itself: " + cycle);
      return evaluator.fail(name + " is part of a cycle (" + cycle + ")", reference.span);
    }
    prepare(reference.name, call);
    auto unknown = [&](const std::string& why) {
      ir::Value value = ir::Value::unknown(reference.written + " is " + why, reference.span);
      value.add_reference(address);
      return value;
    };
    if (!call.walked) return unknown("an output of " + call.not_walked);
    const Instances& instances = call.instances;
    auto child_at = [&](size_t i) -> ModuleWalk* {
      return i < call.children.size() ? call.children[i].get() : nullptr;
    };
    auto of_child = [&](ModuleWalk* child, const std::string* output) -> ir::Value {
      if (!child)
        return unknown(
            "an output of an instance of module \"" + reference.name + "\" not expanded: " +
            ir::limit_reached("module_instances", shared_.context.limits.module_instances));
      if (output) return child->output(*output, reference, evaluator);
      return child->outputs(reference.span);
    };
    if (instances.repetition == Repetition::None) {
      // `module.db.endpoint`, `module.db["endpoint"]`, `module.db`.
      if (reference.key || !reference.output) return of_child(child_at(0), nullptr);
      reference.used = 1;
      return of_child(child_at(0), reference.output);
    }
    if (!instances.expanded()) {
      // One instance stands for all: its outputs are what any key gives.
      if (!reference.key)
        return unknown("a module call whose instances are not known (" + instances.keys[0].reason +
                       ")");
      reference.used = reference.output ? 2 : 1;
      return of_child(child_at(0), reference.output);
    }
    if (!reference.key) {
      if (reference.output) {
        reference.used = 1;
        return evaluator.fail(
            "module \"" + reference.name + "\" has " +
                (instances.repetition == Repetition::Count ? "count" : "for_each") + ": " +
                reference.written + " must name an instance",
            reference.span);
      }
      // The whole call: a list by count.index, an object by each.key.
      if (instances.repetition == Repetition::Count) {
        std::vector<ir::Value> items;
        items.reserve(instances.keys.size());
        for (size_t i = 0; i < instances.keys.size(); ++i)
          items.push_back(of_child(child_at(i), nullptr));
        return ir::Value::list(std::move(items), reference.span, ir::Provenance::Derived);
      }
      ir::Value object = ir::Value::object(reference.span, ir::Provenance::Derived);
      object.reserve(instances.keys.size());
      for (size_t i = 0; i < instances.keys.size(); ++i)
        object.set(instances.keys[i].key.as_string(), of_child(child_at(i), nullptr));
      return object;
    }
    reference.used = reference.output ? 2 : 1;
    const ir::Value& key = *reference.key;
    if (key.is_unknown()) {
      ir::Value value =
          unknown("one instance of module \"" + reference.name + "\", which one being unknown: " +
                  (ir::first_unknown(key) ? ir::first_unknown(key)->unknown_reason() : ""));
      add_deep_references(value, key);
      return value;
    }
    for (size_t i = 0; i < instances.keys.size(); ++i) {
      const ir::Value& candidate = instances.keys[i].key;
      bool same = instances.repetition == Repetition::Count
                      ? key.is_number() && key.as_number() == candidate.as_number()
                      : to_text(key) && *to_text(key) == candidate.as_string();
      if (same) return of_child(child_at(i), reference.output);
    }
    return evaluator.fail("module \"" + reference.name + "\" has no instance " + key.describe(),
                          reference.span);
  }

  // The parsed .tf files of a module directory, read once per analysis.
  const WalkContext::ModuleFiles& module_files(const std::string& directory) {
    auto found = shared_.modules.find(directory);
    if (found != shared_.modules.end()) return *found->second;
    auto files = std::make_unique<WalkContext::ModuleFiles>();
    Context& context = shared_.context;
    std::vector<ir::FileId> ids;
    if (!context.list || !context.load) {
      files->error = "local modules cannot be read here";
    } else if (Listed listed = context.list(directory); !listed.ok()) {
      files->error = listed.error;
    } else {
      for (const std::string& entry : listed.names) {
        if (!std::string_view(entry).ends_with(".tf") && !is_json_configuration(entry)) continue;
        Loaded loaded = context.load(directory == "." ? entry : directory + "/" + entry);
        if (!loaded.ok()) {
          files->failed_file = entry;
          files->error = loaded.error.empty() ? "it cannot be read" : loaded.error;
          break;
        }
        ids.push_back(loaded.file);
      }
      if (files->error.empty() && ids.empty()) files->error = "it holds no .tf files";
    }
    if (files->error.empty()) files->files = parse_files(ids, shared_);
    return *shared_.modules.emplace(directory, std::move(files)).first->second;
  }

  // An error Terraform would refuse the configuration for: unanalyzable.
  void report(const ir::Span& span, std::string message) { model_.error(span, std::move(message)); }

  WalkContext& shared_;
  ir::Model& model_;
  const ModuleInstance instance_;
  const std::vector<ParsedFile> files_;  // override files merged in
  ModuleScope scope_;
  std::unordered_set<std::string> declared_;
  Evaluator evaluator_;
  std::map<std::string, Call> calls_;
};

}  // namespace

bool in_installed_copy(std::string_view path) {
  return path == ".terraform" || path.starts_with(".terraform/") ||
         path.find("/.terraform/") != std::string_view::npos || path.ends_with("/.terraform");
}

std::vector<ParsedFile> parse_files(const std::vector<ir::FileId>& ids, WalkContext& shared) {
  ir::Model& model = shared.context.model;
  std::vector<ParsedFile> files;
  files.reserve(ids.size());
  for (ir::FileId id : ids) {
    if (id >= model.sources.size()) continue;
    ParsedFile file;
    file.source = &model.sources.file(id);
    file.is_tfvars = std::string_view(file.source->path).ends_with(".tfvars");
    std::shared_ptr<const HclFile>& cached = shared.cache[id];
    if (!cached) {
      ir::PhaseTimer timer(shared.context.timings, ir::Phase::Parse);
      cached = std::make_shared<const HclFile>(
          is_json_configuration(file.source->path)
              ? parse_json_configuration(*file.source, shared.parser,
                                         shared.context.limits.collection_items)
              : shared.parser.parse(*file.source));
    }
    file.hcl = cached;
    // Reported by every unit that reads the file: the engine merges repeats.
    for (const SyntaxError& error : file.hcl->errors)
      model.error(error.span, "syntax error: " + error.message);
    files.push_back(std::move(file));
  }
  return files;
}

void walk_module(const std::vector<ParsedFile>& files, const ModuleInstance& instance,
                 const std::vector<std::pair<std::string, ir::Value>>& values,
                 WalkContext& shared) {
  bool had_syntax_errors = false;
  for (const ParsedFile& file : files)
    had_syntax_errors = had_syntax_errors || !file.hcl->errors.empty();
  ModuleInstance normalized = instance;
  normalized.directory = join_path(instance.directory, ".");
  normalized.root_directory = instance.root_directory.empty()
                                  ? normalized.directory
                                  : join_path(instance.root_directory, ".");
  for (std::string& directory : normalized.call_stack) directory = join_path(directory, ".");
  ir::Model& model = shared.context.model;
  size_t first = model.diagnostics.size();
  ModuleWalk(shared, std::move(normalized), files, had_syntax_errors).run(values);
  // The instances of a repeated block, or a module called several times,
  // meet one mistake once each: it is reported once.
  std::set<std::tuple<ir::DiagnosticLevel, ir::FileId, uint32_t, uint32_t, std::string>> seen;
  size_t kept = first;
  for (size_t i = first; i < model.diagnostics.size(); ++i) {
    ir::Diagnostic& diagnostic = model.diagnostics[i];
    if (!seen.emplace(diagnostic.level, diagnostic.span.file, diagnostic.span.begin.offset,
                      diagnostic.span.end.offset, diagnostic.message + "\n" + diagnostic.path)
             .second)
      continue;
    if (kept != i) model.diagnostics[kept] = std::move(diagnostic);
    ++kept;
  }
  model.diagnostics.resize(kept);
  if (shared.installed_files.empty()) return;
  // What is wrong inside an installed copy is reported at the call that
  // entered it, naming the installed file: "Summary (in FILE:LINE): detail".
  for (size_t i = first; i < model.diagnostics.size(); ++i) {
    ir::Diagnostic& diagnostic = model.diagnostics[i];
    auto found = shared.installed_files.find(diagnostic.span.file);
    if (found == shared.installed_files.end()) continue;
    std::string where = " (in " + model.sources.file(diagnostic.span.file).path + ":" +
                        std::to_string(diagnostic.span.begin.line) + ")";
    size_t colon = diagnostic.message.find(": ");
    diagnostic.message.insert(colon == std::string::npos ? diagnostic.message.size() : colon,
                              where);
    diagnostic.span = found->second;
  }
}

}  // namespace bw::frontends::terraform
