#pragma once
// manifest.json (dbt schema v12): every resource of the parsed project, keyed by
// unique_id and sorted so the file is byte-for-byte deterministic, plus parent/child maps.
#include <filesystem>
#include <optional>
#include <string>

#include "artifacts/artifact_json.h"
#include "manifest/manifest.h"

namespace strata::artifacts {

inline constexpr const char* kManifestSchemaUrl = "https://schemas.getdbt.com/dbt/manifest/v12.json";

// The project's `quoting:`; unset keys write null.
struct QuotingConfig {
  std::optional<bool> database, schema, identifier, column;
};

struct ManifestMetadata : ArtifactMetadata {
  std::string project_name;          // "" = the manifest's project_name
  std::optional<std::string> user_id;  // dbt's anonymous user id; strata has none (null)
  bool send_anonymous_usage_stats = false;
  std::string adapter_type = "duckdb";
  QuotingConfig quoting;
  std::string target_path = "target";  // for nodes' compiled_path
  Json selectors = Json::object();     // selectors.yml, passed through
};

// md5 hex of the project name, as dbt's metadata.project_id.
std::string project_id(const std::string& project_name);

// The manifest as compact JSON text, streamed (no JSON tree is built, for speed). Nodes
// whose config has enabled: false go to `disabled`; everything else to its section.
std::string manifest_to_string(const manifest::Manifest& manifest, const ManifestMetadata& metadata);

// The same document as a JSON tree (for callers that inspect it; slower than the string).
Json manifest_to_json(const manifest::Manifest& manifest, const ManifestMetadata& metadata);

// manifest_to_string written to `path` (temporary file + rename).
Status write_manifest(const std::filesystem::path& path, const manifest::Manifest& manifest,
                      const ManifestMetadata& metadata);

}  // namespace strata::artifacts
