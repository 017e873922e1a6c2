#pragma once
// JSON <-> Value conversion (objects keep their key order).
#include <nlohmann/json.hpp>

#include "jinja/value.h"

namespace strata::jinja {

Value from_json(const nlohmann::ordered_json& json);
// Values without a JSON form (callables, host objects, undefined) become their str().
nlohmann::ordered_json to_json_value(const Value& value);

}  // namespace strata::jinja
