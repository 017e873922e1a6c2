#pragma once
// Pieces shared by every dbt artifact writer: the JSON type, dbt's timestamp format, the
// metadata block every artifact starts with, and atomic file writes.
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace strata::artifacts {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// The dbt version strata emulates; tools check metadata.dbt_version.
inline constexpr const char* kEmulatedDbtVersion = "1.10.0";

// "2026-11-23T00:15:25.123456Z" (UTC, microseconds), as dbt writes timestamps.
std::string format_timestamp(TimePoint time);
// Accepts what format_timestamp writes, with or without fraction/'Z', and "+00:00".
std::optional<TimePoint> parse_timestamp(std::string_view text);
// Seconds since the epoch as a double (dbt's created_at).
double epoch_seconds(TimePoint time);

// The metadata every artifact carries (dbt's BaseArtifactMetadata). Every metadata object
// in the schemas forbids unknown keys, so strata's own version goes into `env`, the one
// open-ended map, under STRATA_VERSION.
struct ArtifactMetadata {
  std::string dbt_version = kEmulatedDbtVersion;
  TimePoint generated_at;                          // injected clock value
  std::string invocation_id;                       // "" writes null
  std::optional<TimePoint> invocation_started_at;  // omitted when unset
  std::map<std::string, std::string> env;          // DBT_ENV_CUSTOM_ENV_* as dbt does
  std::string strata_version;                      // "" = not written
};

// {dbt_schema_version, dbt_version, generated_at, invocation_id, [invocation_started_at], env}
Json artifact_metadata_json(const ArtifactMetadata& metadata, std::string_view schema_url);
// Reads the fields back (missing ones keep their defaults).
ArtifactMetadata artifact_metadata_from_json(const Json& json);

// Appends key/value to an object without searching for an existing key: ordered_json's
// operator[] is a linear scan, quadratic over 40,000 nodes. The caller guarantees the
// key is new.
void append(Json& object, std::string key, Json value);

// Empty string -> null, otherwise the string.
Json string_or_null(const std::string& value);

// Compact JSON (as dbt writes), to a temporary file renamed into place.
Status write_json_file(const std::filesystem::path& path, const Json& json);
Result<Json> read_json_file(const std::filesystem::path& path);

}  // namespace strata::artifacts
