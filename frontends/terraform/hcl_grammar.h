#pragma once
// The recursive-descent parser behind HclParser: hclsyntax's grammar, decision
// for decision, over the tokens of hcl_lexer.h, building the AST of
// hcl_ast.h directly. It parses one top-level item at a time and stops at the
// item's first error, which it words as Terraform does (hcl_diagnostics.h);
// HclParser drops that item and resumes at the next one.

#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frontends/terraform/hcl_ast.h"
#include "frontends/terraform/hcl_lexer.h"

namespace bw::frontends::terraform::hcl {

// Deeper nesting than this, of blocks, expressions or template directives,
// or a syntax tree taller than this, is an error rather than a stack overflow
// here or in the evaluator. Real configurations stay under twenty.
inline constexpr int kMaxNesting = 500;
// A chain of binary operators (`1 + 1 + ...`) is not nesting to a user, and
// the evaluator walks it along its length, so it does not count toward
// kMaxNesting; this bounds how long one may be (Terraform's own parser has
// no bound; real configurations stay under a hundred).
inline constexpr size_t kMaxOperatorChain = 10'000;

// A literal stretch, an interpolation or a directive marker of a template, as
// hclsyntax flattens a template before building its tree (hcl_templates.cc).
struct TemplatePart {
  enum class Kind : uint8_t { Literal, Interpolation, If, Else, EndIf, For, EndFor };
  Kind kind = Kind::Literal;
  // Literal: its text is literals_[text_begin, text_end); trimming moves the ends.
  uint32_t text_begin = 0;
  uint32_t text_end = 0;
  std::string_view value_name;  // For: the variables, as written; key_name "" when absent
  std::string_view key_name;
  Expr expr;  // Interpolation: the value; If: the condition; For: the collection
  ir::Position begin;
  ir::Position end;
  bool flush = false;  // a literal starting a line of a `<<-` heredoc: indentation comes off
};

// Parses the tokens of one file at a time; one per HclParser, so its scratch
// buffers are reused from file to file.
class Grammar {
 public:
  // Tuples with more items keep only this many (the rest are parsed, not
  // kept) and are marked (flag set, number the bound): collection_items.
  void set_max_items(size_t items) { max_items_ = items; }
  // Starts on `tokens` of `file`, from the first token.
  void start(const ir::SourceFile& file, std::span<const Token> tokens);
  // Skips newlines; whether the tokens are all read.
  bool at_end();
  // The index of the next token.
  size_t position() const { return pos_; }

  // Parses one top-level attribute or block and keeps it for the file's body.
  // Failed when it has a syntax error: `error()` says which, and
  // `resumable()` whether the tokens were read to the item's end (a
  // redefined attribute, a bad number) or it stopped short (the caller must
  // find the next item itself).
  enum class Item { Attribute, Block, Failed };
  Item top_level_item();
  // The top-level attribute just parsed, and dropping it again.
  const Attribute& last_attribute() const { return file_attributes_.back(); }
  void drop_last_attribute() { file_attributes_.pop_back(); }
  // Forgets the items kept so far (a new file) / moves them into `body`.
  void begin_file();
  void take_file_body(Body& body);
  const SyntaxError& error() const { return *error_; }
  bool resumable() const { return error_ && !stopped_; }

  // The tokens' text and spans.
  std::string_view text(const Token& token) const;
  ir::Span span(const ir::Position& begin, const ir::Position& end) const {
    return {file_->id, begin, end};
  }
  ir::Span span(const Token& token) const { return span(token.begin, end_of(token)); }
  // Where a token ends: on its line, unless it holds a newline.
  ir::Position end_of(const Token& token) const {
    uint32_t length = token.end_offset - token.begin.offset;
    if (!std::memchr(file_->text.data() + token.begin.offset, '\n', length))
      return {token.end_offset, token.begin.line, token.begin.column + length};
    return file_->position_at(token.end_offset);
  }

 private:
  // Whether newline tokens count at this point (they do in bodies and object
  // constructors, not inside brackets, parentheses and template sequences).
  class NewlineScope {
   public:
    NewlineScope(Grammar& grammar, bool significant)
        : grammar_(grammar), saved_(grammar.newlines_) {
      grammar.newlines_ = significant;
    }
    ~NewlineScope() { grammar_.newlines_ = saved_; }

   private:
    Grammar& grammar_;
    bool saved_;
  };
  // Counts recursion against kMaxNesting.
  class NestingGuard {
   public:
    explicit NestingGuard(Grammar& grammar) : grammar_(grammar) { ++grammar.nesting_; }
    ~NestingGuard() { --grammar_.nesting_; }
    bool too_deep() const { return grammar_.nesting_ > kMaxNesting; }

   private:
    Grammar& grammar_;
  };

  const Token& peek() const {
    size_t i = pos_;
    if (!newlines_)
      while (tokens_[i].type == Tok::Newline) ++i;
    return tokens_[i];
  }
  const Token& next() {
    if (!newlines_)
      while (tokens_[pos_].type == Tok::Newline) ++pos_;
    const Token& token = tokens_[pos_];
    if (token.type != Tok::Eof) ++pos_;
    return token;
  }
  bool is_keyword(const Token& token, std::string_view word) const {
    return token.type == Tok::Ident && text(token) == word;
  }
  bool failed() const { return error_.has_value(); }

