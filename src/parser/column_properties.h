#pragma once
// The `columns:` list of a model, seed, snapshot or source table in properties YAML.
#include <vector>

#include "manifest/node.h"
#include "parser/yaml_values.h"

namespace strata::parser {

// Names, descriptions, data types, meta, tags, quote and constraints; every value but the
// description rendered by `values` (null: as written) for a file of `package`.
Result<std::vector<manifest::ColumnProperties>> read_column_properties(const YamlValues* values,
                                                                      const project::YamlDocument& doc,
                                                                      const yaml::Node& columns,
                                                                      const std::string& package);

}  // namespace strata::parser
