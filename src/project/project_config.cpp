#include "project/project_config.h"

namespace strata::project {

namespace {

namespace fs = std::filesystem;

const char* kKnownKeys[] = {
    "name", "version", "config-version", "profile", "model-paths", "seed-paths", "test-paths",
    "analysis-paths", "macro-paths", "snapshot-paths", "docs-paths", "asset-paths", "packages-install-path",
    "target-path", "log-path", "clean-targets", "require-dbt-version", "vars", "on-run-start", "on-run-end",
    "dispatch", "quoting", "flags", "models", "seeds", "snapshots", "tests", "data_tests", "sources",
    "analyses", "unit_tests", "exposures", "metrics", "semantic-models", "saved-queries", "query-comment",
    "restrict-access", "source-paths", "data-paths"};

class Reader {
 public:
  Reader(const YamlDocument& doc) : doc_(doc) {}

  Result<std::string> string(const yaml::Node& node, const char* key) {
    if (!node.IsScalar()) return doc_.error_at(node, std::string("'") + key + "' must be a string");
    return node.Scalar();
  }

  Result<std::vector<std::string>> strings(const yaml::Node& node, const char* key) {
    std::vector<std::string> out;
    if (node.IsScalar()) {
      out.push_back(node.Scalar());
      return out;
    }
    if (!node.IsSequence()) return doc_.error_at(node, std::string("'") + key + "' must be a list of strings");
    for (const auto& item : node) {
      if (!item.IsScalar()) return doc_.error_at(item, std::string("'") + key + "' must be a list of strings");
      out.push_back(item.Scalar());
    }
    return out;
  }

 private:
  const YamlDocument& doc_;
};

}  // namespace

Result<ProjectConfig> load_project_config(const FileSystem& files, const fs::path& dir) {
  fs::path path = dir / "dbt_project.yml";
  if (!files.exists(path))
    return Error(ErrorCode::Config, "no dbt_project.yml found in " + dir.string())
        .with_hint("run strata from a dbt project directory, or pass --project-dir");
  auto content = files.read(path);
  if (!content) return std::move(content).error();
  auto source = std::make_shared<const SourceText>(SourceText{"dbt_project.yml", std::move(content).value()});
  auto doc = parse_yaml(source);
  if (!doc) return std::move(doc).error();

  ProjectConfig config;
  config.root = dir;
  config.document = std::move(doc).value();
  const yaml::Node& root = config.document.root;
  if (!root.IsMap()) {
    SourceSpan span;
    span.source = source;
    span.line = 1;
    span.column = 1;
    return Error(ErrorCode::Config, "dbt_project.yml must be a mapping with at least a 'name'", span);
  }
  Reader read(config.document);

  std::string tests_key;  // the spelling ("tests" or "data_tests") of the data-tests tree seen
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    const yaml::Node& value = entry.second;
    bool known = false;
    for (const char* k : kKnownKeys) known = known || key == k;
    if (!known) {
      config.warnings.push_back(config.document.error_at(entry.first, "unknown key '" + key + "' in dbt_project.yml is ignored")
                                    .with_hint("see dbt's dbt_project.yml reference for the valid keys"));
      continue;
    }

    auto assign_string = [&](std::string& out) -> Status {
      auto s = read.string(value, key.c_str());
      if (!s) return std::move(s).error();
      out = std::move(s).value();
      return {};
    };
    auto assign_strings = [&](std::vector<std::string>& out) -> Status {
      auto s = read.strings(value, key.c_str());
      if (!s) return std::move(s).error();
      out = std::move(s).value();
      return {};
    };

    if (key == "name") STRATA_TRY(assign_string(config.name));
    else if (key == "version") STRATA_TRY(assign_string(config.version));
    else if (key == "profile") STRATA_TRY(assign_string(config.profile));
    else if (key == "model-paths" || key == "source-paths") STRATA_TRY(assign_strings(config.model_paths));
    else if (key == "seed-paths" || key == "data-paths") STRATA_TRY(assign_strings(config.seed_paths));
    else if (key == "test-paths") STRATA_TRY(assign_strings(config.test_paths));
    else if (key == "analysis-paths") STRATA_TRY(assign_strings(config.analysis_paths));
    else if (key == "macro-paths") STRATA_TRY(assign_strings(config.macro_paths));
    else if (key == "snapshot-paths") STRATA_TRY(assign_strings(config.snapshot_paths));
    else if (key == "docs-paths") STRATA_TRY(assign_strings(config.docs_paths));
    else if (key == "packages-install-path") STRATA_TRY(assign_string(config.packages_install_path));
    else if (key == "target-path") STRATA_TRY(assign_string(config.target_path));
    else if (key == "log-path") STRATA_TRY(assign_string(config.log_path));
    else if (key == "clean-targets") STRATA_TRY(assign_strings(config.clean_targets));
    else if (key == "require-dbt-version") config.require_dbt_version = yaml_to_json(value);
    else if (key == "on-run-start") STRATA_TRY(assign_strings(config.on_run_start));
    else if (key == "on-run-end") STRATA_TRY(assign_strings(config.on_run_end));
    else if (key == "vars") {
      if (!value.IsMap() && !value.IsNull()) return config.document.error_at(value, "'vars' must be a mapping");
      config.vars = value.IsNull() ? Json::object() : yaml_to_json(value);
    } else if (key == "quoting") config.quoting = yaml_to_json(value);
    else if (key == "flags") config.flags = yaml_to_json(value);
    else if (key == "dispatch") {
      if (!value.IsSequence()) return config.document.error_at(value, "'dispatch' must be a list");
      for (const auto& item : value) {
        if (!item.IsMap() || !item["macro_namespace"] || !item["search_order"])
          return config.document.error_at(item, "each dispatch entry needs 'macro_namespace' and 'search_order'");
        DispatchEntry d;
        d.macro_namespace = item["macro_namespace"].Scalar();
        auto order = read.strings(item["search_order"], "search_order");
        if (!order) return std::move(order).error();
        d.search_order = std::move(order).value();
        config.dispatch.push_back(std::move(d));
      }
    } else if (key == "models" || key == "seeds" || key == "snapshots" || key == "tests" || key == "data_tests" ||
               key == "sources" || key == "analyses" || key == "unit_tests" || key == "exposures") {
      if (!value.IsMap() && !value.IsNull())
        return config.document.error_at(value, "'" + key + "' must be a mapping of folders and +configs");
      std::string tree = key == "tests" ? "data_tests" : key;
      // dbt rejects both spellings in one file rather than merging them (a repeated key is
      // YAML's business: the last one wins, as in PyYAML)
      if (tree == "data_tests" && !tests_key.empty() && tests_key != key)
        return config.document.error_at(entry.first, "cannot have both 'tests' and 'data_tests' defined")
            .with_hint("keep one: `data_tests:` is the current name, `tests:` its older alias");
      if (tree == "data_tests") tests_key = key;
      config.config_trees[tree] = value.IsNull() ? Json::object() : yaml_to_json(value);
      config.config_tree_nodes[tree] = value;
    }
    // other known keys (config-version, asset-paths, query-comment, ...) carry nothing strata uses
  }
  if (config.name.empty())
    return config.document.error_at(root, "dbt_project.yml has no 'name'").with_hint("add `name: my_project`");
  if (config.clean_targets.empty()) config.clean_targets = {config.target_path};  // dbt's default
  return config;
}

}  // namespace strata::project
