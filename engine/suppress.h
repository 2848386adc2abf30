#pragma once
// Suppressions written by users: a comment `blastwall:ignore BW101 -- reason`
// on the line before (or at the end of) the line a finding points at; on the
// line before a resource's header for the whole resource; on the line before
// a construct that instantiated it (a module call) for that instance only;
// and inline suppressions a frontend found (Kubernetes annotations,
// CloudFormation Metadata). A suppression needs a reason: without one it
// suppresses nothing and is reported, as is one that suppresses nothing.
//
// Comments are the ones the file's frontend found with its own lexer
// (Frontend::comments), never guessed from a line's text: a marker inside a
// string is text. Which line a comment covers:
// - with code before it on its first line (`x = 1 # …`): that line;
// - else with code after it on its last line (`/* … */ x = 1`): that line;
// - else (alone on its lines, a block comment over several lines included):
//   the next line after it that holds more than blanks and comments.
// Each line of a comment holding the marker is one suppression: the ids
// follow the marker up to `--` or the end of that line, the reason follows
// `--` to the end of that line (or the comment's `*/`).

#include <functional>
#include <memory>
#include <vector>

#include "frontends/frontend.h"
#include "ir/comment.h"
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

// The comments of a file, as the frontend that claimed it reports them.
using CommentReader = std::function<std::vector<ir::Comment>(const ir::SourceFile&)>;

// Finds every suppression in a file's comments (in file order).
std::vector<CommentSuppression> find_suppressions(const ir::SourceFile& file,
                                                  const std::vector<ir::Comment>& comments);

// Reads a file's comments through the frontend that claimed it: that of the
// first unit holding it as its own file, else of the first unit that reached
// it. A file no frontend claimed has none. The one place suppressions learn
// a file's frontend.
CommentReader comments_from_frontends(
    const ir::Model& model, const std::vector<std::unique_ptr<frontends::Frontend>>& frontends);

// Removes suppressed findings; reports suppressions without reason or effect
// as warnings. Only comments in `files` (those the run reports on) count, and
// only files whose text holds the marker are asked for their comments.
void apply_suppressions(const ir::Model& model, const std::vector<ir::FileId>& files,
                        const CommentReader& comments, std::vector<ir::Finding>& findings,
                        std::vector<ir::Diagnostic>& warnings);

}  // namespace bw::engine
