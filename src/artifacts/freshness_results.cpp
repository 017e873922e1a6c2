#include "artifacts/freshness_results.h"

#include "artifacts/node_config_json.h"

namespace strata::artifacts {

const char* freshness_status_name(FreshnessStatus status) {
  switch (status) {
    case FreshnessStatus::Pass:
      return "pass";
    case FreshnessStatus::Warn:
      return "warn";
    case FreshnessStatus::Error:
      return "error";
    case FreshnessStatus::RuntimeError:
      return "runtime error";
  }
  return "runtime error";
}

Json freshness_results_to_json(const FreshnessResults& results) {
  Json list = Json::array();
  for (const auto& result : results.results) {
    Json json = Json::object();
    append(json, "unique_id", result.unique_id);
    if (result.status == FreshnessStatus::RuntimeError) {
      append(json, "error", result.error);
      append(json, "status", "runtime error");
      list.push_back(std::move(json));
      continue;
    }
    append(json, "max_loaded_at", format_timestamp(result.max_loaded_at));
    append(json, "snapshotted_at", format_timestamp(result.snapshotted_at));
    append(json, "max_loaded_at_time_ago_in_s", result.max_loaded_at_time_ago_in_s);
    append(json, "status", freshness_status_name(result.status));
    Json criteria = freshness_threshold_json(result.criteria);
    append(json, "criteria", criteria.is_null() ? freshness_threshold_json(Json::object()) : criteria);
    append(json, "adapter_response", result.adapter_response.is_object() ? result.adapter_response : Json::object());
    append(json, "timing", timing_json(result.timing));
    append(json, "thread_id", result.thread_id);
    append(json, "execution_time", result.execution_time);
    list.push_back(std::move(json));
  }
  Json json = Json::object();
  append(json, "metadata", artifact_metadata_json(results.metadata, kSourcesSchemaUrl));
  append(json, "results", std::move(list));
  append(json, "elapsed_time", results.elapsed_time);
  return json;
}

Status write_freshness_results(const std::filesystem::path& path, const FreshnessResults& results) {
  return write_json_file(path, freshness_results_to_json(results));
}

}  // namespace strata::artifacts
