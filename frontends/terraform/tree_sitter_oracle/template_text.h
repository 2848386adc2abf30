#pragma once
// The oracle's text rules of HCL string literals and heredocs: escape
// sequences and the `$${` and `%%{` escapes. (HclParser validates escapes as
// it reads them, in hcl_templates.cc.)

#include <string>
#include <string_view>

namespace bw::frontends::terraform::oracle {

// The literal text of a quoted string segment: `\n`, `\"`, `\u00e9`, `$${`, ...
std::string unescape_quoted(std::string_view raw);

// The literal text of a heredoc segment: only `$${` and `%%{` are escapes;
// CRLF line ends become LF so values do not depend on the checkout.
std::string unescape_heredoc(std::string_view raw);

}  // namespace bw::frontends::terraform::oracle
