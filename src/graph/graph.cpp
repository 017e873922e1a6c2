#include "graph/graph.h"

#include <algorithm>
#include <numeric>

#include "graph/cycle.h"
#include "graph/topo_sort.h"

namespace strata::graph {

Result<Graph> Graph::build(const Manifest& manifest) {
  Graph g;
  g.manifest_ = &manifest;
  const size_t n = manifest.size();

  g.by_unique_id_.resize(n);
  std::iota(g.by_unique_id_.begin(), g.by_unique_id_.end(), NodeId{0});
  std::sort(g.by_unique_id_.begin(), g.by_unique_id_.end(), [&](NodeId a, NodeId b) {
    return manifest.node(a).unique_id < manifest.node(b).unique_id;
  });
  g.rank_.resize(n);
  for (uint32_t r = 0; r < n; ++r) g.rank_[g.by_unique_id_[r]] = r;

  g.members_ = NodeSet(n);
  g.parents_.resize(n);
  g.children_.resize(n);
  for (NodeId id = 0; id < n; ++id) {
    const Node& node = manifest.node(id);
    if (node.type != manifest::ResourceType::Macro && node.type != manifest::ResourceType::Doc)
      g.members_.insert(id);
    auto& parents = g.parents_[id];
    for (NodeId parent : node.depends_on)
      if (parent < n) parents.push_back(parent);
    // A test belongs to the node it is attached to even if the loader left it out of
    // depends_on (e.g. a test whose SQL does not ref its model).
    if (node.attached_node != manifest::kNoNode && node.attached_node < n)
      parents.push_back(node.attached_node);
    std::sort(parents.begin(), parents.end(), [&](NodeId a, NodeId b) { return g.rank_[a] < g.rank_[b]; });
    parents.erase(std::unique(parents.begin(), parents.end()), parents.end());
  }
  // Children lists come out sorted by rank because parents are visited in rank order.
  for (NodeId child : g.by_unique_id_)
    for (NodeId parent : g.parents_[child]) g.children_[parent].push_back(child);

  TopoSortResult sorted = topological_sort(g.children_, g.rank_);
  if (!sorted.remaining.empty())
    return cycle_error(manifest, find_cycle(g.parents_, g.rank_, sorted.remaining));
  g.topo_order_ = std::move(sorted.order);
  return g;
}

NodeSet Graph::reach(const NodeSet& seeds, std::optional<int> max_depth,
                     const std::vector<std::vector<NodeId>>& edges) const {
  NodeSet seen(size());
  NodeSet result(size());
  std::vector<NodeId> frontier = seeds.ids();
  for (NodeId id : frontier) seen.insert(id);
  std::vector<NodeId> next;
  // Breadth-first from all seeds at once: a node's depth is its distance from the
  // nearest seed, which is what per-seed depth limits union to.
  for (int depth = 1; !frontier.empty(); ++depth) {
    if (max_depth && depth > *max_depth) break;
    next.clear();
    for (NodeId id : frontier)
      for (NodeId other : edges[id]) {
        result.insert(other);
        if (!seen.contains(other)) {
          seen.insert(other);
          next.push_back(other);
        }
      }
    frontier.swap(next);
  }
  return result;
}

NodeSet Graph::ancestors(const NodeSet& seeds, std::optional<int> max_depth) const {
  return reach(seeds, max_depth, parents_);
}

NodeSet Graph::descendants(const NodeSet& seeds, std::optional<int> max_depth) const {
  return reach(seeds, max_depth, children_);
}

NodeSet Graph::ancestors(NodeId id, std::optional<int> max_depth) const {
  NodeSet seeds(size());
  seeds.insert(id);
  return ancestors(seeds, max_depth);
}

NodeSet Graph::descendants(NodeId id, std::optional<int> max_depth) const {
  NodeSet seeds(size());
  seeds.insert(id);
  return descendants(seeds, max_depth);
}

std::vector<NodeId> Graph::sorted_by_unique_id(const NodeSet& set) const {
  std::vector<NodeId> out;
  for (NodeId id : by_unique_id_)
    if (set.contains(id)) out.push_back(id);
  return out;
}

std::vector<NodeId> Graph::in_topological_order(const NodeSet& set) const {
  std::vector<NodeId> out;
  for (NodeId id : topo_order_)
    if (set.contains(id)) out.push_back(id);
  return out;
}

}  // namespace strata::graph
