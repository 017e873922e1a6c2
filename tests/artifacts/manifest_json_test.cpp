#include "artifacts/manifest_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "artifacts/json_stream.h"
#include "artifacts/manifest_node_json.h"
#include "sample_manifest.h"

namespace strata::artifacts {
namespace {

namespace fs = std::filesystem;
using testing::fixed_metadata;
using testing::make_sample_manifest;

std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

std::vector<std::string> strings(const Json& array) { return array.get<std::vector<std::string>>(); }

class ManifestJson : public ::testing::Test {
 protected:
  manifest::Manifest manifest_ = make_sample_manifest();
  Json json_ = manifest_to_json(manifest_, fixed_metadata());
};

// The whole file for the sample project, byte for byte. Regenerate after an intended
// change with STRATA_UPDATE_GOLDEN=1 and review the diff.
TEST_F(ManifestJson, MatchesGoldenFile) {
  fs::path golden = fs::path(STRATA_ARTIFACTS_TEST_DIR) / "golden" / "sample_manifest.json";
  std::string actual = json_.dump(2) + "\n";
  if (std::getenv("STRATA_UPDATE_GOLDEN")) {
    std::ofstream(golden) << actual;
    GTEST_SKIP() << "rewrote " << golden;
  }
  std::ifstream in(golden);
  ASSERT_TRUE(in) << "missing golden file " << golden;
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "manifest.json differs from " << golden;
}

TEST_F(ManifestJson, MetadataIsDbtShapedWithInjectedClock) {
  const Json& metadata = json_["metadata"];
  EXPECT_EQ(metadata["dbt_schema_version"], "https://schemas.getdbt.com/dbt/manifest/v12.json");
  EXPECT_EQ(metadata["dbt_version"], "1.10.0");
  EXPECT_EQ(metadata["generated_at"], "2026-01-01T00:00:00.123456Z");
  EXPECT_EQ(metadata["invocation_id"], "2f6a4c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b");
  EXPECT_EQ(metadata["project_name"], "jaffle_shop");
  // hashlib.md5(b"jaffle_shop").hexdigest()
  EXPECT_EQ(metadata["project_id"], "06e5b98c2db46f8a72cc4f66410e9b3b");
  EXPECT_TRUE(metadata["user_id"].is_null());
  EXPECT_EQ(metadata["send_anonymous_usage_stats"], false);
  EXPECT_EQ(metadata["adapter_type"], "duckdb");
  EXPECT_EQ(metadata["env"]["STRATA_VERSION"], "0.1.0");
  EXPECT_EQ(metadata["quoting"], Json::parse(R"({"database": false, "schema": null, "identifier": null, "column": null})"));
}

TEST_F(ManifestJson, ResourcesGoToTheirSectionsSortedByUniqueId) {
  std::vector<std::string> expected_nodes = {
      "analysis.jaffle_shop.revenue_by_month",
      "model.jaffle_shop.customers",
      "model.jaffle_shop.dim_orders.v1",
      "model.jaffle_shop.dim_orders.v2",
      "model.jaffle_shop.order_report",
      "model.jaffle_shop.stg_customers",
      "model.jaffle_shop.stg_orders",
      "model.jaffle_shop.stg_payments",
      "operation.jaffle_shop.jaffle_shop-on-run-start-0",
      "seed.jaffle_shop.raw_payments",
      "snapshot.jaffle_shop.orders_snapshot",
      "test.jaffle_shop.accepted_values_stg_orders_status",
      "test.jaffle_shop.assert_positive_payments",
      "test.jaffle_shop.not_null_customers_customer_id",
      "test.jaffle_shop.not_null_raw_orders_id",
      "test.jaffle_shop.relationships_stg_payments_order_id",
      "test.jaffle_shop.unique_customers_customer_id",
  };
  EXPECT_EQ(keys_of(json_["nodes"]), expected_nodes);
  EXPECT_EQ(keys_of(json_["sources"]),
            (std::vector<std::string>{"source.jaffle_shop.raw.customers", "source.jaffle_shop.raw.orders"}));
  EXPECT_EQ(keys_of(json_["exposures"]), std::vector<std::string>{"exposure.jaffle_shop.weekly_dashboard"});
  EXPECT_EQ(keys_of(json_["unit_tests"]),
            std::vector<std::string>{"unit_test.jaffle_shop.customers.test_orders_count"});
  EXPECT_EQ(keys_of(json_["macros"]),
            (std::vector<std::string>{"macro.dbt.test_not_null", "macro.jaffle_shop.cents_to_dollars"}));
  EXPECT_EQ(keys_of(json_["docs"]),
            (std::vector<std::string>{"doc.jaffle_shop.__overview__", "doc.jaffle_shop.order_status"}));
  // enabled: false moves the node to `disabled`, as a list (dbt allows several per id).
  ASSERT_TRUE(json_["disabled"].contains("model.jaffle_shop.old_orders"));
  EXPECT_EQ(json_["disabled"]["model.jaffle_shop.old_orders"][0]["config"]["enabled"], false);
  for (const char* empty : {"metrics", "groups", "group_map", "saved_queries", "semantic_models", "functions"})
    EXPECT_EQ(json_[empty], Json::object()) << empty;
  EXPECT_EQ(json_["selectors"]["nightly"]["definition"]["value"], "nightly");
}

TEST_F(ManifestJson, ParentAndChildMapsAreExact) {
  const Json& parents = json_["parent_map"];
  const Json& children = json_["child_map"];
  // Every enabled node, source, exposure and unit test has an entry in both maps; macros,
  // docs and disabled nodes have none.
  std::vector<std::string> members;
  for (const char* section : {"nodes", "sources", "exposures", "unit_tests"})
    for (const auto& [key, value] : json_[section].items()) members.push_back(key);
  std::sort(members.begin(), members.end());
  EXPECT_EQ(keys_of(parents), members);
  EXPECT_EQ(keys_of(children), members);

  EXPECT_EQ(strings(parents["model.jaffle_shop.customers"]),
            (std::vector<std::string>{"model.jaffle_shop.stg_customers", "model.jaffle_shop.stg_orders"}));
  EXPECT_EQ(strings(parents["source.jaffle_shop.raw.orders"]), std::vector<std::string>{});
  EXPECT_EQ(strings(parents["test.jaffle_shop.relationships_stg_payments_order_id"]),
            (std::vector<std::string>{"model.jaffle_shop.stg_orders", "model.jaffle_shop.stg_payments"}));
  EXPECT_EQ(strings(children["model.jaffle_shop.customers"]),
            (std::vector<std::string>{"exposure.jaffle_shop.weekly_dashboard",
                                      "test.jaffle_shop.not_null_customers_customer_id",
                                      "test.jaffle_shop.unique_customers_customer_id",
                                      "unit_test.jaffle_shop.customers.test_orders_count"}));
  // The disabled old_orders depends on stg_orders but is not its child.
  EXPECT_EQ(strings(children["model.jaffle_shop.stg_orders"]),
            (std::vector<std::string>{"model.jaffle_shop.customers", "model.jaffle_shop.dim_orders.v1",
                                      "model.jaffle_shop.dim_orders.v2",
                                      "test.jaffle_shop.accepted_values_stg_orders_status",
                                      "test.jaffle_shop.relationships_stg_payments_order_id"}));
  EXPECT_EQ(strings(children["source.jaffle_shop.raw.orders"]),
            (std::vector<std::string>{"model.jaffle_shop.stg_orders", "snapshot.jaffle_shop.orders_snapshot",
                                      "test.jaffle_shop.not_null_raw_orders_id"}));
  EXPECT_EQ(strings(children["exposure.jaffle_shop.weekly_dashboard"]), std::vector<std::string>{});

  // Exactness in general: child_map is parent_map inverted.
  std::map<std::string, std::vector<std::string>> inverted;
  for (const auto& [child, list] : parents.items())
    for (const auto& parent : list) inverted[parent.get<std::string>()].push_back(child);
  for (const auto& [parent, list] : children.items()) {
    auto expected = inverted[parent];
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(strings(list), expected) << parent;
  }
}

TEST_F(ManifestJson, ModelConfigHasDbtDefaultsOverlaidByProjectValues) {
  const Json& config = json_["nodes"]["model.jaffle_shop.stg_payments"]["config"];
  EXPECT_EQ(config["enabled"], true);
  EXPECT_EQ(config["materialized"], "incremental");
  EXPECT_EQ(config["incremental_strategy"], "delete+insert");
  EXPECT_EQ(config["unique_key"], Json::array({"payment_id", "order_id"}));
  EXPECT_EQ(config["on_schema_change"], "append_new_columns");
  EXPECT_EQ(config["on_configuration_change"], "apply");
  EXPECT_EQ(config["persist_docs"], Json::object());
  EXPECT_EQ(config["column_types"], Json::object());
  EXPECT_EQ(config["docs"], Json::parse(R"({"show": true, "node_color": null})"));
  EXPECT_EQ(config["contract"], Json::parse(R"({"enforced": false, "alias_types": true})"));
  EXPECT_EQ(config["access"], "protected");
  // A hook string becomes a Hook object; the {sql, transaction} form keeps transaction.
  EXPECT_EQ(config["pre-hook"], Json::parse(R"([{"sql": "set threads = 2", "transaction": true, "index": null}])"));
  EXPECT_EQ(config["post-hook"],
            Json::parse(R"([{"sql": "analyze {{ this }}", "transaction": false, "index": null}])"));
  // Key order is dbt's: defaults first.
  auto keys = keys_of(config);
  ASSERT_GE(keys.size(), 3u);
  EXPECT_EQ(keys[0], "enabled");
  EXPECT_EQ(keys[7], "materialized");
}

TEST_F(ManifestJson, ModelFieldsFollowTheNode) {
  const Json& customers = json_["nodes"]["model.jaffle_shop.customers"];
  EXPECT_EQ(customers["resource_type"], "model");
  EXPECT_EQ(customers["patch_path"], "jaffle_shop://models/schema.yml");
  EXPECT_EQ(customers["refs"], Json::parse(R"([{"name": "stg_customers", "package": null, "version": null},
                                                {"name": "stg_orders", "package": "jaffle_shop", "version": null}])"));
  EXPECT_EQ(customers["depends_on"]["nodes"],
            Json::array({"model.jaffle_shop.stg_orders", "model.jaffle_shop.stg_customers"}));
  EXPECT_EQ(customers["contract"]["enforced"], true);
  EXPECT_EQ(customers["access"], "public");
  EXPECT_EQ(customers["docs"]["node_color"], "#cd7f32");
  EXPECT_EQ(customers["tags"], Json::array({"nightly", "mart"}));
  EXPECT_EQ(customers["meta"]["owner"], "analytics");
  // unique + not_null tests on customer_id make it the inferred primary key.
  EXPECT_EQ(customers["primary_key"], Json::array({"customer_id"}));
  EXPECT_EQ(customers["columns"]["customer_id"]["data_type"], "integer");
  EXPECT_EQ(customers["columns"]["customer_id"]["constraints"][0]["type"], "not_null");
  EXPECT_EQ(customers["columns"]["orders"]["config"], Json::parse(R"({"meta": {"unit": "count"}, "tags": ["metric"]})"));
  EXPECT_EQ(customers["checksum"]["name"], "sha256");
  EXPECT_EQ(customers["created_at"], 1767225600.123456);

  // Parsed-only nodes carry no compiled keys (dbt drops them); compiled ones carry all.
  EXPECT_FALSE(customers.contains("compiled"));
  EXPECT_FALSE(customers.contains("compiled_code"));
  EXPECT_TRUE(customers["compiled_path"].is_null());
  const Json& stg_orders = json_["nodes"]["model.jaffle_shop.stg_orders"];
  EXPECT_EQ(stg_orders["compiled"], true);
  EXPECT_EQ(stg_orders["compiled_path"], "target/compiled/jaffle_shop/models/staging/stg_orders.sql");
  EXPECT_EQ(stg_orders["extra_ctes"], Json::array());

  const Json& ephemeral = json_["nodes"]["model.jaffle_shop.stg_customers"];
  EXPECT_EQ(ephemeral["config"]["materialized"], "ephemeral");
  EXPECT_TRUE(ephemeral["relation_name"].is_null());

  const Json& v1 = json_["nodes"]["model.jaffle_shop.dim_orders.v1"];
  EXPECT_EQ(v1["version"], 1);
  EXPECT_EQ(v1["latest_version"], 2);
  EXPECT_EQ(json_["nodes"]["model.jaffle_shop.order_report"]["refs"][0]["version"], 1);
}

TEST_F(ManifestJson, TestsSeedsSnapshotsAndHooksUseTheirVariants) {
  const Json& generic = json_["nodes"]["test.jaffle_shop.relationships_stg_payments_order_id"];
  EXPECT_EQ(generic["test_metadata"]["name"], "relationships");
  EXPECT_EQ(generic["test_metadata"]["kwargs"]["to"], "ref('stg_orders')");
  EXPECT_TRUE(generic["test_metadata"]["namespace"].is_null());
  EXPECT_EQ(generic["attached_node"], "model.jaffle_shop.stg_payments");
  EXPECT_EQ(generic["column_name"], "order_id");
  EXPECT_EQ(generic["file_key_name"], "models.stg_payments");
  EXPECT_EQ(json_["nodes"]["test.jaffle_shop.not_null_raw_orders_id"]["file_key_name"], "sources.raw");
  EXPECT_EQ(generic["checksum"], Json::parse(R"({"name": "none", "checksum": ""})"));
  EXPECT_EQ(generic["config"]["severity"], "warn");
  EXPECT_EQ(generic["config"]["limit"], 10);
  EXPECT_EQ(generic["config"]["fail_calc"], "count(*)");
  EXPECT_EQ(generic["config"]["schema"], "dbt_test__audit");
  EXPECT_EQ(generic["config"]["materialized"], "test");

  const Json& singular = json_["nodes"]["test.jaffle_shop.assert_positive_payments"];
  EXPECT_FALSE(singular.contains("test_metadata"));
  EXPECT_EQ(singular["compiled_path"], "target/compiled/jaffle_shop/tests/assert_positive_payments.sql");

  const Json& seed = json_["nodes"]["seed.jaffle_shop.raw_payments"];
  EXPECT_EQ(seed["config"]["delimiter"], ";");
  EXPECT_EQ(seed["config"]["quote_columns"], true);
  EXPECT_EQ(seed["config"]["materialized"], "seed");
  EXPECT_FALSE(seed.contains("refs"));
  EXPECT_EQ(keys_of(seed["depends_on"]), std::vector<std::string>{"macros"});

  const Json& snapshot = json_["nodes"]["snapshot.jaffle_shop.orders_snapshot"];
  EXPECT_EQ(snapshot["config"]["strategy"], "timestamp");
  EXPECT_EQ(snapshot["config"]["hard_deletes"], "invalidate");
  EXPECT_EQ(snapshot["config"]["snapshot_meta_column_names"]["dbt_valid_to"], "valid_to");
  EXPECT_TRUE(snapshot["config"]["snapshot_meta_column_names"]["dbt_scd_id"].is_null());

  const Json& hook = json_["nodes"]["operation.jaffle_shop.jaffle_shop-on-run-start-0"];
  EXPECT_EQ(hook["resource_type"], "operation");
  EXPECT_EQ(hook["index"], 0);
}

TEST_F(ManifestJson, SourcesExposuresUnitTestsMacrosAndDocs) {
  const Json& orders = json_["sources"]["source.jaffle_shop.raw.orders"];
  EXPECT_EQ(orders["identifier"], "raw_orders");
  EXPECT_EQ(orders["source_description"], "Raw shop data");
  EXPECT_EQ(orders["freshness"], Json::parse(R"({"warn_after": {"count": 12, "period": "hour"},
      "error_after": {"count": 1, "period": "day"}, "filter": null})"));
  EXPECT_EQ(orders["config"]["freshness"], orders["freshness"]);
  EXPECT_EQ(orders["loaded_at_field"], "_loaded_at");
  EXPECT_TRUE(orders["external"].is_null());
  const Json& customers = json_["sources"]["source.jaffle_shop.raw.customers"];
  EXPECT_EQ(customers["external"]["location"], "data/customers.parquet");
  EXPECT_TRUE(customers["freshness"].is_null());

  const Json& exposure = json_["exposures"]["exposure.jaffle_shop.weekly_dashboard"];
  EXPECT_EQ(exposure["type"], "dashboard");
  EXPECT_EQ(exposure["maturity"], "high");
  EXPECT_EQ(exposure["depends_on"]["nodes"], Json::array({"model.jaffle_shop.customers"}));

  const Json& unit = json_["unit_tests"]["unit_test.jaffle_shop.customers.test_orders_count"];
  EXPECT_EQ(unit["model"], "customers");
  EXPECT_EQ(unit["given"][0], Json::parse(R"json({"input": "ref('stg_customers')",
      "rows": [{"customer_id": 1}, {"customer_id": 2}], "format": "dict", "fixture": null})json"));
  EXPECT_EQ(unit["given"][1]["format"], "csv");
  EXPECT_EQ(unit["overrides"], Json::parse(R"({"macros": {}, "vars": {"start_date": "2020-01-01"}, "env_vars": {}})"));

  const Json& macro = json_["macros"]["macro.jaffle_shop.cents_to_dollars"];
  EXPECT_EQ(macro["path"], "macros/cents_to_dollars.sql");
  EXPECT_NE(macro["macro_sql"].get<std::string>().find("{% macro cents_to_dollars"), std::string::npos);
  EXPECT_EQ(json_["macros"]["macro.dbt.test_not_null"]["depends_on"]["macros"],
            Json::array({"macro.dbt.default__test_not_null"}));
  EXPECT_EQ(json_["docs"]["doc.jaffle_shop.order_status"]["block_contents"],
            "One of placed, shipped, completed, returned.");
}

TEST_F(ManifestJson, OutputIsDeterministicWhateverTheInsertionOrder) {
  // The same resources added in reverse order serialize identically.
  manifest::Manifest reversed;
  reversed.project_name = manifest_.project_name;
  reversed.macros = manifest_.macros;
  reversed.docs = manifest_.docs;
  reversed.disabled = manifest_.disabled;
  std::vector<manifest::NodeId> new_ids(manifest_.size());
  for (size_t i = manifest_.size(); i-- > 0;) {
    manifest::Node copy = manifest_.node(static_cast<manifest::NodeId>(i));
    new_ids[i] = reversed.add(std::move(copy));
  }
  for (auto& node : reversed.nodes()) {
    for (auto& parent : node.depends_on) parent = new_ids[parent];
    if (node.attached_node != manifest::kNoNode) node.attached_node = new_ids[node.attached_node];
  }
  EXPECT_EQ(manifest_to_json(reversed, fixed_metadata()).dump(), json_.dump());
}

TEST_F(ManifestJson, WriteManifestWritesCompactJsonAtomically) {
  fs::path dir = fs::temp_directory_path() / ("strata_manifest_write_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::path path = dir / "target" / "manifest.json";
  ASSERT_TRUE(write_manifest(path, manifest_, fixed_metadata()).ok());
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), json_.dump());
  // Only the manifest is left: the temporary file was renamed into place.
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(path.parent_path())) files += entry.is_regular_file();
  EXPECT_EQ(files, 1u);
  fs::remove_all(dir);
}

