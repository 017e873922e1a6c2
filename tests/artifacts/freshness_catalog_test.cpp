#include <gtest/gtest.h>

#include "artifacts/catalog.h"
#include "artifacts/freshness_results.h"

namespace strata::artifacts {
namespace {

TimePoint at(int64_t seconds) { return Clock::time_point(std::chrono::seconds(seconds)); }

TEST(FreshnessResultsJson, WritesOutputsAndRuntimeErrorsInTheirShapes) {
  FreshnessResults results;
  results.metadata.generated_at = at(1767225600);
  results.elapsed_time = 0.75;
  SourceFreshnessResult warn;
  warn.unique_id = "source.p.raw.orders";
  warn.status = FreshnessStatus::Warn;
  warn.max_loaded_at = at(1767225600 - 13 * 3600);
  warn.snapshotted_at = at(1767225600);
  warn.max_loaded_at_time_ago_in_s = 46800;
  warn.criteria = Json::parse(R"({"warn_after": {"count": 12, "period": "hour"}})");
  warn.thread_id = "Thread-1";
  SourceFreshnessResult error;
  error.unique_id = "source.p.raw.customers";
  error.status = FreshnessStatus::RuntimeError;
  error.error = "Binder Error";
  results.results = {warn, error};

  Json json = freshness_results_to_json(results);
  EXPECT_EQ(json["metadata"]["dbt_schema_version"], "https://schemas.getdbt.com/dbt/sources/v3.json");
  EXPECT_EQ(json["elapsed_time"], 0.75);
  const Json& first = json["results"][0];
  EXPECT_EQ(first["status"], "warn");
  EXPECT_EQ(first["max_loaded_at"], "2025-12-31T11:00:00.000000Z");
  EXPECT_EQ(first["snapshotted_at"], "2026-01-01T00:00:00.000000Z");
  EXPECT_EQ(first["max_loaded_at_time_ago_in_s"], 46800.0);
  // Missing thresholds are written as {count: null, period: null}, as dbt does.
  EXPECT_EQ(first["criteria"], Json::parse(R"({"warn_after": {"count": 12, "period": "hour"},
      "error_after": {"count": null, "period": null}, "filter": null})"));
  EXPECT_EQ(json["results"][1],
            Json::parse(R"({"unique_id": "source.p.raw.customers", "error": "Binder Error", "status": "runtime error"})"));
}

TEST(CatalogJson, TablesKeyedByUniqueIdWithColumnsInOrdinalOrder) {
  Catalog catalog;
  catalog.metadata.generated_at = at(1767225600);
  CatalogTable table{"model.p.b", "BASE TABLE", "dev", "main", "b", std::nullopt, std::nullopt,
                     {{"z", "VARCHAR", 2, std::nullopt}, {"a", "INTEGER", 1, "the key"}}, {}};
  CatalogTable view{"model.p.a", "VIEW", "", "main", "a", "a view", "me", {}, {{"bytes", "Bytes", 1024, true, std::nullopt}}};
  catalog.nodes = {table, view};
  Json json = catalog_to_json(catalog);
  EXPECT_EQ(json["metadata"]["dbt_schema_version"], "https://schemas.getdbt.com/dbt/catalog/v1.json");
  std::vector<std::string> ids;
  for (const auto& [key, value] : json["nodes"].items()) ids.push_back(key);
  EXPECT_EQ(ids, (std::vector<std::string>{"model.p.a", "model.p.b"}));
  const Json& b = json["nodes"]["model.p.b"];
  EXPECT_EQ(b["metadata"], Json::parse(R"({"type": "BASE TABLE", "schema": "main", "name": "b", "database": "dev",
      "comment": null, "owner": null})"));
  EXPECT_EQ(b["columns"].dump(),
            R"({"a":{"type":"INTEGER","index":1,"name":"a","comment":"the key"},"z":{"type":"VARCHAR","index":2,"name":"z","comment":null}})");
  // No statistics: dbt's has_stats placeholder.
  EXPECT_EQ(b["stats"]["has_stats"]["value"], false);
  EXPECT_EQ(b["stats"]["has_stats"]["include"], false);
  const Json& a = json["nodes"]["model.p.a"];
  EXPECT_TRUE(a["metadata"]["database"].is_null());
  EXPECT_EQ(a["metadata"]["owner"], "me");
  EXPECT_EQ(a["stats"], Json::parse(R"({"bytes": {"id": "bytes", "label": "Bytes", "value": 1024, "include": true,
      "description": null}})"));
  EXPECT_EQ(json["sources"], Json::object());
  EXPECT_TRUE(json["errors"].is_null());
}

}  // namespace
}  // namespace strata::artifacts
