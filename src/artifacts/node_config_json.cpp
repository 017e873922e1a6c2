#include "artifacts/node_config_json.h"

#include <algorithm>
#include <charconv>

namespace strata::artifacts {

using manifest::Node;
using manifest::ResourceType;

namespace {

const Json kEmptyObject = Json::object();

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

using ConfigDefaults = std::vector<std::pair<std::string, Json>>;

ConfigDefaults as_defaults(const Json& config) {
  ConfigDefaults defaults;
  for (const auto& [key, value] : config.items()) defaults.emplace_back(key, value);
  return defaults;
}

Json default_config(ResourceType type) {
  switch (type) {
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
                        {"freshness", nullptr},  // the node's, see write_node_config
                        {"loaded_at_field", nullptr},
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
  if (fallback.is_null()) {
    // Keys whose default is null still have a type in the schema.
    static const char* const kStringOrNull[] = {
        "alias", "schema", "database", "group", "incremental_strategy", "on_schema_change", "store_failures_as",
        "where", "strategy", "target_schema", "target_database", "updated_at", "dbt_valid_to_current",
        "loaded_at_field", "loaded_at_query", "static_analysis"};
    for (const char* name : kStringOrNull)
      if (key == name) return value.is_string() ? value : Json(nullptr);
    if (key == "unique_key" || key == "check_cols") {
      if (value.is_string()) return value;
      if (value.is_array() && std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_string(); }))
        return value;
      return nullptr;
    }
    return value;  // batch_size, begin, event_time, ...: any value
  }
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

void write_columns(JsonStream& out, const std::vector<manifest::ColumnProperties>& columns) {
  // A repeated name keeps its last declaration (a Python dict would), at its first position.
  std::vector<const manifest::ColumnProperties*> unique;
  for (const auto& column : columns) {
    bool replaced = false;
    for (auto& seen : unique)
      if (seen->name == column.name) seen = &column, replaced = true;
    if (!replaced) unique.push_back(&column);
  }
  out.begin_object();
  for (const auto* column : unique) {
    const Json& meta = column->meta.is_object() ? column->meta : kEmptyObject;
    out.key(column->name).begin_object();
    out.field("name", column->name);
    out.field("description", column->description);
    out.field("meta", meta);
    out.key("data_type");
    if (column->data_type)
      out.value(*column->data_type);
    else
      out.value(nullptr);
    out.key("constraints").begin_array();
    for (const auto& item : column->constraints) {
      Json constraint = constraint_json(item);
      if (!constraint.is_null()) out.value(constraint);
    }
    out.end_array();
    out.key("quote");
    if (column->quote)
      out.value(true);
    else
      out.value(nullptr);
    out.key("config").begin_object().field("meta", meta).string_array("tags", column->tags).end_object();
    out.string_array("tags", column->tags);
    out.field("granularity", nullptr);
    out.key("doc_blocks").begin_array().end_array();
    out.end_object();
  }
  out.end_object();
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

const Json* config_entry(const Node& node, std::string_view key) {
  if (!node.config.is_object()) return nullptr;
  for (const auto& [name, value] : node.config.items())
    if (name == key) return &value;
  return nullptr;
}

Json config_tags(const Node& node) {
  if (const Json* tags = config_entry(node, "tags")) return string_list(*tags);
  Json list = Json::array();
  for (const auto& tag : node.tags) list.push_back(tag);
  return list;
}

Json config_meta(const Node& node) {
  if (const Json* meta = config_entry(node, "meta"); meta && meta->is_object()) return *meta;
  return node.meta.is_object() ? node.meta : Json::object();
}

void write_node_config(JsonStream& out, const Node& node) {
  // Built once per resource type; read-only afterwards.
  static const ConfigDefaults kDefaults[] = {
      as_defaults(default_config(ResourceType::Model)),     as_defaults(default_config(ResourceType::Seed)),
      as_defaults(default_config(ResourceType::Snapshot)),  as_defaults(default_config(ResourceType::Test)),
      as_defaults(default_config(ResourceType::Source)),    as_defaults(default_config(ResourceType::Exposure)),
      as_defaults(default_config(ResourceType::UnitTest)),  as_defaults(default_config(ResourceType::Analysis)),
  };
  const ConfigDefaults& defaults = [&]() -> const ConfigDefaults& {
    switch (node.type) {
      case ResourceType::Model: return kDefaults[0];
      case ResourceType::Seed: return kDefaults[1];
      case ResourceType::Snapshot: return kDefaults[2];
      case ResourceType::Test: return kDefaults[3];
      case ResourceType::Source: return kDefaults[4];
      case ResourceType::Exposure: return kDefaults[5];
      case ResourceType::UnitTest: return kDefaults[6];
      default: return kDefaults[7];
    }
  }();
  bool is_source = node.type == ResourceType::Source;
  out.begin_object();
  for (const auto& [key, fallback] : defaults) {
    out.key(key);
    const Json* set = config_entry(node, key);
    if (key == "tags") {
      out.value(config_tags(node));
    } else if (key == "meta") {
      out.value(config_meta(node));
    } else if (is_source && key == "freshness") {
      out.value(freshness_threshold_json(set ? *set : node.freshness));
    } else if (is_source && key == "loaded_at_field") {
      if (set && set->is_string())
        out.value(*set);
      else
        out.value(node.loaded_at_field.empty() ? Json(nullptr) : Json(node.loaded_at_field));
    } else if (set) {
      out.value(coerce_known(key, *set, fallback));
    } else {
      out.value(fallback);
    }
  }
  if (node.config.is_object())
    for (const auto& [key, value] : node.config.items()) {
      bool known = false;
      for (const auto& entry : defaults) known = known || entry.first == key;
      if (!known) out.field(key, value);
    }
  out.end_object();
}

}  // namespace strata::artifacts
