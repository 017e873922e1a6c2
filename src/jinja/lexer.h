#pragma once
// Splits template source into tokens with Jinja2's default delimiters and whitespace rules
// (no trim_blocks/lstrip_blocks, one trailing newline dropped, `-` strips around tags).
#include <string_view>
#include <vector>

#include "jinja/token.h"

namespace strata::jinja {

struct LexError {
  std::string message;
  uint32_t offset = 0;
  uint32_t length = 1;
};

// On failure returns false and fills `error`.
bool tokenize(std::string_view source, std::vector<Token>& tokens, LexError& error);

}  // namespace strata::jinja
