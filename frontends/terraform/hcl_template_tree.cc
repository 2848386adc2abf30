// The second pass over a template's parts: literal runs become strings, and
// `if`/`else`/`endif` and `for`/`endfor` markers are matched into TemplateIf
// and TemplateFor nodes, in the AST's conventions (a body's text spans from
// its opening directive to its closing one; text alone is a String).

#include "frontends/terraform/hcl_diagnostics.h"
#include "frontends/terraform/hcl_grammar.h"

namespace bw::frontends::terraform::hcl {

namespace {

std::string directive_name(TemplatePart::Kind kind) {
  switch (kind) {
    case TemplatePart::Kind::Else:
      return "else";
    case TemplatePart::Kind::EndIf:
      return "endif";
    default:
      return "endfor";
  }
}

}  // namespace

Expr Grammar::build_template(size_t base, const ir::Span& whole) {
  size_t children = stack_.size();
  size_t stop = template_pieces(base);
  if (stopped_) return {};
  if (stop < parts_.size()) {
    const TemplatePart& stray = parts_[stop];
    bool endfor = stray.kind == TemplatePart::Kind::EndFor;
    return fail(
        span(stray.begin, stray.end),
        message("Unexpected " + directive_name(stray.kind) + " directive",
                std::string("there is no ") + (endfor ? "for" : "if") + " directive open here"));
  }
  parts_.resize(base);
  return template_node(children, whole);
}

size_t Grammar::template_pieces(size_t i) {
  // Adjacent literal parts (a heredoc's lines) make one string.
  size_t run_begin = i;
  auto end_run = [&] {
    size_t length = 0;
    for (size_t r = run_begin; r < i; ++r) length += parts_[r].text_end - parts_[r].text_begin;
    if (length > 0) {
      Expr literal;
      literal.kind = Expr::Kind::String;
      literal.text.reserve(length);
      for (size_t r = run_begin; r < i; ++r) literal.text += literal_text(parts_[r]);
      stack_.push_back(std::move(literal));
    }
  };
  while (i < parts_.size() && !stopped_) {
    TemplatePart& part = parts_[i];
    if (part.kind != TemplatePart::Kind::Literal) {
      end_run();
      run_begin = i + 1;
    }
    switch (part.kind) {
      case TemplatePart::Kind::Literal:
        ++i;
        continue;
      case TemplatePart::Kind::Interpolation:
        stack_.push_back(std::move(part.expr));
        ++i;
        continue;
      case TemplatePart::Kind::If:
      case TemplatePart::Kind::For:
        i = template_directive(i);
        run_begin = i;
        continue;
      default:
        return i;
    }
  }
  end_run();
  return i;
}

Expr Grammar::template_node(size_t children, const ir::Span& whole) {
  // Literal pieces carry the span of the template (or directive body) they
  // are in; text alone is a plain string.
  bool only_text = true;
  for (size_t c = children; c < stack_.size(); ++c) {
    if (stack_[c].kind == Expr::Kind::String && stack_[c].span.file == ir::kNoFile)
      stack_[c].span = whole;
    else
      only_text = false;
  }
  if (only_text) {
    Expr literal;
    literal.kind = Expr::Kind::String;
    literal.span = whole;
    if (stack_.size() > children) literal.text = std::move(stack_[children].text);
    stack_.resize(children);
    return literal;
  }
  Expr expr;
  expr.kind = Expr::Kind::Template;
  expr.span = whole;
  take_children(expr, children);
  finish(expr);
  return expr;
}

size_t Grammar::template_directive(size_t at) {
  NestingGuard guard(*this);
  const TemplatePart& intro = parts_[at];
  bool is_if = intro.kind == TemplatePart::Kind::If;
  auto opened = [&] {
    return std::string(is_if ? "if" : "for") + " directive on line " +
           std::to_string(intro.begin.line);
  };
  if (guard.too_deep()) {
    fail(span(intro.begin, intro.end),
         message("Template directives nested too deeply",
                 "more than " + std::to_string(kMaxNesting) + " levels"));
    return parts_.size();
  }
  Expr expr;
  expr.kind = is_if ? Expr::Kind::TemplateIf : Expr::Kind::TemplateFor;
  expr.text = intro.value_name;
  expr.key_name = intro.key_name;
  size_t base = stack_.size();
  stack_.push_back(std::move(parts_[at].expr));
  // A body: the pieces up to the next else/endif/endfor at this level, with
  // the span from its opening directive to its closing one.
  auto body = [&](size_t from, const ir::Position& begin) -> size_t {
    size_t children = stack_.size();
    size_t stop = template_pieces(from);
    if (stopped_) return stop;
    if (stop >= parts_.size()) {
      fail(span(intro.begin, intro.end),
           message("Unexpected end of template",
                   "the " + opened() + " has no " + (is_if ? "endif" : "endfor")));
      return stop;
    }
    Expr node = template_node(children, span(begin, parts_[stop].end));
    stack_.push_back(std::move(node));
    return stop;
  };
  size_t stop = body(at + 1, intro.begin);
  if (stopped_) return stop;
  if (is_if && parts_[stop].kind == TemplatePart::Kind::Else) {
    stop = body(stop + 1, parts_[stop].begin);
    if (stopped_) return stop;
  }
  const TemplatePart& last = parts_[stop];
  TemplatePart::Kind closing = is_if ? TemplatePart::Kind::EndIf : TemplatePart::Kind::EndFor;
  if (last.kind != closing) {
    std::string detail;
    if (last.kind == TemplatePart::Kind::Else)
      detail = is_if ? "the " + opened() + " already has an else" : "a for directive has no else";
    else
      detail = "expected the " + std::string(is_if ? "endif" : "endfor") + " of the " + opened();
    fail(span(last.begin, last.end),
         message("Unexpected " + directive_name(last.kind) + " directive", detail));
    return stop;
  }
  expr.span = span(intro.begin, last.end);
  take_children(expr, base);
  finish(expr);
  stack_.push_back(std::move(expr));
  return stop + 1;
}

}  // namespace bw::frontends::terraform::hcl
