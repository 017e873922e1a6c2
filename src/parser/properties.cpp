// Properties YAML (schema.yml and friends): sources, node patches (descriptions, columns,
// configs, versions), exposures, macro docs, generic tests and unit tests.
#include <algorithm>
#include <optional>
#include <thread>

#include "common/hash.h"
#include "common/parallel.h"
#include "parser/column_properties.h"
#include "parser/generic_tests.h"
#include "parser/yaml_values.h"
#include "parser/loader_state.h"

namespace strata::parser {

namespace fs = std::filesystem;
using manifest::Node;
using manifest::ResourceType;
using project::YamlDocument;

namespace {

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::char_traits<char>::length(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

std::string text(const yaml::Node& node, const char* key, const std::string& fallback = "") {
  yaml::Node v = node[key];
  return v && v.IsScalar() ? v.Scalar() : fallback;
}

std::vector<std::string> string_list(const yaml::Node& node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node.IsScalar()) out.push_back(node.Scalar());
  if (node.IsSequence())
    for (const auto& item : node)
      if (item.IsScalar()) out.push_back(item.Scalar());
  return out;
}

// Test definitions under a node or column: tests: / data_tests:
std::vector<yaml::Node> test_entries(const yaml::Node& owner) {
  std::vector<yaml::Node> out;
  for (const char* key : {"data_tests", "tests"})
    if (yaml::Node list = owner[key]; list && list.IsSequence())
      for (const auto& t : list) out.push_back(t);
  return out;
}

// How many nodes a properties file's sources: add (tables and their tests, an upper
// bound), so the manifest can grow once.
size_t count_source_nodes(const yaml::Node& root) {
  if (!root.IsMap()) return 0;
  yaml::Node sources = root["sources"];
  if (!sources || !sources.IsSequence()) return 0;
  size_t n = 0;
  for (const auto& source : sources) {
    if (!source.IsMap()) continue;
    yaml::Node tables = source["tables"];
    if (!tables || !tables.IsSequence()) continue;
    for (const auto& table : tables) {
      ++n;
      if (!table.IsMap()) continue;
      n += test_entries(table).size();
      if (yaml::Node columns = table["columns"]; columns && columns.IsSequence())
        for (const auto& c : columns)
          if (c.IsMap()) n += test_entries(c).size();
    }
  }
  return n;
}

Status add_source_tables(LoadState& state, const PackageScope& package, const std::shared_ptr<const YamlDocument>& doc,
                         const yaml::Node& source, const std::string& yaml_path) {
  if (!source.IsMap() || !source["name"]) return doc->error_at(source, "each source needs a 'name'");
  std::string source_name = source["name"].Scalar();
  yaml::Node tables = source["tables"];
  if (tables && !tables.IsSequence()) return doc->error_at(tables, "'tables' must be a list");
  // Every value but descriptions and tests is rendered, as dbt renders properties files.
  const YamlValues* values = state.yaml_values;
  auto value = [&](const yaml::Node& n) { return yaml_value(values, *doc, n, package.name); };
  auto rendered_text = [&](const yaml::Node& n, const std::string& fallback) {
    return yaml_text(values, *doc, n, package.name, fallback);
  };
  std::vector<std::string> source_tags;
  STRATA_ASSIGN(source_tags, yaml_texts(values, *doc, source["tags"], package.name));
  Json source_config = Json::object();
  if (source["config"]) STRATA_ASSIGN(source_config, value(source["config"]));
  for (const auto& table : tables) {
    if (!table.IsMap() || !table["name"]) return doc->error_at(table, "each source table needs a 'name'");
    Node node;
    node.type = ResourceType::Source;
    node.package_name = package.name;
    node.source_name = source_name;
    node.name = table["name"].Scalar();
    node.unique_id = "source." + package.name + "." + source_name + "." + node.name;
    node.fqn = {package.name};
    fs::path dir = fs::path(yaml_path).parent_path();
    for (auto it = std::next(dir.begin()); it != dir.end(); ++it) node.fqn.push_back(it->string());
    node.fqn.push_back(source_name);
    node.fqn.push_back(node.name);
    node.original_file_path = yaml_path;
    node.path = yaml_path;
    node.patch_path = package.name + "://" + yaml_path;
    node.span = doc->span(table);
    STRATA_ASSIGN(node.identifier, rendered_text(table["identifier"], node.name));
    node.description = text(table, "description");
    STRATA_ASSIGN(node.loader, rendered_text(source["loader"], ""));
    STRATA_ASSIGN(node.schema, rendered_text(source["schema"], source_name));
    STRATA_ASSIGN(node.database, rendered_text(source["database"], state.out.target.database));
    std::string source_loaded_at;
    STRATA_ASSIGN(source_loaded_at, rendered_text(source["loaded_at_field"], ""));
    STRATA_ASSIGN(node.loaded_at_field, rendered_text(table["loaded_at_field"], source_loaded_at));
    Json freshness = nullptr;
    if (source["freshness"]) STRATA_ASSIGN(freshness, value(source["freshness"]));
    if (table["freshness"]) STRATA_ASSIGN(freshness, value(table["freshness"]));
    node.freshness = freshness;
    if (yaml::Node ext = table["external"] ? table["external"] : source["external"]) STRATA_ASSIGN(node.external, value(ext));
    // dbt-duckdb style: meta.external_location / config.external_location
    Json source_meta = Json::object();
    if (source["meta"]) STRATA_ASSIGN(source_meta, value(source["meta"]));
    Json meta = source_meta;
    if (table["meta"]) {
      Json table_meta;
      STRATA_ASSIGN(table_meta, value(table["meta"]));
      meta.update(table_meta);
    }
    node.meta = meta;
    node.source_description = text(source, "description");
    if (source["meta"]) node.source_meta = source_meta;
    std::vector<std::string> tags = source_tags, table_tags;
    STRATA_ASSIGN(table_tags, yaml_texts(values, *doc, table["tags"], package.name));
    tags.insert(tags.end(), table_tags.begin(), table_tags.end());
    node.tags = tags;
    Json config = source_config;
    if (table["config"]) {
      Json table_config;
      STRATA_ASSIGN(table_config, value(table["config"]));
      config.update(table_config);
    }
    // The source's and the table's tags join the config's: the node's tags are read from
    // its config when it renders.
    if (config.contains("tags") && config["tags"].is_array())
      for (const auto& t : config["tags"])
        if (t.is_string() && std::find(tags.begin(), tags.end(), t.get<std::string>()) == tags.end())
          tags.push_back(t.get<std::string>());
    config["tags"] = tags;
    node.config = config;
    if (!node.config.contains("enabled")) node.config["enabled"] = true;
    auto columns = read_column_properties(values, *doc, table["columns"], package.name);
    if (!columns) return std::move(columns).error();
    node.columns = std::move(columns).value();
    std::string table_name = node.name;
    if (state.out.manifest.find(node.unique_id) != manifest::kNoNode)
      return doc->error_at(table, "source '" + source_name + "." + table_name + "' is defined twice");
    state.add_node(std::move(node), nullptr);

    // Tests on the table and its columns.
    TestOwner owner{package.name, "source('" + source_name + "', '" + table_name + "')", source_name + "_" + table_name, yaml_path, doc,
                    values};
    for (const auto& t : test_entries(table)) STRATA_TRY(add_generic_test(state, owner, t, ""));
    for (const auto& c : table["columns"])
      for (const auto& t : test_entries(c)) STRATA_TRY(add_generic_test(state, owner, t, c["name"].Scalar()));
  }
  return {};
}

Status add_exposure(LoadState& state, const PackageScope& package, const std::shared_ptr<const YamlDocument>& doc,
                    const yaml::Node& entry, const std::string& yaml_path) {
  if (!entry.IsMap() || !entry["name"]) return doc->error_at(entry, "each exposure needs a 'name'");
  Node node;
  node.type = ResourceType::Exposure;
  node.package_name = package.name;
  node.name = entry["name"].Scalar();
  node.unique_id = "exposure." + package.name + "." + node.name;
  node.fqn = {package.name, node.name};
  node.original_file_path = yaml_path;
  node.path = yaml_path;
  node.span = doc->span(entry);
  // Every value but the description and depends_on (refs, read below) is rendered.
  const YamlValues* values = state.yaml_values;
  auto rendered_text = [&](const char* key) { return yaml_text(values, *doc, entry[key], package.name); };
  STRATA_ASSIGN(node.exposure_type, rendered_text("type"));
  node.description = text(entry, "description");
  STRATA_ASSIGN(node.url, rendered_text("url"));
  STRATA_ASSIGN(node.label, rendered_text("label"));
  STRATA_ASSIGN(node.maturity, rendered_text("maturity"));
  if (entry["owner"]) STRATA_ASSIGN(node.owner, yaml_value(values, *doc, entry["owner"], package.name));
  if (entry["meta"]) STRATA_ASSIGN(node.meta, yaml_value(values, *doc, entry["meta"], package.name));
  STRATA_ASSIGN(node.tags, yaml_texts(values, *doc, entry["tags"], package.name));
  Json config = Json::object();
  if (entry["config"]) STRATA_ASSIGN(config, yaml_value(values, *doc, entry["config"], package.name));
  // depends_on entries are Jinja expressions: ref('x') / source('a', 'b'); rendered in the
  // resolve phase through a synthesized template.
  std::string code;
  for (const auto& dep : string_list(entry["depends_on"])) code += "{{ " + dep + " }}\n";
  node.raw_code = code;
  auto source = std::make_shared<const SourceText>(SourceText{yaml_path, code});
  merge_yaml_config(state, state.add_node(std::move(node), source), config);
  return {};
}

Status add_unit_test(LoadState& state, const PackageScope& package, const std::shared_ptr<const YamlDocument>& doc,
                     const yaml::Node& entry, const std::string& yaml_path) {
  if (!entry.IsMap() || !entry["name"] || !entry["model"])
    return doc->error_at(entry, "each unit test needs a 'name' and a 'model'");
  Node node;
  node.type = ResourceType::UnitTest;
  node.package_name = package.name;
  node.name = entry["name"].Scalar();
  std::string model = entry["model"].Scalar();
  node.unique_id = "unit_test." + package.name + "." + model + "." + node.name;
  node.fqn = {package.name, model, node.name};
  node.original_file_path = yaml_path;
  node.path = yaml_path;
  node.span = doc->span(entry);
  node.description = text(entry, "description");
  // The config renders like other YAML values (`enabled: "{{ target.name != 'prod' }}"`);
  // the fixtures are data, as written.
  Json config = Json::object();
  if (entry["config"]) STRATA_ASSIGN(config, yaml_value(state.yaml_values, *doc, entry["config"], package.name));
  // given/expect/overrides as data; the executor runs them.
  manifest::UnitTestSpec spec;
  spec.model = model;
  if (entry["given"]) spec.given = project::yaml_to_json(entry["given"]);
  if (entry["expect"]) spec.expect = project::yaml_to_json(entry["expect"]);
  if (entry["overrides"]) spec.overrides = project::yaml_to_json(entry["overrides"]);
  node.unit_test = std::move(spec);
  // The tested model and each ref()/source() input are dependencies.
  std::string code = "{{ ref('" + model + "') }}\n";
  if (yaml::Node given = entry["given"]; given && given.IsSequence())
    for (const auto& g : given)
      if (g["input"] && g["input"].IsScalar()) code += "{{ " + g["input"].Scalar() + " }}\n";
  node.raw_code = code;
  auto source = std::make_shared<const SourceText>(SourceText{yaml_path, code});
  if (state.out.manifest.find(node.unique_id) != manifest::kNoNode)
    return doc->error_at(entry, "unit test '" + node.name + "' is defined twice for model '" + model + "'");
  // As a model's: dbt_project.yml's unit_tests tree, then this config (render_node merges).
  merge_yaml_config(state, state.add_node(std::move(node), source), config);
  return {};
}

Status parse_property_file(LoadState& state, const PackageScope& package, std::shared_ptr<const YamlDocument> doc,
                           const std::string& yaml_path) {
  const yaml::Node& root = doc->root;
  if (root.IsNull()) return {};
  if (!root.IsMap()) return doc->error_at(root, "a properties file must be a mapping (version: 2, models: ...)");
  for (const auto& entry : root) {
    std::string key = entry.first.Scalar();
    const yaml::Node& value = entry.second;
    if (key == "version" || value.IsNull()) continue;
    if (!value.IsSequence()) return doc->error_at(value, "'" + key + "' must be a list");
    if (key == "models" || key == "seeds" || key == "snapshots" || key == "analyses") {
      for (const auto& item : value) {
        if (!item.IsMap() || !item["name"]) return doc->error_at(item, "each entry under '" + key + "' needs a 'name'");
        state.patches.push_back({package.name, key, item["name"].Scalar(), doc, item});
      }
    } else if (key == "sources") {
      for (const auto& item : value) STRATA_TRY(add_source_tables(state, package, doc, item, yaml_path));
    } else if (key == "exposures") {
      for (const auto& item : value) STRATA_TRY(add_exposure(state, package, doc, item, yaml_path));
    } else if (key == "unit_tests") {
      for (const auto& item : value) STRATA_TRY(add_unit_test(state, package, doc, item, yaml_path));
    } else if (key == "macros") {
      for (const auto& item : value)
        if (item.IsMap() && item["name"])
          state.macro_descriptions["macro." + package.name + "." + item["name"].Scalar()] = text(item, "description");
    } else if (key == "metrics" || key == "semantic_models" || key == "saved_queries" || key == "groups") {
      state.out.warnings.push_back(doc->error_at(entry.first, "'" + key + "' are not supported by strata and are ignored"));
    } else {
      state.out.warnings.push_back(doc->error_at(entry.first, "unknown top-level key '" + key + "' in a properties file is ignored"));
    }
  }
  return {};
}

}  // namespace

Status parse_property_files(LoadState& state) {
  // List and read every properties file first, parse them in parallel (YAML parsing is the
  // slow part), then turn them into nodes in file order so ids stay deterministic.
  struct PendingFile {
    const PackageScope* package;
    std::string yaml_path;
    std::shared_ptr<const SourceText> source;
    std::optional<Result<YamlDocument>> parsed;
  };
  std::vector<PendingFile> pending;
  for (const auto& package : state.packages) {
    const auto& c = *package.config;
    for (const auto* list : {&c.model_paths, &c.seed_paths, &c.snapshot_paths, &c.analysis_paths, &c.macro_paths, &c.test_paths}) {
      for (const auto& dir : *list) {
        auto listed = state.fs.list_files(package.root / dir);
        if (!listed) return std::move(listed).error();
        for (const auto& entry : *listed) {
          if (!ends_with(entry.relative_path, ".yml") && !ends_with(entry.relative_path, ".yaml")) continue;
          std::string yaml_path = (fs::path(dir) / entry.relative_path).generic_string();
          auto content = state.fs.read(package.root / dir / entry.relative_path);
          if (!content) return std::move(content).error();
          std::string shown = package.is_root ? yaml_path
                                              : (fs::path(state.out.root.packages_install_path) / package.root.filename() / yaml_path).generic_string();
          pending.push_back({&package, yaml_path, std::make_shared<const SourceText>(SourceText{shown, std::move(content).value()}), std::nullopt});
        }
      }
    }
  }
  unsigned threads = state.options.parse_threads ? state.options.parse_threads : std::thread::hardware_concurrency();
  parallel_for(pending.size(), threads, [&](size_t i) { pending[i].parsed = project::parse_yaml(pending[i].source); });
  size_t source_nodes = 0;
  for (const auto& file : pending)
    if (const auto& doc = *file.parsed; doc) source_nodes += count_source_nodes(doc->root);
  state.reserve_nodes(state.out.manifest.size() + source_nodes);
  for (auto& file : pending) {
    auto& doc = *file.parsed;
    if (!doc) return std::move(doc).error();
    auto shared = std::make_shared<const YamlDocument>(std::move(doc).value());
    state.property_files.push_back(shared);
    STRATA_TRY(parse_property_file(state, *file.package, shared, file.yaml_path));
  }
  return {};
}

}  // namespace strata::parser
