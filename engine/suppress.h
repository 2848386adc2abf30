#pragma once
// Suppressions written by users: a comment `blastwall:ignore BW101 -- reason`
// on the line before (or at the end of) the line a finding points at; on the
// line before a resource's header for the whole resource; on the line before
// a construct that instantiated it (a module call) for that instance only;
// and inline suppressions a frontend found (Kubernetes annotations,
// CloudFormation Metadata). A suppression needs a reason: without one it
// suppresses nothing and is reported, as is one that suppresses nothing.

#include <vector>

#include "ir/finding.h"
#include "ir/model.h"

namespace bw::engine {

struct CommentSuppression {
  ir::FileId file = ir::kNoFile;
  uint32_t comment_line = 0;  // where it is written
  uint32_t target_line = 0;   // the line it applies to
  uint32_t column = 0;
  std::vector<std::string> rules;
  std::string reason;
};

// Finds every suppression comment in a file.
std::vector<CommentSuppression> find_suppressions(const ir::SourceFile& file);

// Removes suppressed findings; reports suppressions without reason or effect
// as warnings. Only comments in `files` (those the run reports on) count.
void apply_suppressions(const ir::Model& model, const std::vector<ir::FileId>& files,
                        std::vector<ir::Finding>& findings, std::vector<ir::Diagnostic>& warnings);

}  // namespace bw::engine
