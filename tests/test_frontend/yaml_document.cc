#include "tests/test_frontend/yaml_document.h"

#include <charconv>

namespace bw::tests {

namespace {

// The byte after a scalar written at `begin`: its closing quote, or the end
// of its plain text on the line.
uint32_t scalar_end(const std::string& text, uint32_t begin, const std::string& value) {
  if (begin >= text.size()) return begin;
  char quote = text[begin];
  if (quote == '"' || quote == '\'') {
    for (size_t i = begin + 1; i < text.size(); ++i) {
      if (quote == '"' && text[i] == '\\') {
        ++i;
        continue;
      }
      if (text[i] == quote) {
        // '' inside a single-quoted scalar is an escaped quote.
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
          continue;
        }
        return static_cast<uint32_t>(i + 1);
      }
    }
    return static_cast<uint32_t>(text.size());
  }
  return static_cast<uint32_t>(std::min(text.size(), begin + value.size()));
}

uint32_t end_of(const YAML::Node& node, const std::string& text) {
  uint32_t begin = static_cast<uint32_t>(std::max(0, node.Mark().pos));
  if (node.IsScalar()) return scalar_end(text, begin, node.Scalar());
  uint32_t end = begin;
  if (node.IsMap())
    for (const auto& entry : node) end = std::max(end, end_of(entry.second, text));
  if (node.IsSequence())
    for (const auto& item : node) end = std::max(end, end_of(item, text));
  return end;
}

}  // namespace

Document parse_document(const std::string& text) {
  Document document;
  try {
    document.root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    document.root = YAML::Node(YAML::NodeType::Undefined);
    document.error = e.msg;
    document.error_offset = static_cast<uint32_t>(std::max(0, e.mark.pos));
  }
  return document;
}

bool is_yaml_or_json(std::string_view path) {
  return path.ends_with(".yaml") || path.ends_with(".yml") || path.ends_with(".json");
}

bool DocumentFrontend::wants(std::string_view path) const {
  std::string_view name = path.substr(path.rfind('/') + 1);
  bool own_configuration = name == ".blastwall.yaml" || path.starts_with(".blastwall/") ||
                           path.find("/.blastwall/") != std::string_view::npos;
  return is_yaml_or_json(path) && !own_configuration;
}

ir::Span span_of(const YAML::Node& node, const ir::SourceFile& file) {
  uint32_t begin = static_cast<uint32_t>(std::max(0, node.Mark().pos));
  return file.span(begin, end_of(node, file.text));
}

ir::Value value_of(const YAML::Node& node, const ir::SourceFile& file) {
  ir::Span span = span_of(node, file);
  if (node.IsMap()) {
    ir::Value object = ir::Value::object(span);
    for (const auto& entry : node) object.set(entry.first.Scalar(), value_of(entry.second, file));
    return object;
  }
  if (node.IsSequence()) {
    std::vector<ir::Value> items;
    for (const auto& item : node) items.push_back(value_of(item, file));
    return ir::Value::list(std::move(items), span);
  }
  if (!node.IsScalar()) return ir::Value::null(span);
  const std::string& scalar = node.Scalar();
  if (node.Tag() != "?") return ir::Value::string(scalar, span);  // quoted
  if (scalar == "true" || scalar == "false") return ir::Value::boolean(scalar == "true", span);
  if (scalar == "null" || scalar == "~" || scalar.empty()) return ir::Value::null(span);
  double number = 0;
  auto [end, error] = std::from_chars(scalar.data(), scalar.data() + scalar.size(), number);
  if (error == std::errc() && end == scalar.data() + scalar.size())
    return ir::Value::number(number, span);
  return ir::Value::string(scalar, span);
}

std::vector<frontends::Unit> DocumentFrontend::plan_units(const std::vector<ir::FileId>& files,
                                                          const ir::SourceManager& sources) {
  std::vector<frontends::Unit> units;
  for (ir::FileId id : files) {
    const std::string& relative = sources.file(id).relative;
    size_t slash = relative.rfind('/');
    units.push_back(
        {relative, slash == std::string::npos ? "." : relative.substr(0, slash), {id}, "", {}});
  }
  return units;
}

std::vector<ir::Comment> yaml_comments(const ir::SourceFile& file) {
  const std::string& text = file.text;
  std::vector<ir::Comment> comments;
  char quote = 0;         // inside a quoted scalar: its quote
  int block_indent = -1;  // inside a block scalar: the indentation of the line that opened it
  char before = '\n';     // the last byte outside blanks on this line, '\n' at its start
  size_t line_begin = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (i == line_begin && block_indent >= 0 && !quote) {
      size_t indent = 0;
      while (i + indent < text.size() && text[i + indent] == ' ') ++indent;
      bool blank =
          i + indent >= text.size() || text[i + indent] == '\n' || text[i + indent] == '\r';
      if (blank || static_cast<int>(indent) > block_indent) {  // the block's text
        size_t end = text.find('\n', i);
        if (end == std::string::npos) break;
        i = end;
        line_begin = end + 1;
        continue;
      }
      block_indent = -1;
    }
    if (c == '\n') {
      line_begin = i + 1;
      before = '\n';
      continue;
    }
    if (quote) {
      if (quote == '"' && c == '\\') {
        ++i;
      } else if (c == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'')
          ++i;  // '' is a quote inside a single-quoted scalar
        else
          quote = 0;
      }
      before = c;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    bool after_blank = i == line_begin || text[i - 1] == ' ' || text[i - 1] == '\t';
    if (c == '#' && after_blank) {
      size_t end = text.find('\n', i);
      if (end == std::string::npos) end = text.size();
      if (end > i && text[end - 1] == '\r') --end;
      comments.push_back({file.span(static_cast<uint32_t>(i), static_cast<uint32_t>(end)),
                          text.substr(i, end - i)});
      i = end - 1;
      continue;
    }
    // A quote opens a scalar only where a scalar starts: `it's` is plain text.
    bool scalar_start = before == '\n' || before == ':' || before == '-' || before == '[' ||
                        before == '{' || before == ',' || before == '?';
    if ((c == '"' || c == '\'') && scalar_start) {
      quote = c;
    } else if ((c == '|' || c == '>') && (before == ':' || before == '-') && after_blank) {
      size_t indent = 0;
      while (line_begin + indent < text.size() && text[line_begin + indent] == ' ') ++indent;
      block_indent = static_cast<int>(indent);
    }
    before = c;
  }
  return comments;
}

}  // namespace bw::tests
