#pragma once
// selectors.yml: turns the already-parsed YAML into named SelectionSpecs, with errors at
// file:line:col. Follows dbt's grammar:
//   selectors:
//     - name: nightly
//       description: ...
//       default: true
//       definition:            # a string "tag:x+", a {method: value} map, a map with
//         union:               # method/value/children/parents/*_depth/childrens_parents/
//           - tag:nightly      # indirect_selection/exclude, or union:/intersection: lists
//           - method: fqn      # whose items may include one {exclude: [...]}
//             value: orders
//             children: true
//           - exclude: ["tag:deprecated"]
//           - method: selector # another selector defined above this one
//             value: base
#include <memory>


#include "common/result.h"
#include "graph/selector_definitions.h"
#include "project/yaml_tree.h"

namespace strata::graph {

// `file` names selectors.yml (its content, when present, lets errors show the line).
Result<SelectorDefinitions> parse_selectors_yaml(const yaml::Node& root, std::shared_ptr<const SourceText> file);

}  // namespace strata::graph
