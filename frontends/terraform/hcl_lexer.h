#pragma once
// The HCL native syntax scanner. It cuts text into the tokens HashiCorp's
// hclsyntax scanner makes (the same kinds and boundaries: a line comment ends
// in a newline token, a quoted string is an opening quote, literal runs,
// template sequences and a closing quote, a heredoc literal is one line), so
// the parser can follow hclsyntax's grammar and put its errors where
// Terraform puts them. Each token carries its span, counted as the scan goes
// rather than looked up per node.

#include <cstdint>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "ir/comment.h"
#include "ir/source.h"

namespace bw::frontends::terraform::hcl {

// Where a file's HCL begins: after a UTF-8 byte order mark, which Terraform
// skips. The parser, the comment scan and the module-source scan agree on it.
inline uint32_t hcl_start(std::string_view text) {
  return text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
}

enum class Tok : uint8_t {
  OBrace,
  CBrace,
  OBrack,
  CBrack,
  OParen,
  CParen,
  OQuote,
  CQuote,
  OHeredoc,  // `<<EOT` or `<<-EOT` and the newline after it
  CHeredoc,  // the closing marker's line, without its newline
  Star,
  Slash,
  Plus,
  Minus,
  Percent,
  Equal,
  EqualOp,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  And,
  Or,
  Bang,
  Dot,
  Comma,
  DoubleColon,
  Ellipsis,
  FatArrow,
  Question,
  Colon,
  TemplateInterp,   // `${` or `${~`
  TemplateControl,  // `%{` or `%{~`
  TemplateSeqEnd,   // the `}` or `~}` that closes a template sequence
  QuotedLit,        // literal text of a quoted string, escapes not yet processed
  StringLit,        // literal text of a heredoc, up to the end of a line
  NumberLit,
  Ident,
  Newline,
  Eof,
  Invalid,  // text HCL never accepts; flags hold the LexProblem
};

// Why an Invalid token is invalid, in hclsyntax's categories.
enum class LexProblem : uint8_t {
  None,
  BitwiseAnd,
  BitwiseOr,
  BitwiseXor,
  BitwiseNot,
  Backtick,
  Apostrophe,
  Semicolon,
  CurlyQuote,
  InvalidCharacter,
  BadUtf8,
  QuotedNewline,
  UnterminatedComment,  // a `/*` with no `*/` after it
};

// Token flags.
inline constexpr uint8_t kStripMarker = 1;   // `${~`, `%{~` or `~}`
inline constexpr uint8_t kFlushHeredoc = 2;  // `<<-`
inline constexpr uint8_t kLineComment = 4;   // a newline that ends a `#` or `//` comment
inline constexpr uint8_t kPlainText = 8;  // a literal without escapes, `$`, `%` or CR: as written

// One token: its kind, flags, where it begins (offset, line and byte column
// as ir::SourceFile::span gives them) and the offset where it ends: 20 bytes,
// for a file of one-byte tokens holds one per byte. Its end position is
// Grammar::end_of (the same line unless the token holds a newline).
struct Token {
  Tok type = Tok::Eof;
  uint8_t flags = 0;
  // On a `{`: how many lines directly inside it start like an argument
  // (`name =`) and like a block (`name "label" {`), at most 255. A hint that
  // lets the parser size a body's vectors once; it costs no space (padding).
  uint8_t arguments = 0;
  uint8_t blocks = 0;
  ir::Position begin;
  uint32_t end_offset = 0;

  Token() = default;
  Token(Tok type, uint8_t flags, ir::Position begin, ir::Position end)
      : type(type), flags(flags), begin(begin), end_offset(end.offset) {}

  LexProblem problem() const { return static_cast<LexProblem>(flags); }
};

// Scans text into tokens. One per parser: it keeps its buffers between files.
class Lexer {
 public:
  // The tokens of file.text[begin, end), closed by an Eof token at `end`;
  // they live in the lexer until its next scan. It never fails: what HCL
  // rejects becomes Invalid tokens (and, inside strings, whatever the parser
  // will refuse).
  std::span<const Token> scan(const ir::SourceFile& file, uint32_t begin, uint32_t end);
  // The same, appended to `tokens`.
  void lex(const ir::SourceFile& file, uint32_t begin, uint32_t end, std::vector<Token>& tokens) {
    std::span<const Token> scanned = scan(file, begin, end);
    tokens.insert(tokens.end(), scanned.begin(), scanned.end());
  }
  // Scans the whole file as the parser does (after a byte order mark) and
  // returns its comments in order: `#` and `//` up to their line end (not
  // included), `/* */` whole. What looks like a comment inside a quoted
  // string or a heredoc is their text, and an unclosed `/*` is an Invalid
  // token (hclsyntax reads two operators and complains about the '/');
  // a comment inside `${ }` is one.
  std::vector<ir::Comment> comments(const ir::SourceFile& file);

