#include "compiler/expr/text.h"

#include "ir/utf8.h"

namespace bw::compiler::expr {

namespace {

// The known text of a partial string between its unknown parts: the first
// run is what it starts with, the last what it ends with ("" when it starts
// or ends with an unknown part).
std::vector<std::string> known_runs(const ir::Value& partial) {
  std::vector<std::string> runs(1);
  for (const ir::Value& part : partial.string_parts()) {
    if (part.is_string())
      runs.back() += part.as_string();
    else
      runs.emplace_back();
  }
  return runs;
}

}  // namespace

std::string image_name(std::string_view reference) {
  reference = reference.substr(0, reference.find('@'));
  size_t slash = reference.rfind('/');
  std::string_view last = slash == std::string_view::npos ? reference : reference.substr(slash + 1);
  last = last.substr(0, last.find(':'));
  std::string name(last);
  for (char& c : name) c = to_lower(c);
  return name;
}

std::vector<std::string_view> split(std::string_view text, std::string_view separator) {
  std::vector<std::string_view> pieces;
  if (separator.empty()) {
    for (size_t i = 0; i < text.size();) {
      size_t length = ir::decode_utf8(text, i).length;
      pieces.push_back(text.substr(i, length));
      i += length;
    }
    return pieces;
  }
  while (true) {
    size_t at = text.find(separator);
    pieces.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return pieces;
    text.remove_prefix(at + separator.size());
  }
}

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  if (from.empty()) {
    out.append(to);
    for (size_t i = 0; i < text.size();) {
      size_t length = ir::decode_utf8(text, i).length;
      out.append(text.substr(i, length)).append(to);
      i += length;
    }
    return out;
  }
  while (true) {
    size_t at = text.find(from);
    out.append(text.substr(0, at));
    if (at == std::string_view::npos) return out;
    out.append(to);
    text.remove_prefix(at + from.size());
  }
}

char to_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

char to_upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

bool could_be(const ir::Value& partial, std::string_view text) {
  std::vector<std::string> runs = known_runs(partial);
  const std::string& first = runs.front();
  const std::string& last = runs.back();
  if (runs.size() == 1) return text == first;  // no unknown part after all
  if (first.size() + last.size() > text.size() || text.substr(0, first.size()) != first ||
      text.substr(text.size() - last.size()) != last)
    return false;
  std::string_view middle = text.substr(first.size(), text.size() - first.size() - last.size());
  for (size_t i = 1; i + 1 < runs.size(); ++i) {
    // The earliest place each run fits leaves the most room for the next.
    size_t at = middle.find(runs[i]);
    if (at == std::string_view::npos) return false;
    middle.remove_prefix(at + runs[i].size());
  }
  return true;
}

bool known_parts_contain(const ir::Value& partial, std::string_view part) {
  for (const std::string& run : known_runs(partial))
    if (run.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace bw::compiler::expr
