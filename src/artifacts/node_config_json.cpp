#include "artifacts/node_config_json.h"

#include <charconv>

namespace strata::artifacts {

using manifest::Node;
using manifest::ResourceType;

namespace {

Json object_of(std::initializer_list<std::pair<const char*, Json>> entries) {
  Json json = Json::object();
  for (const auto& [key, value] : entries) append(json, key, value);
  return json;
}

// The keys every NodeConfig (models, seeds, snapshots, analyses, operations) starts with.
Json base_node_config(const char* materialized) {
  return object_of({
      {"enabled", true},
      {"alias", nullptr},
      {"schema", nullptr},
      {"database", nullptr},
      {"tags", Json::array()},
      {"meta", Json::object()},
      {"group", nullptr},
      {"materialized", materialized},
      {"incremental_strategy", nullptr},
      {"batch_size", nullptr},
      {"lookback", 1},
      {"begin", nullptr},
      {"persist_docs", Json::object()},
      {"post-hook", Json::array()},
      {"pre-hook", Json::array()},
      {"quoting", Json::object()},
      {"column_types", Json::object()},
      {"full_refresh", nullptr},
      {"unique_key", nullptr},
      {"on_schema_change", "ignore"},
      {"on_configuration_change", "apply"},
      {"grants", Json::object()},
      {"packages", Json::array()},
      {"docs", docs_json(nullptr)},
      {"contract", object_of({{"enforced", false}, {"alias_types", true}})},
      {"event_time", nullptr},
      {"concurrent_batches", nullptr},
  });
}

Json test_config() {
  return object_of({
      {"enabled", true},
      {"alias", nullptr},
      {"schema", "dbt_test__audit"},
      {"database", nullptr},
      {"tags", Json::array()},
      {"meta", Json::object()},
      {"group", nullptr},
      {"materialized", "test"},
      {"severity", "ERROR"},
      {"store_failures", nullptr},
      {"store_failures_as", nullptr},
      {"where", nullptr},
      {"limit", nullptr},
      {"fail_calc", "count(*)"},
      {"warn_if", "!= 0"},
      {"error_if", "!= 0"},
  });
}

Json default_config(const Node& node) {
  switch (node.type) {
    case ResourceType::Model: {
      Json config = base_node_config("view");
      append(config, "access", "protected");
      append(config, "freshness", nullptr);
      return config;
    }
    case ResourceType::Seed: {
      Json config = base_node_config("seed");
      append(config, "delimiter", ",");
      append(config, "quote_columns", nullptr);
      return config;
    }
    case ResourceType::Snapshot: {
      Json config = base_node_config("snapshot");
      append(config, "strategy", nullptr);
      append(config, "target_schema", nullptr);
      append(config, "target_database", nullptr);
      append(config, "updated_at", nullptr);
      append(config, "check_cols", nullptr);
      append(config, "snapshot_meta_column_names",
             object_of({{"dbt_valid_to", nullptr},
                        {"dbt_valid_from", nullptr},
                        {"dbt_scd_id", nullptr},
                        {"dbt_updated_at", nullptr},
                        {"dbt_is_deleted", nullptr}}));
      append(config, "dbt_valid_to_current", nullptr);
      return config;
    }
    case ResourceType::Test:
      return test_config();
    case ResourceType::Source:
      return object_of({{"enabled", true},
                        {"event_time", nullptr},
                        {"freshness", freshness_threshold_json(node.freshness)},
                        {"loaded_at_field", string_or_null(node.loaded_at_field)},
                        {"loaded_at_query", nullptr},
                        {"meta", Json::object()},
                        {"tags", Json::array()}});
    case ResourceType::Exposure:
      return object_of({{"enabled", true}, {"tags", Json::array()}, {"meta", Json::object()}});
    case ResourceType::UnitTest:
      return object_of({{"tags", Json::array()}, {"meta", Json::object()}, {"enabled", true}});
    case ResourceType::Analysis:
    case ResourceType::Operation:
    case ResourceType::Macro:
    case ResourceType::Doc:
      break;
  }
  return base_node_config("view");
}

Json string_list(const Json& value) {
  Json list = Json::array();
  if (value.is_string()) list.push_back(value);
  if (value.is_array())
    for (const auto& item : value)
      if (item.is_string()) list.push_back(item);
  return list;
}

bool same_kind(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) return true;
  return a.type() == b.type();
}

Json constraint_json(const Json& value) {
  static const char* const kTypes[] = {"check", "not_null", "unique", "primary_key", "foreign_key", "custom"};
  if (!value.is_object()) return nullptr;
  auto type = value.find("type");
  if (type == value.end() || !type->is_string()) return nullptr;
  bool known = false;
  for (const char* name : kTypes) known = known || *type == name;
  if (!known) return nullptr;
  auto get = [&](const char* key, Json fallback) {
    auto it = value.find(key);
    return it == value.end() ? fallback : *it;
  };
  Json json = Json::object();
  append(json, "type", *type);
  Json name = get("name", nullptr), expression = get("expression", nullptr), to = get("to", nullptr);
  append(json, "name", name.is_string() ? name : Json(nullptr));
  append(json, "expression", expression.is_string() ? expression : Json(nullptr));
  Json warn_unenforced = get("warn_unenforced", true), warn_unsupported = get("warn_unsupported", true);
  append(json, "warn_unenforced", warn_unenforced.is_boolean() ? warn_unenforced : Json(true));
  append(json, "warn_unsupported", warn_unsupported.is_boolean() ? warn_unsupported : Json(true));
  append(json, "to", to.is_string() ? to : Json(nullptr));
  append(json, "to_columns", string_list(get("to_columns", Json::array())));
  return json;
}

// Coerces a value set by the project for a known key to the schema's shape.
Json coerce_known(const std::string& key, const Json& value, const Json& fallback) {
  if (key == "pre-hook" || key == "post-hook") return hooks_json(value);
  if (key == "tags") return string_list(value);
  if (key == "docs") return docs_json(value);
  if (key == "contract") {
    if (!value.is_object()) return fallback;
    Json contract = fallback;
    for (const char* field : {"enforced", "alias_types"})
      if (auto it = value.find(field); it != value.end() && it->is_boolean()) contract[field] = *it;
    return contract;
  }
  if (key == "freshness" && fallback.is_null()) {
    // Models: {build_after: {...}} or null; sources: handled by the caller.
    if (value.is_object() && value.contains("build_after") && value["build_after"].is_object()) return value;
    return nullptr;
  }
  if (key == "on_configuration_change") {
    if (value == "apply" || value == "continue" || value == "fail") return value;
    return fallback;
  }
  if (key == "access") {
    if (value == "private" || value == "protected" || value == "public") return value;
    return fallback;
  }
  if (key == "limit") return value.is_number_integer() ? value : Json(nullptr);
  if (key == "store_failures" || key == "full_refresh" || key == "quote_columns")
    return value.is_boolean() ? value : Json(nullptr);
  if (key == "snapshot_meta_column_names") {
    if (!value.is_object()) return fallback;
    Json names = fallback;
    for (auto& [field, current] : names.items())
      if (auto it = value.find(field); it != value.end() && it->is_string()) current = *it;
    return names;
  }
  if (fallback.is_null()) return value;
  return same_kind(value, fallback) ? value : fallback;
}

}  // namespace

