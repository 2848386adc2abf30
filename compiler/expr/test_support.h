#pragma once
// Test fixtures for the rule language: a small kinds schema and a model built
// by hand, with helpers to compile and evaluate in one call.

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/expr/expr.h"
#include "ir/model.h"

namespace bw::compiler::testing {

inline constexpr Truth T = Truth::True;
inline constexpr Truth F = Truth::False;
inline constexpr Truth U = Truth::Unknown;

// database, launch-template, autoscaling-group and volume, with the property
// types the tests need (autoscaling-group's backup_retention_days is a string
// on purpose: kinds that disagree make a property Any); legacy-database,
// whose engine is typed any; and policy, whose statements declare their
// fields.
class TestSchema : public KindSchema {
 public:
  TestSchema() {
    auto t = [](ExprType type) { return PropertyType::of(type); };
    auto list_of = [](ExprType element) {
      return PropertyType::list_of(PropertyType::of(element));
    };
    kinds_["database"] = {
        {"deletion_protection", t(ExprType::Bool)},
        {"backup_retention_days", t(ExprType::Number)},
        {"engine", t(ExprType::String)},
        {"endpoint", t(ExprType::String)},
        {"tags", t(ExprType::Object)},
        {"tags_values", list_of(ExprType::String)},
        {"block_devices", list_of(ExprType::Object)},
        {"prevent_destroy", t(ExprType::Bool)},
        {"settings", t(ExprType::Any)},
    };
    kinds_["legacy-database"] = {
        {"engine", t(ExprType::Any)},
        {"deletion_protection", t(ExprType::Bool)},
    };
    kinds_["launch-template"] = {
        {"block_devices", list_of(ExprType::Object)},
        {"containers", list_of(ExprType::String)},
        {"encrypted", t(ExprType::Bool)},
    };
    kinds_["autoscaling-group"] = {
        {"deletion_protection", t(ExprType::Bool)},
        {"min_size", t(ExprType::Number)},
        {"backup_retention_days", t(ExprType::String)},
    };
    kinds_["volume"] = {{"size_gb", t(ExprType::Number)}};
    PropertyType statement = t(ExprType::Object);
    statement.fields = {
        {"Effect", std::make_shared<const PropertyType>(t(ExprType::String)), "Allow or Deny"},
        {"Action", nullptr, "a string or a list of strings"},
        {"Principal", std::make_shared<const PropertyType>(t(ExprType::Object)), ""},
    };
    PropertyType document = t(ExprType::Object);
    document.fields = {
        {"Version", std::make_shared<const PropertyType>(t(ExprType::String)), ""},
        {"Statement", std::make_shared<const PropertyType>(PropertyType::list_of(statement)), ""},
    };
    kinds_["policy"] = {
        {"statements", PropertyType::list_of(statement)},
        {"document", document},
        {"cidr_blocks", list_of(ExprType::String)},
    };
  }

  bool has_kind(std::string_view kind) const override { return kinds_.count(std::string(kind)); }
  std::optional<PropertyType> property(std::string_view kind,
                                       std::string_view name) const override {
    auto it = kinds_.find(std::string(kind));
    if (it == kinds_.end()) return std::nullopt;
    for (const auto& [property, type] : it->second)
      if (property == name) return type;
    return std::nullopt;
  }
  std::vector<std::string> property_names(std::string_view kind) const override {
    std::vector<std::string> names;
    auto it = kinds_.find(std::string(kind));
    if (it != kinds_.end())
      for (const auto& entry : it->second) names.push_back(entry.first);
    return names;
  }
  std::vector<std::string> kind_names() const override {
    std::vector<std::string> names;
    for (const auto& entry : kinds_) names.push_back(entry.first);
    return names;
  }

 private:
  std::map<std::string, std::vector<std::pair<std::string, PropertyType>>> kinds_;
};

// Builds an object value from (key, value) pairs.
inline ir::Value object(std::vector<std::pair<std::string, ir::Value>> members,
                        ir::Provenance provenance = ir::Provenance::Literal) {
  ir::Value o = ir::Value::object({}, provenance);
  for (auto& [key, value] : members) o.set(key, std::move(value));
  return o;
}

inline ir::Value list(std::vector<ir::Value> items) {
  return ir::Value::list(std::move(items));
}
inline ir::Value str(std::string s) {
  return ir::Value::string(std::move(s));
}
inline ir::Value num(double n) {
  return ir::Value::number(n);
}
inline ir::Value boolean(bool b) {
  return ir::Value::boolean(b);
}
inline ir::Value unknown(std::string reason = "computed") {
  return ir::Value::unknown(std::move(reason));
}
inline ir::Value one_of(std::vector<ir::Value> alternatives, std::string reason = "condition") {
  return ir::Value::one_of(std::move(alternatives), std::move(reason));
}
// A partial string from known texts and unknown parts (written as nullopt).
inline ir::Value partial(std::vector<std::optional<std::string>> parts,
                         std::string reason = "variable has no value") {
  std::vector<ir::Value> values;
  for (auto& part : parts)
    values.push_back(part ? ir::Value::string(std::move(*part)) : ir::Value::unknown(reason));
  return ir::Value::partial_string(std::move(values), std::move(reason));
}

// A model built by hand, and the schema and globals to compile against.
struct Fixture {
  TestSchema schema;
  Globals globals;
  ir::Model model;

