#pragma once
// sources.json (dbt schema v3): the results of `strata source freshness`.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "artifacts/run_results.h"

namespace strata::artifacts {

inline constexpr const char* kSourcesSchemaUrl = "https://schemas.getdbt.com/dbt/sources/v3.json";

enum class FreshnessStatus { Pass, Warn, Error, RuntimeError };
const char* freshness_status_name(FreshnessStatus status);  // pass|warn|error|runtime error

struct SourceFreshnessResult {
  std::string unique_id;
  FreshnessStatus status = FreshnessStatus::Pass;
  // RuntimeError results (the query failed) carry only unique_id, status and this message,
  // as dbt's SourceFreshnessRuntimeError does.
  std::string error;
  TimePoint max_loaded_at;
  TimePoint snapshotted_at;
  double max_loaded_at_time_ago_in_s = 0;
  Json criteria = nullptr;  // the source's freshness config; normalized to {warn_after, error_after, filter}
  Json adapter_response = Json::object();
  std::vector<TimingInfo> timing;
  std::string thread_id;
  double execution_time = 0;
};

struct FreshnessResults {
  ArtifactMetadata metadata;
  std::vector<SourceFreshnessResult> results;
  double elapsed_time = 0;
};

Json freshness_results_to_json(const FreshnessResults& results);
Status write_freshness_results(const std::filesystem::path& path, const FreshnessResults& results);

}  // namespace strata::artifacts
