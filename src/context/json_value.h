#pragma once
// Conversions between JSON (configs, vars, YAML) and Jinja values.
#include <nlohmann/json.hpp>

#include "jinja/value.h"

namespace strata::context {

using Json = nlohmann::ordered_json;

jinja::Value to_value(const Json& json);
// Lists, dicts and scalars convert; callables and host objects become their str().
Json to_json(const jinja::Value& value);

}  // namespace strata::context
