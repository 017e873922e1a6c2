#pragma once
// One manifest.json entry per resource: the schema variant for the node's type (Model,
// Seed, Snapshot, Analysis, SingularTest, GenericTest, HookNode, SourceDefinition,
// Exposure, UnitTestDefinition) plus Macro and Documentation, with every required key.
#include <string_view>
#include <unordered_map>
#include <vector>

#include "artifacts/json_stream.h"
#include "manifest/manifest.h"

namespace strata::artifacts {

struct NodeJsonOptions {
  double created_at = 0;              // dbt's per-node parse time; strata writes the run's clock
  std::string target_path = "target";  // for compiled_path
};

class NodeJsonWriter {
 public:
  NodeJsonWriter(const manifest::Manifest& manifest, NodeJsonOptions options);

  // Any resource type held in Manifest::nodes(), as one JSON object.
  void node(JsonStream& out, const manifest::Node& node) const;
  void macro(JsonStream& out, const manifest::Macro& macro) const;
  void doc(JsonStream& out, const manifest::DocBlock& doc) const;

 private:
  void parsed_node_head(JsonStream& out, const manifest::Node& node) const;
  void compiled_node(JsonStream& out, const manifest::Node& node) const;  // models, tests, snapshots, ...
  void seed(JsonStream& out, const manifest::Node& node) const;
  void source(JsonStream& out, const manifest::Node& node) const;
  void exposure(JsonStream& out, const manifest::Node& node) const;
  void unit_test(JsonStream& out, const manifest::Node& node) const;
  void depends_on(JsonStream& out, const manifest::Node& node, bool with_nodes) const;
  void refs_and_sources(JsonStream& out, const manifest::Node& node) const;
  std::string file_key_name(const manifest::Node& test) const;

  const manifest::Manifest& manifest_;
  NodeJsonOptions options_;
  // Model -> columns dbt infers as its primary key from constraints and tests.
  std::unordered_map<manifest::NodeId, std::vector<std::string>> primary_keys_;
};

// Where dbt writes a node's SQL below the target folder: `subdirectory` is "compiled" or
// "run"; generic tests (many nodes per YAML file) get a folder named after the file.
std::string target_write_path(const manifest::Node& node, std::string_view target_path,
                              std::string_view subdirectory);

}  // namespace strata::artifacts
