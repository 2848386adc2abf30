#pragma once
// Test fixtures for the rule language: a small kinds schema and a model built
// by hand, with helpers to compile and evaluate in one call.

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "compiler/expr/expr.h"
#include "ir/model.h"

namespace bw::compiler::testing {

// database, launch-template, autoscaling-group and volume, with the property
// types the tests need (autoscaling-group's backup_retention_days is a string
// on purpose: kinds that disagree make a property Any).
class TestSchema : public KindSchema {
 public:
  TestSchema() {
    auto t = [](ExprType type, ExprType element = ExprType::Any) {
      return PropertyType{type, element};
    };
    kinds_["database"] = {
        {"deletion_protection", t(ExprType::Bool)},
        {"backup_retention_days", t(ExprType::Number)},
        {"engine", t(ExprType::String)},
        {"tags", t(ExprType::Object)},
        {"tags_values", t(ExprType::List, ExprType::String)},
        {"block_devices", t(ExprType::List, ExprType::Object)},
        {"prevent_destroy", t(ExprType::Bool)},
        {"settings", t(ExprType::Any)},
    };
    kinds_["launch-template"] = {
        {"block_devices", t(ExprType::List, ExprType::Object)},
        {"containers", t(ExprType::List, ExprType::String)},
        {"encrypted", t(ExprType::Bool)},
    };
    kinds_["autoscaling-group"] = {
        {"deletion_protection", t(ExprType::Bool)},
        {"min_size", t(ExprType::Number)},
        {"backup_retention_days", t(ExprType::String)},
    };
    kinds_["volume"] = {{"size_gb", t(ExprType::Number)}};
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

// A model built by hand, and the schema to compile against.
struct Fixture {
  TestSchema schema;
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
    if (!expression) return {Truth::False, "did not compile", {}};
    return evaluate(*expression, model, self);
  }

  Truth truth(std::string_view text, ir::ResourceId self,
              const std::vector<std::string>& kinds = {"database"}) const {
    return run(text, self, kinds).truth;
  }
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
