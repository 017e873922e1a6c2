// Applies properties-YAML entries (models:, seeds:, snapshots:, analyses:) to the nodes
// made from files: descriptions, columns, configs, docs, versions and their tests.
#include <algorithm>
#include <deque>
#include <optional>
#include <thread>

#include "common/parallel.h"
#include "parser/column_properties.h"
#include "parser/generic_tests.h"
#include "parser/loader_state.h"
#include "parser/yaml_values.h"

namespace strata::parser {

using manifest::Node;

namespace {

const char* resource_type_of(const std::string& key) {
  if (key == "models") return "model";
  if (key == "seeds") return "seed";
  if (key == "snapshots") return "snapshot";
  return "analysis";
}

Status patch_node(LoadState& state, Node& node, const NodePatch& patch, const yaml::Node& entry) {
  const auto& doc = *patch.document;
  node.patch_path = patch.package + "://" + doc.source->path;
  if (entry["description"] && entry["description"].IsScalar()) node.description = entry["description"].Scalar();
  // Configs, meta and the top-level config keys are rendered as dbt renders properties files.
  auto value = [&](const yaml::Node& n) { return yaml_value(state.yaml_values, doc, n, patch.package); };
  if (entry["meta"]) STRATA_ASSIGN(node.meta, value(entry["meta"]));
  Json config = Json::object();
  if (entry["config"]) STRATA_ASSIGN(config, value(entry["config"]));
  if (!config.is_object()) return doc.error_at(entry["config"], "'config' must be a mapping");
  // Top-level tags/meta/docs in properties are configs too.
  for (const char* key : {"tags", "docs", "access", "group"})
    if (entry[key] && !config.contains(key)) STRATA_ASSIGN(config[key], value(entry[key]));
  if (entry["meta"] && !config.contains("meta")) config["meta"] = node.meta;
  if (entry["constraints"]) STRATA_ASSIGN(config["__constraints"], value(entry["constraints"]));
  merge_yaml_config(state, node.id, config);
  if (yaml::Node columns = entry["columns"]; columns)
    STRATA_ASSIGN(node.columns, read_column_properties(state.yaml_values, doc, columns, patch.package));
  return {};
}

// The tests of the patches, collected in order, then prepared in parallel and added in
// that same order (so ids, names and the first error are as one pass would give).
struct TestJob {
  const TestOwner* owner;
  yaml::Node entry;
  std::string column;
};
struct PendingTests {
  std::deque<TestOwner> owners;  // stable addresses for the jobs and prepared tests
  std::vector<TestJob> jobs;
  const YamlValues* values = nullptr;
};

void add_tests(PendingTests& pending, const NodePatch& patch, const yaml::Node& entry, const std::string& model_expression,
               const std::string& model_name, const std::string& yaml_path) {
  const TestOwner* owner = &pending.owners.emplace_back(
      TestOwner{patch.package, model_expression, model_name, yaml_path, patch.document, pending.values});
  for (const char* key : {"data_tests", "tests"})
    if (yaml::Node list = entry[key]; list && list.IsSequence())
      for (const auto& t : list) pending.jobs.push_back({owner, t, ""});
  if (yaml::Node columns = entry["columns"]; columns && columns.IsSequence())
    for (const auto& c : columns)
      for (const char* key : {"data_tests", "tests"})
        if (yaml::Node list = c[key]; list && list.IsSequence())
          for (const auto& t : list) pending.jobs.push_back({owner, t, c["name"].Scalar()});
}

Status add_pending_tests(LoadState& state, const PendingTests& pending) {
  // The YAML trees are immutable: reading them from several threads is safe.
  unsigned threads = state.options.parse_threads ? state.options.parse_threads : std::thread::hardware_concurrency();
  // In slices, so the prepared nodes (a Node is large) never all exist twice.
  constexpr size_t kSlice = 1024;
  std::vector<std::optional<Result<PreparedTest>>> prepared;
  for (size_t begin = 0; begin < pending.jobs.size(); begin += kSlice) {
    size_t count = std::min(kSlice, pending.jobs.size() - begin);
    prepared.assign(count, std::nullopt);
    parallel_for(count, threads, [&](size_t i) {
      const TestJob& job = pending.jobs[begin + i];
      prepared[i] = prepare_generic_test(*job.owner, job.entry, job.column);
    });
    for (auto& test : prepared) {
      if (!*test) return std::move(*test).error();
      STRATA_TRY(add_prepared_test(state, std::move(*test).value()));
    }
  }
  return {};
}

std::string relative_yaml_path(const LoadState& state, const NodePatch& patch) {
  const std::string& shown = patch.document->source->path;
  if (patch.package == state.out.root.name) return shown;
  // packages: strip "<install>/<dir>/"
  size_t first = shown.find('/');
  size_t second = first == std::string::npos ? std::string::npos : shown.find('/', first + 1);
  return second == std::string::npos ? shown : shown.substr(second + 1);
}

}  // namespace

void merge_yaml_config(LoadState& state, manifest::NodeId id, const Json& config) {
  Json& target = state.yaml_config[id];
  for (const auto& [k, v] : config.items()) target[k] = v;
}

namespace {

size_t list_size(const yaml::Node& owner) {
  size_t n = 0;
  for (const char* key : {"data_tests", "tests"})
    if (yaml::Node list = owner[key]; list && list.IsSequence()) n += list.size();
  return n;
}

// How many test nodes the patches add (an upper bound), so the manifest grows once.
size_t count_tests(const LoadState& state) {
  size_t n = 0;
  for (const auto& patch : state.patches) {
    const yaml::Node& entry = patch.entry;
    if (!entry.IsMap()) continue;
    size_t per_model = list_size(entry);
    if (yaml::Node columns = entry["columns"]; columns && columns.IsSequence())
      for (const auto& c : columns)
        if (c.IsMap()) per_model += list_size(c);
    size_t copies = 1;
    if (yaml::Node versions = entry["versions"]; versions && versions.IsSequence()) copies = std::max<size_t>(1, versions.size());
    n += per_model * copies;
  }
  return n;
}

}  // namespace

namespace {

Status patch_nodes(LoadState& state, PendingTests& tests) {
  for (const auto& patch : state.patches) {
    const auto& doc = *patch.document;
    const yaml::Node& entry = patch.entry;
    std::string type = resource_type_of(patch.resource_key);
    std::string yaml_path = relative_yaml_path(state, patch);

    if (yaml::Node versions = entry["versions"]; versions && patch.resource_key == "models") {
      if (!versions.IsSequence()) return doc.error_at(versions, "'versions' must be a list of {v: ...}");
      std::string latest;
      if (entry["latest_version"]) latest = entry["latest_version"].Scalar();
      for (const auto& v : versions) {
        if (!v["v"]) return doc.error_at(v, "each version needs 'v'");
        std::string version = v["v"].Scalar();
        if (latest.empty() || version > latest) latest = latest.empty() ? version : latest;
      }
      if (latest.empty()) latest = versions[versions.size() - 1]["v"].Scalar();
      for (const auto& v : versions) {
        std::string version = v["v"].Scalar();
        std::string file_name = v["defined_in"] ? v["defined_in"].Scalar() : patch.name + "_v" + version;
        manifest::NodeId id = state.out.manifest.find("model." + patch.package + "." + file_name);
        if (id == manifest::kNoNode)
          return doc.error_at(v, "version " + version + " of model '" + patch.name + "' has no file named " + file_name + ".sql")
              .with_hint("add models/.../" + file_name + ".sql or set defined_in:");
        Node& node = state.out.manifest.node(id);
        STRATA_TRY(patch_node(state, node, patch, entry));
        // Per-version overrides.
        if (v["config"]) {
          Json version_config;
          STRATA_ASSIGN(version_config, yaml_value(state.yaml_values, doc, v["config"], patch.package));
          merge_yaml_config(state, id, version_config);
        }
        node.name = patch.name;
        node.version = version;
        node.latest_version = latest;
        node.fqn.back() = patch.name;
        node.fqn.push_back("v" + version);
        state.renamed[id] = "model." + patch.package + "." + patch.name + ".v" + version;
        add_tests(tests, patch, entry, "ref('" + patch.name + "', v=" + version + ")", patch.name + "_v" + version,
                  yaml_path);
      }
      continue;
    }

    manifest::NodeId id = state.out.manifest.find(type + "." + patch.package + "." + patch.name);
    if (id == manifest::kNoNode) {
      state.out.warnings.push_back(doc.error_at(entry["name"], "properties describe " + type + " '" + patch.name +
                                                                 "', but there is no such " + type + " in " + patch.package)
                                       .with_hint("check the name, or remove the entry"));
      continue;
    }
    STRATA_TRY(patch_node(state, state.out.manifest.node(id), patch, entry));
    std::string expr = "ref('" + patch.name + "')";
    add_tests(tests, patch, entry, expr, patch.name, yaml_path);
  }
  return {};
}

}  // namespace

Status apply_patches(LoadState& state) {
  state.reserve_nodes(state.out.manifest.size() + count_tests(state));
  PendingTests tests;
  tests.values = state.yaml_values;
  // The first error of the patches comes after every test collected before it.
  Status patched = patch_nodes(state, tests);
  STRATA_TRY(add_pending_tests(state, tests));
  return patched;
}

}  // namespace strata::parser
