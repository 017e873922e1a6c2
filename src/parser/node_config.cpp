#include "parser/node_config.h"

#include <algorithm>
#include <set>

namespace strata::parser {

namespace {

const std::set<std::string>& known_keys() {
  static const std::set<std::string> keys = {
      "enabled", "materialized", "tags", "schema", "database", "alias", "pre-hook", "post-hook",
      "pre_hook", "post_hook", "persist_docs", "full_refresh", "unique_key", "on_schema_change",
      "on_configuration_change", "incremental_strategy", "incremental_predicates", "meta", "docs",
      "contract", "quoting", "column_types", "sql_header", "grants", "packages", "group", "access",
      "event_time", "batch_size", "lookback", "begin", "concurrent_batches", "delimiter", "quote_columns",
      "strategy", "updated_at", "check_cols", "unique_key", "target_schema", "target_database",
      "invalidate_hard_deletes", "hard_deletes", "snapshot_meta_column_names", "dbt_valid_to_current",
      "severity", "warn_if", "error_if", "fail_calc", "where", "limit", "store_failures",
      "store_failures_as", "freshness", "loaded_at_field", "static_analysis", "merge_update_columns",
      "merge_exclude_columns", "docs", "location", "format", "options", "plugin", "external_location",
      "partition_by", "overwrite_or_ignore", "use_anonymous_sql"};
  return keys;
}

bool appends(const std::string& key) { return key == "tags" || key == "pre-hook" || key == "post-hook"; }
bool merges(const std::string& key) {
  return key == "meta" || key == "quoting" || key == "column_types" || key == "grants" || key == "docs" ||
         key == "persist_docs" || key == "contract";
}

std::string normalize_key(std::string key) {
  if (!key.empty() && key[0] == '+') key.erase(0, 1);
  if (key == "pre_hook") return "pre-hook";
  if (key == "post_hook") return "post-hook";
  if (key == "data_tests") return "tests";
  return key;
}

Json as_list(const Json& v) {
  if (v.is_array()) return v;
  if (v.is_null()) return Json::array();
  return Json::array({v});
}

}  // namespace

bool is_known_config_key(const std::string& key) { return known_keys().count(normalize_key(key)) > 0; }

void merge_config(Json& base, const Json& overlay) {
  if (!overlay.is_object()) return;
  for (const auto& [raw_key, value] : overlay.items()) {
    std::string key = normalize_key(raw_key);
    if (appends(key)) {
      Json merged = base.contains(key) ? as_list(base[key]) : Json::array();
      for (const auto& item : as_list(value)) {
        if (key == "tags" && std::find(merged.begin(), merged.end(), item) != merged.end()) continue;
        merged.push_back(item);
      }
      base[key] = std::move(merged);
    } else if (merges(key) && value.is_object() && base.contains(key) && base[key].is_object()) {
      for (const auto& [k, v] : value.items()) base[key][k] = v;
    } else {
      base[key] = value;
    }
  }
}

Json configs_from_tree(const Json& tree, const std::vector<std::string>& fqn) {
  Json result = Json::object();
  const Json* level = &tree;
  // Level 0 is the tree's root (configs for every node), then one level per fqn part.
  for (size_t depth = 0; depth <= fqn.size(); ++depth) {
    if (!level->is_object()) break;
    Json here = Json::object();
    for (const auto& [key, value] : level->items()) {
      bool is_config = key.size() > 1 && key[0] == '+';
      if (!is_config && is_known_config_key(key) && !(value.is_object() && !merges(normalize_key(key)))) is_config = true;
      if (is_config) here[key] = value;
    }
    merge_config(result, here);
    if (depth == fqn.size()) break;
    auto next = level->find(fqn[depth]);
    if (next == level->end()) break;
    level = &*next;
  }
  return result;
}

namespace {
void scan_unknown(const project::ProjectConfig& project, const yaml::Node& node, std::vector<Error>& out) {
  if (!node.IsMap()) return;
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    if (key.size() > 1 && key[0] == '+') {
      if (!is_known_config_key(key))
        out.push_back(project.document.error_at(entry.first, "unknown config key '" + key.substr(1) + "'")
                          .with_hint("check the spelling; unknown configs are kept in the node's config but do nothing"));
    } else if (entry.second.IsMap() && !is_known_config_key(key)) {
      scan_unknown(project, entry.second, out);
    }
  }
}
}  // namespace

std::vector<Error> unknown_config_keys(const project::ProjectConfig& project) {
  std::vector<Error> out;
  for (const auto& [name, node] : project.config_tree_nodes) scan_unknown(project, node, out);
  return out;
}

Json default_config(const std::string& resource_type) {
  Json c = Json::object();
  c["enabled"] = true;
  if (resource_type == "model") c["materialized"] = "view";
  else if (resource_type == "seed") c["materialized"] = "seed";
  else if (resource_type == "snapshot") c["materialized"] = "snapshot";
  else if (resource_type == "test" || resource_type == "unit_test") {
    c["materialized"] = "test";
    // dbt stores test failures in <target schema>_dbt_test__audit by default.
    if (resource_type == "test") c["schema"] = "dbt_test__audit";
    c["severity"] = "ERROR";
    c["warn_if"] = "!= 0";
    c["error_if"] = "!= 0";
    c["fail_calc"] = "count(*)";
    c["store_failures"] = nullptr;
    c["where"] = nullptr;
    c["limit"] = nullptr;
  } else if (resource_type == "analysis") c["materialized"] = "view";
  c["tags"] = Json::array();
  c["meta"] = Json::object();
  return c;
}

}  // namespace strata::parser
