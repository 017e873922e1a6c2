#pragma once
// The macros a template body calls, found without rendering it (dbt's
// statically_extract_macro_calls): `name(...)` and `package.name(...)`, and for
// `adapter.dispatch('name', 'package')(...)` the implementations dispatch may pick.
#include <string>
#include <vector>

#include "jinja/ast.h"

namespace strata::jinja {

// Dotted names ("star", "dbt_utils.star", "dbt_utils.default__star"), each once, in order
// of first appearance. `adapter_prefixes` are tried for dispatch, e.g. {"duckdb", "default"}.
std::vector<std::string> static_macro_calls(const ast::Body& body, const std::vector<std::string>& adapter_prefixes);

}  // namespace strata::jinja
