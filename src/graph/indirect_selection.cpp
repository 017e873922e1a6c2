#include "graph/indirect_selection.h"

namespace strata::graph {

namespace {

bool parents_within(const Graph& graph, NodeId id, const NodeSet& set) {
  for (NodeId parent : graph.parents(id))
    if (!set.contains(parent)) return false;
  return true;
}

NodeSet sources(const Graph& graph) {
  NodeSet out = graph.empty_set();
  graph.members().for_each([&](NodeId id) {
    if (graph.node(id).type == manifest::ResourceType::Source) out.insert(id);
  });
  return out;
}

}  // namespace

bool can_select_indirectly(const Node& node) {
  return node.type == manifest::ResourceType::Test || node.type == manifest::ResourceType::UnitTest;
}

DirectAndIndirect expand_indirect(const Graph& graph, const NodeSet& selected, IndirectSelection mode) {
  DirectAndIndirect out{selected, graph.empty_set()};
  if (mode == IndirectSelection::Empty) return out;
  NodeSet selected_and_parents;
  if (mode == IndirectSelection::Buildable)
    selected_and_parents = selected | graph.ancestors(selected) | sources(graph);

  NodeSet seen = graph.empty_set();
  selected.for_each([&](NodeId id) {
    for (NodeId child : graph.children(id)) {
      if (seen.contains(child) || !graph.is_member(child) || !can_select_indirectly(graph.node(child))) continue;
      seen.insert(child);
      if (mode == IndirectSelection::Eager || parents_within(graph, child, selected))
        out.direct.insert(child);
      else if (mode == IndirectSelection::Buildable && parents_within(graph, child, selected_and_parents))
        out.direct.insert(child);
      else
        out.indirect.insert(child);
    }
  });
  return out;
}

NodeSet incorporate_indirect(const Graph& graph, const NodeSet& direct, const NodeSet& indirect,
                             IndirectSelection mode) {
  if (direct == indirect) return direct;
  NodeSet selected = direct;
  if (mode == IndirectSelection::Cautious) {
    indirect.for_each([&](NodeId id) {
      if (can_select_indirectly(graph.node(id)) && parents_within(graph, id, direct)) selected.insert(id);
    });
  } else if (mode == IndirectSelection::Buildable) {
    NodeSet selected_and_parents = direct | graph.ancestors(direct);
    indirect.for_each([&](NodeId id) {
      if (can_select_indirectly(graph.node(id)) && parents_within(graph, id, selected_and_parents))
        selected.insert(id);
    });
  }
  return selected;
}

}  // namespace strata::graph
