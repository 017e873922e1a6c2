#pragma once
// Named selections from selectors.yml, for --selector NAME and the default selector.
#include <string>
#include <vector>

#include "graph/selection_spec.h"

namespace strata::graph {

struct SelectorDefinition {
  std::string name;
  std::string description;
  bool is_default = false;
  SelectionSpec spec;
  SourceSpan span;  // the `name:` entry in selectors.yml
};

struct SelectorDefinitions {
  std::vector<SelectorDefinition> selectors;  // in file order

  const SelectorDefinition* find(const std::string& name) const {
    for (const auto& s : selectors)
      if (s.name == name) return &s;
    return nullptr;
  }
  const SelectorDefinition* default_selector() const {
    for (const auto& s : selectors)
      if (s.is_default) return &s;
    return nullptr;
  }
};

}  // namespace strata::graph
