#include "compiler/expr/parser.h"

#include <algorithm>
#include <optional>

namespace bw::compiler::expr {

namespace {

using NodePtr = std::unique_ptr<Node>;

std::string describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::Identifier:
      return "'" + token.text + "'";
    case TokenKind::Number:
      return "a number";
    case TokenKind::String:
      return "a string";
    default:
      return std::string(expr::describe(token.kind));
  }
}

std::optional<BinaryOp> relation(TokenKind kind) {
  switch (kind) {
    case TokenKind::EqualEqual:
      return BinaryOp::Equal;
    case TokenKind::NotEqual:
      return BinaryOp::NotEqual;
    case TokenKind::Less:
      return BinaryOp::Less;
    case TokenKind::LessEqual:
      return BinaryOp::LessEqual;
    case TokenKind::Greater:
      return BinaryOp::Greater;
    case TokenKind::GreaterEqual:
      return BinaryOp::GreaterEqual;
    case TokenKind::In:
      return BinaryOp::In;
    default:
      return std::nullopt;
  }
}

std::optional<BinaryOp> additive(TokenKind kind) {
  if (kind == TokenKind::Plus) return BinaryOp::Add;
  if (kind == TokenKind::Minus) return BinaryOp::Subtract;
  return std::nullopt;
}

std::optional<BinaryOp> multiplicative(TokenKind kind) {
  if (kind == TokenKind::Star) return BinaryOp::Multiply;
  if (kind == TokenKind::Slash) return BinaryOp::Divide;
  if (kind == TokenKind::Percent) return BinaryOp::Modulo;
  return std::nullopt;
}

// A recursive-descent parser; every parse_* returns nullptr once an error is
// recorded, and the callers unwind.
class Parser {
 public:
  Parser(const std::vector<Token>& tokens, std::vector<ExprError>& errors)
      : tokens_(tokens), errors_(errors) {}

  NodePtr run() {
    NodePtr root = parse_expression();
    if (!root) return nullptr;
    if (peek().kind != TokenKind::End) {
      error(peek(), "unexpected " + describe(peek()) + " after the expression");
      return nullptr;
    }
    return root;
  }

 private:
  // Counts the parser's own recursion (every nested expression passes through
  // parse_expression), which parentheses deepen without adding nodes.
  class NestingGuard {
   public:
    explicit NestingGuard(Parser& parser) : parser_(parser) { ++parser_.nesting_; }
    ~NestingGuard() { --parser_.nesting_; }
    bool too_deep() const { return parser_.nesting_ > kMaxDepth; }

   private:
    Parser& parser_;
  };

  const Token& peek() const { return tokens_[pos_]; }

  const Token& advance() {
    const Token& token = tokens_[pos_];
    if (token.kind != TokenKind::End) ++pos_;
    last_end_ = token.offset + token.length;
    return token;
  }

  bool accept(TokenKind kind) {
    if (peek().kind != kind) return false;
    advance();
    return true;
  }

  bool expect(TokenKind kind, const char* message) {
    if (accept(kind)) return true;
    error(peek(), std::string(message) + ", found " + describe(peek()));
    return false;
  }

  void error(uint32_t offset, uint32_t length, std::string message) {
    errors_.push_back({offset, length, std::move(message)});
  }
  void error(const Token& token, std::string message) {
    error(token.offset, token.length, std::move(message));
  }
  void too_deep(uint32_t offset, uint32_t length) {
    error(offset, length,
          "expression is nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
  }

  NodePtr make(NodeKind kind, const Token& first) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->offset = first.offset;
    node->name_offset = first.offset;
    node->name_length = first.length;
    return node;
  }

  // Closes a node: its span ends at the last token read, and its height is
  // checked against kMaxDepth. Returns nullptr when it is too deep.
  NodePtr finish(NodePtr node) {
    uint32_t begin = node->offset;
    uint32_t end = std::max(last_end_, begin);
    for (const NodePtr& child : node->children) {
      node->depth = std::max(node->depth, child->depth + 1);
      begin = std::min(begin, child->offset);
    }
    node->offset = begin;
    node->length = end - begin;
    if (node->depth > kMaxDepth) {
      too_deep(node->offset, node->length);
      return nullptr;
    }
    return node;
  }

