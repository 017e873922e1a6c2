// Every artifact strata writes validates against dbt's published JSON schema, checked with
// Debian's python3-jsonschema. Skipped (with the reason) when the schemas are not beside
// the clone, as in CI's layout ../shared/dbt-schemas; STRATA_DBT_SCHEMAS_DIR overrides.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "artifacts/catalog.h"
#include "artifacts/freshness_results.h"
#include "artifacts/manifest_json.h"
#include "artifacts/run_results.h"
#include "sample_manifest.h"

namespace strata::artifacts {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPython = "/usr/bin/python3";

fs::path schemas_dir() {
  if (const char* dir = std::getenv("STRATA_DBT_SCHEMAS_DIR"); dir && *dir) return dir;
  return STRATA_DBT_SCHEMAS_DIR;
}

struct Validation {
  int exit_code = -1;
  std::string output;
};

Validation validate(const std::string& schema, const fs::path& document) {
  std::string command = std::string(kPython) + " '" STRATA_ARTIFACTS_TEST_DIR "/validate_artifact.py' '" +
                        (schemas_dir() / schema).string() + "' '" + document.string() + "' 2>&1";
  Validation result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) result.output.append(buffer, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class SchemaValidation : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(schemas_dir()))
      GTEST_SKIP() << "dbt schemas not found at " << schemas_dir()
                   << " (put shared/dbt-schemas beside the clone or set STRATA_DBT_SCHEMAS_DIR)";
    if (!fs::exists(kPython) || std::system("/usr/bin/python3 -c 'import jsonschema' 2>/dev/null") != 0)
      GTEST_SKIP() << "python3-jsonschema is not installed (apt-get install python3-jsonschema)";
    dir_ = fs::temp_directory_path() / ("strata_artifacts_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST_F(SchemaValidation, SampleManifestIsValidV12) {
  auto path = dir_ / "manifest.json";
  ASSERT_TRUE(write_manifest(path, testing::make_sample_manifest(), testing::fixed_metadata()).ok());
  auto result = validate("manifest-v12.json", path);
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST_F(SchemaValidation, LargeManifestIsValidV12) {
  auto path = dir_ / "manifest.json";
  ASSERT_TRUE(write_manifest(path, testing::make_large_manifest(50, 3), testing::fixed_metadata()).ok());
  auto result = validate("manifest-v12.json", path);
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST_F(SchemaValidation, HostileFieldValuesStillGiveAValidManifest) {
  auto path = dir_ / "manifest.json";
  ASSERT_TRUE(write_manifest(path, testing::make_hostile_manifest(), testing::fixed_metadata()).ok());
  auto result = validate("manifest-v12.json", path);
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

// The validator must be able to fail: a key the schema forbids is reported.
TEST_F(SchemaValidation, ValidatorRejectsAnUnknownNodeKey) {
  Json json = manifest_to_json(testing::make_sample_manifest(), testing::fixed_metadata());
  json["nodes"]["model.jaffle_shop.customers"]["not_a_dbt_key"] = 1;
  auto path = dir_ / "manifest.json";
  ASSERT_TRUE(write_json_file(path, json).ok());
  auto result = validate("manifest-v12.json", path);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("nodes/model.jaffle_shop.customers"), std::string::npos) << result.output;
}

TEST_F(SchemaValidation, RunResultsAreValidV6) {
  RunResults run;
  run.metadata = testing::fixed_metadata();
  run.elapsed_time = 1.25;
  run.args = Json{{"which", "build"}, {"select", Json::array({"customers+"})}, {"threads", 4}};
  auto t0 = run.metadata.generated_at;
  auto timing = std::vector<TimingInfo>{{"compile", t0, t0 + std::chrono::milliseconds(3)},
                                        {"execute", t0 + std::chrono::milliseconds(3), t0 + std::chrono::milliseconds(40)}};
  NodeResult ok{"model.jaffle_shop.customers", RunStatus::Success, timing, "Thread-1", 0.04,
                Json{{"_message", "OK"}, {"code", "CREATE TABLE"}, {"rows_affected", 10}}, "OK", std::nullopt,
                true, "select 1", "\"dev\".\"main\".\"customers\"", nullptr};
  NodeResult failed_test{"test.jaffle_shop.unique_customers_customer_id", RunStatus::Fail, timing, "Thread-2", 0.01,
                         Json::object(), "Got 3 results, configured to fail if != 0", 3, true, "select ...",
                         std::nullopt, nullptr};
  NodeResult skipped{"model.jaffle_shop.order_report", RunStatus::Skipped, {}, "Thread-1", 0, Json::object(),
                     "SKIP", std::nullopt, false, std::nullopt, std::nullopt, nullptr};
  NodeResult errored{"model.jaffle_shop.stg_payments", RunStatus::Error, timing, "Thread-2", 0.2, Json::object(),
                     "Catalog Error: Table with name x does not exist!", std::nullopt, true, "select * from x",
                     "\"dev\".\"main\".\"stg_payments\"",
                     Json{{"successful", Json::array({Json::array({"2025-01-01T00:00:00", "2025-01-02T00:00:00"})})},
                          {"failed", Json::array()}}};
  NodeResult warned{"test.jaffle_shop.relationships", RunStatus::Warn, timing, "Thread-1", 0.01, Json::object(),
                    "Got 1 result", 1, true, "select 1", std::nullopt, nullptr};
  NodeResult runtime{"test.jaffle_shop.x", RunStatus::RuntimeError, {}, "Thread-1", 0, Json::object(), "boom",
                     std::nullopt, std::nullopt, std::nullopt, std::nullopt, nullptr};
  run.results = {ok, failed_test, skipped, errored, warned, runtime};
  auto path = dir_ / "run_results.json";
  ASSERT_TRUE(write_run_results(path, run).ok());
  auto result = validate("run-results-v6.json", path);
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST_F(SchemaValidation, SourcesJsonIsValidV3) {
  FreshnessResults results;
  results.metadata = testing::fixed_metadata();
  results.elapsed_time = 0.5;
  auto now = results.metadata.generated_at;
  SourceFreshnessResult pass;
  pass.unique_id = "source.jaffle_shop.raw.orders";
  pass.status = FreshnessStatus::Warn;
  pass.max_loaded_at = now - std::chrono::hours(13);
  pass.snapshotted_at = now;
  pass.max_loaded_at_time_ago_in_s = 13 * 3600;
  pass.criteria = Json::parse(R"({"warn_after": {"count": 12, "period": "hour"}, "error_after": {"count": 1, "period": "day"}})");
  pass.timing = {{"compile", now, now}, {"execute", now, now + std::chrono::milliseconds(5)}};
  pass.thread_id = "Thread-1";
  pass.execution_time = 0.005;
  SourceFreshnessResult error;
  error.unique_id = "source.jaffle_shop.raw.customers";
  error.status = FreshnessStatus::RuntimeError;
  error.error = "Binder Error: column _loaded_at not found";
  results.results = {pass, error};
  auto path = dir_ / "sources.json";
  ASSERT_TRUE(write_freshness_results(path, results).ok());
  auto result = validate("sources-v3.json", path);
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST_F(SchemaValidation, CatalogIsValidV1) {
  Catalog catalog;
  catalog.metadata = testing::fixed_metadata();
  CatalogTable customers{"model.jaffle_shop.customers", "BASE TABLE", "dev", "main", "customers",
                         "One row per customer.", std::nullopt,
                         {{"customer_id", "INTEGER", 1, "Primary key"}, {"orders", "BIGINT", 2, std::nullopt}},
                         {{"row_count", "Row Count", 42, true, "Rows in the table"}}};
  CatalogTable view{"model.jaffle_shop.stg_orders", "VIEW", "dev", "main", "stg_orders", std::nullopt, std::nullopt,
                    {{"order_id", "INTEGER", 1, std::nullopt}}, {}};
  CatalogTable source{"source.jaffle_shop.raw.orders", "BASE TABLE", "dev", "raw", "raw_orders", std::nullopt,
                      std::nullopt, {{"id", "INTEGER", 1, std::nullopt}}, {}};
  catalog.nodes = {customers, view};
  catalog.sources = {source};
  auto path = dir_ / "catalog.json";
  ASSERT_TRUE(write_catalog(path, catalog).ok());
  auto result = validate("catalog-v1.json", path);
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

}  // namespace
}  // namespace strata::artifacts
