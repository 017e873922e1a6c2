#pragma once
// profiles.yml: which warehouse a project runs against. Values may use Jinja
// (env_var, var), rendered through the renderer the caller passes in.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/file_system.h"
#include "project/yaml_document.h"

namespace strata::project {

struct AttachSpec {
  std::string path;
  std::string alias;
  std::string type;  // DuckDB TYPE option, e.g. sqlite; empty = duckdb
  bool read_only = false;
};

struct Target {
  std::string profile_name;
  std::string name;  // e.g. dev
  std::string type;  // duckdb
  int threads = 1;
  std::string database;  // the DuckDB catalog name (file stem by default)
  std::string schema = "main";
  std::string path;      // DuckDB file; ":memory:" when absent
  Json settings = Json::object();
  std::vector<std::string> extensions;
  std::vector<AttachSpec> attach;
  Json raw = Json::object();  // every rendered field, for `target` in Jinja
  std::string profiles_file;  // where it was read
};

struct ProfileRequest {
  std::string profile_name;                // from dbt_project.yml
  std::optional<std::string> target_name;  // --target
  std::optional<std::filesystem::path> profiles_dir;  // --profiles-dir
  std::filesystem::path project_dir;
  std::optional<int> threads;              // --threads
};

// Where profiles.yml is looked for, in order: --profiles-dir, DBT_PROFILES_DIR /
// STRATA_PROFILES_DIR, the project directory, ~/.dbt.
std::vector<std::filesystem::path> profile_search_path(const ProfileRequest& request,
                                                       const std::function<const char*(const char*)>& getenv);

Result<Target> load_target(const FileSystem& fs, const ProfileRequest& request, const ValueRenderer& render,
                           const std::function<const char*(const char*)>& getenv);

}  // namespace strata::project
