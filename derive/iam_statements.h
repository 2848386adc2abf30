#pragma once
// IAM policy statements as AWS reads them, whatever way the document was
// written: JSON text (a heredoc, jsonencode's result, a template with unknown
// parts), a structured object, or the statement blocks of Terraform's
// aws_iam_policy_document data source. Every statement becomes one object:
//
//   {label, sid, effect, actions, not_actions, resources, not_resources,
//    principals, not_principals, conditions}
//
// with `Action`/`actions`, `NotAction`/`not_actions`, ... read under any case
// of the key, a single string made a list of one, a principal made a list of
// {type, identifier} (`"*"` is {type: "*", identifier: "*"}), and a condition
// a list of {test, variable, values}. A part that is not known stays an
// unknown value in its place; a document that cannot be read is unknown with
// the reason, never an empty list.

#include "ir/value.h"

namespace bw::derive {

// The statements of `raw`: a JSON document as text or partial text, a
// document object ({Version, Statement}), one statement object, or a list of
// any of these (a data source's `statement` blocks, its
// `source_policy_documents`). The result is a list of statement objects, or
// an unknown value that says why it is not.
ir::Value iam_statements(const ir::Value& raw);

}  // namespace bw::derive
