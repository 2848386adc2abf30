#include "frontends/terraform/variable_settings.h"

#include <algorithm>

#include "frontends/terraform/module_calls.h"
#include "ir/environment.h"

namespace bw::frontends::terraform {

namespace {

// `path` is `directory` or lies below it; "." (or "") holds everything.
bool within(const std::string& path, const std::string& directory) {
  if (directory.empty() || directory == ".") return true;
  return path == directory || (path.size() > directory.size() && path.starts_with(directory) &&
                               path[directory.size()] == '/');
}

// `path` written in the configuration, relative to its directory, as a
// root-relative one; "" when it leads outside the root.
std::string from_configuration(const std::string& directory, const std::string& path) {
  if (path.empty() || path.front() == '/') return "";
  std::string joined = join_path(directory, path);
  if (joined == ".." || joined.starts_with("../")) return "";
  return joined;
}

class SectionReader {
 public:
  SectionReader(const Settings& settings, VariableSettings& out, std::vector<SettingError>& errors)
      : settings_(settings), out_(out), errors_(errors) {}

  void read(const YAML::Node& section) {
    if (!section.IsMap()) {
      error(section,
            "'terraform' maps settings of the Terraform frontend (such as "
            "'environments:') to their values");
      return;
    }
    for (const auto& entry : section) {
      std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (key == "environments")
        read_environments(entry.second);
      else
        error(entry.first, "unknown key '" + key +
                               "' in 'terraform'; the Terraform frontend takes 'environments'");
    }
  }

 private:
  void read_environments(const YAML::Node& environments) {
    if (!environments.IsMap()) {
      error(environments,
            "'terraform.environments' maps an environment's name to its variable files, like "
            "'production: {var-files: [envs/prod.tfvars]}'");
      return;
    }
    for (const auto& entry : environments) {
      EnvironmentSettings environment;
      environment.name = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (environment.name.empty()) {
        error(entry.first, "an environment's name must be a word, like 'production'");
        continue;
      }
      environment.environment = ir::environment_from_word(environment.name);
      if (environment.environment.empty()) environment.environment = environment.name;
      if (read_environment(entry.first, entry.second, environment))
        out_.environments.push_back(std::move(environment));
    }
  }

  bool read_environment(const YAML::Node& name, const YAML::Node& body,
                        EnvironmentSettings& environment) {
    std::string what = "environment '" + environment.name + "'";
    if (!body.IsMap()) {
      error(body, what + " maps 'var-files' (and optionally 'root') to their values");
      return false;
    }
    size_t before = errors_.size();
    bool has_files = false;
    for (const auto& entry : body) {
      std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (key == "var-files") {
        has_files = true;
        for (const auto& [path, node] : strings(entry.second, what + "'s 'var-files'"))
          if (std::string file = checked(node, path, "file", what + "'s variable file");
              !file.empty())
            environment.var_files.push_back(file);
        if (entry.second.IsSequence() && entry.second.size() == 0)
          error(entry.second, what + "'s 'var-files' is empty: name at least one file");
      } else if (key == "root") {
        for (const auto& [path, node] : strings(entry.second, what + "'s 'root'"))
          if (std::string root = checked(node, path, "directory", what + "'s root"); !root.empty())
            environment.roots.push_back(root);
      } else {
        error(entry.first, "unknown key '" + key + "' in " + what +
                               "; an environment takes 'var-files' and 'root'");
      }
    }
    if (!has_files) error(name, what + " names no 'var-files'");
    return errors_.size() == before;
  }

  // A string, or a list of strings, with their nodes.
  std::vector<std::pair<std::string, YAML::Node>> strings(const YAML::Node& node,
                                                          const std::string& what) {
    std::vector<std::pair<std::string, YAML::Node>> out;
    if (node.IsScalar()) {
      out.emplace_back(node.Scalar(), node);
    } else if (node.IsSequence()) {
      for (const auto& item : node)
        if (item.IsScalar())
          out.emplace_back(item.Scalar(), item);
        else
          error(item, what + " must list paths");
    } else {
      error(node, what + " must be a path or a list of paths");
    }
    return out;
  }

  // The root-relative path of `path` (relative to the configuration's
  // directory) when it lies inside the root and is a `type`; else "" and an error.
  std::string checked(const YAML::Node& node, const std::string& path, const std::string& type,
                      const std::string& what) {
    std::string relative = from_configuration(out_.config_directory, path);
    if (relative.empty()) {
      error(node, what + " '" + path +
                      "' lies outside the repository root; blastwall reads nothing there");
      return "";
    }
    std::string found =
        settings_.type_of ? settings_.type_of(relative == "." ? "" : relative) : std::string(type);
    if (found != type) {
      error(node, what + " '" + path + "' " +
                      (found.empty() ? "does not exist"
                                     : "is not a " + type + " (it is a " + found + ")") +
                      " (paths are relative to the configuration's directory)");
      return "";
    }
    if (type == "file" && path.ends_with(".json")) {
      error(node, what + " '" + path +
                      "' is a JSON variables file, which blastwall does not read yet; write it "
                      "in HCL (.tfvars)");
      return "";
    }
    return relative;
  }

  void error(const YAML::Node& node, std::string message) {
    YAML::Mark mark = node.Mark();
    errors_.push_back({true, mark.line < 0 ? 0 : mark.line + 1, mark.line < 0 ? 0 : mark.column + 1,
                       std::move(message)});
  }

