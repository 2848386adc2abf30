#include "ir/limits.h"

namespace bw::ir {

const Limits& default_limits() {
  static const Limits limits;
  return limits;
}

std::string limit_reached(std::string_view name, uint64_t value) {
  return std::string(name) + " limit (" + std::to_string(value) + ") reached";
}

uint64_t Limits::*limit_named(std::string_view name) {
  if (name == "file_bytes") return &Limits::file_bytes;
  if (name == "evaluation_steps") return &Limits::evaluation_steps;
  if (name == "unit_evaluation_steps") return &Limits::unit_evaluation_steps;
  if (name == "module_instances") return &Limits::module_instances;
  if (name == "string_bytes") return &Limits::string_bytes;
  if (name == "collection_items") return &Limits::collection_items;
  if (name == "ignore_patterns") return &Limits::ignore_patterns;
  return nullptr;
}

}  // namespace bw::ir
