#pragma once
// dbt's config precedence and merge rules: dbt_project.yml (package's own, then the root
// project's, by folder path) < properties YAML < config() in the file. tags and hooks
// accumulate, dict-valued configs (meta, quoting, ...) merge, everything else replaces.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "project/project_config.h"

namespace strata::parser {

using Json = nlohmann::ordered_json;

// Merges overlay into base with dbt's per-key rules. Keys may be written with or
// without the '+' prefix; they are stored without it.
void merge_config(Json& base, const Json& overlay);

// True for config keys dbt (and dbt-duckdb) knows.
bool is_known_config_key(const std::string& key);

// Collects the configs a dbt_project.yml tree gives a node at `fqn` ([package, dirs...,
// name]). Non-'+' keys are configs when they are known config names, else folders.
Json configs_from_tree(const Json& tree, const std::vector<std::string>& fqn);

// Unknown '+keys' anywhere in a project's config trees, as warnings with their location.
std::vector<Error> unknown_config_keys(const project::ProjectConfig& project);

// Defaults dbt gives each resource type ("model" -> materialized view, ...).
Json default_config(const std::string& resource_type);

}  // namespace strata::parser
