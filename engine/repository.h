#pragma once
// The repository phase: one serial pass after every unit is analysed, building
// what crosses units for rules that ask repository-wide questions: resources
// by kind (`resources("backup-selection")`), the literals that name things
// outside the configuration — hosts, IPs, URLs, cloud identifiers — by the
// environments they appear in (`environments(host)`), and the links whose
// meaning is clear across units (a backup selection naming a store by its
// ARN or by its tags, wherever the store is defined).

#include <functional>
#include <string_view>

#include "compiler/kinds.h"
#include "ir/model.h"

namespace bw::engine {

// The unit's share of the repository index — literals of every resource,
// then, of the resources `keep` retains (all when it is empty), resources by
// kind and those whose links match across units — into its own model's
// index; the other resources, and the attributes nothing will read again,
// are freed. Runs in the unit's thread; merging offsets the ids.
void index_unit(ir::Model& unit, const compiler::Kinds& kinds,
                const std::function<bool(const ir::Resource&)>& keep = {});

// Serial, after every unit is merged: the links across units.
void build_repository(ir::Model& model, const compiler::Kinds& kinds);

// What kind of outside thing a literal names, if any.
enum class LiteralClass : uint8_t { None, Ip, Cidr, Url, Host, Arn, CloudId };

LiteralClass classify_literal(std::string_view text);

}  // namespace bw::engine
