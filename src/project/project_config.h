#pragma once
// dbt_project.yml: the project's name, folders, vars, hooks, dispatch and config trees.
#include <filesystem>
#include <string>
#include <vector>

#include "common/file_system.h"
#include "project/yaml_document.h"

namespace strata::project {

struct DispatchEntry {
  std::string macro_namespace;
  std::vector<std::string> search_order;
};

struct ProjectConfig {
  std::filesystem::path root;  // directory holding dbt_project.yml
  YamlDocument document;

  std::string name;
  std::string version;
  std::string profile;
  std::vector<std::string> model_paths{"models"};
  std::vector<std::string> seed_paths{"seeds"};
  std::vector<std::string> test_paths{"tests"};
  std::vector<std::string> analysis_paths{"analyses"};
  std::vector<std::string> macro_paths{"macros"};
  std::vector<std::string> snapshot_paths{"snapshots"};
  std::vector<std::string> docs_paths;  // empty = every resource path, as dbt
  std::string packages_install_path = "dbt_packages";
  std::string target_path = "target";
  std::string log_path = "logs";
  std::vector<std::string> clean_targets;
  Json require_dbt_version;  // string, list or null

  Json vars = Json::object();    // as written: globals plus {package: {...}} scopes
  std::vector<std::string> on_run_start;
  std::vector<std::string> on_run_end;
  std::vector<DispatchEntry> dispatch;
  Json quoting = Json::object();
  Json flags = Json::object();

  // The per-resource config trees ("models", "seeds", "snapshots", "data_tests" (also
  // read from "tests"), "sources", "analyses", "unit_tests", "exposures"): nested by
  // package and folder with '+'-prefixed config keys.
  Json config_trees = Json::object();
  // YAML nodes of the trees, for locating unknown-key warnings.
  std::map<std::string, yaml::Node> config_tree_nodes;

  std::vector<Error> warnings;  // e.g. unknown top-level keys
};

// Reads and validates <dir>/dbt_project.yml. Jinja in values is rendered later (it needs
// vars, env and the target): the config trees by the parser (parser/yaml_values.h), the
// hooks when they run; here every field keeps its text.
Result<ProjectConfig> load_project_config(const FileSystem& fs, const std::filesystem::path& dir);

}  // namespace strata::project
