#include "jinja/native.h"

#include <cctype>
#include <cstring>

#include "jinja/ast.h"
#include "jinja/lexer.h"
#include "jinja/parser.h"

namespace strata::jinja {

namespace {

// Only literal nodes (and unary minus/plus on numbers) are allowed, as in ast.literal_eval.
std::optional<Value> literal_of(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::Const: return static_cast<const ast::Const&>(e).value;
    case ast::ExprKind::List:
    case ast::ExprKind::Tuple: {
      std::vector<Value> items;
      for (const auto& item : static_cast<const ast::Sequence&>(e).items) {
        auto v = literal_of(*item);
        if (!v) return std::nullopt;
        items.push_back(std::move(*v));
      }
      return e.kind == ast::ExprKind::Tuple ? Value::tuple(std::move(items)) : Value::list(std::move(items));
    }
    case ast::ExprKind::Dict: {
      Value d = Value::dict();
      for (const auto& [k, v] : static_cast<const ast::DictLit&>(e).items) {
        auto key = literal_of(*k);
        auto value = literal_of(*v);
        if (!key || !value || key->is_dict() || (key->is_list() && !key->is_tuple())) return std::nullopt;
        d.as_dict().set(*key, std::move(*value));
      }
      return d;
    }
    case ast::ExprKind::Unary: {
      const auto& u = static_cast<const ast::Unary&>(e);
      if (u.op == ast::UnaryOp::Not || u.operand->kind != ast::ExprKind::Const) return std::nullopt;
      Value v = static_cast<const ast::Const&>(*u.operand).value;
      if (v.is_int()) return u.op == ast::UnaryOp::Neg ? Value(-v.as_int()) : v;
      if (v.is_float()) return u.op == ast::UnaryOp::Neg ? Value(-v.as_float()) : v;
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

}  // namespace

std::optional<Value> literal_eval(const std::string& raw) {
  // jinja2.nativetypes parses the text as is: leading blanks make it a string.
  if (raw.empty() || raw[0] == ' ' || raw[0] == '\t') return std::nullopt;
  // A Python literal starts with a digit, a sign, a dot, a quote, a bracket, or True/False/
  // None (or a string prefix such as b'...' / u'...'); anything else is a string. Checking
  // first keeps huge plain-text output from being tokenized (found by the fuzzer).
  unsigned char first = static_cast<unsigned char>(raw[0]);
  bool may_be_literal = std::isdigit(first) || std::strchr("+-.'\"[({", raw[0]) != nullptr ||
                        raw.rfind("True", 0) == 0 || raw.rfind("False", 0) == 0 || raw.rfind("None", 0) == 0 ||
                        ((first == 'b' || first == 'u' || first == 'r' || first == 'B' || first == 'U' || first == 'R') &&
                         raw.size() > 1 && (raw[1] == '\'' || raw[1] == '"'));
  if (!may_be_literal) return std::nullopt;
  std::string text = raw;
  if (text.find("{{") != std::string::npos || text.find("{%") != std::string::npos || text.find("{#") != std::string::npos ||
      text.find("}}") != std::string::npos) {
    // Could confuse the template lexer; only nested dict literals contain these, handled below.
    if (text.find("{%") != std::string::npos || text.find("{#") != std::string::npos) return std::nullopt;
  }
  std::string wrapped = "{{ " + text + "\n}}";
  std::vector<Token> tokens;
  LexError lex_error;
  if (!tokenize(wrapped, tokens, lex_error)) return std::nullopt;
  for (const Token& t : tokens) {
    if (t.type == TokenType::Name && t.text != "True" && t.text != "False" && t.text != "None") return std::nullopt;
    if (t.type == TokenType::Data) return std::nullopt;
  }
  SyntaxError error;
  auto root = parse_template(wrapped, nullptr, error);
  if (!root || root->body.size() != 1 || root->body[0]->kind != ast::StmtKind::Print) return std::nullopt;
  return literal_of(*static_cast<const ast::Print&>(*root->body[0]).expr);
}

Value literal_eval_or_string(const std::string& text) {
  if (auto v = literal_eval(text)) return *v;
  return Value(text);
}

}  // namespace strata::jinja
