// run, build, seed, test and snapshot: select nodes, open the warehouse, run them on a
// worker pool, and write run_results.json. retry re-runs what errored, failed or was
// skipped last time.
#include <algorithm>
#include <chrono>
#include <set>
#include <iostream>
#include <unistd.h>

#include "artifacts/manifest_json.h"
#include "cli/commands.h"
#include "cli/project_command.h"
#include "exec/invocation.h"
#include "exec/warehouse.h"

namespace strata::cli {

namespace {

using manifest::ResourceType;

struct RunCommandOptions {
  std::string which;
  ProjectOptions project;
  SelectionOptions selection;
  bool full_refresh = false;
  bool fail_fast = false;
  bool empty = false;
  bool store_failures = false;
  std::string event_time_start;
  std::string event_time_end;
  std::vector<std::string> resource_types;          // build --resource-type
  std::vector<std::string> exclude_resource_types;  // build --exclude-resource-type
};

std::vector<ResourceType> resource_types(const std::string& which) {
  if (which == "run") return {ResourceType::Model};
  if (which == "seed") return {ResourceType::Seed};
  if (which == "snapshot") return {ResourceType::Snapshot};
  if (which == "test") return {ResourceType::Test, ResourceType::UnitTest};
  return {ResourceType::Model, ResourceType::Seed, ResourceType::Snapshot, ResourceType::Test, ResourceType::UnitTest};
}

artifacts::Json invocation_args(const RunCommandOptions& o) {
  artifacts::Json args = {{"which", o.which}};
  if (!o.selection.select.empty()) args["select"] = o.selection.select;
  if (!o.selection.exclude.empty()) args["exclude"] = o.selection.exclude;
  if (!o.selection.selector.empty()) args["selector"] = o.selection.selector;
  if (o.full_refresh) args["full_refresh"] = true;
  if (o.empty) args["empty"] = true;
  if (o.fail_fast) args["fail_fast"] = true;
  if (o.store_failures) args["store_failures"] = true;
  if (!o.project.vars.empty()) args["vars"] = o.project.vars;
  if (!o.project.target.empty()) args["target"] = o.project.target;
  if (o.project.threads > 0) args["threads"] = o.project.threads;
  if (!o.event_time_start.empty()) args["event_time_start"] = o.event_time_start;
  if (!o.event_time_end.empty()) args["event_time_end"] = o.event_time_end;
  if (!o.resource_types.empty()) args["resource_types"] = o.resource_types;
  if (!o.exclude_resource_types.empty()) args["exclude_resource_types"] = o.exclude_resource_types;
  return args;
}

// Runs the command over `nodes` (or over the selection when `nodes` is null).
int execute(RunCommandOptions options, const CliContext& context, const std::vector<std::string>* only) {
  options.project.flags["FULL_REFRESH"] = options.full_refresh;
  options.project.flags["WHICH"] = options.which;
  options.project.flags["EMPTY"] = options.empty;
  options.project.flags["STORE_FAILURES"] = options.store_failures;
  auto session = open_project(options.project, context);
  if (!session) {
    context.report(session.error());
    return kExitUsage;
  }
  const parser::LoadedProject& project = *session->project;
  std::vector<manifest::NodeId> nodes;
  std::optional<graph::Selection> selection_used;
  if (only) {
    auto g = graph::Graph::build(project.manifest);
    if (!g) {
      context.report(g.error());
      return kExitUsage;
    }
    std::set<manifest::NodeId> wanted;
    for (const auto& unique_id : *only)
      if (auto id = project.manifest.find(unique_id); id != manifest::kNoNode) wanted.insert(id);
    for (manifest::NodeId id : g->topological_order())
      if (wanted.count(id)) nodes.push_back(id);
  } else {
    // build --resource-type / --exclude-resource-type narrow the command's own types.
    auto only_types = parse_resource_types(options.resource_types);
    auto excluded_types = parse_resource_types(options.exclude_resource_types);
    if (!only_types || !excluded_types) {
      context.report(!only_types ? only_types.error() : excluded_types.error());
      return kExitUsage;
    }
    std::vector<ResourceType> types;
    for (ResourceType t : resource_types(options.which)) {
      auto listed = [t](const std::vector<ResourceType>& list) {
        return std::find(list.begin(), list.end(), t) != list.end();
      };
      if ((only_types->empty() || listed(*only_types)) && !listed(*excluded_types)) types.push_back(t);
    }
    if (types.empty()) {
      context.info("Nothing to do: no resource type of `" + options.which + "` is left after --resource-type / --exclude-resource-type");
      return kExitOk;
    }
    auto selection = select(*session, options.selection, types);
    if (!selection) {
      context.report(selection.error());
      return kExitUsage;
    }
    selection_used = std::move(selection).value();
    if (auto warned = warn_unmatched_selection(*selection_used, context); !warned) {
      context.report(warned.error());
      return kExitFailure;
    }
    nodes = session->graph->in_topological_order(selection_used->nodes);
  }

  exec::RunReporter reporter(reporter_options(*session, context));
  reporter.info("Running with strata=" + project.context->strata_version);

  exec::InterruptWatch watch;
  auto warehouse = exec::open_warehouse(project.target, project.root.root);
  if (!warehouse) {
    context.report(warehouse.error());
    return kExitFailure;
  }
  exec::InvocationRequest request;
  request.which = options.which;
  request.nodes = std::move(nodes);
  request.flags.full_refresh = options.full_refresh;
  request.flags.empty = options.empty;
  request.flags.store_failures = options.store_failures;
  request.flags.test_warn_is_error = context.warn_error.is_error(warning_name::kTestResult);
  if (!options.event_time_start.empty()) request.flags.event_time_start = options.event_time_start;
  if (!options.event_time_end.empty()) request.flags.event_time_end = options.event_time_end;
  request.flags.run_started_at = project.context->run_started_at;
  request.threads = options.project.threads > 0 ? options.project.threads : std::max(1, project.target.threads);
  request.fail_fast = options.fail_fast;
  request.target_dir = target_dir(*session);
  request.args = invocation_args(options);

  artifacts::ManifestMetadata metadata;
  metadata.invocation_id = session->invocation_id;
  metadata.generated_at = std::chrono::system_clock::now();
  metadata.project_name = project.root.name;
  metadata.adapter_type = "duckdb";
  if (auto s = artifacts::write_manifest(request.target_dir / "manifest.json", project.manifest, metadata); !s)
    context.report(s.error());

  if (selection_used && options.selection.defer) {
    auto connection = (*warehouse)->connect();
    if (!connection) {
      context.report(connection.error());
      return kExitFailure;
    }
    auto deferred = apply_defer(*session, options.selection, *selection_used, connection->get());
    if (!deferred) {
      context.report(deferred.error());
      return kExitFailure;
    }
    reporter.info(defer_summary(*deferred, options.selection));
  }
  auto result = exec::run_invocation(project, **warehouse, request, reporter, watch);
  if (!result) {
    context.report(result.error());
    return kExitFailure;
  }
  if (auto s = artifacts::write_run_results(request.target_dir / "run_results.json", result->run_results); !s) {
    context.report(s.error());
    return kExitFailure;
  }
  return result->exit_code;
}

Command add_run_like(CLI::App& parent, const CliContext& context, const std::string& which, const std::string& help) {
  auto options = std::make_shared<RunCommandOptions>();
  options->which = which;
  CLI::App* app = parent.add_subcommand(which, help);
  add_project_options(app, options->project);
  add_selection_options(app, options->selection);
  add_defer_options(app, options->selection);
  if (which != "test")
    app->add_flag("--full-refresh,-f", options->full_refresh, "Rebuild incremental models and seeds from scratch");
  app->add_flag("--fail-fast,-x", options->fail_fast, "Stop starting nodes after the first failure");
  if (which == "run" || which == "build") {
    app->add_flag("--empty", options->empty, "Read every ref and source as zero rows (schema-only build)");
    app->add_option("--event-time-start", options->event_time_start, "Microbatch: first event time to build");
    app->add_option("--event-time-end", options->event_time_end, "Microbatch: event time to stop before");
  }
  if (which == "test" || which == "build")
    app->add_flag("--store-failures", options->store_failures, "Store the failing rows of every test");
  if (which == "build") {
    app->add_option("--resource-type,--resource-types", options->resource_types, "Only these resource types")
        ->take_all();
    app->add_option("--exclude-resource-type,--exclude-resource-types", options->exclude_resource_types,
                    "Not these resource types")
        ->take_all();
  }
  return {app, [options, &context]() -> int { return execute(*options, context, nullptr); }};
}

}  // namespace

Command add_run_command(CLI::App& parent, CliContext& context) {
  return add_run_like(parent, context, "run", "Build the selected models in the warehouse");
}
Command add_build_command(CLI::App& parent, CliContext& context) {
  return add_run_like(parent, context, "build", "Seed, run, snapshot and test the selected nodes in DAG order");
}
Command add_seed_command(CLI::App& parent, CliContext& context) {
  return add_run_like(parent, context, "seed", "Load the selected seed CSV files into tables");
}
Command add_test_command(CLI::App& parent, CliContext& context) {
  return add_run_like(parent, context, "test", "Run the selected data tests and unit tests");
}
Command add_snapshot_command(CLI::App& parent, CliContext& context) {
  return add_run_like(parent, context, "snapshot", "Record changes of the selected snapshots (SCD type 2)");
}

Command add_retry_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<RunCommandOptions>();
  CLI::App* app = parent.add_subcommand("retry", "Re-run what errored, failed or was skipped in the last run");
  add_project_options(app, options->project);
  return {app, [options, &context]() -> int {
            // target-path may be configured; the previous results live where the last run wrote them.
            auto session = open_project(options->project, context);
            if (!session) {
              context.report(session.error());
              return kExitUsage;
            }
            auto previous = artifacts::read_run_results(target_dir(*session) / "run_results.json");
            if (!previous) {
              context.report(Error(ErrorCode::Usage, "nothing to retry: " + previous.error().message)
                                 .with_hint("run `strata build` (or run/seed/test/snapshot) first"));
              return kExitUsage;
            }
            auto ids = artifacts::retryable_unique_ids(*previous);
            RunCommandOptions rerun = *options;
            const auto& args = previous->args;
            rerun.which = args.value("which", "build");
            if (rerun.which == "retry") rerun.which = "build";
            rerun.full_refresh = args.value("full_refresh", false);
            rerun.empty = args.value("empty", false);
            rerun.store_failures = args.value("store_failures", false);
            if (rerun.project.vars.empty()) rerun.project.vars = args.value("vars", "");
            if (ids.empty()) {
              std::cout << "Nothing to retry: the last " << rerun.which << " had no errors, failures or skips.\n";
              return kExitOk;
            }
            return execute(rerun, context, &ids);
          }};
}

}  // namespace strata::cli
