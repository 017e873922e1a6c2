#pragma once
// YAML files with positions: parse errors and later validation errors point at
// file:line:col. dbt reads YAML with PyYAML's safe_load (YAML 1.1), so plain scalars
// convert with 1.1 rules (yes/no/on/off are booleans) while quoted ones stay strings.
#include <yaml-cpp/yaml.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "common/result.h"

namespace strata::project {

using Json = nlohmann::ordered_json;

struct YamlDocument {
  std::shared_ptr<const SourceText> source;
  YAML::Node root;  // Null node for an empty file

  // Where a node stands in the file (line/col from yaml-cpp's mark).
  SourceSpan span(const YAML::Node& node) const;
  // An error at a node.
  Error error_at(const YAML::Node& node, std::string message) const;
};

Result<YamlDocument> parse_yaml(std::shared_ptr<const SourceText> source);

// Converts with YAML 1.1 scalar typing (ints, floats, bools, null) as PyYAML does.
Json yaml_to_json(const YAML::Node& node);

// A plain scalar's typed value ("1" -> 1, "yes" -> true, "~" -> null); quoted -> string.
Json scalar_to_json(const YAML::Node& node);

}  // namespace strata::project