  ir::ResourceId add(std::string kind, std::string address, ir::Value properties = object({})) {
    ir::Resource resource;
    resource.kind = std::move(kind);
    resource.address = std::move(address);
    resource.name = resource.address.substr(resource.address.rfind('.') + 1);
    resource.provider_type = resource.address.substr(0, resource.address.find('.'));
    resource.frontend = "terraform";
    resource.properties = std::move(properties);
    return model.add(std::move(resource));
  }

  void connect(ir::ResourceId from, ir::ResourceId to, std::string relation = "references") {
    model.edges.push_back({from, to, std::move(relation), {}});
    size_t index = model.edges.size() - 1;
    model.resources[from].edges.push_back(index);
    if (to != from) model.resources[to].edges.push_back(index);
  }

  std::vector<ExprError> errors(std::string_view text,
                                const std::vector<std::string>& kinds = {"database"}) const {
    std::vector<ExprError> errors;
    ExpressionPtr expression = compile_expression(text, kinds, schema, errors);
    CHECK((expression == nullptr) == !errors.empty());
    return errors;
  }

  ExpressionPtr compile(std::string_view text,
                        const std::vector<std::string>& kinds = {"database"}) const {
    std::vector<ExprError> errors;
    ExpressionPtr expression = compile_expression(text, kinds, schema, errors);
    for (const ExprError& e : errors) FAIL_CHECK(text << ": " << e.offset << ": " << e.message);
    return expression;
  }

  Outcome run(std::string_view text, ir::ResourceId self,
              const std::vector<std::string>& kinds = {"database"}) const {
    ExpressionPtr expression = compile(text, kinds);
    if (!expression) return {Truth::False, "did not compile", {}, {}};
    return evaluate(*expression, model, self);
  }

  // The errors of a full input (lets, message names) against `globals`.
  std::vector<ExprError> errors(const ExpressionInput& input) const {
    std::vector<ExprError> errors;
    ExpressionPtr expression = compile_expression(input, schema, &globals, errors);
    CHECK((expression == nullptr) == !errors.empty());
    return errors;
  }

  ExpressionPtr compile(const ExpressionInput& input) const {
    std::vector<ExprError> errors;
    ExpressionPtr expression = compile_expression(input, schema, &globals, errors);
    for (const ExprError& e : errors)
      FAIL_CHECK(input.when << ": " << e.source << ":" << e.offset << ": " << e.message);
    return expression;
  }

  Outcome run(const ExpressionInput& input, ir::ResourceId self) const {
    ExpressionPtr expression = compile(input);
    if (!expression) return {Truth::False, "did not compile", {}, {}};
    return evaluate(*expression, model, self);
  }

  Truth truth(std::string_view text, ir::ResourceId self,
              const std::vector<std::string>& kinds = {"database"}) const {
    return run(text, self, kinds).truth;
  }
};

// A database with everything written, one with nothing, one full of unknowns,
// and resources connected to the first.
struct Models : Fixture {
  ir::ResourceId db, bare, vague, template_id, volume, group;

  Models() {
    db = add("database", "aws_db_instance.main",
             object({
                 {"deletion_protection", boolean(false)},
                 {"backup_retention_days", num(7)},
                 {"engine", str("postgres")},
                 {"tags", object({{"team", str("data")}, {"env", str("prod")}})},
                 {"tags_values", list({str("data"), str("prod")})},
                 {"block_devices",
                  list({object({{"delete_on_termination", boolean(false)}, {"size", num(100)}}),
                        object({{"delete_on_termination", boolean(true)}})})},
                 {"prevent_destroy", ir::Value::boolean(false, {}, ir::Provenance::Default)},
                 {"settings", num(3)},
             }));
    bare = add("database", "aws_db_instance.bare");
    vague = add("database", "aws_db_instance.vague",
                object({
                    {"deletion_protection", unknown("variable \"protect\" has no value")},
                    {"backup_retention_days", unknown()},
                    {"engine", unknown()},
                    {"tags", unknown()},
                    {"tags_values", list({str("b"), unknown("element")})},
                    {"settings", num(3)},
                }));
    template_id = add("launch-template", "aws_launch_template.web",
                      object({{"encrypted", boolean(true)},
                              {"containers", list({str("nginx"), str("postgres:16")})}}));
    volume = add("volume", "aws_ebs_volume.data", object({{"size_gb", num(500)}}));
    group = add("autoscaling-group", "aws_autoscaling_group.web");
    connect(db, template_id);                     // outgoing from db
    connect(volume, db);                          // incoming to db
    connect(db, template_id, "launch-template");  // a second edge to the same resource
    connect(group, template_id);
  }

  Truth on_db(std::string_view text) const { return truth(text, db); }
  Truth on_bare(std::string_view text) const { return truth(text, bare); }
  Truth on_vague(std::string_view text) const { return truth(text, vague); }
};

inline const char* name_of(Truth truth) {
  switch (truth) {
    case Truth::False:
      return "False";
    case Truth::True:
      return "True";
    case Truth::Unknown:
      return "Unknown";
  }
  return "?";
}

}  // namespace bw::compiler::testing

namespace doctest {
template <>
struct StringMaker<bw::compiler::Truth> {
  static String convert(bw::compiler::Truth truth) { return bw::compiler::testing::name_of(truth); }
};
}  // namespace doctest
