#include "artifacts/manifest_node_json.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "artifacts/node_config_json.h"

namespace strata::artifacts {

using manifest::kNoNode;
using manifest::Node;
using manifest::NodeId;
using manifest::ResourceType;

namespace {

Json string_array(const std::vector<std::string>& values) {
  Json json = Json::array();
  for (const auto& value : values) json.push_back(value);
  return json;
}

Json checksum_json(const std::string& checksum) {
  Json json = Json::object();
  append(json, "name", checksum.empty() ? "none" : "sha256");
  append(json, "checksum", checksum);
  return json;
}

// dbt writes patch_path as "<package>://<path>".
Json patch_path_json(const Node& node) {
  if (node.patch_path.empty()) return nullptr;
  if (node.patch_path.find("://") != std::string::npos) return node.patch_path;
  return node.package_name + "://" + node.patch_path;
}

Json refs_json(const Node& node) {
  Json refs = Json::array();
  for (const auto& ref : node.refs) {
    Json json = Json::object();
    append(json, "name", ref.name);
    append(json, "package", string_or_null(ref.package));
    append(json, "version", ref.version ? version_json(*ref.version) : Json(nullptr));
    refs.push_back(std::move(json));
  }
  return refs;
}

Json sources_json(const Node& node) {
  Json sources = Json::array();
  for (const auto& source : node.sources) sources.push_back(Json::array({source.source_name, source.table_name}));
  return sources;
}

bool is_enabled(const Node& node) {
  if (!node.config.is_object()) return true;
  auto it = node.config.find("enabled");
  return it == node.config.end() || !it->is_boolean() || it->get<bool>();
}

// The index dbt gives on-run-start/end hooks is the suffix of their name: "<project>-on-run-start-0".
Json hook_index(const std::string& name) {
  auto dash = name.rfind('-');
  if (dash == std::string::npos || dash + 1 == name.size()) return nullptr;
  int index = 0;
  for (size_t i = dash + 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || index > 100000000) return nullptr;
    index = index * 10 + (name[i] - '0');
  }
  return index;
}

// dbt's infer_primary_key: primary_key constraints; else columns with both unique and
// not_null tests; else columns with a unique test (enabled first, then disabled).
std::unordered_map<NodeId, std::vector<std::string>> infer_primary_keys(const manifest::Manifest& manifest) {
  struct ColumnTests {
    std::set<std::string> unique_enabled, unique_disabled, not_null;
  };
  std::unordered_map<NodeId, ColumnTests> tests;
  for (const Node& test : manifest.nodes()) {
    if (test.type != ResourceType::Test || !test.test_metadata || test.attached_node == kNoNode) continue;
    const auto& metadata = *test.test_metadata;
    std::vector<std::string> columns;
    auto column = metadata.kwargs.find("column_name");
    auto combination = metadata.kwargs.find("combination_of_columns");
    if (column != metadata.kwargs.end() && column->is_string())
      columns.push_back(*column);
    else if (!test.column_name.empty())
      columns.push_back(test.column_name);
    else if (combination != metadata.kwargs.end() && combination->is_array())
      for (const auto& item : *combination)
        if (item.is_string()) columns.push_back(item);
    auto& entry = tests[test.attached_node];
    for (const auto& name : columns) {
      if (metadata.name == "unique" || metadata.name == "unique_combination_of_columns")
        (is_enabled(test) ? entry.unique_enabled : entry.unique_disabled).insert(name);
      else if (metadata.name == "not_null")
        entry.not_null.insert(name);
    }
  }
  std::unordered_map<NodeId, std::vector<std::string>> keys;
  for (const Node& node : manifest.nodes()) {
    if (node.type != ResourceType::Model) continue;
    std::vector<std::string> key;
    for (const auto& column : node.columns)
      for (const auto& constraint : column.constraints)
        if (constraint.is_object() && constraint.value("type", Json("")) == "primary_key") key.push_back(column.name);
    if (key.empty()) {
      auto found = tests.find(node.id);
      if (found != tests.end()) {
        const auto& entry = found->second;
        for (const auto& name : entry.not_null)
          if (entry.unique_enabled.count(name) || entry.unique_disabled.count(name)) key.push_back(name);
        if (key.empty()) key.assign(entry.unique_enabled.begin(), entry.unique_enabled.end());
        if (key.empty()) key.assign(entry.unique_disabled.begin(), entry.unique_disabled.end());
      }
    }
    std::sort(key.begin(), key.end());
    key.erase(std::unique(key.begin(), key.end()), key.end());
    if (!key.empty()) keys.emplace(node.id, std::move(key));
  }
  return keys;
}

}  // namespace

