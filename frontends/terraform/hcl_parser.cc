#include "frontends/terraform/hcl_parser.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frontends/terraform/hcl_diagnostics.h"
#include "frontends/terraform/hcl_grammar.h"
#include "frontends/terraform/hcl_identifiers.h"
#include "frontends/terraform/hcl_lexer.h"

namespace bw::frontends::terraform {

static_assert(kMaxSyntaxDepth == hcl::kMaxNesting);

namespace {

// Whether the line at `at` starts a top-level item as people write them: a
// name at column 1, then labels and `{` (a block) or `=` (an argument).
bool starts_top_level_item(std::string_view text, size_t at) {
  if (at >= text.size() || !hcl::is_ascii_id_start(static_cast<unsigned char>(text[at])))
    return false;
  size_t i = at;
  size_t words = 0;
  while (i < text.size() && text[i] != '\n') {
    char c = text[i];
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (hcl::is_ascii_id_start(static_cast<unsigned char>(c))) {
      while (i < text.size() && hcl::is_ascii_id_continue(static_cast<unsigned char>(text[i]))) ++i;
      ++words;
    } else if (c == '"') {
      ++i;
      while (i < text.size() && text[i] != '"' && text[i] != '\n') ++i;
      if (i >= text.size() || text[i] != '"') return false;
      ++i;
      ++words;
    } else if (c == '{') {
      return true;
    } else if (c == '=') {
      return words == 1 && (i + 1 >= text.size() || text[i + 1] != '=');
    } else {
      return false;
    }
  }
  return false;
}

// The first line at or after the line start `from` that starts a top-level
// item; the text's size when there is none. Adds the bytes it looked at to `work`.
uint32_t next_item_line(std::string_view text, uint32_t from, size_t& work) {
  for (size_t at = from; at < text.size();) {
    if (starts_top_level_item(text, at)) {
      work += at - from;
      return static_cast<uint32_t>(at);
    }
    const void* newline = std::memchr(text.data() + at, '\n', text.size() - at);
    if (!newline) break;
    at = static_cast<const char*>(newline) - text.data() + 1;
  }
  work += text.size() - std::min<size_t>(from, text.size());
  return static_cast<uint32_t>(text.size());
}

// The start of the line after the one holding `offset`.
uint32_t line_after(std::string_view text, uint32_t offset) {
  size_t newline = text.find('\n', offset);
  return newline == std::string_view::npos ? static_cast<uint32_t>(text.size())
                                           : static_cast<uint32_t>(newline + 1);
}

}  // namespace

// The scanner and the grammar, with the buffers they keep between files.
struct HclParser::State {
  hcl::Lexer lexer;
  hcl::Grammar grammar;
  size_t scanned_bytes = 0;
};

HclParser::HclParser() : state_(std::make_unique<State>()) {}

HclParser::~HclParser() = default;

void HclParser::set_max_items(size_t items) {
  state_->grammar.set_max_items(items);
}

size_t HclParser::scanned_bytes() const {
  return state_->scanned_bytes;
}

HclFile HclParser::parse(const ir::SourceFile& file) {
  HclFile result;
  result.file = file.id;
  std::string_view text = file.text;
  size_t& work = state_->scanned_bytes;
  work = 0;
  if (text.size() >= UINT32_MAX / 2) {
    result.errors.push_back({file.span(0, 0), "file too large to parse"});
    return result;
  }
  const uint32_t size = static_cast<uint32_t>(text.size());
  std::span<const hcl::Token> tokens;
  hcl::Grammar& grammar = state_->grammar;
  auto scan = [&](uint32_t begin, uint32_t end) {
    work += end - begin;
    tokens = state_->lexer.scan(file, begin, end);
    grammar.start(file, tokens);
  };

  bool truncated = false;
  auto add_error = [&](SyntaxError error) {
    if (result.errors.size() < kMaxSyntaxErrorsPerFile) {
      result.errors.push_back(std::move(error));
    } else if (!truncated) {
      truncated = true;
      error.message = "more syntax errors follow; only the first " +
                      std::to_string(kMaxSyntaxErrorsPerFile) + " are shown";
      result.errors.push_back(std::move(error));
    }
  };
  // Top-level arguments (a tfvars file's variables) may be set only once.
  std::unordered_map<std::string_view, uint32_t> top_level_names;

  uint32_t start = hcl::hcl_start(text);
  // Once errors are past counting, each item is scanned on its own, up to the
  // next line that looks like one, so that no amount of broken input costs
  // more than one pass.
  uint32_t piece_end = size;
  grammar.begin_file();
  scan(start, size);
  for (;;) {
    if (grammar.at_end()) {
      if (piece_end >= size) break;
      uint32_t next = piece_end;
      piece_end = next_item_line(text, line_after(text, next), work);
      scan(next, piece_end);
      continue;
    }
    size_t first_token = grammar.position();
    hcl::Grammar::Item item = grammar.top_level_item();
    if (item == hcl::Grammar::Item::Block) continue;
    if (item == hcl::Grammar::Item::Attribute) {
      const Attribute& attribute = grammar.last_attribute();
      std::string_view name = text.substr(attribute.name_span.begin.offset, attribute.name.size());
      auto [first, inserted] = top_level_names.emplace(name, attribute.name_span.begin.line);
      if (!inserted) {
        add_error({attribute.name_span,
                   hcl::message("Attribute redefined", "'" + attribute.name +
                                                           "' was already set on line " +
                                                           std::to_string(first->second))});
        grammar.drop_last_attribute();
      }
      continue;
    }
    // A character the scanner refused says more than what the parser made of it.
    SyntaxError error = grammar.error();
    for (size_t i = first_token;
         i < tokens.size() && tokens[i].begin.offset <= error.span.begin.offset; ++i) {
      if (tokens[i].type != hcl::Tok::Invalid) continue;
      std::string_view written = grammar.text(tokens[i]);
      error = {grammar.span(tokens[i]), hcl::lex_problem_message(tokens[i].problem(), written)};
      break;
    }
    add_error(std::move(error));
    if (grammar.resumable()) continue;
    uint32_t resume =
        next_item_line(text, line_after(text, grammar.error().span.begin.offset), work);
    if (resume >= size) break;
    piece_end = truncated ? next_item_line(text, line_after(text, resume), work) : size;
    scan(resume, piece_end);
  }
  grammar.take_file_body(result.body);
  return result;
}

}  // namespace bw::frontends::terraform