Json docs_json(const Json& value) {
  Json docs = object_of({{"show", true}, {"node_color", nullptr}});
  if (value.is_object()) {
    if (auto it = value.find("show"); it != value.end() && it->is_boolean()) docs["show"] = *it;
    if (auto it = value.find("node_color"); it != value.end() && it->is_string()) docs["node_color"] = *it;
  }
  return docs;
}

Json hooks_json(const Json& value) {
  Json hooks = Json::array();
  auto add = [&](const Json& item) {
    if (item.is_string()) {
      hooks.push_back(object_of({{"sql", item}, {"transaction", true}, {"index", nullptr}}));
    } else if (item.is_object() && item.contains("sql") && item["sql"].is_string()) {
      Json transaction = item.value("transaction", Json(true));
      Json index = item.value("index", Json(nullptr));
      hooks.push_back(object_of({{"sql", item["sql"]},
                                 {"transaction", transaction.is_boolean() ? transaction : Json(true)},
                                 {"index", index.is_number_integer() ? index : Json(nullptr)}}));
    }
  };
  if (value.is_array())
    for (const auto& item : value) add(item);
  else
    add(value);
  return hooks;
}

Json columns_json(const std::vector<manifest::ColumnProperties>& columns) {
  Json json = Json::object();
  for (const auto& column : columns) {
    Json constraints = Json::array();
    for (const auto& item : column.constraints) {
      Json constraint = constraint_json(item);
      if (!constraint.is_null()) constraints.push_back(std::move(constraint));
    }
    Json meta = column.meta.is_object() ? column.meta : Json::object();
    Json tags = Json::array();
    for (const auto& tag : column.tags) tags.push_back(tag);
    Json info = Json::object();
    append(info, "name", column.name);
    append(info, "description", column.description);
    append(info, "meta", meta);
    append(info, "data_type", column.data_type ? Json(*column.data_type) : Json(nullptr));
    append(info, "constraints", std::move(constraints));
    append(info, "quote", column.quote ? Json(true) : Json(nullptr));
    append(info, "config", object_of({{"meta", meta}, {"tags", tags}}));
    append(info, "tags", tags);
    append(info, "granularity", nullptr);
    append(info, "doc_blocks", Json::array());
    // A column declared twice keeps the last declaration, as a Python dict would.
    if (json.contains(column.name))
      json[column.name] = std::move(info);
    else
      append(json, column.name, std::move(info));
  }
  return json;
}

