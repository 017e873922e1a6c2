#pragma once
// The `config` objects of manifest.json: dbt writes every config key with its default for
// the resource type, then what the project set. Also the small normalized sub-objects
// (hooks, columns, freshness) whose shape the schema fixes exactly.
#include <string_view>
#include <vector>

#include "artifacts/json_stream.h"
#include "manifest/node.h"

namespace strata::artifacts {

// Writes the full config object for a node (model, seed, snapshot, test, analysis,
// operation, source, exposure or unit test): defaults in dbt's key order, overridden by
// the node's own keys, then the node's keys dbt has no default for. Known keys are
// coerced to the schema's shape (a hook string becomes a Hook object, a tags string a
// list); a known key with a value of the wrong type keeps the default. Unknown keys pass
// through (every config schema allows extra keys).
void write_node_config(JsonStream& out, const manifest::Node& node);

// The value the node's config set for `key`, or null if unset.
const Json* config_entry(const manifest::Node& node, std::string_view key);
// Resolved pieces the node itself repeats outside its config.
Json config_tags(const manifest::Node& node);
Json config_meta(const manifest::Node& node);

// pre-hook/post-hook in any form dbt accepts (string, list of strings, {sql, transaction})
// as a list of {sql, transaction, index}.
Json hooks_json(const Json& value);

// Writes {name: ColumnInfo} in declaration order (a repeated name keeps the last one).
void write_columns(JsonStream& out, const std::vector<manifest::ColumnProperties>& columns);

// A source's freshness as dbt's FreshnessThreshold {warn_after, error_after, filter};
// anything but an object is null.
Json freshness_threshold_json(const Json& freshness);

// {show, node_color} from a config `docs` value (or defaults).
Json docs_json(const Json& value);

// "2" -> 2, "1.5" -> 1.5, "v2" -> "v2": dbt keeps versions as written in YAML.
Json version_json(const std::string& version);

}  // namespace strata::artifacts
