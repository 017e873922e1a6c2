#include "artifacts/catalog.h"

#include <algorithm>

namespace strata::artifacts {

namespace {

Json optional_string(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

Json stat_json(const CatalogStat& stat) {
  Json json = Json::object();
  append(json, "id", stat.id);
  append(json, "label", stat.label);
  bool scalar = stat.value.is_null() || stat.value.is_boolean() || stat.value.is_string() || stat.value.is_number();
  append(json, "value", scalar ? stat.value : Json(stat.value.dump()));
  append(json, "include", stat.include);
  append(json, "description", optional_string(stat.description));
  return json;
}

Json table_json(const CatalogTable& table) {
  Json metadata = Json::object();
  append(metadata, "type", table.type);
  append(metadata, "schema", table.schema);
  append(metadata, "name", table.name);
  append(metadata, "database", string_or_null(table.database));
  append(metadata, "comment", optional_string(table.comment));
  append(metadata, "owner", optional_string(table.owner));

  // Keyed by name in ordinal order; a duplicate name keeps the first column.
  std::vector<const CatalogColumn*> order;
  for (const auto& column : table.columns) order.push_back(&column);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->index < b->index; });
  Json columns = Json::object();
  for (const auto* column : order) {
    if (columns.contains(column->name)) continue;
    Json json = Json::object();
    append(json, "type", column->type);
    append(json, "index", column->index);
    append(json, "name", column->name);
    append(json, "comment", optional_string(column->comment));
    append(columns, column->name, std::move(json));
  }

  Json stats = Json::object();
  if (table.stats.empty()) {
    CatalogStat placeholder{"has_stats", "Has Stats?", false, false, "Indicates whether there are statistics for this table"};
    append(stats, "has_stats", stat_json(placeholder));
  }
  for (const auto& stat : table.stats)
    if (!stats.contains(stat.id)) append(stats, stat.id, stat_json(stat));

  Json json = Json::object();
  append(json, "metadata", std::move(metadata));
  append(json, "columns", std::move(columns));
  append(json, "stats", std::move(stats));
  append(json, "unique_id", string_or_null(table.unique_id));
  return json;
}

Json tables_json(const std::vector<CatalogTable>& tables) {
  std::vector<const CatalogTable*> order;
  for (const auto& table : tables) order.push_back(&table);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->unique_id < b->unique_id; });
  Json json = Json::object();
  for (size_t i = 0; i < order.size(); ++i)
    if (i == 0 || order[i]->unique_id != order[i - 1]->unique_id)
      append(json, order[i]->unique_id, table_json(*order[i]));
  return json;
}

}  // namespace

Json catalog_to_json(const Catalog& catalog) {
  Json json = Json::object();
  append(json, "metadata", artifact_metadata_json(catalog.metadata, kCatalogSchemaUrl));
  append(json, "nodes", tables_json(catalog.nodes));
  append(json, "sources", tables_json(catalog.sources));
  Json errors = nullptr;
  if (catalog.errors) {
    errors = Json::array();
    for (const auto& error : *catalog.errors) errors.push_back(error);
  }
  append(json, "errors", std::move(errors));
  return json;
}

Status write_catalog(const std::filesystem::path& path, const Catalog& catalog) {
  return write_json_file(path, catalog_to_json(catalog));
}

}  // namespace strata::artifacts
