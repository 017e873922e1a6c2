#pragma once
// Finding and reporting a dependency cycle:
//   cycle in the project graph: model.p.a (models/a.sql) -> model.p.b (models/b.sql) -> model.p.a
// Arrows point from a node to the node that depends on it (the direction data flows).
#include <vector>

#include "common/error.h"
#include "manifest/manifest.h"

namespace strata::graph {

using manifest::NodeId;

// One cycle among `candidates` (the nodes a topological sort could not place, each of
// which has a parent among them), as the node list a -> b -> ... in data-flow order (the
// edge back to the first node is implied). Deterministic: rotated to start at its
// smallest unique_id.
// `parents[i]` must be sorted by rank; `rank[i]` is i's position in unique_id order.
std::vector<NodeId> find_cycle(const std::vector<std::vector<NodeId>>& parents,
                               const std::vector<uint32_t>& rank,
                               const std::vector<NodeId>& candidates);

// The error for a cycle; its span points at the ref()/source() call that closes the
// first edge when the loader recorded one, else at the node's own definition.
Error cycle_error(const manifest::Manifest& manifest, const std::vector<NodeId>& cycle);

}  // namespace strata::graph