  NodePtr parse_expression() {
    NestingGuard guard(*this);
    if (guard.too_deep()) {
      too_deep(peek().offset, peek().length);
      return nullptr;
    }
    NodePtr condition = parse_or();
    if (!condition || peek().kind != TokenKind::Question) return condition;
    NodePtr node = make(NodeKind::Conditional, advance());
    node->children.push_back(std::move(condition));
    NodePtr then_branch = parse_or();
    if (!then_branch) return nullptr;
    node->children.push_back(std::move(then_branch));
    if (!expect(TokenKind::Colon, "expected ':' in conditional expression")) return nullptr;
    // Right-associative: a ? b : c ? d : e.
    NodePtr else_branch = parse_expression();
    if (!else_branch) return nullptr;
    node->children.push_back(std::move(else_branch));
    return finish(std::move(node));
  }

  NodePtr parse_or() { return parse_chain(TokenKind::OrOr, NodeKind::Or, &Parser::parse_and); }
  NodePtr parse_and() {
    return parse_chain(TokenKind::AndAnd, NodeKind::And, &Parser::parse_relation);
  }

  // a op b op c as one flat node.
  NodePtr parse_chain(TokenKind token, NodeKind kind, NodePtr (Parser::*operand)()) {
    NodePtr first = (this->*operand)();
    if (!first || peek().kind != token) return first;
    NodePtr node = make(kind, advance());
    node->children.push_back(std::move(first));
    while (true) {
      NodePtr next = (this->*operand)();
      if (!next) return nullptr;
      node->children.push_back(std::move(next));
      if (!accept(token)) break;
    }
    return finish(std::move(node));
  }

  NodePtr parse_relation() { return parse_binary(relation, &Parser::parse_additive); }
  NodePtr parse_additive() { return parse_binary(additive, &Parser::parse_multiplicative); }
  NodePtr parse_multiplicative() { return parse_binary(multiplicative, &Parser::parse_unary); }

  // Left-associative binary operators of one precedence level.
  NodePtr parse_binary(std::optional<BinaryOp> (*op_of)(TokenKind), NodePtr (Parser::*operand)()) {
    NodePtr left = (this->*operand)();
    while (left) {
      std::optional<BinaryOp> op = op_of(peek().kind);
      if (!op) break;
      NodePtr node = make(NodeKind::Binary, advance());
      node->op = *op;
      NodePtr right = (this->*operand)();
      if (!right) return nullptr;
      node->children.push_back(std::move(left));
      node->children.push_back(std::move(right));
      left = finish(std::move(node));
    }
    return left;
  }

  // Prefix operators are read in a loop, not by recursion, so a long run of
  // them is caught by the depth check on the nodes rather than the stack.
  NodePtr parse_unary() {
    std::vector<const Token*> prefix;
    while (peek().kind == TokenKind::Not || peek().kind == TokenKind::Minus)
      prefix.push_back(&advance());
    NodePtr node = parse_member();
    for (auto it = prefix.rbegin(); node && it != prefix.rend(); ++it) {
      const Token& op = **it;
      if (op.kind == TokenKind::Minus && node->kind == NodeKind::Number) {
        // -5 is a literal, as in CEL.
        node->number = -node->number;
        node->length += node->offset - op.offset;
        node->offset = op.offset;
        continue;
      }
      NodePtr wrapper = make(op.kind == TokenKind::Not ? NodeKind::Not : NodeKind::Negate, op);
      wrapper->children.push_back(std::move(node));
      node = finish(std::move(wrapper));
    }
    return node;
  }

  NodePtr parse_member() {
    NodePtr node = parse_primary();
    while (node) {
      if (peek().kind == TokenKind::Dot) {
        advance();
        if (peek().kind != TokenKind::Identifier) {
          error(peek(), "expected a field or method name after '.', found " + describe(peek()));
          return nullptr;
        }
        const Token& name = advance();
        bool call = peek().kind == TokenKind::LeftParen;
        NodePtr member = make(call ? NodeKind::Call : NodeKind::Select, name);
        member->text = name.text;
        member->has_receiver = call;
        member->children.push_back(std::move(node));
        if (call && !parse_arguments(*member)) return nullptr;
        node = finish(std::move(member));
      } else if (peek().kind == TokenKind::LeftBracket) {
        NodePtr index = make(NodeKind::Index, advance());
        NodePtr key = parse_expression();
        if (!key) return nullptr;
        if (!expect(TokenKind::RightBracket, "expected ']' after index")) return nullptr;
        index->children.push_back(std::move(node));
        index->children.push_back(std::move(key));
        node = finish(std::move(index));
      } else {
        break;
      }
    }
    return node;
  }