std::string target_write_path(const Node& node, std::string_view target_path, std::string_view subdirectory) {
  namespace fs = std::filesystem;
  fs::path file = fs::path(node.path).filename() == fs::path(node.original_file_path).filename()
                      ? fs::path(node.original_file_path)
                      : fs::path(node.original_file_path) / node.path;
  return (fs::path(target_path) / subdirectory / node.package_name / file).generic_string();
}

NodeJsonWriter::NodeJsonWriter(const manifest::Manifest& manifest, NodeJsonOptions options)
    : manifest_(manifest), options_(std::move(options)), primary_keys_(infer_primary_keys(manifest)) {}

Json NodeJsonWriter::depends_on(const Node& node, bool with_nodes) const {
  Json json = Json::object();
  append(json, "macros", string_array(node.depends_on_macros));
  if (with_nodes) {
    Json nodes = Json::array();
    for (NodeId id : node.depends_on)
      if (id < manifest_.size()) nodes.push_back(manifest_.node(id).unique_id);
    append(json, "nodes", std::move(nodes));
  }
  return json;
}

Json NodeJsonWriter::node(const Node& node) const {
  switch (node.type) {
    case ResourceType::Seed:
      return seed(node);
    case ResourceType::Source:
      return source(node);
    case ResourceType::Exposure:
      return exposure(node);
    case ResourceType::UnitTest:
      return unit_test(node);
    case ResourceType::Model:
    case ResourceType::Snapshot:
    case ResourceType::Test:
    case ResourceType::Analysis:
    case ResourceType::Operation:
    case ResourceType::Macro:
    case ResourceType::Doc:
      break;
  }
  return compiled_node(node);
}

// The keys shared by Seed and every compiled node, up to and including doc_blocks.
static Json parsed_node_head(const Node& node, const NodeJsonOptions& options, Json config) {
  Json json = Json::object();
  append(json, "database", string_or_null(node.database));
  append(json, "schema", node.schema);
  append(json, "name", node.name);
  append(json, "resource_type", manifest::resource_type_name(node.type));
  append(json, "package_name", node.package_name);
  append(json, "path", node.path);
  append(json, "original_file_path", node.original_file_path);
  append(json, "unique_id", node.unique_id);
  append(json, "fqn", string_array(node.fqn));
  append(json, "alias", node.alias.empty() ? node.name : node.alias);
  append(json, "checksum", checksum_json(node.checksum));
  Json docs = docs_json(config.value("docs", Json(nullptr)));
  Json group = config.value("group", Json(nullptr));
  Json tags = config["tags"];
  Json meta = node.meta.is_object() && !node.meta.empty() ? node.meta : config["meta"];
  append(json, "config", std::move(config));
  append(json, "tags", std::move(tags));
  append(json, "description", node.description);
  append(json, "columns", columns_json(node.columns));
  append(json, "meta", std::move(meta));
  append(json, "group", group.is_string() ? group : Json(nullptr));
  append(json, "docs", std::move(docs));
  append(json, "patch_path", patch_path_json(node));
  append(json, "build_path", nullptr);
  // strata keeps configs rendered only; the project's own keys are the closest it has.
  append(json, "unrendered_config", node.config.is_object() ? node.config : Json::object());
  append(json, "created_at", options.created_at);
  append(json, "config_call_dict", Json::object());
  append(json, "unrendered_config_call_dict", Json::object());
  append(json, "relation_name", string_or_null(node.relation_name));
  append(json, "raw_code", node.raw_code);
  append(json, "doc_blocks", Json::array());
  return json;
}

Json NodeJsonWriter::seed(const Node& node) const {
  Json json = parsed_node_head(node, options_, node_config_json(node));
  append(json, "root_path", nullptr);
  append(json, "depends_on", depends_on(node, false));
  append(json, "defer_relation", nullptr);
  return json;
}

