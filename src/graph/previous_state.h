#pragma once
// What the `state:` and `result:` selector methods compare against: a previous run's
// artifacts (--state DIR). An interface, so the graph needs no artifact-reading code; the
// CLI gives it an artifacts::ArtifactsState.
#include <optional>
#include <string>

#include "manifest/node.h"

namespace strata::graph {

// dbt's state:modified sub-selectors; Any is plain state:modified.
enum class StateAspect { Any, Body, Configs, Relation, PersistedDescriptions, Macros, Contract };

class PreviousState {
 public:
  virtual ~PreviousState() = default;
  // Whether the previous manifest had a node with this unique_id.
  virtual bool existed(const manifest::Node& node) const = 0;
  // Whether an existing node changed in this respect since the previous manifest.
  virtual bool modified(const manifest::Node& node, StateAspect aspect) const = 0;
  // The node's status in the previous run_results.json ("success", "error", "fail", ...).
  virtual std::optional<std::string> result_status(const manifest::Node& node) const = 0;
  // source_status:fresher: the source's max_loaded_at in this target's sources.json is
  // newer than in the previous one. freshness_missing() says why that cannot be answered
  // (a sources.json missing on either side), or nothing.
  virtual bool fresher(const manifest::Node& node) const = 0;
  virtual std::optional<std::string> freshness_missing() const = 0;
};

}  // namespace strata::graph
