#pragma once
// toyaml(): writes a value as dbt does with PyYAML's safe_dump(value, sort_keys=False) —
// block style, 2-space indent, sequences under a key not indented, strings quoted exactly
// when PyYAML would (when plain text would read back as another type or is not valid
// plain YAML), non-ASCII escaped in double quotes, lines folded past 80 columns.
#include <string>

#include <nlohmann/json.hpp>

namespace strata::context {

std::string dump_yaml(const nlohmann::ordered_json& value);

}  // namespace strata::context
