#pragma once
// What every command that works on a dbt project shares: the project/profile flags, the
// selection flags, loading the project with the real file system and environment, and
// selecting nodes from its graph.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "artifacts/artifacts_state.h"
#include "cli/cli_context.h"
#include "cli/output_reuse.h"
#include "graph/graph.h"
#include "exec/run_reporter.h"
#include "graph/selector_eval.h"
#include "parser/project_loader.h"

namespace strata::cli {

struct ProjectOptions {
  std::string project_dir = ".";
  std::string profiles_dir;
  std::string target;
  std::string vars;
  int threads = 0;
  // Invocation flags templates see as `flags` (FULL_REFRESH, WHICH, ...).
  nlohmann::ordered_json flags = nlohmann::ordered_json::object();
  bool no_partial_parse = false;
  bool need_templates = true;  // false for commands that never render (parse, ls)
};

struct SelectionOptions {
  std::vector<std::string> select;
  std::vector<std::string> exclude;
  std::string selector;
  std::string indirect_selection = "eager";
  std::string state;  // --state DIR: a previous run's artifacts, for state: and result:
  bool defer = false;        // --defer: unbuilt parents read from the --state run's relations
  bool favor_state = false;  // --favor-state: ... even when this target has built them
};

void add_project_options(CLI::App* app, ProjectOptions& options);
void add_selection_options(CLI::App* app, SelectionOptions& options);
// --defer and --favor-state (commands that build or test).
void add_defer_options(CLI::App* app, SelectionOptions& options);

// A loaded project plus its graph (built lazily by callers that need it).
struct ProjectSession {
  std::unique_ptr<parser::LoadedProject> project;
  std::optional<graph::Graph> graph;
  std::string invocation_id;
  // The --state artifacts, once select() has read them.
  std::unique_ptr<artifacts::ArtifactsState> previous_state;
  // Receives the project at the end of the command (CliContext::free_at_exit).
  const CliContext* context = nullptr;

  ProjectSession() = default;
  ProjectSession(ProjectSession&&) = default;
  ProjectSession& operator=(ProjectSession&&) = default;
  ~ProjectSession() {
    if (project && project->pending_cache_save) project->pending_cache_save->finish(project->manifest);
    if (context && project) context->free_at_exit(std::shared_ptr<const parser::LoadedProject>(std::move(project)));
  }
};

// Waits for the parse cache the load left to save in the background; whether it was
// written (true when there was nothing to save).
bool finish_cache_save(const ProjectSession& session);

// Loads the project and prints its warnings; on failure reports and returns the exit code.
Result<ProjectSession> open_project(const ProjectOptions& options, const CliContext& context);

// The error that stops a command when --warn-error promoted `count` warnings.
Error promoted_warnings_error(size_t count);
// Prints the selection's warnings (criteria that matched nothing); an error when
// --warn-error promotes any.
Status warn_unmatched_selection(const graph::Selection& selection, const CliContext& context);

// --resource-type values as types ("all" and "default" add nothing); a usage error names
// an unknown one.
Result<std::vector<manifest::ResourceType>> parse_resource_types(const std::vector<std::string>& names);

// Selects nodes for a command whose default resource types are `types` (empty = all).
Result<graph::Selection> select(ProjectSession& session, const SelectionOptions& options,
                                const std::vector<manifest::ResourceType>& types);

// --defer: points the selection's unselected parents that this target has not built (all
// of them with --favor-state) at the relations the --state run built, as dbt's defer does.
// manifest.json keeps each node's own relation: write it before, or undo_defer() first.
// `connection` (may be null: nothing is built here) answers what this target has built.
struct DeferredNode {
  manifest::NodeId id;
  std::string database, schema, alias;  // the node's own relation
};
Result<std::vector<DeferredNode>> apply_defer(ProjectSession& session, const SelectionOptions& options,
                                              const graph::Selection& selection, adapter::Connection* connection);
void undo_defer(ProjectSession& session, const std::vector<DeferredNode>& deferred);
// "Deferred N parents to the relations of --state DIR".
std::string defer_summary(const std::vector<DeferredNode>& deferred, const SelectionOptions& options);

// The project's warehouse and one connection to it (show, run-operation, source freshness).
struct WarehouseConnection {
  std::unique_ptr<adapter::Adapter> warehouse;
  std::unique_ptr<adapter::Connection> connection;
};
Result<WarehouseConnection> connect_warehouse(const ProjectSession& session);

// Run output settings from the global flags: JSON or text, colour, logs/strata.log.
exec::ReporterOptions reporter_options(const ProjectSession& session, const CliContext& context);

// The project's target directory (absolute).
std::filesystem::path target_dir(const ProjectSession& session);

// When the parse cache still applies and target/ holds this command's outputs for the same
// inputs, untouched: refreshes manifest.json's run metadata and returns what the last run
// recorded (see output_reuse.h). nullopt: run the command.
std::optional<OutputsRecord> reuse_unchanged_outputs(const ProjectOptions& options, const CliContext& context,
                                                     const std::string& command, const std::string& inputs);
// After a successful run that wrote manifest.json: records the outputs for the next run
// (or forgets the record when the run cannot be reused: warnings, no parse cache).
// `not_reusable`: the run printed warnings, read something volatile or ignored the cache.
void record_outputs(const ProjectSession& session, OutputsRecord record, bool not_reusable);

}  // namespace strata::cli