Json NodeJsonWriter::compiled_node(const Node& node) const {
  Json config = node_config_json(node);
  Json contract_config = config.value("contract", Json::object());
  Json json = parsed_node_head(node, options_, std::move(config));
  append(json, "language", node.language.empty() ? "sql" : node.language);
  append(json, "refs", refs_json(node));
  append(json, "sources", sources_json(node));
  append(json, "metrics", Json::array());
  append(json, "depends_on", depends_on(node, true));
  if (node.compiled_code) {
    append(json, "compiled_path", target_write_path(node, options_.target_path, "compiled"));
    append(json, "compiled", true);
    append(json, "compiled_code", *node.compiled_code);
    append(json, "extra_ctes_injected", true);
    append(json, "extra_ctes", Json::array());
  } else {
    // dbt drops the compiled keys from nodes that were only parsed.
    append(json, "compiled_path", nullptr);
  }
  Json contract = Json::object();
  append(contract, "enforced", contract_config.value("enforced", false));
  append(contract, "alias_types", contract_config.value("alias_types", true));
  append(contract, "checksum", nullptr);
  append(json, "contract", std::move(contract));

  switch (node.type) {
    case ResourceType::Model: {
      const Json& resolved = json["config"];
      append(json, "access", resolved.value("access", Json("protected")));
      append(json, "constraints", Json::array());
      append(json, "version", node.version ? version_json(*node.version) : Json(nullptr));
      append(json, "latest_version", node.latest_version ? version_json(*node.latest_version) : Json(nullptr));
      append(json, "deprecation_date", nullptr);
      append(json, "defer_relation", nullptr);
      auto key = primary_keys_.find(node.id);
      append(json, "primary_key", key == primary_keys_.end() ? Json::array() : string_array(key->second));
      append(json, "time_spine", nullptr);
      break;
    }
    case ResourceType::Snapshot:
      append(json, "defer_relation", nullptr);
      break;
    case ResourceType::Operation:
      append(json, "index", hook_index(node.name));
      break;
    case ResourceType::Test:
      if (node.test_metadata) {
        append(json, "column_name", string_or_null(node.column_name));
        append(json, "file_key_name", nullptr);
        append(json, "attached_node",
               node.attached_node < manifest_.size() ? Json(manifest_.node(node.attached_node).unique_id)
                                                     : Json(nullptr));
        Json metadata = Json::object();
        append(metadata, "name", node.test_metadata->name);
        append(metadata, "kwargs", node.test_metadata->kwargs.is_object() ? node.test_metadata->kwargs : Json::object());
        append(metadata, "namespace", string_or_null(node.test_metadata->namespace_));
        append(json, "test_metadata", std::move(metadata));
      }
      break;
    default:
      break;
  }
  return json;
}

Json NodeJsonWriter::source(const Node& node) const {
  Json config = node_config_json(node);
  Json json = Json::object();
  append(json, "database", string_or_null(node.database));
  append(json, "schema", node.schema);
  append(json, "name", node.name);
  append(json, "resource_type", "source");
  append(json, "package_name", node.package_name);
  append(json, "path", node.path);
  append(json, "original_file_path", node.original_file_path);
  append(json, "unique_id", node.unique_id);
  append(json, "fqn", string_array(node.fqn));
  append(json, "source_name", node.source_name);
  append(json, "source_description", node.source_description);
  append(json, "loader", node.loader);
  append(json, "identifier", node.identifier.empty() ? node.name : node.identifier);
  Json quoting = Json::object();
  Json configured = config.value("quoting", Json::object());
  for (const char* key : {"database", "schema", "identifier", "column"}) {
    Json value = configured.is_object() ? configured.value(key, Json(nullptr)) : Json(nullptr);
    append(quoting, key, value.is_boolean() ? value : Json(nullptr));
  }
  append(json, "quoting", std::move(quoting));
  append(json, "loaded_at_field", string_or_null(node.loaded_at_field));
  append(json, "loaded_at_query", nullptr);
  append(json, "freshness", freshness_threshold_json(node.freshness));
  append(json, "external", node.external.is_object() ? node.external : Json(nullptr));
  append(json, "description", node.description);
  append(json, "columns", columns_json(node.columns));
  append(json, "meta", node.meta.is_object() ? node.meta : Json::object());
  append(json, "source_meta", node.source_meta.is_object() ? node.source_meta : Json::object());
  append(json, "tags", config["tags"]);
  append(json, "config", std::move(config));
  append(json, "patch_path", patch_path_json(node));
  append(json, "unrendered_config", Json::object());
  append(json, "relation_name", string_or_null(node.relation_name));
  append(json, "created_at", options_.created_at);
  append(json, "unrendered_database", nullptr);
  append(json, "unrendered_schema", nullptr);
  append(json, "doc_blocks", Json::array());
  return json;
}