// Large manifests are written in chunks; the file must still be exactly the document.
TEST(WriteManifest, ChunkedFileEqualsTheStreamedString) {
  auto manifest = testing::make_large_manifest(1000, 3);  // ~8 MB, several chunks
  fs::path path = fs::temp_directory_path() / ("strata_manifest_chunks_" + std::to_string(::getpid()) + ".json");
  ASSERT_TRUE(write_manifest(path, manifest, fixed_metadata()).ok());
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string expected = manifest_to_string(manifest, fixed_metadata());
  EXPECT_GT(expected.size(), 4u << 20);
  EXPECT_TRUE(text.str() == expected) << "file has " << text.str().size() << " bytes, expected " << expected.size();
  fs::remove(path);
}

// Nodes are serialized in batches of 256 by two threads; the result must be every node, in
// unique_id order, each exactly as written one at a time.
TEST(WriteManifest, BatchedNodesEqualNodesWrittenOneByOne) {
  auto manifest = testing::make_large_manifest(1000, 3);  // 4,000 tests and models: 16 batches
  auto metadata = fixed_metadata();
  Json json = manifest_to_json(manifest, metadata);
  NodeJsonWriter writer(manifest, NodeJsonOptions{epoch_seconds(metadata.generated_at), metadata.target_path});
  std::vector<std::string> expected_ids;
  for (const auto& node : manifest.nodes())
    if (node.type == manifest::ResourceType::Model || node.type == manifest::ResourceType::Test)
      expected_ids.push_back(node.unique_id);
  std::sort(expected_ids.begin(), expected_ids.end());
  ASSERT_GT(expected_ids.size(), 3u * 256);
  ASSERT_EQ(keys_of(json["nodes"]), expected_ids);
  for (const auto& id : expected_ids) {
    std::string one;
    JsonStream out(one);
    writer.node(out, manifest.node(manifest.find(id)));
    ASSERT_EQ(json["nodes"][id], Json::parse(one)) << id;
  }
}

