// strata parse: loads the project and writes target/manifest.json with a timing summary.
#include <chrono>
#include <iostream>

#include "artifacts/manifest_json.h"
#include "cli/commands.h"
#include "cli/project_command.h"
#include "cli/version.h"

namespace strata::cli {

Status write_project_manifest(const ProjectSession& session) {
  artifacts::ManifestMetadata metadata;
  metadata.generated_at = artifacts::Clock::now();
  metadata.invocation_id = session.invocation_id;
  metadata.strata_version = strata_version();
  metadata.target_path = session.project->root.target_path;
  return artifacts::write_manifest(target_dir(session) / "manifest.json", session.project->manifest, metadata);
}

Command add_parse_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<ProjectOptions>();
  options->need_templates = false;
  CLI::App* app = parent.add_subcommand("parse", "Parse the project and write target/manifest.json");
  add_project_options(app, *options);
  return {app, [options, &context]() -> int {
            auto start = std::chrono::steady_clock::now();
            auto elapsed_ms = [&start] {
              return std::to_string(static_cast<int>(
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count()));
            };
            const std::string inputs = options->flags.dump();
            if (auto reused = reuse_unchanged_outputs(*options, context, "parse", inputs)) {
              context.info("Parsed " + std::to_string(reused->node_count) + " nodes and " +
                           std::to_string(reused->macro_count) + " macros in " + elapsed_ms() +
                           " ms (parse cache: unchanged; manifest.json up to date, run metadata refreshed)");
              return kExitOk;
            }
            auto session = open_project(*options, context);
            if (!session) {
              context.report(session.error());
              return kExitFailure;
            }
            auto& timings = session->project->timings;
            auto lap = std::chrono::steady_clock::now();
            auto since_lap = [&lap] {
              auto now = std::chrono::steady_clock::now();
              double ms = std::chrono::duration<double, std::milli>(now - lap).count();
              lap = now;
              return ms;
            };
            auto graph = graph::Graph::build(session->project->manifest);
            if (!graph) {
              context.report(graph.error());
              return kExitFailure;
            }
            timings.emplace_back("graph", since_lap());
            Status written = write_project_manifest(*session);
            if (!written) {
              context.report(written.error());
              return kExitFailure;
            }
            timings.emplace_back("write manifest.json", since_lap());
            if (!finish_cache_save(*session)) session->project->parse_status += " (could not save the parse cache)";
            timings.emplace_back("save parse cache (beside the manifest)", since_lap());
            OutputsRecord record;
            record.command = "parse";
            record.inputs = inputs;
            record_outputs(*session, std::move(record), options->no_partial_parse);
            const auto& m = session->project->manifest;
            context.info("Parsed " + std::to_string(m.size()) + " nodes and " + std::to_string(m.macros.size()) +
                         " macros in " + elapsed_ms() + " ms (" +
                         session->project->parse_status + ")");
            for (const auto& [phase, ms] : session->project->timings)
              context.info("  " + phase + ": " + std::to_string(static_cast<int>(ms + 0.5)) + " ms");
            context.info("Wrote " + (target_dir(*session) / "manifest.json").string());
            return kExitOk;
          }};
}

}  // namespace strata::cli