Json NodeJsonWriter::exposure(const Node& node) const {
  Json config = node_config_json(node);
  Json json = Json::object();
  append(json, "name", node.name);
  append(json, "resource_type", "exposure");
  append(json, "package_name", node.package_name);
  append(json, "path", node.path);
  append(json, "original_file_path", node.original_file_path);
  append(json, "unique_id", node.unique_id);
  append(json, "fqn", string_array(node.fqn));
  append(json, "type", node.exposure_type);
  append(json, "owner", node.owner.is_object() ? node.owner : Json::object());
  append(json, "description", node.description);
  append(json, "label", string_or_null(node.label));
  append(json, "maturity", string_or_null(node.maturity));
  append(json, "meta", node.meta.is_object() ? node.meta : Json::object());
  append(json, "tags", config["tags"]);
  append(json, "config", std::move(config));
  append(json, "unrendered_config", Json::object());
  append(json, "url", string_or_null(node.url));
  append(json, "depends_on", depends_on(node, true));
  append(json, "refs", refs_json(node));
  append(json, "sources", sources_json(node));
  append(json, "metrics", Json::array());
  append(json, "created_at", options_.created_at);
  return json;
}

Json NodeJsonWriter::unit_test(const Node& node) const {
  manifest::UnitTestSpec spec = node.unit_test.value_or(manifest::UnitTestSpec{});
  auto fixture = [](const Json& value, bool with_input) {
    Json json = Json::object();
    if (with_input) append(json, "input", value.value("input", Json("")));
    Json rows = value.value("rows", Json(nullptr));
    append(json, "rows", rows.is_string() || rows.is_array() ? rows : Json(nullptr));
    Json format = value.value("format", Json("dict"));
    append(json, "format", format == "csv" || format == "sql" ? format : Json("dict"));
    Json name = value.value("fixture", Json(nullptr));
    append(json, "fixture", name.is_string() ? name : Json(nullptr));
    return json;
  };
  Json given = Json::array();
  if (spec.given.is_array())
    for (const auto& input : spec.given)
      if (input.is_object()) given.push_back(fixture(input, true));
  Json json = Json::object();
  append(json, "model", spec.model);
  append(json, "given", std::move(given));
  append(json, "expect", fixture(spec.expect.is_object() ? spec.expect : Json::object(), false));
  append(json, "name", node.name);
  append(json, "resource_type", "unit_test");
  append(json, "package_name", node.package_name);
  append(json, "path", node.path);
  append(json, "original_file_path", node.original_file_path);
  append(json, "unique_id", node.unique_id);
  append(json, "fqn", string_array(node.fqn));
  append(json, "description", node.description);
  Json overrides = nullptr;
  if (spec.overrides.is_object()) {
    overrides = Json::object();
    for (const char* key : {"macros", "vars", "env_vars"}) {
      Json value = spec.overrides.value(key, Json::object());
      append(overrides, key, value.is_object() ? value : Json::object());
    }
  }
  append(json, "overrides", std::move(overrides));
  append(json, "depends_on", depends_on(node, true));
  append(json, "config", node_config_json(node));
  append(json, "checksum", string_or_null(node.checksum));
  append(json, "schema", string_or_null(node.schema));
  append(json, "created_at", options_.created_at);
  append(json, "versions", nullptr);
  append(json, "version", node.version ? version_json(*node.version) : Json(nullptr));
  return json;
}

Json NodeJsonWriter::macro(const manifest::Macro& macro) const {
  Json json = Json::object();
  append(json, "name", macro.name);
  append(json, "resource_type", "macro");
  append(json, "package_name", macro.package_name);
  append(json, "path", macro.original_file_path);
  append(json, "original_file_path", macro.original_file_path);
  append(json, "unique_id", macro.unique_id);
  append(json, "macro_sql", macro.macro_sql);
  Json depends = Json::object();
  append(depends, "macros", string_array(macro.depends_on_macros));
  append(json, "depends_on", std::move(depends));
  append(json, "description", macro.description);
  append(json, "meta", Json::object());
  append(json, "docs", docs_json(nullptr));
  append(json, "patch_path", nullptr);
  append(json, "arguments", Json::array());
  append(json, "created_at", options_.created_at);
  append(json, "supported_languages", nullptr);
  return json;
}

Json NodeJsonWriter::doc(const manifest::DocBlock& doc) const {
  Json json = Json::object();
  append(json, "name", doc.name);
  append(json, "resource_type", "doc");
  append(json, "package_name", doc.package_name);
  append(json, "path", doc.path);
  append(json, "original_file_path", doc.original_file_path);
  append(json, "unique_id", doc.unique_id);
  append(json, "block_contents", doc.block_contents);
  return json;
}

}  // namespace strata::artifacts
