#pragma once
// Tokens of the template lexer; every token knows its byte span in the source.
#include <cstdint>
#include <string>

namespace strata::jinja {

enum class TokenType : uint8_t {
  Data,        // literal text between tags (already whitespace-controlled)
  VarBegin,    // {{
  VarEnd,      // }}
  BlockBegin,  // {%
  BlockEnd,    // %}
  Name,
  String,
  Integer,
  Float,
  Operator,  // text holds the operator: "+", "//", "==", "(", ...
  Eof,
};

struct Token {
  TokenType type = TokenType::Eof;
  uint32_t offset = 0;  // byte offset in the source
  uint32_t length = 0;
  std::string text;     // Data text, Name, decoded String, Operator
  int64_t int_value = 0;
  double float_value = 0;

  bool is_op(const char* op) const { return type == TokenType::Operator && text == op; }
  bool is_name(const char* name) const { return type == TokenType::Name && text == name; }
};

const char* token_type_name(TokenType type);
// How the token reads in messages: "'endfor'", "end of statement block", ...
std::string describe_token(const Token& token);

}  // namespace strata::jinja
