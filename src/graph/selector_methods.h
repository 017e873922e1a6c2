#pragma once
// The selector methods (fqn:, tag:, path:, config.<key>:, ...) with dbt's matching rules.
// Each finds the graph members it matches; graph operators and set operators are applied
// by selector_eval.
#include <optional>
#include <string>

#include "graph/graph.h"
#include "graph/previous_state.h"
#include "graph/selection_spec.h"

namespace strata::graph {

// Nodes matched by the criteria's method and value (no graph operators applied). `state`
// serves the state: and result: methods; without it they match nothing.
NodeSet search_method(const Graph& graph, const SelectionCriteria& criteria, const PreviousState* state = nullptr);

// A state: value, e.g. "modified.configs".
struct StateValue {
  enum class Kind { New, Old, Modified, Unmodified };
  Kind kind;
  StateAspect aspect;
};
std::optional<StateValue> parse_state_value(const std::string& value);

// An error message when the value can never be valid for the method (e.g.
// "test_type:foo"), checked when a selector is parsed so it can point at the value.
std::optional<std::string> check_method_value(SelectorMethod method, const std::vector<std::string>& args,
                                              const std::string& value);

// dbt's default method for a bare value: path if it contains '/', file if it ends in
// .sql/.py/.csv, else fqn.
SelectorMethod default_method_for(const std::string& value);

// dbt's fqn matching: the node name, a dotted prefix of the fqn (with or without the
// package), or a wildcard pattern over the rest of the fqn; versioned models also match
// as name, name_v2 and name.v2.
bool fqn_matches(const std::vector<std::string>& fqn, const std::string& selector, bool versioned);

}  // namespace strata::graph
