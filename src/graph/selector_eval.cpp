#include "graph/selector_eval.h"

#include <algorithm>

#include "graph/selector_methods.h"
#include "graph/selector_parser.h"

namespace strata::graph {

namespace {

using Kind = SelectionSpec::Kind;

// What the criteria's graph operators add around the nodes its method matched.
NodeSet neighbours(const Graph& graph, const SelectionCriteria& c, const NodeSet& collected) {
  NodeSet extra = graph.empty_set();
  if (c.childrens_parents) {
    NodeSet ancestors_for = graph.descendants(collected) | collected;
    extra |= graph.ancestors(ancestors_for) | ancestors_for;
  }
  if (c.parents) extra |= graph.ancestors(collected, c.parents_depth);
  if (c.children) extra |= graph.descendants(collected, c.children_depth);
  return extra;
}

NodeSet combine(const Graph& graph, Kind kind, const std::vector<NodeSet>& sets) {
  if (sets.empty()) return graph.empty_set();
  NodeSet out = sets[0];
  for (size_t i = 1; i < sets.size(); ++i) {
    switch (kind) {
      case Kind::Union: out |= sets[i]; break;
      case Kind::Intersection: out &= sets[i]; break;
      case Kind::Difference: out -= sets[i]; break;
      case Kind::Criteria: break;
    }
  }
  return out;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The first state:, result: or source_status: criteria in the spec, if any (`method`
// narrows it to one method).
const SelectionCriteria* first_state_criteria(const SelectionSpec& spec,
                                              std::optional<SelectorMethod> method = std::nullopt) {
  if (spec.kind == Kind::Criteria && method) return spec.criteria.method == *method ? &spec.criteria : nullptr;
  if (spec.kind == Kind::Criteria)
    return spec.criteria.method == SelectorMethod::State || spec.criteria.method == SelectorMethod::Result ||
                   spec.criteria.method == SelectorMethod::SourceStatus
               ? &spec.criteria
               : nullptr;
  for (const auto& child : spec.components)
    if (const SelectionCriteria* found = first_state_criteria(child, method)) return found;
  return nullptr;
}

void force_indirect(SelectionSpec& spec, IndirectSelection mode) {
  if (spec.kind == Kind::Criteria) {
    spec.criteria.indirect_selection = mode;
    return;
  }
  spec.indirect_selection = mode;
  for (auto& child : spec.components) force_indirect(child, mode);
}

}  // namespace

DirectAndIndirect evaluate_spec(const Graph& graph, const SelectionSpec& spec, IndirectSelection mode,
                                std::vector<std::string>* warnings, const PreviousState* state) {
  if (spec.kind == Kind::Criteria) {
    const SelectionCriteria& c = spec.criteria;
    NodeSet collected = search_method(graph, c, state);
    NodeSet selected = (collected | neighbours(graph, c, collected)) & graph.members();
    return expand_indirect(graph, selected, c.indirect_selection.value_or(mode));
  }
  std::vector<NodeSet> direct_sets, all_sets;
  for (const SelectionSpec& component : spec.components) {
    DirectAndIndirect part = evaluate_spec(graph, component, mode, warnings, state);
    all_sets.push_back(part.direct | part.indirect);
    direct_sets.push_back(std::move(part.direct));
  }
  NodeSet initial_direct = combine(graph, spec.kind, direct_sets);
  NodeSet indirect = combine(graph, spec.kind, all_sets);
  NodeSet direct = incorporate_indirect(graph, initial_direct, indirect, spec.indirect_selection.value_or(mode));
  if (spec.expect_exists && direct.empty() && warnings)
    warnings->push_back("The selection criterion '" + spec.raw + "' does not match any enabled nodes");
  return {std::move(direct), std::move(indirect)};
}

Result<SelectionSpec> resolve_selection_spec(const SelectionRequest& request, const SelectorDefinitions* selectors,
                                             std::string* default_used) {
  if (!request.selector.empty()) {
    if (!request.select.empty() || !request.exclude.empty())
      return Error(ErrorCode::Usage, "--selector cannot be combined with --select or --exclude")
          .with_hint("put the extra criteria into the selector's definition in selectors.yml");
    const SelectorDefinition* found = selectors ? selectors->find(request.selector) : nullptr;
    if (found) return found->spec;
    std::string names, closest;
    size_t best = std::string::npos;
    if (selectors) {
      for (const auto& s : selectors->selectors) {
        names += (names.empty() ? "" : ", ") + s.name;
        size_t d = edit_distance(s.name, request.selector);
        if (d < best) {
          best = d;
          closest = s.name;
        }
      }
    }
    Error error(ErrorCode::Usage, "no selector named '" + request.selector + "'");
    if (names.empty())
      error.hint = "define it under `selectors:` in selectors.yml at the project root";
    else if (best <= std::max<size_t>(2, request.selector.size() / 3))
      error.hint = "did you mean '" + closest + "'? selectors.yml defines: " + names;
    else
      error.hint = "selectors.yml defines: " + names;
    return error;
  }
  if (request.select.empty() && request.exclude.empty() && selectors) {
    if (const SelectorDefinition* def = selectors->default_selector()) {
      if (default_used) *default_used = def->name;
      return def->spec;
    }
  }
  std::vector<SelectionSpec> parts;
  if (request.select.empty()) {
    // dbt's default: fqn:* source:* exposure:* (and metrics etc., which strata lacks).
    auto everything = parse_selection_args({"fqn:* source:* exposure:* unit_test:*"}, "--select");
    if (!everything.ok()) return std::move(everything).error();
    for (auto& term : everything->components) term.expect_exists = false;
    parts.push_back(std::move(everything).value());
  } else {
    auto included = parse_selection_args(request.select, "--select");
    if (!included.ok()) return std::move(included).error();
    parts.push_back(std::move(included).value());
  }
  auto excluded = parse_selection_args(request.exclude, "--exclude");
  if (!excluded.ok()) return std::move(excluded).error();
  // Excluding a node always excludes its tests, whatever --indirect-selection says.
  force_indirect(*excluded, IndirectSelection::Eager);
  parts.push_back(std::move(excluded).value());
  return SelectionSpec::group(Kind::Difference, std::move(parts));
}

Result<Selection> select_nodes(const Graph& graph, const SelectionRequest& request,
                               const SelectorDefinitions* selectors) {
  Selection selection;
  auto spec = resolve_selection_spec(request, selectors, &selection.default_selector);
  if (!spec.ok()) return std::move(spec).error();
  selection.spec = spec->to_string();
  if (!request.state)
    if (const SelectionCriteria* c = first_state_criteria(*spec))
      return Error(ErrorCode::Usage, "'" + c->raw + "' compares against a previous run, but no --state was given",
                   c->span)
          .with_hint("pass --state DIR, a folder holding that run's manifest.json (and run_results.json for "
                     "result:), e.g. a copy of its target/ folder");
  if (request.state)
    if (auto missing = request.state->freshness_missing())
      if (const SelectionCriteria* c = first_state_criteria(*spec, SelectorMethod::SourceStatus))
        return Error(ErrorCode::Usage, "'" + c->raw + "' compares source freshness, but " + *missing, c->span)
            .with_hint("run `strata source freshness` here, with --state naming a folder that holds the "
                       "sources.json of an earlier run");
  DirectAndIndirect result =
      evaluate_spec(graph, *spec, request.indirect_selection, &selection.warnings, request.state);

  NodeSet nodes = std::move(result.direct);
  if (!request.resource_types.empty() || !request.exclude_resource_types.empty()) {
    auto listed = [](const std::vector<manifest::ResourceType>& types, manifest::ResourceType t) {
      return std::find(types.begin(), types.end(), t) != types.end();
    };
    nodes.for_each([&](NodeId id) {
      manifest::ResourceType t = graph.node(id).type;
      if ((!request.resource_types.empty() && !listed(request.resource_types, t)) ||
          listed(request.exclude_resource_types, t))
        nodes.erase(id);
    });
  }
  selection.ordered = graph.sorted_by_unique_id(nodes);
  selection.nodes = std::move(nodes);
  return selection;
}

}  // namespace strata::graph
