#pragma once
// dbt's indirect test selection: tests (and unit tests) are not selected by the criteria
// that name their models; they join the selection through their parents, per mode:
//   eager     any parent selected
//   cautious  all parents selected
//   buildable all parents selected, upstream of the selection, or sources
//   empty     never
// Tests that do not qualify yet are kept aside as "indirect" so that a union or
// intersection can admit them once all their parents are present.
#include "graph/graph.h"
#include "graph/selection_spec.h"

namespace strata::graph {

struct DirectAndIndirect {
  NodeSet direct;
  NodeSet indirect;
};

// Tests and unit tests that are children of `selected`, split into those selected now
// (added to direct, with `selected`) and those waiting for more parents (indirect).
DirectAndIndirect expand_indirect(const Graph& graph, const NodeSet& selected, IndirectSelection mode);

// Admits waiting tests whose parents are now all present (cautious) or present or
// upstream (buildable); other modes return `direct` unchanged.
NodeSet incorporate_indirect(const Graph& graph, const NodeSet& direct, const NodeSet& indirect,
                             IndirectSelection mode);

bool can_select_indirectly(const Node& node);

}  // namespace strata::graph
