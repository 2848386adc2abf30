#pragma once
// The checker's state, shared by checker.cc (names, fields, operators) and
// check_calls.cc (functions and macros). Not for use outside them.

#include <initializer_list>
#include <string>
#include <vector>

#include "compiler/expr/ast.h"
#include "compiler/expr/builtins.h"
#include "compiler/expr/expr.h"
#include "compiler/expr/program.h"
#include "compiler/expr/static_type.h"

namespace bw::compiler::expr {

std::string name_of(ExprType type);

// Walks the trees of one program with the names in scope.
class Checker {
 public:
  Checker(const std::vector<std::string>& kinds, const KindSchema& schema, const Globals* globals,
          std::vector<ExprError>& errors);
  void run(Program& program);

 private:
  // A macro variable or a let in scope.
  struct Variable {
    std::string name;
    int32_t slot;
    StaticType type;
  };

  void error(uint32_t offset, uint32_t length, std::string message);
  void error(const Node& node, std::string message);
  void error_at_name(const Node& node, std::string message);
  // Reports `node` unless its type is one of `allowed` (or unknown).
  bool expect(const Node& node, const StaticType& type, std::initializer_list<ExprType> allowed,
              const std::string& what);

  bool check_let_name(const std::string& name, size_t index);
  StaticType check(Node& node);
  StaticType check_list(Node& node);
  StaticType check_map(Node& node);
  StaticType check_identifier(Node& node);
  StaticType check_select(Node& node);
  StaticType check_global(Node& node);
  StaticType field(Node& node, const StaticType& object);
  StaticType property(Node& node, const std::vector<std::string>& kinds);
  bool property_of_self(const std::string& name) const;
  StaticType check_index(Node& node);
  StaticType check_binary(Node& node);
  void check_in(Node& left, const StaticType& a, Node& right, const StaticType& b);
  StaticType check_add(Node& node, const StaticType& a, const StaticType& b);

  // check_calls.cc
  StaticType check_call(Node& node);
  void report_unknown_call(const Node& node, const FunctionInfo* info);
  void expect_string_receiver(Node& node);
  void expect_string_argument(Node& node, size_t i);
  StaticType check_has(Node& node);
  StaticType check_size(Node& node);
  StaticType check_matches(Node& node);
  StaticType check_in_cidr(Node& node);
  StaticType check_edges(Node& node);
  StaticType check_resources(Node& node);
  StaticType check_kind_literal(Node& kind, const char* function);
  StaticType check_macro(Node& node);
  bool bind_variable(Node& variable);

  const KindSchema& schema_;
  const Globals* globals_;
  std::vector<ExprError>& errors_;
  std::vector<std::string> self_kinds_;
  std::vector<Variable> lets_;
  std::vector<Variable> scopes_;
  int source_ = -1;        // the text being checked: -1 the predicate, i the i-th let
  size_t slot_base_ = 0;   // where this text's macro variables start
  size_t slot_count_ = 0;  // slots used so far, by every text
};

}  // namespace bw::compiler::expr