TEST(WriteManifest, UnwritableTargetIsAnIoError) {
  auto status = write_manifest("/proc/strata-cannot-write-here/manifest.json", make_sample_manifest(), fixed_metadata());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::Io);
  EXPECT_NE(status.error().message.find("/proc/strata-cannot-write-here"), std::string::npos) << status.error().message;
}

TEST(TargetWritePath, OneFilePerNodeOrAFolderPerYamlFile) {
  manifest::Node model;
  model.package_name = "pkg";
  model.path = "staging/a.sql";
  model.original_file_path = "models/staging/a.sql";
  EXPECT_EQ(target_write_path(model, "target", "run"), "target/run/pkg/models/staging/a.sql");
  manifest::Node test;
  test.package_name = "pkg";
  test.path = "not_null_a_id.sql";
  test.original_file_path = "models/schema.yml";
  EXPECT_EQ(target_write_path(test, "target", "compiled"), "target/compiled/pkg/models/schema.yml/not_null_a_id.sql");
}

TEST(ProjectId, IsTheMd5OfTheProjectName) {
  // Values from Python's hashlib.md5(name.encode()).hexdigest().
  EXPECT_EQ(project_id(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(project_id("jaffle_shop"), "06e5b98c2db46f8a72cc4f66410e9b3b");
}

TEST(Timestamps, FormatAndParseRoundTrip) {
  auto time = Clock::time_point(std::chrono::seconds(1767225600)) + std::chrono::microseconds(7);
  EXPECT_EQ(format_timestamp(time), "2026-01-01T00:00:00.000007Z");
  EXPECT_EQ(parse_timestamp("2026-01-01T00:00:00.000007Z"), time);
  EXPECT_EQ(parse_timestamp("2026-01-01T00:00:00.000007"), time);
  EXPECT_EQ(parse_timestamp("2026-01-01T00:00:00+00:00"), time - std::chrono::microseconds(7));
  EXPECT_EQ(parse_timestamp("2026-01-01 00:00:00.5Z"), time - std::chrono::microseconds(7) + std::chrono::milliseconds(500));
  EXPECT_FALSE(parse_timestamp("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_timestamp("yesterday"));
  EXPECT_FALSE(parse_timestamp("2026-01-01T00:00:00+02:00"));
}

}  // namespace
}  // namespace strata::artifacts
