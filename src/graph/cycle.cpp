#include "graph/cycle.h"

#include <algorithm>

namespace strata::graph {

std::vector<NodeId> find_cycle(const std::vector<std::vector<NodeId>>& parents,
                               const std::vector<uint32_t>& rank,
                               const std::vector<NodeId>& candidates) {
  if (candidates.empty()) return {};
  std::vector<bool> candidate(parents.size(), false);
  for (NodeId id : candidates) candidate[id] = true;

  // Every candidate has a parent among the candidates, so walking up always finds one and
  // must eventually revisit a node: the walk from that node on is a cycle.
  std::vector<int64_t> position(parents.size(), -1);
  std::vector<NodeId> walk;
  NodeId current = *std::min_element(candidates.begin(), candidates.end(),
                                     [&](NodeId a, NodeId b) { return rank[a] < rank[b]; });
  while (position[current] < 0) {
    position[current] = static_cast<int64_t>(walk.size());
    walk.push_back(current);
    NodeId next = manifest::kNoNode;
    for (NodeId parent : parents[current])
      if (candidate[parent]) {
        next = parent;
        break;
      }
    if (next == manifest::kNoNode) return {};  // not a leftover set; nothing to report
    current = next;
  }
  std::vector<NodeId> cycle(walk.begin() + position[current], walk.end());
  std::reverse(cycle.begin(), cycle.end());  // child <- parent walk to data-flow order
  auto smallest = std::min_element(cycle.begin(), cycle.end(),
                                   [&](NodeId a, NodeId b) { return rank[a] < rank[b]; });
  std::rotate(cycle.begin(), smallest, cycle.end());
  return cycle;
}

namespace {

std::string describe(const manifest::Node& node) {
  if (node.original_file_path.empty()) return node.unique_id;
  return node.unique_id + " (" + node.original_file_path + ")";
}

// Where `child` refers to `parent`: the ref()/source() call naming it, if recorded.
SourceSpan reference_span(const manifest::Node& child, const manifest::Node& parent) {
  if (parent.type == manifest::ResourceType::Source) {
    for (const auto& call : child.sources)
      if (call.source_name == parent.source_name && call.table_name == parent.name && call.span.known())
        return call.span;
  } else {
    for (const auto& call : child.refs)
      if (call.name == parent.name && (call.package.empty() || call.package == parent.package_name) &&
          call.span.known())
        return call.span;
  }
  return child.span;
}

}  // namespace

Error cycle_error(const manifest::Manifest& manifest, const std::vector<NodeId>& cycle) {
  std::string message = "cycle in the project graph: ";
  for (NodeId id : cycle) message += describe(manifest.node(id)) + " -> ";
  message += cycle.empty() ? std::string("?") : manifest.node(cycle.front()).unique_id;

  SourceSpan span;
  if (!cycle.empty()) {
    const auto& first = manifest.node(cycle.front());
    const auto& second = manifest.node(cycle.size() > 1 ? cycle[1] : cycle.front());
    span = reference_span(second, first);
  }
  Error error(ErrorCode::Compilation, std::move(message), std::move(span));
  error.hint = cycle.size() == 1
                   ? "a node cannot depend on itself; remove the reference to itself"
                   : "each arrow points to a node that depends on the previous one; remove one of "
                     "these references to break the cycle";
  return error;
}

}  // namespace strata::graph