  // Records the item's first error. `fail` stops the parse where it is;
  // `complain` lets it read on (hclsyntax reports these without recovering).
  // Out of line and cold, with the message composed inside, so the recursive
  // functions that call them keep small stack frames.
  [[gnu::cold]] Expr fail(const ir::Span& where, std::string message);
  [[gnu::cold]] Expr fail(const Token& where, std::string message);
  [[gnu::cold]] Expr fail(const ir::Span& where, std::string_view summary, std::string_view detail);
  [[gnu::cold]] Expr fail(const Token& where, std::string_view summary, std::string_view detail);
  // "Summary: expected X, found <the token at where>".
  [[gnu::cold]] Expr fail_found(const Token& where, std::string_view summary,
                                std::string_view expected);
  [[gnu::cold]] Expr fail_too_deep(const ir::Span& where);
  [[gnu::cold]] Expr fail_too_long(const ir::Span& where);
  [[gnu::cold]] void complain(const ir::Span& where, std::string message);
  [[gnu::cold]] void complain(const ir::Span& where, std::string_view summary,
                              std::string_view detail);
  // Sets a node's height from its children; too tall is an error.
  bool finish(Expr& expr);
  Expr make(Expr::Kind kind, const ir::Position& begin, const ir::Position& end) const;

  // Bodies (hcl_bodies.cc).
  void body(Body& body, const Token& type, const Token& open, ir::Position& close);
  bool body_item(Body& body, size_t names_base);
  static void reserve_items(Body& body, const Token& open);
  // Moves stack[base, end) into `into`, allocated once at its size.
  template <typename T>
  static void take(std::vector<T>& stack, size_t base, std::vector<T>& into) {
    into.reserve(stack.size() - base);
    for (size_t i = base; i < stack.size(); ++i) into.push_back(std::move(stack[i]));
    stack.erase(stack.begin() + static_cast<long>(base), stack.end());
  }
  bool attribute_definition(const Token& name, bool single_line, Attribute& attribute);
  bool block_definition(const Token& type, Block& block);
  bool single_attribute_body(Body& body);
  bool block_label(std::string& label, ir::Position& end);
  std::string header_text(const Token& type, const Token& open) const;
  // An argument of the body being read (names_ from `base` on) named `name`;
  // remembers `name` for the next lookups. Linear in the body's size: a long
  // body is looked up through an index of its own.
  const std::string_view* find_name(size_t base, std::string_view name);

  // Expressions (hcl_expressions.cc, hcl_traversals.cc, hcl_collections.cc).
  Expr expression();
  [[gnu::noinline]] void conditional(Expr& condition);
  Expr binary(int min_precedence);
  [[gnu::noinline]] Expr combine(Expr&& left, Tok op, Expr&& right);
  Expr operand();
  [[gnu::noinline]] Expr unary(const Token& op);
  Expr term();
  void traversals(Expr& base);
  // Makes `node` the first of `children` children of a new `kind` node.
  void wrap(Expr& node, Expr::Kind kind, const ir::Position& end, size_t children);
  Expr attribute_splat(Expr base, const Token& dot, const Token& star);
  Expr full_splat(Expr base, const Token& open, const Token& close);
  Expr call(const Token& name);
  Expr tuple();
  Expr object();
  Expr for_expression(const Token& open);
  Expr number(const Token& token);
  // Moves the expressions pushed on stack_ since `base` into `expr.children`.
  void take_children(Expr& expr, size_t base);
  // Separators and key/value marks at the level of the collection ahead.
  struct ItemCount {
    size_t separators = 0;
    size_t pairs = 0;
  };
  ItemCount count_items() const;

  // Templates (hcl_templates.cc, hcl_template_tree.cc).
  Expr quoted_template();
  Expr heredoc_template();
  // Reads a template's tokens up to `end` into parts_, hclsyntax's flat
  // template tokens with `~` markers applied; `close` is the closing token.
  bool template_parts(const Token& open, Tok end, const Token*& close);
  bool template_sequence(const Token& open, Tok end, bool& trim_next);
  [[gnu::cold]] void fail_sequence_end(const Token& open, const Token& found,
                                       std::string_view keyword, Tok end);
  void flush_heredoc(size_t base);
  // Builds the template of parts_ from `base` on (and drops those parts).
  Expr build_template(size_t base, const ir::Span& whole);
  // Pushes the pieces of one body onto stack_, up to the else/endif/endfor
  // that ends it; returns that part's index.
  size_t template_pieces(size_t i);
  size_t template_directive(size_t at);
  // The stack_ pieces from `children` on as a Template, or a String when they
  // are all text.
  Expr template_node(size_t children, const ir::Span& whole);
  // Appends a quoted literal's text, escapes processed; false when one is invalid.
  bool unescape_quoted(const Token& token, std::string& out);
  std::string_view literal_text(const TemplatePart& part) const {
    return std::string_view(literals_).substr(part.text_begin, part.text_end - part.text_begin);
  }

  const ir::SourceFile* file_ = nullptr;
  std::span<const Token> tokens_;
  size_t pos_ = 0;
  bool newlines_ = true;
  int nesting_ = 0;
  size_t max_items_ = 100'000;
  std::optional<SyntaxError> error_;
  bool stopped_ = false;
  // Scratch stacks, reused: children being collected, template parts and
  // their literal text, and the argument names of the bodies being read
  // (text in the file).
  std::vector<Expr> stack_;
  std::vector<TemplatePart> parts_;
  std::string literals_;
  std::vector<std::string_view> names_;
  // The argument names of each body being read, by nesting level, indexed
  // once a body holds more than a few (positions in names_).
  struct NameIndex {
    bool active = false;
    std::unordered_map<std::string_view, size_t> positions;
  };
  std::vector<NameIndex> name_index_;
  size_t body_level_ = 0;
  // The file's own items, across rescans after errors.
  std::vector<Attribute> file_attributes_;
  std::vector<Block> file_blocks_;
};

}  // namespace bw::frontends::terraform::hcl