  const Settings& settings_;
  VariableSettings& out_;
  std::vector<SettingError>& errors_;
};

void read_command_line(const Settings& settings, VariableSettings& out,
                       std::vector<SettingError>& errors) {
  for (const auto& [option, value] : settings.arguments) {
    if (option == "var") {
      if (split_variable(value).first.empty()) {
        errors.push_back(
            {false, 0, 0,
             "--var " + value +
                 ": the given --var option is not correctly specified: it must be a variable "
                 "name and value separated by an equals sign, like --var \"key=value\""});
        continue;
      }
      out.command_line.emplace_back(option, value);
    } else if (option == "var-file") {
      std::optional<std::string> relative =
          settings.from_user ? settings.from_user(value) : std::optional<std::string>(value);
      if (!relative) {
        errors.push_back({false, 0, 0,
                          "--var-file " + value +
                              ": lies outside the repository root; blastwall reads nothing "
                              "there (choose a root that holds it with --root)"});
        continue;
      }
      std::string type = settings.type_of ? settings.type_of(*relative) : "file";
      if (type.empty()) {
        errors.push_back({false, 0, 0,
                          "--var-file " + value + ": Failed to read variables file: Given " +
                              "variables file " + value + " does not exist"});
        continue;
      }
      if (type != "file") {
        errors.push_back({false, 0, 0,
                          "--var-file " + value + ": Failed to read variables file: " + value +
                              " is not a file (it is a " + type + ")"});
        continue;
      }
      if (value.ends_with(".json")) {
        errors.push_back(
            {false, 0, 0,
             "--var-file " + value + ": a JSON variables file, which blastwall does not read yet"});
        continue;
      }
      out.command_line.emplace_back(option, *relative);
    } else {
      errors.push_back(
          {false, 0, 0, "--" + option + " is not an option of the terraform frontend"});
    }
  }
}

std::string quoted_list(const std::vector<std::string>& paths) {
  std::string out;
  for (const std::string& path : paths)
    out += (out.empty() ? "'" : ", '") + (path.empty() ? std::string(".") : path) + "'";
  return out;
}

}  // namespace

std::pair<std::string, std::string> split_variable(const std::string& assignment) {
  size_t equals = assignment.find('=');
  if (equals == std::string::npos) return {"", ""};
  return {assignment.substr(0, equals), assignment.substr(equals + 1)};
}

bool read_variable_settings(const Settings& settings, VariableSettings& out,
                            std::vector<SettingError>& errors) {
  size_t before = errors.size();
  out = VariableSettings();
  out.config_directory =
      join_path(settings.config_directory.empty() ? "." : settings.config_directory, ".");
  out.config_path = settings.config_path;
  out.named = settings.named;
  for (const std::string& named : settings.named)
    if (!named.empty() && settings.type_of && settings.type_of(named) == "file")
      out.named_files.push_back(named);
  if (settings.section.IsDefined() && !settings.section.IsNull())
    SectionReader(settings, out, errors).read(settings.section);
  read_command_line(settings, out, errors);
  return errors.size() == before;
}

std::vector<Unit> plan_instances(std::vector<Unit> roots, const std::vector<bool>& modules,
                                 const VariableSettings& settings,
                                 std::vector<std::string>& unused) {
  auto in_named = [&](const std::string& directory) {
    for (const std::string& named : settings.named)
      if (within(directory, named.empty() ? "." : named)) return true;
    for (const std::string& file : settings.named_files)
      if (parent_directory(file) == directory) return true;
    return false;
  };
  bool command_line_used = false;
  std::vector<bool> environment_used(settings.environments.size(), false);
  std::vector<Unit> instances;
  for (size_t r = 0; r < roots.size(); ++r) {
    Unit& root = roots[r];
    if (r < modules.size() && !modules[r]) {
      instances.push_back(std::move(root));
      continue;
    }
    std::vector<std::pair<std::string, std::string>> command_line;
    if (!settings.command_line.empty() && in_named(root.directory)) {
      command_line = settings.command_line;
      command_line_used = true;
    }
    bool split = false;
    for (size_t i = 0; i < settings.environments.size(); ++i) {
      const EnvironmentSettings& environment = settings.environments[i];
      bool applies = environment.roots.empty()
                         ? within(root.directory, settings.config_directory)
                         : std::find(environment.roots.begin(), environment.roots.end(),
                                     root.directory) != environment.roots.end();
      if (!applies) continue;
      environment_used[i] = true;
      split = true;
      Unit instance = root;
      instance.instance = root.instance + " [" + environment.name + "]";
      instance.environment = environment.environment;
      for (const std::string& file : environment.var_files)
        instance.inputs.emplace_back("var-file", file);
      instance.inputs.insert(instance.inputs.end(), command_line.begin(), command_line.end());
      instances.push_back(std::move(instance));
    }
    if (split) continue;
    root.inputs = std::move(command_line);
    instances.push_back(std::move(root));
  }
  if (!settings.command_line.empty() && !command_line_used)
    unused.push_back("--var-file and --var apply to the root modules in the named paths, and " +
                     quoted_list(settings.named) +
                     " holds none: name a root module's directory (or one of its files)");
  for (size_t i = 0; i < settings.environments.size(); ++i) {
    if (environment_used[i]) continue;
    const EnvironmentSettings& environment = settings.environments[i];
    unused.push_back(settings.config_path + ": environment '" + environment.name + "': " +
                     (environment.roots.empty()
                          ? "no root module lies at or below the configuration's directory"
                          : quoted_list(environment.roots) + " holds no root module") +
                     "; its variable files were not applied");
  }
  return instances;
}

}  // namespace bw::frontends::terraform
