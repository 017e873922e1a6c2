#pragma once
// Native-mode conversion of rendered text, like dbt's native environment: text that is a
// Python literal (number, string, bool, None, list, tuple, dict) becomes that value.
#include <optional>
#include <string>

#include "jinja/value.h"

namespace strata::jinja {

// The literal's value, or nullopt when the text is not a Python literal.
std::optional<Value> literal_eval(const std::string& text);
Value literal_eval_or_string(const std::string& text);

}  // namespace strata::jinja
