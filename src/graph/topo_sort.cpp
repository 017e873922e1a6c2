#include "graph/topo_sort.h"

#include <algorithm>
#include <functional>
#include <queue>

namespace strata::graph {

TopoSortResult topological_sort(const std::vector<std::vector<NodeId>>& children,
                                const std::vector<uint32_t>& rank) {
  const size_t n = children.size();
  std::vector<uint32_t> indegree(n, 0);
  for (const auto& kids : children)
    for (NodeId child : kids) ++indegree[child];

  // Min-heap keyed by rank; rank -> id through a reverse index.
  std::vector<NodeId> by_rank(n);
  for (NodeId id = 0; id < n; ++id) by_rank[rank[id]] = id;
  std::priority_queue<uint32_t, std::vector<uint32_t>, std::greater<>> ready;
  for (NodeId id = 0; id < n; ++id)
    if (indegree[id] == 0) ready.push(rank[id]);

  TopoSortResult result;
  result.order.reserve(n);
  while (!ready.empty()) {
    NodeId id = by_rank[ready.top()];
    ready.pop();
    result.order.push_back(id);
    for (NodeId child : children[id])
      if (--indegree[child] == 0) ready.push(rank[child]);
  }
  if (result.order.size() != n) {
    for (uint32_t r = 0; r < n; ++r)
      if (indegree[by_rank[r]] > 0) result.remaining.push_back(by_rank[r]);
  }
  return result;
}

}  // namespace strata::graph
