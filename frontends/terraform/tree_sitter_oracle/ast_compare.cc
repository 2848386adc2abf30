#include "frontends/terraform/tree_sitter_oracle/ast_compare.h"

#include <cmath>
#include <string_view>

namespace bw::frontends::terraform::oracle {

namespace {

const char* kind_name(Expr::Kind kind) {
  static constexpr const char* kNames[] = {
      "Null",  "Bool",        "Number",   "String",  "Template", "TemplateIf", "TemplateFor",
      "Tuple", "Object",      "Variable", "GetAttr", "Index",    "Splat",      "SplatItem",
      "Call",  "Conditional", "Binary",   "Unary",   "ForTuple", "ForObject",  "Invalid"};
  size_t index = static_cast<size_t>(kind);
  return index < std::size(kNames) ? kNames[index] : "?";
}

std::string position_text(const ir::Position& position) {
  return std::to_string(position.line) + ":" + std::to_string(position.column) + "@" +
         std::to_string(position.offset);
}

std::string span_text(const ir::Span& span) {
  return position_text(span.begin) + "-" + position_text(span.end);
}

bool same_position(const ir::Position& a, const ir::Position& b) {
  return a.offset == b.offset && a.line == b.line && a.column == b.column;
}

bool same_span(const ir::Span& a, const ir::Span& b) {
  return a.file == b.file && same_position(a.begin, b.begin) && same_position(a.end, b.end);
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text.substr(0, 60)) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '"')
      out += "\\\"";
    else
      out += c;
  }
  if (text.size() > 60) out += "...";
  return out + "\"";
}

// Walks both trees side by side, noting what differs.
class Comparer {
 public:
  explicit Comparer(size_t limit) : limit_(limit) {}

  void body(const Body& ours, const Body& theirs, const std::string& where) {
    if (ours.attributes.size() != theirs.attributes.size())
      note({}, where + ": " + std::to_string(ours.attributes.size()) + " attributes vs " +
                   std::to_string(theirs.attributes.size()));
    for (size_t i = 0; i < ours.attributes.size() && i < theirs.attributes.size(); ++i) {
      const Attribute& a = ours.attributes[i];
      const Attribute& b = theirs.attributes[i];
      std::string here = where + " attribute '" + a.name + "'";
      if (a.name != b.name) note(a.span.begin, here + ": name vs '" + b.name + "'");
      if (!same_span(a.name_span, b.name_span))
        note(a.span.begin,
             here + ": name span " + span_text(a.name_span) + " vs " + span_text(b.name_span));
      if (!same_span(a.span, b.span))
        note(a.span.begin, here + ": span " + span_text(a.span) + " vs " + span_text(b.span));
      expr(a.value, b.value, here);
    }
    if (ours.blocks.size() != theirs.blocks.size())
      note({}, where + ": " + std::to_string(ours.blocks.size()) + " blocks vs " +
                   std::to_string(theirs.blocks.size()));
    for (size_t i = 0; i < ours.blocks.size() && i < theirs.blocks.size(); ++i) {
      const Block& a = ours.blocks[i];
      const Block& b = theirs.blocks[i];
      std::string here = where + " block '" + a.type;
      for (const std::string& label : a.labels) here += " " + quoted(label);
      here += "'";
      if (a.type != b.type) note(a.span.begin, here + ": type vs '" + b.type + "'");
      if (a.labels != b.labels) note(a.span.begin, here + ": labels differ");
      if (!same_span(a.span, b.span))
        note(a.span.begin, here + ": span " + span_text(a.span) + " vs " + span_text(b.span));
      if (!same_span(a.header_span, b.header_span))
        note(a.span.begin, here + ": header span " + span_text(a.header_span) + " vs " +
                               span_text(b.header_span));
      body(a.body, b.body, here);
    }
  }

  std::vector<Difference> take() { return std::move(differences_); }

 private:
  void note(const ir::Position& where, std::string what) {
    if (differences_.size() < limit_) differences_.push_back({where, std::move(what)});
  }

  void expr(const Expr& a, const Expr& b, const std::string& where) {
    if (differences_.size() >= limit_) return;
    std::string here = where + " " + kind_name(a.kind);
    if (a.kind != b.kind) {
      note(a.span.begin, where + ": " + describe_expr(a) + " vs " + describe_expr(b));
      return;
    }
    if (!same_span(a.span, b.span))
      note(a.span.begin, here + ": span " + span_text(a.span) + " vs " + span_text(b.span));
    if (a.text != b.text)
      note(a.span.begin, here + ": text " + quoted(a.text) + " vs " + quoted(b.text));
    if (a.key_name != b.key_name)
      note(a.span.begin, here + ": key name '" + a.key_name + "' vs '" + b.key_name + "'");
    bool same_number = a.number == b.number || (std::isnan(a.number) && std::isnan(b.number));
    if (!same_number)
      note(a.span.begin,
           here + ": number " + std::to_string(a.number) + " vs " + std::to_string(b.number));
    if (a.flag != b.flag && a.kind != Expr::Kind::Number)
      note(a.span.begin, here + ": flag differs");
    if (a.has_condition != b.has_condition) note(a.span.begin, here + ": has_condition differs");
    if (a.children.size() != b.children.size()) {
      note(a.span.begin, here + ": " + describe_expr(a) + " vs " + describe_expr(b));
      return;
    }
    for (size_t i = 0; i < a.children.size(); ++i) expr(a.children[i], b.children[i], here);
  }

  size_t limit_;
  std::vector<Difference> differences_;
};

void describe_into(const Expr& expr, std::string& out, int depth) {
  out += kind_name(expr.kind);
  if (!expr.text.empty()) out += " " + quoted(expr.text);
  if (expr.kind == Expr::Kind::Number) out += " " + std::to_string(expr.number);
  if (expr.children.empty()) return;
  if (depth > 3) {
    out += "(...)";
    return;
  }
  out += "(";
  for (size_t i = 0; i < expr.children.size(); ++i) {
    if (i) out += ", ";
    describe_into(expr.children[i], out, depth + 1);
  }
  out += ")";
}

}  // namespace

std::string describe_expr(const Expr& expr) {
  std::string out;
  describe_into(expr, out, 0);
  return out;
}

std::vector<Difference> compare_bodies(const HclFile& ours, const HclFile& theirs, size_t limit) {
  Comparer comparer(limit);
  comparer.body(ours.body, theirs.body, "file");
  return comparer.take();
}

}  // namespace bw::frontends::terraform::oracle
