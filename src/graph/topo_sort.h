#pragma once
// Kahn's algorithm with a priority queue on unique_id rank, so the order is the same on
// every run and every machine.
#include <vector>

#include "manifest/node.h"

namespace strata::graph {

using manifest::NodeId;

struct TopoSortResult {
  std::vector<NodeId> order;     // parents first; complete only when `remaining` is empty
  std::vector<NodeId> remaining; // nodes on or downstream of a cycle, by rank
};

// children[i]: nodes depending on i; rank[i]: position of i in unique_id order.
TopoSortResult topological_sort(const std::vector<std::vector<NodeId>>& children,
                                const std::vector<uint32_t>& rank);

}  // namespace strata::graph