 private:
  enum class ModeKind : uint8_t { Main, Quoted, Heredoc };
  // What the scanner is inside: plain syntax (at the top, or in a template
  // sequence, which ends at the `}` of brace level `return_braces`), a
  // quoted string, or a heredoc and its closing marker.
  struct Mode {
    ModeKind kind = ModeKind::Main;
    bool start_of_line = false;
    int32_t return_braces = -1;
    std::string_view marker;
  };

  uint32_t lex_main(uint32_t p);
  // A quoted string's text from `p`; `in_mode`: its Quoted mode is already
  // pushed (it is resumed after a template sequence).
  uint32_t lex_quoted(uint32_t p, bool in_mode);
  uint32_t lex_heredoc(uint32_t p);
  uint32_t lex_number(uint32_t p);
  uint32_t lex_comment(uint32_t p);
  uint32_t lex_non_ascii(uint32_t p);
  bool lex_heredoc_start(uint32_t p, uint32_t& next);
  uint32_t open_template_sequence(uint32_t p, Tok type);
  uint32_t close_template_sequence(uint32_t p, uint32_t length, uint8_t flags);
  uint32_t skip_newline_run(uint32_t p);

  ir::Position at(uint32_t offset) const { return {offset, line_, offset - line_start_ + 1}; }
  // Called for the '\n' at `offset`: the next byte starts a line, unless the
  // file ends there (SourceFile counts no empty last line).
  void passed_newline(uint32_t offset) {
    if (offset + 1 < size_) {
      ++line_;
      line_start_ = offset + 1;
    }
  }
  // Tokens go to a buffer sized for the worst case (one per byte), by a
  // pointer bump, and are copied out once: a vector's push checks and grows,
  // and that costs a sixth of the scan.
  void emit(Tok type, uint32_t begin, uint32_t end, uint8_t flags = 0) {
    new (out_++) Token(type, flags, at(begin), at(end));
  }
  void emit_invalid(uint32_t begin, uint32_t end, LexProblem problem) {
    emit(Tok::Invalid, begin, end, static_cast<uint8_t>(problem));
  }
  // A token whose last byte is the '\n' at `newline`.
  void emit_through_newline(Tok type, uint32_t begin, uint32_t newline, uint8_t flags = 0) {
    ir::Position first = at(begin);
    passed_newline(newline);
    new (out_++) Token(type, flags, first, at(newline + 1));
  }

  // Where lex_comment records each comment's [begin, end) offsets while
  // comments() scans; null for the parser's scans, which pay nothing for it.
  std::vector<std::pair<uint32_t, uint32_t>>* comments_ = nullptr;
  const char* text_ = nullptr;
  uint32_t size_ = 0;  // of the whole file, for positions
  uint32_t end_ = 0;   // of what is being scanned
  // No `*/` follows this offset in what is being scanned: a later `/*` is
  // unterminated without searching again (each search would be quadratic).
  uint32_t unclosed_from_ = UINT32_MAX;
  uint32_t line_ = 1;
  uint32_t line_start_ = 0;
  int32_t braces_ = 0;
  std::vector<Mode> modes_;
  std::vector<Token*> open_braces_;  // the `{` tokens not yet closed
  // Counts the line-start name that ends at `after_name` as an argument or a
  // block of the innermost `{` (Token::arguments, Token::blocks).
  void count_item(uint32_t after_name);
  // Frees the token buffer, which is raw memory: tokens are placed in it.
  struct FreeBuffer {
    void operator()(Token* tokens) const { ::operator delete(tokens); }
  };
  std::unique_ptr<Token, FreeBuffer> buffer_;
  size_t buffer_capacity_ = 0;
  Token* out_ = nullptr;
};

// Whether a number token is one HCL can read (`1`, `1.5`, `1e-3`, `2.e5`);
// the scanner also cuts `1.2.3` and `1e5e5` as one number.
bool is_valid_number(std::string_view digits);

}  // namespace bw::frontends::terraform::hcl
