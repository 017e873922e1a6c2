#pragma once
// SQL quoting shared by the adapter, the Jinja context and the loader: one rule each for
// identifiers ("a""b") and string literals ('it''s').
#include <string>
#include <string_view>

namespace strata {

// Wraps text in `quote`, doubling any quote inside.
std::string quote_with(std::string_view text, char quote);
inline std::string sql_identifier(std::string_view name) { return quote_with(name, '"'); }
inline std::string sql_literal(std::string_view text) { return quote_with(text, '\''); }

}  // namespace strata
