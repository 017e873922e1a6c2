#pragma once
// Loads a dbt project into a Manifest: project and profile files, packages, macros, every
// resource file and properties YAML, configs, parse-mode rendering (refs, sources,
// config() calls), generic tests, and ref/source resolution into graph edges.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/file_system.h"
#include "context/dbt_environment.h"
#include "manifest/manifest.h"
#include "parser/pending_cache_save.h"
#include "project/profile.h"
#include "project/project_config.h"

namespace strata::parser {

struct LoadOptions {
  std::filesystem::path project_dir = ".";
  std::optional<std::filesystem::path> profiles_dir;
  std::optional<std::string> target;
  std::string vars_yaml;  // --vars
  nlohmann::ordered_json flags = nlohmann::ordered_json::object();  // invocation flags: FULL_REFRESH, WHICH, ...
  std::optional<int> threads;
  unsigned parse_threads = 0;  // 0 = hardware concurrency
  std::function<const char*(const char*)> getenv;
  std::string invocation_id;
  std::string run_started_at;
  std::string strata_version;
  std::function<void(const std::string& level, const std::string& message)> log;
  // exceptions.warn() during compile and run (ProjectContext::warn).
  std::function<bool(const Error& warning)> warn;
  // The parse cache (<target-path>/strata_partial_parse.bin): reuse the last parse when
  // nothing it depended on changed, and save each full parse. --no-partial-parse = false.
  bool partial_parse = true;
  // Parse every node's template (LoadedProject::templates). `strata parse` needs none, so a
  // cached load can skip them.
  bool need_templates = true;
  // Leave the parse-cache save in LoadedProject::pending_cache_save for the caller to
  // start once the project is at its final address (see PendingCacheSave).
  bool defer_cache_save = false;
};

struct LoadedProject {
  project::ProjectConfig root;
  std::vector<project::ProjectConfig> packages;  // installed packages (not the root)
  project::Target target;
  std::shared_ptr<context::ProjectContext> context;
  std::unique_ptr<context::DbtEnvironment> env;
  manifest::Manifest manifest;
  std::vector<Error> warnings;
  // Parsed templates of nodes by NodeId (for compile), null where a node has no code.
  std::vector<jinja::TemplatePtr> templates;
  // How the manifest was obtained, for `strata parse`: "parse cache: unchanged" or
  // "full parse: <why>" (no cache, vars changed, models/x.sql changed, ...).
  std::string parse_status;
  bool from_parse_cache = false;
  // Per-phase timings in milliseconds, for `strata parse`.
  std::vector<std::pair<std::string, double>> timings;
  // Set when LoadOptions::defer_cache_save and this load saves the parse cache.
  std::unique_ptr<PendingCacheSave> pending_cache_save;
};

Result<LoadedProject> load_project(const FileSystem& fs, const LoadOptions& options);

// Whether the parse cache still applies, found without loading macros or nodes: for
// commands that can reuse their own outputs of an unchanged project.
struct ParseCacheProbe {
  std::filesystem::path target_dir;
  std::filesystem::path cache_path;
  bool unchanged = false;       // false also when there is no usable cache
  size_t project_warnings = 0;  // warnings of dbt_project.yml and the profile
};
// `worth_checking` (given target_dir and cache_path) can decline before the cache is read
// and every input re-checked, e.g. when there is nothing to reuse anyway.
Result<ParseCacheProbe> probe_parse_cache(
    const FileSystem& fs, const LoadOptions& options,
    const std::function<bool(const ParseCacheProbe&)>& worth_checking = nullptr);

}  // namespace strata::parser
