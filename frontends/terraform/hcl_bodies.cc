// The body half of the Grammar: top-level items, attributes, blocks, one-line
// blocks and block labels, with hclsyntax's rules on newlines (an argument
// ends its line; a block's `{` is on its header's line; `}` is on its own
// line unless the whole block is) and on redefined arguments.

#include <algorithm>

#include "frontends/terraform/hcl_diagnostics.h"
#include "frontends/terraform/hcl_grammar.h"

namespace bw::frontends::terraform::hcl {

namespace {

bool ends_line(Tok type) {
  return type == Tok::Newline || type == Tok::Eof;
}

bool starts_block(Tok type) {
  return type == Tok::OQuote || type == Tok::OBrace || type == Tok::Ident;
}

bool starts_expression(Tok type) {
  switch (type) {
    case Tok::OParen:
    case Tok::NumberLit:
    case Tok::Ident:
    case Tok::OQuote:
    case Tok::OHeredoc:
    case Tok::Minus:
    case Tok::Bang:
    case Tok::OBrack:
    case Tok::OBrace:
    case Tok::Invalid:  // the lexer's own error says more
      return true;
    default:
      return false;
  }
}

}  // namespace

void Grammar::start(const ir::SourceFile& file, std::span<const Token> tokens) {
  file_ = &file;
  tokens_ = tokens;
  pos_ = 0;
}

bool Grammar::at_end() {
  while (tokens_[pos_].type == Tok::Newline) ++pos_;
  return tokens_[pos_].type == Tok::Eof;
}

std::string_view Grammar::text(const Token& token) const {
  return std::string_view(file_->text)
      .substr(token.begin.offset, end_of(token).offset - token.begin.offset);
}

Expr Grammar::fail(const ir::Span& where, std::string message) {
  if (!error_) error_ = SyntaxError{where, std::move(message)};
  stopped_ = true;
  Expr invalid;
  invalid.span = where;
  return invalid;
}

Expr Grammar::fail(const Token& where, std::string message) {
  return fail(span(where), std::move(message));
}

Expr Grammar::fail(const ir::Span& where, std::string_view summary, std::string_view detail) {
  return fail(where, message(summary, detail));
}

Expr Grammar::fail(const Token& where, std::string_view summary, std::string_view detail) {
  return fail(span(where), message(summary, detail));
}

Expr Grammar::fail_found(const Token& where, std::string_view summary, std::string_view expected) {
  return fail(span(where),
              message(summary, std::string(expected) + ", found " + describe(where, text(where))));
}

Expr Grammar::fail_too_deep(const ir::Span& where) {
  return fail(where, message("Expression too deeply nested",
                             "more than " + std::to_string(kMaxNesting) + " levels"));
}

Expr Grammar::fail_too_long(const ir::Span& where) {
  return fail(
      where, message("Expression too long",
                     "more than " + std::to_string(kMaxOperatorChain) + " operators in one chain"));
}

void Grammar::complain(const ir::Span& where, std::string message) {
  if (!error_) error_ = SyntaxError{where, std::move(message)};
}

void Grammar::complain(const ir::Span& where, std::string_view summary, std::string_view detail) {
  complain(where, message(summary, detail));
}

Expr Grammar::make(Expr::Kind kind, const ir::Position& begin, const ir::Position& end) const {
  Expr expr;
  expr.kind = kind;
  expr.span = span(begin, end);
  return expr;
}

bool Grammar::finish(Expr& expr) {
  int height = 0;
  for (const Expr& child : expr.children) height = std::max<int>(height, child.height);
  // An operation's left operand that is itself an operation continues one
  // chain (`1 + 1 + 1`), read along its length: it adds no level.
  if (expr.kind == Expr::Kind::Binary && expr.children.size() == 2 &&
      expr.children[0].kind == Expr::Kind::Binary) {
    height = std::max<int>(expr.children[0].height - 1, expr.children[1].height);
  }
  if (height + 1 > kMaxNesting) {
    fail(expr.span, message("Expression too deeply nested",
                            "more than " + std::to_string(kMaxNesting) + " levels"));
    return false;
  }
  expr.height = static_cast<uint16_t>(height + 1);
  return true;
}

void Grammar::begin_file() {
  file_attributes_.clear();
  file_blocks_.clear();
}

void Grammar::take_file_body(Body& body) {
  take(file_attributes_, 0, body.attributes);
  take(file_blocks_, 0, body.blocks);
}

Grammar::Item Grammar::top_level_item() {
  error_.reset();
  stopped_ = false;
  nesting_ = 0;
  newlines_ = true;
  stack_.clear();
  parts_.clear();
  names_.clear();
  literals_.clear();
  const Token& name = next();
  if (name.type != Tok::Ident) {
    if (name.type == Tok::OQuote)
      fail(name, "Invalid argument name", "argument names must not be quoted");
    else
      fail(name, message("Argument or block definition required",
                         "unexpected " + describe(name, text(name))));
    return Item::Failed;
  }
  Tok after = peek().type;
  if (after == Tok::Equal) {
    bool ok = attribute_definition(name, false, file_attributes_.emplace_back());
    if (ok && !failed()) return Item::Attribute;
    file_attributes_.pop_back();
    return Item::Failed;
  }
  if (starts_block(after)) {
    // Bodies gather blocks on blocks_, so this one stays where it is.
    bool ok = block_definition(name, file_blocks_.emplace_back());
    if (ok && !failed()) return Item::Block;
    file_blocks_.pop_back();
    return Item::Failed;
  }
  fail(name, message("Argument or block definition required",
                     "use '=' to set the argument '" + std::string(text(name)) + "'"));
  return Item::Failed;
}

std::string Grammar::header_text(const Token& type, const Token& open) const {
  std::string_view header = std::string_view(file_->text)
                                .substr(type.begin.offset, open.begin.offset - type.begin.offset);
  while (!header.empty() && (header.back() == ' ' || header.back() == '\t'))
    header.remove_suffix(1);
  if (header.size() > 60) return "'" + std::string(header.substr(0, 60)) + "...'";
  return "'" + std::string(header) + "'";
}

void Grammar::body(Body& body, const Token& type, const Token& open, ir::Position& close) {
  NestingGuard guard(*this);
  if (guard.too_deep()) {
    fail(span(type.begin, end_of(open)),
         message("Blocks nested too deeply",
                 "more than " + std::to_string(kMaxNesting) + " levels"));
    return;
  }
  reserve_items(body, open);
  size_t names_base = names_.size();
  // This body's names are indexed at its level once it is long.
  struct Level {
    explicit Level(Grammar& grammar) : grammar_(grammar) {
      if (grammar.name_index_.size() <= grammar.body_level_) grammar.name_index_.emplace_back();
      NameIndex& index = grammar.name_index_[grammar.body_level_++];
      index.active = false;
      index.positions.clear();
    }
    ~Level() { --grammar_.body_level_; }
    Grammar& grammar_;
  } level(*this);
  for (;;) {
    const Token& token = peek();
    switch (token.type) {
      case Tok::CBrace:
        close = end_of(token);
        next();
        names_.resize(names_base);
        return;
      case Tok::Newline:
        next();
        continue;
      case Tok::Ident:
        if (!body_item(body, names_base)) return;
        continue;
      case Tok::Eof:
        fail(span(type.begin, end_of(open)),
             message(
                 "Unclosed configuration block",
                 "no closing '}' for " + header_text(type, open) + " before the end of the file"));
        return;
      case Tok::OQuote:
        fail(token, "Invalid argument name", "argument names must not be quoted");
        return;
      default:
        fail(token, message("Argument or block definition required",
                            "unexpected " + describe(token, text(token))));
        return;
    }
  }
}

bool Grammar::body_item(Body& body, size_t names_base) {
  const Token& name = next();
  Tok after = peek().type;
  // Items are parsed in place: nothing pushes onto this body's vectors while
  // one of its items is read.
  if (after == Tok::Equal) {
    Attribute& attribute = body.attributes.emplace_back();
    if (!attribute_definition(name, false, attribute)) return false;
    std::string_view written = text(name);
    if (const std::string_view* first = find_name(names_base, written)) {
      uint32_t offset = static_cast<uint32_t>(first->data() - file_->text.data());
      complain(span(name), message("Attribute redefined",
                                   "'" + std::string(written) + "' was already set on line " +
                                       std::to_string(file_->position_at(offset).line)));
    }
    return true;
  }
  if (starts_block(after)) return block_definition(name, body.blocks.emplace_back());
  fail(name, message("Argument or block definition required",
                     "use '=' to set the argument '" + std::string(text(name)) + "'"));
  return false;
}

void Grammar::reserve_items(Body& body, const Token& open) {
  // The scanner counted the lines that start items: growing a vector of
  // attributes would move every one of them.
  body.attributes.reserve(open.arguments);
  body.blocks.reserve(open.blocks);
}

const std::string_view* Grammar::find_name(size_t base, std::string_view name) {
  // Bodies hold a handful of arguments, searched in place; a long one (a big
  // locals block, a generated block) gets an index, so that no body costs
  // more than linear time however many arguments it has.
  constexpr size_t kIndexFrom = 16;
  NameIndex& index = name_index_[body_level_ - 1];
  if (!index.active && names_.size() - base >= kIndexFrom) {
    index.active = true;
    for (size_t i = base; i < names_.size(); ++i) index.positions.emplace(names_[i], i);
  }
  if (index.active) {
    auto [at, added] = index.positions.emplace(name, names_.size());
    if (!added) return &names_[at->second];
    names_.push_back(name);
    return nullptr;
  }
  for (size_t i = base; i < names_.size(); ++i)
    if (names_[i] == name) return &names_[i];
  names_.push_back(name);
  return nullptr;
}

bool Grammar::attribute_definition(const Token& name, bool single_line, Attribute& attribute) {
  next();  // =
  const Token& first = peek();
  if (!starts_expression(first.type)) {
    std::string detail = "missing value after '" + std::string(text(name)) + " ='";
    fail(first,
         message(first.type == Tok::Eof ? "Missing expression" : "Invalid expression", detail));
    return false;
  }
  Expr value = expression();
  if (stopped_) return false;
  if (!single_line) {
    const Token& end = peek();
    if (end.type == Tok::Comma) {
      fail(end, "Unexpected comma after argument", "separate arguments with newlines, not commas");
      return false;
    }
    if (!ends_line(end.type)) {
      fail(end, message("Missing newline after argument", "found " + describe(end, text(end)) +
                                                              " after the value of '" +
                                                              std::string(text(name)) + "'"));
      return false;
    }
    if (end.type == Tok::Newline) next();
  }
  attribute.name = text(name);
  attribute.name_span = span(name);
  attribute.span = span(name.begin, value.span.end);
  attribute.value = std::move(value);
  return true;
}

bool Grammar::block_definition(const Token& type, Block& block) {
  ir::Position header_end = end_of(type);
  const Token* open = nullptr;
  while (!open) {
    const Token& token = peek();
    switch (token.type) {
      case Tok::OBrace:
        open = &next();
        break;
      case Tok::OQuote: {
        std::string label;
        if (!block_label(label, header_end)) return false;
        if (block.labels.empty()) block.labels.reserve(2);
        block.labels.push_back(std::move(label));
        break;
      }
      case Tok::Ident:
        next();
        if (block.labels.empty()) block.labels.reserve(2);
        block.labels.emplace_back(text(token));
        header_end = end_of(token);
        break;
      case Tok::Equal:
        fail(token, "Invalid block definition",
             "'=' defines an argument; a block's labels are followed by '{'");
        return false;
      case Tok::Newline:
        fail(token, "Invalid block definition",
             "a block's '{' must be on the same line as its header");
        return false;
      default:
        fail_found(token, "Invalid block definition", "expected a quoted label or '{'");
        return false;
    }
  }
  block.type = text(type);
  block.header_span = span(type.begin, header_end);
  ir::Position close;
  Tok first = peek().type;
  if (first == Tok::Newline || first == Tok::Eof || first == Tok::CBrace) {
    body(block.body, type, *open, close);
    if (stopped_) return false;
  } else {
    if (!single_attribute_body(block.body)) return false;
    const Token& token = peek();
    std::string_view summary = "Invalid single-argument block definition";
    switch (token.type) {
      case Tok::CBrace:
        close = end_of(token);
        next();
        break;
      case Tok::Comma:
        fail(token,
             message(summary, "a one-line block holds one argument; put each on its own line"));
        return false;
      case Tok::Newline:
        fail(token,
             message(summary, "a one-line block closes on its line, right after its argument"));
        return false;
      case Tok::Eof:
        fail(span(type.begin, end_of(*open)),
             message(
                 "Unclosed configuration block",
                 "no closing '}' for " + header_text(type, *open) + " before the end of the file"));
        return false;
      default:
        fail_found(token, summary, "expected '}' after the argument");
        return false;
    }
  }
  const Token& after = peek();
  if (!ends_line(after.type)) {
    fail(after, message("Missing newline after block definition",
                        "found " + describe(after, text(after)) + " after the block's '}'"));
    return false;
  }
  if (after.type == Tok::Newline) next();
  block.span = span(type.begin, close);
  return true;
}

bool Grammar::single_attribute_body(Body& body) {
  const Token& name = next();
  if (name.type != Tok::Ident) {
    fail(name, message("Argument or block definition required",
                       "unexpected " + describe(name, text(name))));
    return false;
  }
  const Token& after = peek();
  if (after.type == Tok::Equal) {
    body.attributes.reserve(1);
    return attribute_definition(name, true, body.attributes.emplace_back());
  }
  if (starts_block(after.type)) {
    fail(span(name.begin, end_of(after)),
         message("Argument definition required",
                 "a one-line block holds only one argument; put the block '" +
                     std::string(text(name)) + "' on a line of its own"));
    return false;
  }
  fail(name, message("Argument or block definition required",
                     "use '=' to set the argument '" + std::string(text(name)) + "'"));
  return false;
}

bool Grammar::block_label(std::string& label, ir::Position& end) {
  const Token& open = next();
  for (;;) {
    const Token& token = next();
    switch (token.type) {
      case Tok::CQuote:
        end = end_of(token);
        return true;
      case Tok::QuotedLit:
        if (token.flags & kPlainText)
          label += text(token);
        else
          unescape_quoted(token, label);
        continue;
      case Tok::TemplateInterp:
      case Tok::TemplateControl:
        fail(token, message("Invalid string literal",
                            "a block label cannot hold template sequences; write '$${' or '%%{' "
                            "for a literal '${' or '%{'"));
        return false;
      case Tok::Eof:
        fail(open,
             message("Unterminated string literal", "no closing '\"' before the end of the file"));
        return false;
      default:
        fail(token,
             message("Invalid string literal", "unexpected " + describe(token, text(token))));
        return false;
    }
  }
}

}  // namespace bw::frontends::terraform::hcl
