#pragma once
// The `config` objects of manifest.json: dbt writes every config key with its default for
// the resource type, then what the project set. Also the small normalized sub-objects
// (hooks, columns, freshness) whose shape the schema fixes exactly.
#include <vector>

#include "artifacts/artifact_json.h"
#include "manifest/node.h"

namespace strata::artifacts {

// The full config object for a node (model, seed, snapshot, test, analysis, operation,
// source, exposure or unit test): defaults first, in dbt's key order, then the node's own
// keys. Known keys are coerced to the schema's shape (a hook string becomes a Hook object,
// a tags string becomes a list); a known key with a value of the wrong type keeps the
// default. Unknown keys pass through (every config schema allows extra keys).
Json node_config_json(const manifest::Node& node);

// pre-hook/post-hook in any form dbt accepts (string, list of strings, {sql, transaction})
// as a list of {sql, transaction, index}.
Json hooks_json(const Json& value);

// {name: ColumnInfo} in declaration order.
Json columns_json(const std::vector<manifest::ColumnProperties>& columns);

// A source's freshness as dbt's FreshnessThreshold {warn_after, error_after, filter};
// null stays null.
Json freshness_threshold_json(const Json& freshness);

// {show, node_color} from a config `docs` value (or defaults).
Json docs_json(const Json& value);

// "2" -> 2, "1.5" -> 1.5, "v2" -> "v2": dbt keeps versions as written in YAML.
Json version_json(const std::string& version);

}  // namespace strata::artifacts
