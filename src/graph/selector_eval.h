#pragma once
// Evaluating selections against the graph, and the whole --select/--exclude/--selector
// resolution a command performs.
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "graph/graph.h"
#include "graph/indirect_selection.h"
#include "graph/previous_state.h"
#include "graph/selection_spec.h"
#include "graph/selector_definitions.h"

namespace strata::graph {

// What a command was asked to select.
struct SelectionRequest {
  std::vector<std::string> select;   // each --select argument as given
  std::vector<std::string> exclude;  // each --exclude argument
  std::string selector;              // --selector NAME, empty for none
  IndirectSelection indirect_selection = IndirectSelection::Eager;  // --indirect-selection
  // The command's node types (e.g. run: models) or ls --resource-type; empty = all.
  std::vector<manifest::ResourceType> resource_types;
  std::vector<manifest::ResourceType> exclude_resource_types;  // --exclude-resource-type
  // --state: what state: and result: compare against (null: those methods are an error).
  const PreviousState* state = nullptr;
};

struct Selection {
  NodeSet nodes;
  std::vector<NodeId> ordered;        // sorted by unique_id (dbt ls order)
  // dbt's warnings, e.g. "The selection criterion 'x' does not match any enabled nodes".
  std::vector<std::string> warnings;
  std::string default_selector;       // set when selectors.yml's default selector was used
  std::string spec;                   // the evaluated spec, printed (for --debug)

  // dbt prints "Nothing to do. Try checking your model configs and model specification args".
  bool nothing_to_do() const { return ordered.empty(); }
};

// Evaluates a spec (no resource-type filter). Warnings for criteria that match nothing
// are appended to `warnings` when given.
DirectAndIndirect evaluate_spec(const Graph& graph, const SelectionSpec& spec, IndirectSelection mode,
                                std::vector<std::string>* warnings = nullptr, const PreviousState* state = nullptr);

// The spec a command runs: --selector NAME, else the default selector when neither
// --select nor --exclude is given, else difference(--select or everything, --exclude).
// Sets *default_used to the default selector's name when that was taken.
Result<SelectionSpec> resolve_selection_spec(const SelectionRequest& request, const SelectorDefinitions* selectors,
                                             std::string* default_used = nullptr);

// Parse, resolve and evaluate. A selection matching nothing is not an error.
Result<Selection> select_nodes(const Graph& graph, const SelectionRequest& request,
                               const SelectorDefinitions* selectors = nullptr);

}  // namespace strata::graph
