#pragma once
// A small but realistic project built in code: sources, staging models, marts (one of
// them versioned), a python model, seeds, a snapshot, generic tests (built-in and from a
// package), a singular test, a unit test, an exposure, an analysis, and a second package.
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "graph/selector_eval.h"

namespace strata::graph::testing {

// Adds nodes with dependencies by unique_id; resolves them in finish().
class ManifestBuilder {
 public:
  ManifestBuilder();
  manifest::Node& add(manifest::ResourceType type, const std::string& unique_id, const std::string& path,
                      std::vector<std::string> fqn, std::vector<std::string> depends_on = {});
  std::unique_ptr<manifest::Manifest> finish();

 private:
  std::unique_ptr<manifest::Manifest> manifest_;
  std::vector<std::pair<manifest::NodeId, std::vector<std::string>>> pending_;
};

std::unique_ptr<manifest::Manifest> make_shop_manifest();

// The shop project's manifest and graph together (the graph points into the manifest).
struct ShopProject {
  std::unique_ptr<manifest::Manifest> manifest;
  std::unique_ptr<Graph> graph;

  ShopProject();
  // unique_ids selected, in dbt ls order; fails the test on an error.
  std::vector<std::string> select(std::vector<std::string> select, std::vector<std::string> exclude = {},
                                  IndirectSelection mode = IndirectSelection::Eager,
                                  const SelectorDefinitions* selectors = nullptr,
                                  const std::string& selector = "") const;
  std::vector<std::string> ids(const NodeSet& set) const;
  NodeId id(const std::string& unique_id) const;
};

}  // namespace strata::graph::testing
