#pragma once
// --state DIR: a previous run's manifest.json (and run_results.json, when there) for the
// state: and result: selectors. The current nodes are written with the same code that
// writes manifest.json and compared field by field with the previous entries, as dbt's
// state:modified does: the file checksum (body), the config, the relation (database,
// schema, alias), persisted descriptions, the SQL of the macros a node calls (directly
// or through other macros) and the contract.
#include <filesystem>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "artifacts/artifact_json.h"
#include "common/file_system.h"
#include "common/result.h"
#include "graph/previous_state.h"
#include "manifest/manifest.h"

namespace strata::artifacts {

class NodeJsonWriter;

class ArtifactsState : public graph::PreviousState {
 public:
  // Reads `dir`/manifest.json (required), `dir`/run_results.json and `dir`/sources.json
  // (optional), and this target's `current_target`/sources.json (optional, for
  // source_status:). `current` must outlive the state.
  static Result<std::unique_ptr<ArtifactsState>> load(const FileSystem& files, const std::filesystem::path& dir,
                                                      const manifest::Manifest& current,
                                                      const std::filesystem::path& current_target = {});

  ~ArtifactsState() override;

  bool existed(const manifest::Node& node) const override;
  bool modified(const manifest::Node& node, graph::StateAspect aspect) const override;
  std::optional<std::string> result_status(const manifest::Node& node) const override;
  bool fresher(const manifest::Node& node) const override;
  std::optional<std::string> freshness_missing() const override;

  // Where the previous run built the node (database, schema, alias), for --defer; nullopt
  // when it had no such node or no relation for it.
  struct PreviousRelation {
    std::string database, schema, identifier;
  };
  std::optional<PreviousRelation> previous_relation(const manifest::Node& node) const;

 private:
  explicit ArtifactsState(const manifest::Manifest& current);
  const Json* previous(const manifest::Node& node) const;
  const Json& current_json(const manifest::Node& node) const;  // as manifest.json writes it
  bool macros_modified(const manifest::Node& node) const;

  const manifest::Manifest& current_;
  std::unique_ptr<NodeJsonWriter> writer_;  // the current nodes as manifest.json has them
  Json manifest_;                                          // the previous manifest
  std::unordered_map<std::string, std::string> statuses_;  // unique_id -> run_results status
  // unique_id -> max_loaded_at of sources.json (the state's, this target's); nullopt: no file
  using LoadedAt = std::unordered_map<std::string, std::string>;
  std::optional<LoadedAt> previous_loaded_at_, current_loaded_at_;
  std::string state_dir_;
  std::unordered_map<std::string, const manifest::Macro*> current_macros_;
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, std::unique_ptr<Json>> current_json_;
};

}  // namespace strata::artifacts
