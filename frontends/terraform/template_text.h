#pragma once
// The text rules of HCL string literals and heredocs: escape sequences, the
// `$${` and `%%{` escapes, and the indentation `<<-` heredocs remove.

#include <string>
#include <string_view>
#include <vector>

namespace bw::frontends::terraform {

// The literal text of a quoted string segment: `\n`, `\"`, `\u00e9`, `$${`, ...
std::string unescape_quoted(std::string_view raw);

// The literal text of a heredoc segment: only `$${` and `%%{` are escapes;
// CRLF line ends become LF so values do not depend on the checkout.
std::string unescape_heredoc(std::string_view raw);

// Removes the common leading indentation of a `<<-` heredoc. The heredoc is a
// sequence of segments; `literal[i]` says whether segment i is text (and may
// be rewritten) or an interpolation (opaque, counts as content).
void strip_heredoc_indentation(std::vector<std::string>& segments,
                               const std::vector<bool>& literal);

}  // namespace bw::frontends::terraform
