#include "frontends/terraform/tree_sitter_oracle/ts_hcl_parser.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "frontends/terraform/tree_sitter_oracle/ast_builder.h"
#include "frontends/terraform/tree_sitter_oracle/syntax_errors.h"

extern "C" const TSLanguage* tree_sitter_hcl(void);

namespace bw::frontends::terraform::oracle {

namespace {

struct ByteRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_identifier_char(char c) {
  return is_identifier_start(c) || (c >= '0' && c <= '9') || c == '-';
}

// Whether the line at `at` starts a top-level item as people format them: a
// block header `type "label" ... {` or an attribute `name =`, at column 1.
bool starts_top_level_item(std::string_view text, size_t at) {
  if (at >= text.size() || !is_identifier_start(text[at])) return false;
  size_t i = at;
  size_t words = 0;
  while (i < text.size() && text[i] != '\n') {
    if (text[i] == ' ' || text[i] == '\t') {
      ++i;
    } else if (is_identifier_start(text[i])) {
      while (i < text.size() && is_identifier_char(text[i])) ++i;
      ++words;
    } else if (text[i] == '"') {
      ++i;
      while (i < text.size() && text[i] != '"' && text[i] != '\n') ++i;
      if (i >= text.size() || text[i] != '"') return false;
      ++i;
      ++words;
    } else if (text[i] == '{') {
      return true;
    } else if (text[i] == '=') {
      return words == 1 && (i + 1 >= text.size() || text[i + 1] != '=');
    } else {
      return false;
    }
  }
  return false;
}

// The top-level attributes, blocks and ERROR nodes of a tree, in order.
std::vector<TSNode> top_level_items(TSNode root) {
  // A root that is itself an ERROR holds fragments, not items to keep.
  if (ts_node_is_error(root)) return {root};
  std::vector<TSNode> items;
  for (TSNode child : children_of(root)) {
    if (std::string_view(ts_node_type(child)) == "body") {
      for (TSNode item : children_of(child)) items.push_back(item);
    } else {
      items.push_back(child);
    }
  }
  return items;
}

bool is_clean_item(TSNode item) {
  std::string_view type = ts_node_type(item);
  return (type == "block" || type == "attribute") && !ts_node_has_error(item);
}

TSRange range_in(const ir::SourceFile& file, ByteRange bytes) {
  ir::Position begin = file.position_at(bytes.begin);
  ir::Position end = file.position_at(bytes.end);
  return {
      {begin.line - 1, begin.column - 1}, {end.line - 1, end.column - 1}, bytes.begin, bytes.end};
}

}  // namespace

TreeSitterHclParser::TreeSitterHclParser() : parser_(ts_parser_new()) {
  ts_parser_set_language(parser_, tree_sitter_hcl());
}

TreeSitterHclParser::~TreeSitterHclParser() {
  ts_parser_delete(parser_);
}

HclFile TreeSitterHclParser::parse(const ir::SourceFile& file) {
  HclFile result;
  result.file = file.id;
  const std::string& text = file.text;
  if (text.size() >= UINT32_MAX / 2) {
    result.errors.push_back({file.span(0, 0), "file too large to parse"});
    return result;
  }
  AstBuilder builder(file);
  auto add_item = [&](TSNode item) {
    std::string_view type = ts_node_type(item);
    if (type == "block")
      result.body.blocks.push_back(builder.block(item));
    else if (type == "attribute")
      result.body.attributes.push_back(builder.attribute(item));
  };
  bool too_many_reported = false;
  auto add_error = [&](SyntaxError error) {
    if (result.errors.size() < kMaxSyntaxErrorsPerFile) {
      result.errors.push_back(std::move(error));
    } else if (!too_many_reported) {
      too_many_reported = true;
      error.message = "more syntax errors follow; only the first " +
                      std::to_string(kMaxSyntaxErrorsPerFile) + " are shown";
      result.errors.push_back(std::move(error));
    }
  };
  auto parse_range = [&](ByteRange bytes) -> TSTree* {
    TSRange range = range_in(file, bytes);
    ts_parser_set_included_ranges(parser_, &range, 1);
    return ts_parser_parse_string(parser_, nullptr, text.data(),
                                  static_cast<uint32_t>(text.size()));
  };

  uint32_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  uint32_t size = static_cast<uint32_t>(text.size());
  TSTree* tree = parse_range({start, size});
  if (!tree) {
    result.errors.push_back({file.span(0, 0), "could not parse the file"});
    return result;
  }

  // Items without errors are kept; the text between the clean items around
  // an error is a region to parse again in pieces.
  std::vector<ByteRange> bad_regions;
  uint32_t previous_end = start;
  bool in_bad_region = false;
  for (TSNode item : top_level_items(ts_tree_root_node(tree))) {
    if (is_clean_item(item)) {
      if (in_bad_region) bad_regions.back().end = ts_node_start_byte(item);
      in_bad_region = false;
      add_item(item);
      previous_end = ts_node_end_byte(item);
    } else if (!in_bad_region) {
      in_bad_region = true;
      bad_regions.push_back({previous_end, size});
    }
  }
  ts_tree_delete(tree);

  for (ByteRange region : bad_regions) {
    std::vector<uint32_t> cuts = {region.begin};
    for (uint32_t i = region.begin; i + 1 < region.end; ++i)
      if (text[i] == '\n' && starts_top_level_item(text, i + 1)) cuts.push_back(i + 1);
    cuts.push_back(region.end);
    for (size_t c = 0; c + 1 < cuts.size(); ++c) {
      TSTree* piece = parse_range({cuts[c], cuts[c + 1]});
      if (!piece) continue;
      bool reported = false;
      for (TSNode item : top_level_items(ts_tree_root_node(piece))) {
        if (is_clean_item(item)) {
          add_item(item);
        } else if (!reported) {
          if (auto error = describe_syntax_error(item, file)) {
            add_error(std::move(*error));
            reported = true;
          }
        }
      }
      ts_tree_delete(piece);
    }
  }
  // Pieces parsed again were appended last; keep source order for the walk.
  auto by_position = [](const auto& a, const auto& b) {
    return a.span.begin.offset < b.span.begin.offset;
  };
  std::stable_sort(result.body.blocks.begin(), result.body.blocks.end(), by_position);
  std::stable_sort(result.body.attributes.begin(), result.body.attributes.end(), by_position);
  std::stable_sort(result.errors.begin(), result.errors.end(), by_position);
  return result;
}

}  // namespace bw::frontends::terraform::oracle
