#include "artifacts/manifest_json.h"

#include <thread>

#include <openssl/evp.h>

#include <algorithm>

#include "artifacts/json_stream.h"
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
void write_edge_maps(JsonStream& out, const Manifest& manifest, const std::vector<NodeId>& members) {
  std::vector<char> is_member(manifest.size(), 0);
  for (NodeId id : members) is_member[id] = 1;
  auto by_unique_id = [&](NodeId a, NodeId b) { return manifest.node(a).unique_id < manifest.node(b).unique_id; };
  std::vector<std::vector<NodeId>> parents(manifest.size()), children(manifest.size());
  for (NodeId id : members) {
    auto& list = parents[id];
    for (NodeId parent : manifest.node(id).depends_on)
      if (parent < manifest.size()) list.push_back(parent);
    std::sort(list.begin(), list.end(), by_unique_id);
    list.erase(std::unique(list.begin(), list.end()), list.end());
    for (NodeId parent : list)
      if (is_member[parent]) children[parent].push_back(id);  // `members` is sorted, so these are too
  }
  auto write_map = [&](const char* name, const std::vector<std::vector<NodeId>>& edges) {
    out.key(name).begin_object();
    for (NodeId id : members) {
      out.key(manifest.node(id).unique_id).begin_array();
      for (NodeId other : edges[id]) out.value(manifest.node(other).unique_id);
      out.end_array();
    }
    out.end_object();
  };
  write_map("parent_map", parents);
  write_map("child_map", children);
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

namespace {

// Streams the manifest into `text`, calling `checkpoint` after each resource so a file
// writer can flush the buffer: one 80 MB allocation costs more in page faults than the
// serialization itself.
void stream_manifest(const Manifest& manifest, const ManifestMetadata& metadata, JsonStream& out,
                     const Checkpoint& checkpoint) {
  NodeJsonWriter writer(manifest, NodeJsonOptions{epoch_seconds(metadata.generated_at), metadata.target_path});

  std::vector<NodeId> order(manifest.size());
  for (NodeId id = 0; id < manifest.size(); ++id) order[id] = id;
  std::sort(order.begin(), order.end(),
            [&](NodeId a, NodeId b) { return manifest.node(a).unique_id < manifest.node(b).unique_id; });
  std::vector<NodeId> sections[4], members;
  for (NodeId id : order) {
    const Node& node = manifest.node(id);
    if (node.type == ResourceType::Macro || node.type == ResourceType::Doc) continue;  // kept apart
    members.push_back(id);
    sections[static_cast<int>(section_of(node.type))].push_back(id);
  }

  // Two threads serialize alternate batches of nodes into reused buffers (fresh memory costs
  // page faults); this one appends them in order.
  constexpr size_t kBatch = 256;
  std::string buffers[2];
  auto serialize = [&](const std::vector<NodeId>& ids, size_t batch, std::string& text) {
    text.clear();
    JsonStream part(text);
    part.begin_object();
    for (size_t k = batch * kBatch; k < std::min(ids.size(), (batch + 1) * kBatch); ++k) {
      part.key(manifest.node(ids[k]).unique_id);
      writer.node(part, manifest.node(ids[k]));
    }
    part.end_object();
  };
  auto write_nodes = [&](const char* name, const std::vector<NodeId>& ids) {
    out.key(name).begin_object();
    size_t batches = (ids.size() + kBatch - 1) / kBatch;
    for (size_t b = 0; b < batches; b += 2) {
      std::thread helper;
      if (b + 1 < batches) helper = std::thread([&, b] { serialize(ids, b + 1, buffers[1]); });
      serialize(ids, b, buffers[0]);
      if (helper.joinable()) helper.join();
      out.members(buffers[0]);
      if (b + 1 < batches) out.members(buffers[1]);
      checkpoint();
    }
    out.end_object();
  };
  auto empty_object = [&](const char* name) { out.key(name).begin_object().end_object(); };

  out.begin_object();
  out.field("metadata", metadata_json(manifest, metadata));
  write_nodes("nodes", sections[static_cast<int>(Section::Nodes)]);
  write_nodes("sources", sections[static_cast<int>(Section::Sources)]);

  // A repeated unique_id keeps its first definition.
  std::vector<const manifest::Macro*> macros;
  for (const auto& macro : manifest.macros) macros.push_back(&macro);
  std::stable_sort(macros.begin(), macros.end(), [](const auto* a, const auto* b) { return a->unique_id < b->unique_id; });
  out.key("macros").begin_object();
  for (size_t i = 0; i < macros.size(); ++i)
    if (i == 0 || macros[i]->unique_id != macros[i - 1]->unique_id) {
      out.key(macros[i]->unique_id);
      writer.macro(out, *macros[i]);
      checkpoint();
    }
  out.end_object();

  std::vector<const manifest::DocBlock*> docs;
  for (const auto& doc : manifest.docs) docs.push_back(&doc);
  std::stable_sort(docs.begin(), docs.end(), [](const auto* a, const auto* b) { return a->unique_id < b->unique_id; });
  out.key("docs").begin_object();
  for (size_t i = 0; i < docs.size(); ++i)
    if (i == 0 || docs[i]->unique_id != docs[i - 1]->unique_id) {
      out.key(docs[i]->unique_id);
      writer.doc(out, *docs[i]);
    }
  out.end_object();

  write_nodes("exposures", sections[static_cast<int>(Section::Exposures)]);
  empty_object("metrics");
  empty_object("groups");
  out.field("selectors", metadata.selectors.is_object() ? metadata.selectors : Json::object());
  // dbt allows several disabled definitions of one unique_id (e.g. one per target in
  // different files), hence a list per key.
  std::vector<const Node*> off;
  for (const Node& node : manifest.disabled) off.push_back(&node);
  std::stable_sort(off.begin(), off.end(), [](const Node* a, const Node* b) { return a->unique_id < b->unique_id; });
  out.key("disabled").begin_object();
  for (size_t i = 0; i < off.size(); ++i) {
    if (i == 0 || off[i]->unique_id != off[i - 1]->unique_id) {
      if (i > 0) out.end_array();
      out.key(off[i]->unique_id).begin_array();
    }
    writer.node(out, *off[i]);
  }
  if (!off.empty()) out.end_array();
  out.end_object();
  write_edge_maps(out, manifest, members);
  empty_object("group_map");
  empty_object("saved_queries");
  empty_object("semantic_models");
  write_nodes("unit_tests", sections[static_cast<int>(Section::UnitTests)]);
  empty_object("functions");
  out.end_object();
}

}  // namespace

std::string manifest_to_string(const Manifest& manifest, const ManifestMetadata& metadata) {
  std::string text;
  text.reserve(manifest.size() * 2000 + 4096);
  JsonStream out(text);
  stream_manifest(manifest, metadata, out, [] {});
  return text;
}

Json manifest_to_json(const Manifest& manifest, const ManifestMetadata& metadata) {
  return Json::parse(manifest_to_string(manifest, metadata));
}

Status write_manifest(const std::filesystem::path& path, const Manifest& manifest, const ManifestMetadata& metadata) {
  return write_streamed_json(path, [&](JsonStream& out, const Checkpoint& checkpoint) {
    stream_manifest(manifest, metadata, out, checkpoint);
  });
}

}  // namespace strata::artifacts
