#pragma once
// The project DAG over a Manifest's nodes: edges run from a parent to the nodes that
// depend on it (refs, sources, -- depends_on, tests on what they test). Built once per
// invocation; every query is linear in the nodes and edges it touches.
#include <optional>
#include <vector>

#include "common/result.h"
#include "graph/node_set.h"
#include "manifest/manifest.h"

namespace strata::graph {

using manifest::Manifest;
using manifest::Node;

class Graph {
 public:
  // Fails with a cycle error (see cycle.h) when the dependencies are not a DAG.
  // The manifest must outlive the graph.
  static Result<Graph> build(const Manifest& manifest);

  const Manifest& manifest() const { return *manifest_; }
  const Node& node(NodeId id) const { return manifest_->node(id); }
  size_t size() const { return parents_.size(); }

  // Direct neighbours, each list sorted by unique_id and free of duplicates.
  const std::vector<NodeId>& parents(NodeId id) const { return parents_[id]; }
  const std::vector<NodeId>& children(NodeId id) const { return children_[id]; }

  // Every node, parents before children; ties broken by unique_id.
  const std::vector<NodeId>& topological_order() const { return topo_order_; }
  // Every node sorted by unique_id.
  const std::vector<NodeId>& by_unique_id() const { return by_unique_id_; }
  // Position of a node in by_unique_id(): compare ranks instead of strings.
  uint32_t rank(NodeId id) const { return rank_[id]; }

  // Nodes that take part in selection (everything but macros and docs).
  bool is_member(NodeId id) const { return members_.contains(id); }
  const NodeSet& members() const { return members_; }
  NodeSet empty_set() const { return NodeSet(size()); }

  // Nodes reachable upstream (ancestors) or downstream (descendants) of any seed in at
  // most max_depth steps (unlimited when absent). The seeds themselves are not included
  // unless reachable from another seed.
  NodeSet ancestors(const NodeSet& seeds, std::optional<int> max_depth = std::nullopt) const;
  NodeSet descendants(const NodeSet& seeds, std::optional<int> max_depth = std::nullopt) const;
  NodeSet ancestors(NodeId id, std::optional<int> max_depth = std::nullopt) const;
  NodeSet descendants(NodeId id, std::optional<int> max_depth = std::nullopt) const;

  std::vector<NodeId> sorted_by_unique_id(const NodeSet& set) const;
  std::vector<NodeId> in_topological_order(const NodeSet& set) const;

 private:
  Graph() = default;
  NodeSet reach(const NodeSet& seeds, std::optional<int> max_depth,
                const std::vector<std::vector<NodeId>>& edges) const;

  const Manifest* manifest_ = nullptr;
  std::vector<std::vector<NodeId>> parents_;
  std::vector<std::vector<NodeId>> children_;
  std::vector<NodeId> topo_order_;
  std::vector<NodeId> by_unique_id_;
  std::vector<uint32_t> rank_;
  NodeSet members_;
};

}  // namespace strata::graph
