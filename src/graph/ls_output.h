#pragma once
// The lines `dbt ls` prints for a selection, in its order (by unique_id):
//   selector  pkg.path.name, source:pkg.src.table, exposure:pkg.name, unit_test:pkg.test
//   name      the node's search name (sources: src.table; versioned models: name.v2)
//   path      original_file_path
//   json      one object per node, keys in manifest order, Python json.dumps spacing;
//             default keys name, resource_type, package_name, original_file_path,
//             unique_id, alias, source_name, config, tags, depends_on (those the node has),
//             or exactly the --output-keys that the node has.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace strata::graph {

enum class LsOutput { Selector, Name, Path, Json };
std::optional<LsOutput> parse_ls_output(const std::string& name);

struct LsOptions {
  LsOutput output = LsOutput::Selector;
  std::vector<std::string> output_keys;  // --output-keys; empty = dbt's default keys
  // The node as manifest.json writes it; when unset, a built-in rendering of the fields
  // ls reads is used. Only its keys and order matter here.
  std::function<manifest::Json(const Node&)> node_json;
};

std::vector<std::string> ls_lines(const Graph& graph, const std::vector<NodeId>& nodes, const LsOptions& options);

// The node's fields in manifest.json order (the subset strata keeps on Node).
manifest::Json default_node_json(const Graph& graph, const Node& node);

// json.dumps(value) as Python writes it: ", " and ": " separators, non-ASCII as \uXXXX.
std::string python_json_dumps(const manifest::Json& value);

}  // namespace strata::graph