  // ( [expression {, expression}] ) into node.children.
  bool parse_arguments(Node& node) {
    advance();  // (
    if (accept(TokenKind::RightParen)) return true;
    while (true) {
      NodePtr argument = parse_expression();
      if (!argument) return false;
      node.children.push_back(std::move(argument));
      if (accept(TokenKind::Comma)) continue;
      return expect(TokenKind::RightParen, "expected ')' after arguments");
    }
  }

  NodePtr parse_primary() {
    const Token& token = peek();
    switch (token.kind) {
      case TokenKind::Null:
        return finish(make(NodeKind::Null, advance()));
      case TokenKind::True:
      case TokenKind::False: {
        NodePtr node = make(NodeKind::Bool, advance());
        node->boolean = token.kind == TokenKind::True;
        return finish(std::move(node));
      }
      case TokenKind::Number: {
        NodePtr node = make(NodeKind::Number, advance());
        node->number = token.number;
        return finish(std::move(node));
      }
      case TokenKind::String: {
        NodePtr node = make(NodeKind::String, advance());
        node->text = token.text;
        return finish(std::move(node));
      }
      case TokenKind::Identifier: {
        advance();
        bool call = peek().kind == TokenKind::LeftParen;
        NodePtr node = make(call ? NodeKind::Call : NodeKind::Identifier, token);
        node->text = token.text;
        if (call && !parse_arguments(*node)) return nullptr;
        return finish(std::move(node));
      }
      case TokenKind::LeftParen: {
        uint32_t open = advance().offset;
        NodePtr inner = parse_expression();
        if (!inner) return nullptr;
        if (!expect(TokenKind::RightParen, "expected ')' to close '('")) return nullptr;
        // The span takes in the parentheses, so messages quote what was written.
        inner->length = last_end_ - open;
        inner->offset = open;
        return inner;
      }
      case TokenKind::LeftBracket:
        return parse_list();
      case TokenKind::LeftBrace:
        return parse_map();
      default:
        error(token, "expected an expression, found " + describe(token));
        return nullptr;
    }
  }

  NodePtr parse_list() {
    NodePtr node = make(NodeKind::List, advance());
    while (peek().kind != TokenKind::RightBracket) {
      NodePtr element = parse_expression();
      if (!element) return nullptr;
      node->children.push_back(std::move(element));
      if (!accept(TokenKind::Comma)) break;
    }
    if (!expect(TokenKind::RightBracket, "expected ']' after list elements")) return nullptr;
    return finish(std::move(node));
  }

  NodePtr parse_map() {
    NodePtr node = make(NodeKind::Map, advance());
    while (peek().kind != TokenKind::RightBrace) {
      NodePtr key = parse_expression();
      if (!key) return nullptr;
      if (!expect(TokenKind::Colon, "expected ':' after map key")) return nullptr;
      NodePtr value = parse_expression();
      if (!value) return nullptr;
      node->children.push_back(std::move(key));
      node->children.push_back(std::move(value));
      if (!accept(TokenKind::Comma)) break;
    }
    if (!expect(TokenKind::RightBrace, "expected '}' after map entries")) return nullptr;
    return finish(std::move(node));
  }

  const std::vector<Token>& tokens_;
  std::vector<ExprError>& errors_;
  size_t pos_ = 0;
  uint32_t last_end_ = 0;
  uint32_t nesting_ = 0;
};

}  // namespace

std::unique_ptr<Node> parse(const std::vector<Token>& tokens, std::vector<ExprError>& errors) {
  if (tokens.empty()) return nullptr;
  return Parser(tokens, errors).run();
}

}  // namespace bw::compiler::expr
