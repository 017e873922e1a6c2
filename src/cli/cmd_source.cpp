// source freshness: how long ago each selected source was last loaded, judged against its
// warn_after/error_after, written to target/sources.json.
#include <chrono>
#include <cmath>
#include <iostream>

#include "artifacts/freshness_results.h"
#include "cli/commands.h"
#include "cli/project_command.h"
#include "exec/run_reporter.h"
#include "exec/warehouse.h"
#include "parser/compiler.h"

namespace strata::cli {

namespace {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::system_clock;

struct FreshnessOptions {
  ProjectOptions project;
  SelectionOptions selection;
  std::string output;  // --output / -o: where sources.json goes
};

// Seconds in a {count, period} threshold; nullopt when absent.
std::optional<double> threshold_seconds(const Json& freshness, const char* key) {
  if (!freshness.is_object() || !freshness.contains(key) || !freshness[key].is_object()) return std::nullopt;
  const Json& t = freshness[key];
  if (!t.contains("count") || !t["count"].is_number() || !t.contains("period") || !t["period"].is_string())
    return std::nullopt;
  std::string period = t["period"].get<std::string>();
  double unit = period == "minute" ? 60 : period == "hour" ? 3600 : period == "day" ? 86400 : 0;
  if (unit == 0) return std::nullopt;
  return t["count"].get<double>() * unit;
}

int run_freshness(const FreshnessOptions& options, const CliContext& context) {
  auto session = open_project(options.project, context);
  if (!session) {
    context.report(session.error());
    return kExitUsage;
  }
  const parser::LoadedProject& project = *session->project;
  auto selection = select(*session, options.selection, {manifest::ResourceType::Source});
  if (!selection) {
    context.report(selection.error());
    return kExitUsage;
  }
  std::vector<manifest::NodeId> sources;
  for (manifest::NodeId id : selection->ordered) {
    const auto& n = project.manifest.node(id);
    if (n.type == manifest::ResourceType::Source && !n.loaded_at_field.empty() && n.freshness.is_object() &&
        (threshold_seconds(n.freshness, "warn_after") || threshold_seconds(n.freshness, "error_after")))
      sources.push_back(id);
  }
  exec::RunReporter reporter(reporter_options(*session, context));
  if (sources.empty()) {
    reporter.info("Nothing to do: no selected source has a freshness config with a loaded_at_field.");
    return kExitOk;
  }
  auto opened = connect_warehouse(*session);
  if (!opened) {
    context.report(opened.error());
    return kExitFailure;
  }
  adapter::Connection* conn = opened->connection.get();
  parser::Compiler compiler(project);
  artifacts::FreshnessResults results;
  results.metadata.invocation_id = session->invocation_id;
  results.metadata.strata_version = project.context->strata_version;
  auto started = Clock::now();
  int worst = 0;  // 0 pass, 1 warn, 2 error
  size_t index = 0;
  for (manifest::NodeId id : sources) {
    const auto& node = project.manifest.node(id);
    ++index;
    reporter.info(std::to_string(index) + " of " + std::to_string(sources.size()) + " START freshness of " +
                  node.source_name + "." + node.name);
    auto begin = Clock::now();
    context::Relation relation;
    relation.database = node.database;
    relation.schema = node.schema;
    relation.identifier = node.identifier.empty() ? node.name : node.identifier;
    std::string sql = "select epoch_ms(cast(max(" + node.loaded_at_field + ") as timestamp)) as max_loaded_at, "
                      "epoch_ms(cast(current_timestamp as timestamp)) as snapshotted_at from " + relation.render();
    if (node.freshness.contains("filter") && node.freshness["filter"].is_string())
      sql += " where " + node.freshness["filter"].get<std::string>();
    auto row = conn->query(sql);
    auto end = Clock::now();
    artifacts::SourceFreshnessResult r;
    r.unique_id = node.unique_id;
    r.timing = {{"compile", begin, begin}, {"execute", begin, end}};
    r.thread_id = "Thread-1";
    r.execution_time = std::chrono::duration<double>(end - begin).count();
    r.criteria = node.freshness;
    std::string verdict;
    if (!row || row->rows.empty() || !std::holds_alternative<int64_t>(row->rows[0][0])) {
      r.status = artifacts::FreshnessStatus::RuntimeError;
      r.error = row ? "the source has no rows with a " + node.loaded_at_field : row.error().message;
      verdict = "ERROR";
      worst = 2;
    } else {
      int64_t max_ms = std::get<int64_t>(row->rows[0][0]);
      int64_t now_ms = std::get<int64_t>(row->rows[0][1]);
      r.max_loaded_at = Clock::time_point(std::chrono::milliseconds(max_ms));
      r.snapshotted_at = Clock::time_point(std::chrono::milliseconds(now_ms));
      r.max_loaded_at_time_ago_in_s = static_cast<double>(now_ms - max_ms) / 1000.0;
      auto error_after = threshold_seconds(node.freshness, "error_after");
      auto warn_after = threshold_seconds(node.freshness, "warn_after");
      if (error_after && r.max_loaded_at_time_ago_in_s > *error_after) {
        r.status = artifacts::FreshnessStatus::Error;
        verdict = "ERROR STALE";
        worst = 2;
      } else if (warn_after && r.max_loaded_at_time_ago_in_s > *warn_after &&
                 context.warn_error.is_error(warning_name::kFreshnessResult)) {
        r.status = artifacts::FreshnessStatus::Error;  // --warn-error: stale past warn_after fails
        verdict = "ERROR STALE (warn_after, --warn-error)";
        worst = 2;
      } else if (warn_after && r.max_loaded_at_time_ago_in_s > *warn_after) {
        r.status = artifacts::FreshnessStatus::Warn;
        verdict = "WARN";
        worst = std::max(worst, 1);
      } else {
        r.status = artifacts::FreshnessStatus::Pass;
        verdict = "PASS";
      }
    }
    char timing[32];
    std::snprintf(timing, sizeof timing, " in %.2fs", r.execution_time);
    reporter.info(std::to_string(index) + " of " + std::to_string(sources.size()) + " " + verdict + " freshness of " +
                  node.source_name + "." + node.name + " [" + verdict + timing + "]");
    if (r.status == artifacts::FreshnessStatus::RuntimeError) reporter.detail("  " + r.error);
    results.results.push_back(std::move(r));
  }
  results.elapsed_time = std::chrono::duration<double>(Clock::now() - started).count();
  results.metadata.generated_at = Clock::now();
  std::filesystem::path out = options.output.empty() ? target_dir(*session) / "sources.json" : std::filesystem::path(options.output);
  if (auto s = artifacts::write_freshness_results(out, results); !s) {
    context.report(s.error());
    return kExitFailure;
  }
  reporter.info("Done. Wrote " + out.string());
  return worst == 2 ? kExitFailure : kExitOk;
}

}  // namespace

Command add_source_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<FreshnessOptions>();
  CLI::App* app = parent.add_subcommand("source", "Commands on sources");
  app->require_subcommand(1);
  CLI::App* freshness = app->add_subcommand("freshness", "Check how recently each source was loaded; writes sources.json");
  add_project_options(freshness, options->project);
  add_selection_options(freshness, options->selection);
  freshness->add_option("--output,-o", options->output, "Where to write sources.json (default target/sources.json)");
  return {app, [options, &context]() -> int { return run_freshness(*options, context); }};
}

}  // namespace strata::cli
