#include "artifacts/run_results.h"

#include "artifacts/json_stream.h"

namespace strata::artifacts {

namespace {

struct StatusName {
  RunStatus status;
  const char* name;
};
constexpr StatusName kStatusNames[] = {
    {RunStatus::Success, "success"}, {RunStatus::Error, "error"},
    {RunStatus::Skipped, "skipped"}, {RunStatus::PartialSuccess, "partial success"},
    {RunStatus::NoOp, "no-op"},      {RunStatus::Reused, "reused"},
    {RunStatus::Pass, "pass"},       {RunStatus::Fail, "fail"},
    {RunStatus::Warn, "warn"},       {RunStatus::RuntimeError, "runtime error"},
};

Error malformed(const std::string& origin, const std::string& what) {
  return Error(ErrorCode::Io, origin + ": " + what)
      .with_hint("the file was not written by strata or dbt 1.8+; delete it and run the command again");
}

}  // namespace

const char* run_status_name(RunStatus status) {
  for (const auto& entry : kStatusNames)
    if (entry.status == status) return entry.name;
  return "error";
}

std::optional<RunStatus> parse_run_status(std::string_view name) {
  for (const auto& entry : kStatusNames)
    if (name == entry.name) return entry.status;
  return std::nullopt;
}

bool is_retryable(RunStatus status) {
  switch (status) {
    case RunStatus::Error:
    case RunStatus::Skipped:
    case RunStatus::Fail:
    case RunStatus::RuntimeError:
    case RunStatus::PartialSuccess:
      return true;
    default:
      return false;
  }
}

Json timing_json(const std::vector<TimingInfo>& timing) {
  Json json = Json::array();
  for (const auto& phase : timing) {
    Json entry = Json::object();
    append(entry, "name", phase.name);
    append(entry, "started_at", phase.started_at ? Json(format_timestamp(*phase.started_at)) : Json(nullptr));
    append(entry, "completed_at", phase.completed_at ? Json(format_timestamp(*phase.completed_at)) : Json(nullptr));
    json.push_back(std::move(entry));
  }
  return json;
}

std::vector<TimingInfo> timing_from_json(const Json& json) {
  std::vector<TimingInfo> timing;
  if (!json.is_array()) return timing;
  for (const auto& entry : json) {
    if (!entry.is_object()) continue;
    TimingInfo phase;
    phase.name = entry.value("name", "");
    if (auto it = entry.find("started_at"); it != entry.end() && it->is_string())
      phase.started_at = parse_timestamp(it->get_ref<const std::string&>());
    if (auto it = entry.find("completed_at"); it != entry.end() && it->is_string())
      phase.completed_at = parse_timestamp(it->get_ref<const std::string&>());
    timing.push_back(std::move(phase));
  }
  return timing;
}

namespace {

void write_optional_string(JsonStream& out, std::string_view key, const std::optional<std::string>& value) {
  out.key(key);
  if (value)
    out.value(*value);
  else
    out.value(nullptr);
}

void stream_run_results(JsonStream& out, const RunResults& run_results, const Checkpoint& checkpoint) {
  out.begin_object();
  out.field("metadata", artifact_metadata_json(run_results.metadata, kRunResultsSchemaUrl));
  out.key("results").begin_array();
  for (const auto& result : run_results.results) {
    out.begin_object();
    out.field("status", run_status_name(result.status));
    out.key("timing").begin_array();
    for (const auto& phase : result.timing) {
      out.begin_object().field("name", phase.name);
      write_optional_string(out, "started_at",
                            phase.started_at ? std::optional(format_timestamp(*phase.started_at)) : std::nullopt);
      write_optional_string(out, "completed_at",
                            phase.completed_at ? std::optional(format_timestamp(*phase.completed_at)) : std::nullopt);
      out.end_object();
    }
    out.end_array();
    out.field("thread_id", result.thread_id);
    out.field("execution_time", result.execution_time);
    out.key("adapter_response");
    if (result.adapter_response.is_object())
      out.value(result.adapter_response);
    else
      out.begin_object().end_object();
    write_optional_string(out, "message", result.message);
    out.key("failures");
    if (result.failures)
      out.value(*result.failures);
    else
      out.value(nullptr);
    out.field("unique_id", result.unique_id);
    out.key("compiled");
    if (result.compiled)
      out.value(*result.compiled);
    else
      out.value(nullptr);
    write_optional_string(out, "compiled_code", result.compiled_code);
    write_optional_string(out, "relation_name", result.relation_name);
    out.key("batch_results");
    if (result.batch_results.is_object())
      out.value(result.batch_results);
    else
      out.value(nullptr);
    out.end_object();
    checkpoint();
  }
  out.end_array();
  out.field("elapsed_time", run_results.elapsed_time);
  out.key("args");
  if (run_results.args.is_object())
    out.value(run_results.args);
  else
    out.begin_object().end_object();
  out.end_object();
}

}  // namespace

std::string run_results_to_string(const RunResults& run_results) {
  std::string text;
  JsonStream out(text);
  stream_run_results(out, run_results, [] {});
  return text;
}

Json run_results_to_json(const RunResults& run_results) { return Json::parse(run_results_to_string(run_results)); }

Result<RunResults> run_results_from_json(const Json& json, const std::string& origin) {
  if (!json.is_object()) return malformed(origin, "expected a JSON object");
  RunResults run_results;
  run_results.metadata = artifact_metadata_from_json(json.value("metadata", Json::object()));
  auto results = json.find("results");
  if (results == json.end() || !results->is_array()) return malformed(origin, "no \"results\" list");
  size_t index = 0;
  for (const auto& entry : *results) {
    std::string where = "results[" + std::to_string(index++) + "]";
    if (!entry.is_object()) return malformed(origin, where + " is not an object");
    NodeResult result;
    auto unique_id = entry.find("unique_id");
    if (unique_id == entry.end() || !unique_id->is_string()) return malformed(origin, where + " has no unique_id");
    result.unique_id = *unique_id;
    auto status = entry.find("status");
    if (status == entry.end() || !status->is_string()) return malformed(origin, where + " has no status");
    auto parsed = parse_run_status(status->get_ref<const std::string&>());
    if (!parsed)
      return malformed(origin, where + " (" + result.unique_id + ") has an unknown status \"" +
                                   status->get<std::string>() + "\"");
    result.status = *parsed;
    result.timing = timing_from_json(entry.value("timing", Json::array()));
    if (auto it = entry.find("thread_id"); it != entry.end() && it->is_string()) result.thread_id = *it;
    if (auto it = entry.find("execution_time"); it != entry.end() && it->is_number()) result.execution_time = *it;
    if (auto it = entry.find("adapter_response"); it != entry.end() && it->is_object()) result.adapter_response = *it;
    if (auto it = entry.find("message"); it != entry.end() && it->is_string()) result.message = *it;
    if (auto it = entry.find("failures"); it != entry.end() && it->is_number_integer())
      result.failures = it->get<int64_t>();
    if (auto it = entry.find("compiled"); it != entry.end() && it->is_boolean()) result.compiled = it->get<bool>();
    if (auto it = entry.find("compiled_code"); it != entry.end() && it->is_string()) result.compiled_code = *it;
    if (auto it = entry.find("relation_name"); it != entry.end() && it->is_string()) result.relation_name = *it;
    if (auto it = entry.find("batch_results"); it != entry.end() && it->is_object()) result.batch_results = *it;
    run_results.results.push_back(std::move(result));
  }
  if (auto it = json.find("elapsed_time"); it != json.end() && it->is_number()) run_results.elapsed_time = *it;
  if (auto it = json.find("args"); it != json.end() && it->is_object()) run_results.args = *it;
  return run_results;
}

Status write_run_results(const std::filesystem::path& path, const RunResults& run_results) {
  return write_streamed_json(path, [&](JsonStream& out, const Checkpoint& checkpoint) {
    stream_run_results(out, run_results, checkpoint);
  });
}

Result<RunResults> read_run_results(const std::filesystem::path& path) {
  auto json = read_json_file(path);
  if (!json.ok()) return std::move(json).error();
  return run_results_from_json(*json, path.string());
}

std::vector<std::string> retryable_unique_ids(const RunResults& run_results) {
  std::vector<std::string> ids;
  for (const auto& result : run_results.results)
    if (is_retryable(result.status)) ids.push_back(result.unique_id);
  return ids;
}

}  // namespace strata::artifacts
