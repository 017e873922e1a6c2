#pragma once
// Tokens -> syntax tree, following Jinja2's grammar and precedence.
#include <memory>
#include <string_view>

#include "jinja/ast.h"

namespace strata::jinja {

class Environment;

struct SyntaxError {
  std::string message;
  uint32_t offset = 0;
  uint32_t length = 1;
};

// Parses a whole template. Custom block tags come from `env` (may be null).
// Returns null and fills `error` on failure.
std::unique_ptr<ast::TemplateNode> parse_template(std::string_view source, const Environment* env, SyntaxError& error);

}  // namespace strata::jinja
