#pragma once
// Applying the derivations that derive/derivation_table.h names: what the
// engine's normalise runs on a raw attribute. Kept apart from the table so
// that the compiler, which only checks names and result types, does not
// link the boot-script analyser or the JSON parser these need.

#include "derive/derivation_table.h"
#include "ir/value.h"

namespace bw::derive {

// The derivation applied to a known value or a partial string; unknown
// values are passed through by the caller. Never throws: bad input gives an
// unknown value.
ir::Value apply(const Derivation& derivation, const ir::Value& raw);

}  // namespace bw::derive
