#pragma once
// Shared state of one project load, passed between the loader's phases.
#include <map>
#include <optional>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "parser/node_config.h"
#include "parser/parse_cache.h"
#include "parser/project_loader.h"

namespace strata::parser {

class YamlValues;

struct PackageScope {
  const project::ProjectConfig* config = nullptr;
  std::string name;
  std::filesystem::path root;
  bool is_root = false;
};

// A properties-YAML entry that patches a node (models:, seeds:, snapshots:, analyses:).
struct NodePatch {
  std::string package;
  std::string resource_key;  // "models", "seeds", ...
  std::string name;
  std::shared_ptr<const project::YamlDocument> document;
  yaml::Node entry;
};

struct LoadState {
  LoadState(const FileSystem& files, const LoadOptions& opts, LoadedProject& result) : fs(files), options(opts), out(result) {}

  const FileSystem& fs;
  const LoadOptions& options;
  LoadedProject& out;
  std::vector<PackageScope> packages;  // root first
  std::vector<std::shared_ptr<const SourceText>> sources;  // by NodeId (null for YAML-defined nodes)
  std::vector<Json> yaml_config;                           // by NodeId: config from properties YAML
  std::vector<NodePatch> patches;
  std::vector<std::shared_ptr<const project::YamlDocument>> property_files;
  std::vector<Error> errors;
  std::map<std::string, std::string> macro_descriptions;
  std::map<manifest::NodeId, std::string> test_owners;  // generic test -> model expression
  std::map<manifest::NodeId, std::string> renamed;      // versioned models: new unique_id
  std::vector<std::string> disabled;                    // unique_ids of enabled: false nodes
  std::set<std::string> env_vars_read;                  // by any parse-mode render (for the parse cache)
  const YamlValues* yaml_values = nullptr;              // renders Jinja in YAML values (while loading)
  std::vector<RenderInput> render_inputs;               // by NodeId: YAML state before the render (parse cache)
  std::map<size_t, std::string> warning_owner;          // out.warnings index -> node unique_id (render warnings)
  std::vector<std::string> cached_template_names;       // by NodeId, after a partial re-parse
  // Fast paths, decided before rendering: no project overrides dbt's naming macros / the
  // built-in generic tests, so they are computed natively instead of rendered.
  std::set<std::string> native_naming;  // generate_*_name macros computed natively
  bool builtin_tests_untouched = false;  // macro unique_id -> description

  // Back to no nodes (after a partial re-parse gave up), keeping macros and docs.
  void reset_nodes() {
    manifest::Manifest fresh;
    fresh.project_name = out.manifest.project_name;
    fresh.macros = std::move(out.manifest.macros);
    fresh.docs = std::move(out.manifest.docs);
    for (auto& m : fresh.macros) m.description.clear();  // set again from properties files
    out.manifest = std::move(fresh);
    macro_descriptions.clear();
    cached_template_names.clear();
    out.templates.clear();
    sources.clear();
    yaml_config.clear();
    render_inputs.clear();
    warning_owner.clear();
    env_vars_read.clear();
  }

  const PackageScope* package(const std::string& name) const {
    for (const auto& p : packages)
      if (p.name == name) return &p;
    return nullptr;
  }
  void reserve_nodes(size_t count) {
    out.manifest.reserve(count);
    sources.reserve(count);
    yaml_config.reserve(count);
  }
  manifest::NodeId add_node(manifest::Node node, std::shared_ptr<const SourceText> source) {
    manifest::NodeId id = out.manifest.add(std::move(node));
    sources.resize(id + 1);
    yaml_config.resize(id + 1, Json::object());
    sources[id] = std::move(source);
    return id;
  }
};

void merge_yaml_config(LoadState& state, manifest::NodeId id, const Json& config);

// Phases (each in its own file).
Status scan_resource_files(LoadState& state);   // models, seeds, snapshots, analyses, singular tests, docs
Status load_macros(LoadState& state);           // global project, packages, root; finalizes the env
Status parse_property_files(LoadState& state);  // sources, exposures, unit tests; collects patches
Status apply_patches(LoadState& state);         // descriptions, columns, configs, versions, tests
Status resolve_configs_and_render(LoadState& state);  // configs + parse-mode render + names
Status resolve_dependencies(LoadState& state);  // refs/sources -> depends_on
// The parse cache (cached_load.cpp).
ParseCacheKey parse_cache_key(const LoadOptions& options, const LoadedProject& out);
std::vector<FileAccess> distinct_accesses(std::vector<FileAccess> all);
struct CachedLoad {
  std::optional<std::string> full_parse_reason;  // nullopt: state.out holds the project
  bool touched_state = false;                    // a partial re-parse started and gave up
};
// Loads the nodes from the cache when nothing changed, or re-parses just the changed model,
// analysis and singular-test files when only those changed.
CachedLoad load_from_parse_cache(LoadState& state, const FileSystem& fs, const std::filesystem::path& cache_path,
                                 const ParseCacheKey& key, int64_t started_at_ns);
bool save_parse_cache(LoadState& state, const FileSystem& fs, const std::filesystem::path& cache_path, ParseCacheKey key,
                      int64_t started_at_ns, std::vector<FileAccess> accesses, size_t project_warnings);

// Renders only `ids` again (a partial re-parse from the parse cache).
Status rerender_nodes(LoadState& state, const std::vector<manifest::NodeId>& ids);

}  // namespace strata::parser
