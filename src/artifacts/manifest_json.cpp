#include "artifacts/manifest_json.h"

#include <openssl/evp.h>

#include <algorithm>

#include "artifacts/manifest_node_json.h"

namespace strata::artifacts {

using manifest::Manifest;
using manifest::Node;
using manifest::NodeId;
using manifest::ResourceType;

namespace {

enum class Section { Nodes, Sources, Exposures, UnitTests };

Section section_of(ResourceType type) {
  switch (type) {
    case ResourceType::Source:
      return Section::Sources;
    case ResourceType::Exposure:
      return Section::Exposures;
    case ResourceType::UnitTest:
      return Section::UnitTests;
    default:
      return Section::Nodes;
  }
}

bool is_disabled(const Node& node) {
  if (!node.config.is_object()) return false;
  auto it = node.config.find("enabled");
  return it != node.config.end() && it->is_boolean() && !it->get<bool>();
}

Json optional_bool(const std::optional<bool>& value) { return value ? Json(*value) : Json(nullptr); }

Json metadata_json(const Manifest& manifest, const ManifestMetadata& metadata) {
  Json json = artifact_metadata_json(metadata, kManifestSchemaUrl);
  std::string project = metadata.project_name.empty() ? manifest.project_name : metadata.project_name;
  append(json, "project_name", string_or_null(project));
  append(json, "project_id", project.empty() ? Json(nullptr) : Json(project_id(project)));
  append(json, "user_id", metadata.user_id ? Json(*metadata.user_id) : Json(nullptr));
  append(json, "send_anonymous_usage_stats", metadata.send_anonymous_usage_stats);
  append(json, "adapter_type", string_or_null(metadata.adapter_type));
  Json quoting = Json::object();
  append(quoting, "database", optional_bool(metadata.quoting.database));
  append(quoting, "schema", optional_bool(metadata.quoting.schema));
  append(quoting, "identifier", optional_bool(metadata.quoting.identifier));
  append(quoting, "column", optional_bool(metadata.quoting.column));
  append(json, "quoting", std::move(quoting));
  return json;
}

// parent_map / child_map over the enabled nodes, sources, exposures and unit tests, as
// dbt builds them: a child is listed under a parent only when the parent is a member.
void append_edge_maps(Json& out, const Manifest& manifest, const std::vector<NodeId>& members) {
  std::vector<char> is_member(manifest.size(), 0);
  for (NodeId id : members) is_member[id] = 1;
  std::vector<std::vector<NodeId>> parents(manifest.size()), children(manifest.size());
  for (NodeId id : members) {
    auto& list = parents[id];
    for (NodeId parent : manifest.node(id).depends_on)
      if (parent < manifest.size()) list.push_back(parent);
    auto by_unique_id = [&](NodeId a, NodeId b) { return manifest.node(a).unique_id < manifest.node(b).unique_id; };
    std::sort(list.begin(), list.end(), by_unique_id);
    list.erase(std::unique(list.begin(), list.end()), list.end());
    for (NodeId parent : list)
      if (is_member[parent]) children[parent].push_back(id);
  }
  // `members` is sorted by unique_id, so each children list already is.
  auto names = [&](const std::vector<NodeId>& ids) {
    Json json = Json::array();
    for (NodeId id : ids) json.push_back(manifest.node(id).unique_id);
    return json;
  };
  Json parent_map = Json::object(), child_map = Json::object();
  parent_map.get_ref<Json::object_t&>().reserve(members.size());
  child_map.get_ref<Json::object_t&>().reserve(members.size());
  for (NodeId id : members) {
    append(parent_map, manifest.node(id).unique_id, names(parents[id]));
    append(child_map, manifest.node(id).unique_id, names(children[id]));
  }
  append(out, "parent_map", std::move(parent_map));
  append(out, "child_map", std::move(child_map));
}

}  // namespace

std::string project_id(const std::string& project_name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(project_name.data(), project_name.size(), digest, &length, EVP_md5(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  return hex;
}

Json manifest_to_json(const Manifest& manifest, const ManifestMetadata& metadata) {
  NodeJsonWriter writer(manifest, NodeJsonOptions{epoch_seconds(metadata.generated_at), metadata.target_path});

  std::vector<NodeId> order(manifest.size());
  for (NodeId id = 0; id < manifest.size(); ++id) order[id] = id;
  std::sort(order.begin(), order.end(),
            [&](NodeId a, NodeId b) { return manifest.node(a).unique_id < manifest.node(b).unique_id; });

  Json nodes = Json::object(), sources = Json::object(), exposures = Json::object(), unit_tests = Json::object();
  Json disabled = Json::object();
  std::vector<NodeId> members;
  members.reserve(order.size());
  nodes.get_ref<Json::object_t&>().reserve(order.size());
  for (NodeId id : order) {
    const Node& node = manifest.node(id);
    if (node.type == ResourceType::Macro || node.type == ResourceType::Doc) continue;  // kept apart
    if (is_disabled(node)) {
      append(disabled, node.unique_id, Json::array({writer.node(node)}));
      continue;
    }
    members.push_back(id);
    switch (section_of(node.type)) {
      case Section::Nodes:
        append(nodes, node.unique_id, writer.node(node));
        break;
      case Section::Sources:
        append(sources, node.unique_id, writer.node(node));
        break;
      case Section::Exposures:
        append(exposures, node.unique_id, writer.node(node));
        break;
      case Section::UnitTests:
        append(unit_tests, node.unique_id, writer.node(node));
        break;
    }
  }

  std::vector<const manifest::Macro*> macro_order;
  for (const auto& macro : manifest.macros) macro_order.push_back(&macro);
  std::stable_sort(macro_order.begin(), macro_order.end(),
            [](const auto* a, const auto* b) { return a->unique_id < b->unique_id; });
  Json macros = Json::object();
  for (size_t i = 0; i < macro_order.size(); ++i)  // a repeated unique_id keeps its first definition
    if (i == 0 || macro_order[i]->unique_id != macro_order[i - 1]->unique_id)
      append(macros, macro_order[i]->unique_id, writer.macro(*macro_order[i]));

  std::vector<const manifest::DocBlock*> doc_order;
  for (const auto& doc : manifest.docs) doc_order.push_back(&doc);
  std::stable_sort(doc_order.begin(), doc_order.end(),
                   [](const auto* a, const auto* b) { return a->unique_id < b->unique_id; });
  Json docs = Json::object();
  for (size_t i = 0; i < doc_order.size(); ++i)
    if (i == 0 || doc_order[i]->unique_id != doc_order[i - 1]->unique_id)
      append(docs, doc_order[i]->unique_id, writer.doc(*doc_order[i]));

  Json json = Json::object();
  append(json, "metadata", metadata_json(manifest, metadata));
  append(json, "nodes", std::move(nodes));
  append(json, "sources", std::move(sources));
  append(json, "macros", std::move(macros));
  append(json, "docs", std::move(docs));
  append(json, "exposures", std::move(exposures));
  append(json, "metrics", Json::object());
  append(json, "groups", Json::object());
  append(json, "selectors", metadata.selectors.is_object() ? metadata.selectors : Json::object());
  append(json, "disabled", std::move(disabled));
  append_edge_maps(json, manifest, members);
  append(json, "group_map", Json::object());
  append(json, "saved_queries", Json::object());
  append(json, "semantic_models", Json::object());
  append(json, "unit_tests", std::move(unit_tests));
  append(json, "functions", Json::object());
  return json;
}

Status write_manifest(const std::filesystem::path& path, const Manifest& manifest, const ManifestMetadata& metadata) {
  return write_json_file(path, manifest_to_json(manifest, metadata));
}

}  // namespace strata::artifacts
