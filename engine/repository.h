#pragma once
// The repository phase: one serial pass after every unit is analysed, building
// what crosses units for rules that ask repository-wide questions: resources
// by kind (`resources("backup-selection")`) and the literals that name things
// outside the configuration — hosts, IPs, URLs, cloud identifiers — by the
// environments they appear in (`environments(host)`).

#include <string_view>

#include "ir/model.h"

namespace bw::engine {

void build_repository(ir::Model& model);

// What kind of outside thing a literal names, if any.
enum class LiteralClass : uint8_t { None, Ip, Cidr, Url, Host, Arn, CloudId };

LiteralClass classify_literal(std::string_view text);

}  // namespace bw::engine