Json freshness_threshold_json(const Json& freshness) {
  if (!freshness.is_object()) return nullptr;
  auto time = [&](const char* key) -> Json {
    auto it = freshness.find(key);
    if (it == freshness.end() || !it->is_object()) return object_of({{"count", nullptr}, {"period", nullptr}});
    Json count = it->value("count", Json(nullptr));
    Json period = it->value("period", Json(nullptr));
    bool known_period = period == "minute" || period == "hour" || period == "day";
    return object_of({{"count", count.is_number_integer() ? count : Json(nullptr)},
                      {"period", known_period ? period : Json(nullptr)}});
  };
  Json filter = freshness.value("filter", Json(nullptr));
  return object_of({{"warn_after", time("warn_after")},
                    {"error_after", time("error_after")},
                    {"filter", filter.is_string() ? filter : Json(nullptr)}});
}

Json version_json(const std::string& version) {
  if (version.empty()) return nullptr;
  const char* begin = version.data();
  const char* end = begin + version.size();
  long long integer = 0;
  if (auto [ptr, ec] = std::from_chars(begin, end, integer); ec == std::errc() && ptr == end) return integer;
  double number = 0;
  if (auto [ptr, ec] = std::from_chars(begin, end, number); ec == std::errc() && ptr == end) return number;
  return version;
}

Json node_config_json(const Node& node) {
  Json config = default_config(node);
  auto& entries = config.get_ref<Json::object_t&>();
  bool has_tags = false, has_meta = false;
  if (node.config.is_object()) {
    for (const auto& [key, value] : node.config.items()) {
      if (key == "tags") has_tags = true;
      if (key == "meta") has_meta = true;
      auto it = config.find(key);
      if (it != config.end())
        *it = (node.type == ResourceType::Source && key == "freshness") ? freshness_threshold_json(value)
                                                                        : coerce_known(key, value, *it);
      else
        entries.emplace_back(key, value);
    }
  }
  // The node's accumulated tags and meta are the config's when the loader kept them apart.
  if (!has_tags) {
    Json tags = Json::array();
    for (const auto& tag : node.tags) tags.push_back(tag);
    config["tags"] = std::move(tags);
  }
  if (!has_meta && node.meta.is_object() && !node.meta.empty()) config["meta"] = node.meta;
  if (!config["meta"].is_object()) config["meta"] = Json::object();
  return config;
}

}  // namespace strata::artifacts
