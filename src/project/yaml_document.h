#pragma once
// YAML files with positions: parse errors and later validation errors point at
// file:line:col. dbt reads YAML with PyYAML's safe_load (YAML 1.1), so plain scalars
// convert with 1.1 rules (yes/no/on/off are booleans) while quoted ones stay strings.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "common/result.h"
#include "project/yaml_tree.h"

namespace strata::project {

using Json = nlohmann::ordered_json;

struct YamlDocument {
  std::shared_ptr<const SourceText> source;
  std::shared_ptr<const yaml::Tree> tree;  // owns the nodes: keep the document while using them
  yaml::Node root;                         // Null node for an empty file

  // Where a node stands in the file.
  SourceSpan span(const yaml::Node& node) const;
  // An error at a node.
  Error error_at(const yaml::Node& node, std::string message) const;
};

Result<YamlDocument> parse_yaml(std::shared_ptr<const SourceText> source);

// Converts with YAML 1.1 scalar typing (ints, floats, bools, null) as PyYAML does.
Json yaml_to_json(const yaml::Node& node);

// A plain scalar's typed value ("1" -> 1, "yes" -> true, "~" -> null); quoted -> string.
Json scalar_to_json(const yaml::Node& node);

// Renders one YAML string value (with its location for errors) into a typed value.
using ValueRenderer = std::function<Result<Json>(const std::string& text, const SourceSpan& where)>;

// yaml_to_json with every string that holds Jinja ("{{" or "{%") rendered; the values of
// mapping keys for which `as_written(key)` holds are converted without rendering.
Result<Json> render_yaml_to_json(const YamlDocument& doc, const yaml::Node& node, const ValueRenderer& render,
                                 const std::function<bool(const std::string& key)>& as_written = {});

}  // namespace strata::project
