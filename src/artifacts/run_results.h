#pragma once
// run_results.json (dbt schema v6): what a run/build/test/seed/snapshot did to each node.
// The executor fills RunResults; `retry` reads the previous file back.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "artifacts/artifact_json.h"

namespace strata::artifacts {

inline constexpr const char* kRunResultsSchemaUrl = "https://schemas.getdbt.com/dbt/run-results/v6.json";

// The union of dbt's RunStatus and TestStatus, spelled as in the file.
enum class RunStatus {
  Success,         // "success": a model/seed/snapshot/operation ran
  Error,           // "error"
  Skipped,         // "skipped": an upstream node failed, or interrupted
  PartialSuccess,  // "partial success": some microbatch batches failed
  NoOp,            // "no-op"
  Reused,          // "reused"
  Pass,            // "pass": a test found nothing
  Fail,            // "fail"
  Warn,            // "warn"
  RuntimeError,    // "runtime error"
};

const char* run_status_name(RunStatus status);
std::optional<RunStatus> parse_run_status(std::string_view name);
// What `strata retry` runs again, as dbt's retry: errors, failures and skips.
bool is_retryable(RunStatus status);

// One phase of a node's execution: "compile" or "execute".
struct TimingInfo {
  std::string name;
  std::optional<TimePoint> started_at;
  std::optional<TimePoint> completed_at;
};

struct NodeResult {
  std::string unique_id;
  RunStatus status = RunStatus::Success;
  std::vector<TimingInfo> timing;
  std::string thread_id;        // e.g. "Thread-1"
  double execution_time = 0;    // seconds
  Json adapter_response = Json::object();  // {_message, code, rows_affected} when known
  std::optional<std::string> message;      // "OK", "CREATE TABLE (10 rows)", the error, ...
  std::optional<int64_t> failures;         // tests: failing rows
  std::optional<bool> compiled;
  std::optional<std::string> compiled_code;
  std::optional<std::string> relation_name;
  Json batch_results = nullptr;  // microbatch: {successful: [[start, end]...], failed: [...]}
};

struct RunResults {
  ArtifactMetadata metadata;
  std::vector<NodeResult> results;
  double elapsed_time = 0;  // seconds, whole invocation
  Json args = Json::object();  // the invocation's arguments, e.g. {"which": "build", "select": [...]}
};

// Compact JSON text, streamed; run_results_to_json is the same document as a tree.
std::string run_results_to_string(const RunResults& run_results);
Json run_results_to_json(const RunResults& run_results);
// `origin` names the file in error messages.
Result<RunResults> run_results_from_json(const Json& json, const std::string& origin);

// Streamed to a temporary file renamed into place.
Status write_run_results(const std::filesystem::path& path, const RunResults& run_results);
Result<RunResults> read_run_results(const std::filesystem::path& path);

// unique_ids whose last status is retryable, in file order.
std::vector<std::string> retryable_unique_ids(const RunResults& run_results);

// Shared with sources.json.
Json timing_json(const std::vector<TimingInfo>& timing);
std::vector<TimingInfo> timing_from_json(const Json& json);

}  // namespace strata::artifacts
