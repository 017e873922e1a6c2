#pragma once
// catalog.json (dbt schema v1): what the warehouse holds for each node and source, as
// `strata docs generate` reads it from DuckDB's information schema.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "artifacts/artifact_json.h"

namespace strata::artifacts {

inline constexpr const char* kCatalogSchemaUrl = "https://schemas.getdbt.com/dbt/catalog/v1.json";

struct CatalogColumn {
  std::string name;
  std::string type;  // as the warehouse reports it, e.g. INTEGER, VARCHAR
  int index = 0;     // 1-based ordinal position
  std::optional<std::string> comment;
};

struct CatalogStat {
  std::string id;
  std::string label;
  Json value = nullptr;  // bool, string, number or null
  bool include = false;
  std::optional<std::string> description;
};

struct CatalogTable {
  std::string unique_id;
  std::string type;  // "BASE TABLE", "VIEW", ...
  std::string database;  // "" writes null
  std::string schema;
  std::string name;
  std::optional<std::string> comment;
  std::optional<std::string> owner;
  std::vector<CatalogColumn> columns;
  // Empty: dbt's placeholder {has_stats: {value: false, include: false}} is written.
  std::vector<CatalogStat> stats;
};

struct Catalog {
  ArtifactMetadata metadata;
  std::vector<CatalogTable> nodes;    // models, seeds, snapshots
  std::vector<CatalogTable> sources;
  std::optional<std::vector<std::string>> errors;  // null when none
};

Json catalog_to_json(const Catalog& catalog);
Status write_catalog(const std::filesystem::path& path, const Catalog& catalog);

}  // namespace strata::artifacts
