#include "frontends/terraform/module_walk.h"

#include <algorithm>
#include <unordered_set>

#include "frontends/terraform/block_values.h"
#include "frontends/terraform/evaluator.h"
#include "frontends/terraform/module_calls.h"
#include "frontends/terraform/module_scope.h"
#include "ir/environment.h"

namespace bw::frontends::terraform {

namespace {

std::string_view base_name(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The environment a resource's own tags name (`Environment = "prod"`): the
// first of the usual tag keys that is a known string decides.
std::string environment_from_tags(const ir::Value& attributes) {
  const ir::Value* tags = attributes.get("tags");
  if (!tags || !tags->is_object()) return "";
  for (const char* key : {"Environment", "environment", "Env", "env", "Stage", "stage"}) {
    const ir::Value* tag = tags->get(key);
    if (tag && tag->is_string()) return ir::environment_from_word(tag->as_string());
  }
  return "";
}

// Arguments of a module block that are Terraform's, not the module's variables.
bool is_module_meta_argument(const std::string& name) {
  static const std::unordered_set<std::string> kMeta = {
      "source", "version", "count", "for_each", "providers", "depends_on", "provider"};
  return kMeta.count(name) != 0;
}

// The walk over one module instance; see module_walk.h.
class ModuleWalk {
 public:
  ModuleWalk(WalkContext& shared, const ModuleInstance& instance, bool had_syntax_errors)
      : shared_(shared),
        model_(shared.context.model),
        instance_(instance),
        scope_(model_, relative_path(instance.root_directory, instance.directory), instance.caller),
        evaluator_(model_, &scope_, shared.context.limits) {
    // What is declared in a file with a syntax error, or in a `.tf.json`
    // file (not read), is not known: undeclared names are not reported.
    evaluator_.set_lenient(had_syntax_errors || has_json_configuration(instance.directory));
    evaluator_.set_address_prefix(instance.address_prefix);
    evaluator_.set_unit_steps(&shared.steps);
    evaluator_.set_declared(&declared_);
  }

  void run(const std::vector<ParsedFile>& files,
           const std::vector<std::pair<std::string, ir::Value>>& values) {
    for (const ParsedFile& file : files) {
      if (file.is_tfvars) continue;
      for (const Block& block : file.hcl->body.blocks) {
        // An override file changes what the others declare (Terraform merges
        // it in): it declares nothing twice. Its changes are not applied.
        if (block.type == "variable" && !is_override(file))
          scope_.declare_variable(block);
        else if (block.type == "locals" && !is_override(file))
          scope_.declare_locals(block);
        declare(block);
        if (block.type == "check")  // its scoped data sources
          for (const Block& inner : block.body.blocks) declare(inner);
      }
    }
    if (instance_.caller.empty()) apply_tfvars(files);
    for (const auto& [name, value] : values) {
      if (!scope_.set_variable_value(name, value))
        report(value.span(), "Unsupported argument: an argument named \"" + name +
                                 "\" is not expected here (" + instance_.caller +
                                 " declares no such variable)");
    }
    if (!instance_.caller.empty() && !instance_.via.empty() && !evaluator_.lenient())
      for (const std::string& name : scope_.variables_without_value())
        report(instance_.via.back(), "Missing required argument: the argument \"" + name +
                                         "\" is required, but no definition was found");
    for (const ParsedFile& file : files) {
      if (file.is_tfvars || is_override(file)) continue;
      for (const Block& block : file.hcl->body.blocks) {
        if (block.type == "resource" || block.type == "data" || block.type == "module") {
          emit(block, *file.source);
        } else if (block.type == "output") {
          // Not part of the model, but evaluating reports what is wrong in it.
          for (const Attribute& attribute : block.body.attributes)
            evaluator_.evaluate_value(attribute.value);
        }
      }
    }
  }

 private:
  // `override.tf`, `*_override.tf`: merged into the blocks they name.
  static bool is_override(const ParsedFile& file) {
    std::string_view name = base_name(file.source->path);
    return name == "override.tf" || name.ends_with("_override.tf");
  }

  bool has_json_configuration(const std::string& directory) const {
    Context& context = shared_.context;
    if (!context.list) return false;
    Listed listed = context.list(directory);
    return std::any_of(listed.names.begin(), listed.names.end(), [](const std::string& name) {
      return std::string_view(name).ends_with(".tf.json");
    });
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

  // terraform.tfvars, then *.auto.tfvars in name order; a later file wins.
  // Other tfvars files are only given with -var-file, so they are not applied.
  void apply_tfvars(const std::vector<ParsedFile>& files) {
    std::vector<const ParsedFile*> applied;
    for (const ParsedFile& file : files)
      if (file.is_tfvars && base_name(file.source->path) == "terraform.tfvars")
        applied.push_back(&file);
    std::vector<const ParsedFile*> automatic;
    for (const ParsedFile& file : files)
      if (file.is_tfvars && std::string_view(file.source->path).ends_with(".auto.tfvars"))
        automatic.push_back(&file);
    std::stable_sort(automatic.begin(), automatic.end(),
                     [](const ParsedFile* a, const ParsedFile* b) {
                       return base_name(a->source->path) < base_name(b->source->path);
                     });
    applied.insert(applied.end(), automatic.begin(), automatic.end());
    for (const ParsedFile* file : applied)
      for (const Attribute& attribute : file->hcl->body.attributes)
        if (!scope_.set_variable_value(attribute))
          model_.diagnostics.push_back({ir::DiagnosticLevel::Warning, attribute.name_span, "",
                                        "value for undeclared variable \"" + attribute.name + "\"",
                                        false});
  }

  void emit(const Block& block, const ir::SourceFile& source) {
    bool is_module = block.type == "module";
    bool is_data = block.type == "data";
    size_t labels = is_module ? 1 : 2;
    if (block.labels.size() != labels) {
      report(block.header_span, "Missing name for " + block.type + ": all " + block.type +
                                    " blocks must have " +
                                    (is_module ? "1 labels (name)" : "2 labels (type, name)"));
      return;
    }
    ir::Resource resource;
    resource.frontend = "terraform";
    resource.is_data = is_data;
    if (is_module) {
      resource.provider_type = "module";
      resource.name = block.labels[0];
      resource.address = instance_.address_prefix + "module." + resource.name;
    } else {
      resource.provider_type = block.labels[0];
      resource.name = block.labels[1];
      resource.address = instance_.address_prefix + (is_data ? "data." : "") +
                         resource.provider_type + "." + resource.name;
    }
    auto [first, unique] = shared_.addresses.emplace(resource.address, block.header_span);
    if (!unique) {
      const ir::Span& earlier = first->second;
      report(block.header_span, "Duplicate " + block.type + " configuration: \"" +
                                    resource.address + "\" was already declared at " +
                                    model_.sources.file(earlier.file).path + ":" +
                                    std::to_string(earlier.begin.line));
      return;
    }

    Repetition repetition = Repetition::None;
    for (const Attribute& attribute : block.body.attributes) {
      if (attribute.name == "count") repetition = Repetition::Count;
      if (attribute.name == "for_each" && repetition == Repetition::None)
        repetition = Repetition::ForEach;
    }
    evaluator_.set_repetition(repetition);
    resource.attributes = evaluate_body(
        block.body, block.span, is_module ? BodyKind::Module : BodyKind::Resource, evaluator_);
    evaluator_.set_repetition(Repetition::None);
    if (has_no_instances(resource.attributes)) return;

    resource.file = source.id;
    resource.span = block.span;
    resource.header_span = block.header_span;
    resource.via = instance_.via;
    resource.environment =
        instance_.environment.empty() ? source.environment : instance_.environment;
    // A module's resources take their caller's environment, not its tags:
    // tags passed down as a variable reach them through their own `tags`.
    std::string environment = resource.environment;
    if (std::string tagged = environment_from_tags(resource.attributes); !tagged.empty())
      resource.environment = tagged;
    std::vector<std::pair<std::string, ir::Value>> arguments;
    if (is_module) {
      for (size_t i = 0; i < resource.attributes.keys().size(); ++i)
        if (!is_module_meta_argument(resource.attributes.keys()[i]))
          arguments.emplace_back(resource.attributes.keys()[i], resource.attributes.items()[i]);
    }
    const ir::Value* module_source = resource.attributes.get("source");
    std::string source_path =
        module_source && module_source->is_string() ? module_source->as_string() : "";
    std::string name = resource.name;
    model_.add(std::move(resource));
    if (is_module && is_local_source(source_path))
      call_local_module(name, source_path, block, environment, arguments);
    else if (is_module && !source_path.empty())
      call_remote(name, source_path, block, source.id, environment);
  }

  // A registry or git module: what the module table says it creates, or a
  // part not analysed (registry_modules.h).
  void call_remote(const std::string& name, const std::string& source_path, const Block& block,
                   ir::FileId file, const std::string& environment) {
    RemoteCall remote{name,
                      source_path,
                      model_.resources.back().attributes,
                      instance_.address_prefix,
                      file,
                      block.span,
                      block.header_span,
                      instance_.via,
                      environment};
    static const ModuleTable kEmpty;
    call_remote_module(remote, shared_.module_table ? *shared_.module_table : kEmpty, model_);
  }

  void call_local_module(const std::string& name, const std::string& source_path,
                         const Block& block, const std::string& environment,
                         const std::vector<std::pair<std::string, ir::Value>>& arguments) {
    std::string directory = join_path(instance_.directory, source_path);
    if (std::find(instance_.call_stack.begin(), instance_.call_stack.end(), directory) !=
        instance_.call_stack.end()) {
      report(block.header_span,
             "module \"" + name + "\" calls itself through \"" + source_path + "\"");
      return;
    }
    if (instance_.call_stack.size() >= kMaxModuleDepth) {
      model_.error(block.header_span, "module \"" + name +
                                          "\" is nested too deeply to be analysed (more than " +
                                          std::to_string(kMaxModuleDepth) +
                                          " levels); its resources are not analysed");
      return;
    }
    // Counted before the instance is walked: calls that fan out at every
    // level (12 calls, 8 levels deep) would otherwise expand without end.
    uint64_t most = shared_.context.limits.module_instances;
    if (shared_.instances >= most) {
      model_.error(block.header_span,
                   "Too many module instances: module \"" + name +
                       "\" is not expanded: " + ir::limit_reached("module_instances", most) +
                       "; its resources are not analysed");
      return;
    }
    ++shared_.instances;
    const WalkContext::ModuleFiles& files = module_files(directory);
    if (!files.error.empty()) {
      std::string what = source_path;
      if (!files.failed_file.empty()) {
        while (what.ends_with("/")) what.pop_back();
        what += "/" + files.failed_file;
      }
      model_.error(block.header_span, "module \"" + name + "\": cannot read \"" + what + "\": " +
                                          files.error + "; its resources are not analysed");
      return;
    }
    bool had_syntax_errors = false;
    for (const ParsedFile& file : files.files)
      had_syntax_errors = had_syntax_errors || !file.hcl->errors.empty();
    ModuleInstance child;
    child.directory = directory;
    child.root_directory = instance_.root_directory;
    child.address_prefix = instance_.address_prefix + "module." + name + ".";
    child.environment = environment;
    child.caller = "module \"" + name + "\"";
    child.call_stack = instance_.call_stack;
    child.call_stack.push_back(directory);
    child.via = instance_.via;
    child.via.push_back(block.header_span);
    ModuleWalk(shared_, child, had_syntax_errors).run(files.files, arguments);
  }

  // The parsed .tf files of a local module directory, read once per analysis.
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
        if (!std::string_view(entry).ends_with(".tf")) continue;
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

  // `count = 0` or `for_each` over an empty collection: nothing is created.
  static bool has_no_instances(const ir::Value& attributes) {
    if (const ir::Value* count = attributes.get("count"))
      if (count->is_number() && count->as_number() == 0) return true;
    if (const ir::Value* for_each = attributes.get("for_each"))
      if ((for_each->is_list() || for_each->is_object()) && for_each->items().empty()) return true;
    return false;
  }

  // An error Terraform would refuse the configuration for: unanalyzable.
  void report(const ir::Span& span, std::string message) { model_.error(span, std::move(message)); }

  WalkContext& shared_;
  ir::Model& model_;
  const ModuleInstance& instance_;
  ModuleScope scope_;
  std::unordered_set<std::string> declared_;
  Evaluator evaluator_;
};

}  // namespace

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
      cached = std::make_shared<const HclFile>(shared.parser.parse(*file.source));
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
  ModuleWalk(shared, normalized, had_syntax_errors).run(files, values);
}

}  // namespace bw::frontends::terraform
