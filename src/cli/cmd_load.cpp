// strata load [--select ...] [--full-refresh] [--threads N]
// Loads every selected source table with an `external:` location into its warehouse table
// (or creates a view over it, mode: in_place); see docs/notes/load.md for the spec.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "adapter/duckdb/duckdb_adapter.h"
#include "cli/commands.h"
#include "cli/project_command.h"
#include "context/dbt_environment.h"
#include "load/s3_client.h"
#include "load/source_loader.h"

namespace strata::cli {

namespace {

struct LoadOptions {
  ProjectOptions project;
  SelectionOptions selection;
  bool full_refresh = false;
};

const char* event_status(load::FileEventKind kind) {
  switch (kind) {
    case load::FileEventKind::Loaded: return "loaded";
    case load::FileEventKind::AlreadyLoaded: return "already_loaded";
    case load::FileEventKind::Changed: return "changed";
    case load::FileEventKind::Skipped: return "skipped";
    case load::FileEventKind::Failed: return "failed";
    case load::FileEventKind::ViewCreated: return "view";
  }
  return "";
}

void print_event(const load::FileEvent& event, const CliContext& context) {
  std::string table = event.spec->schema + "." + event.spec->identifier;
  if (context.options.log_format == LogFormat::Json) {
    nlohmann::ordered_json line = {{"event", "file"},          {"table", table},
                                   {"source", event.spec->source_table}, {"file", event.uri},
                                   {"status", event_status(event.kind)}, {"rows", event.rows},
                                   {"rejected", event.rejected}, {"bytes", event.bytes},
                                   {"seconds", event.seconds}};
    if (!event.error.message.empty()) line["error"] = event.error.message;
    if (event.error.span.line > 0) line["line"] = event.error.span.line;
    std::cout << line.dump() << "\n" << std::flush;
    return;
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f s", event.seconds);
  switch (event.kind) {
    case load::FileEventKind::Loaded:
      std::cout << table << ": " << event.uri << ": loaded " << event.rows << " rows";
      if (event.rejected > 0) std::cout << ", rejected " << event.rejected << " rows";
      std::cout << " (" << seconds << ")\n";
      break;
    case load::FileEventKind::AlreadyLoaded:
      std::cout << table << ": " << event.uri << ": skipped (already loaded)\n";
      break;
    case load::FileEventKind::Changed:
      std::cout << table << ": " << event.uri << ": changed since loaded, not reloaded\n";
      context.warn(event.error, warning_name::kLoadFileWarning);
      break;
    case load::FileEventKind::Skipped:
      std::cout << table << ": " << event.uri << ": skipped (bad file)\n";
      context.warn(event.error, warning_name::kLoadFileWarning);
      break;
    case load::FileEventKind::Failed:
      std::cout << table << ": " << event.uri << ": failed\n";
      context.report(event.error);
      break;
    case load::FileEventKind::ViewCreated:
      std::cout << table << ": view over " << event.uri << "\n";
      break;
  }
  std::cout << std::flush;
}

void print_summary(const load::LoadSummary& summary, double seconds, const CliContext& context) {
  if (context.options.log_format == LogFormat::Json) {
    std::cout << nlohmann::ordered_json{{"event", "summary"},       {"files_loaded", summary.loaded},
                                        {"already_loaded", summary.already_loaded}, {"changed", summary.changed},
                                        {"skipped", summary.skipped}, {"failed", summary.failed},
                                        {"views", summary.views},     {"rows", summary.rows},
                                        {"rejected", summary.rejected}, {"bytes", summary.bytes},
                                        {"seconds", seconds}}
                     .dump()
              << "\n";
    return;
  }
  char line[256];
  std::snprintf(line, sizeof line,
                "Loaded %d file%s (%lld rows, %lld rejected); %d already loaded, %d changed, %d skipped, %d failed"
                "%s in %.2f s",
                summary.loaded, summary.loaded == 1 ? "" : "s", static_cast<long long>(summary.rows),
                static_cast<long long>(summary.rejected), summary.already_loaded, summary.changed, summary.skipped,
                summary.failed, summary.views ? (", " + std::to_string(summary.views) + " views").c_str() : "",
                seconds);
  std::cout << line << "\n";
}

int run_load_command(const LoadOptions& options, CliContext& context) {
  auto started = std::chrono::steady_clock::now();
  auto session = open_project(options.project, context);
  if (!session) {
    context.report(session.error());
    return kExitFailure;
  }
  auto selection = select(*session, options.selection, {manifest::ResourceType::Source});
  if (!selection) {
    context.report(selection.error());
    return kExitFailure;
  }
  if (auto warned = warn_unmatched_selection(*selection, context); !warned) {
    context.report(warned.error());
    return kExitFailure;
  }
  parser::LoadedProject& project = *session->project;

  // `location` may use Jinja (env_var, var); the loader keeps external: values verbatim.
  load::LocationRenderer render = [&project](const std::string& text, const manifest::Node& node) -> Result<std::string> {
    auto tmpl = project.env->parse(text, node.original_file_path);
    if (!tmpl) return std::move(tmpl).error();
    context::RenderState state;
    state.mode = context::RenderMode::Parse;
    state.project = project.context.get();
    state.node = &node;
    state.package = node.package_name;
    return project.env->render(**tmpl, state);
  };
  load::LoadRequest request;
  bool needs_s3 = false;
  for (manifest::NodeId id : selection->ordered) {
    const manifest::Node& node = project.manifest.node(id);
    if (node.type != manifest::ResourceType::Source) continue;
    if (node.external.is_null() && !node.meta.contains("external_location")) continue;
    auto spec = load::parse_load_spec(node, project.root.root.string(), render);
    if (!spec) {
      context.report(spec.error());
      return kExitFailure;
    }
    needs_s3 = needs_s3 || spec->is_s3();
    request.specs.push_back(std::move(spec).value());
  }
  if (request.specs.empty()) {
    context.info("No selected source declares an external location; nothing to load.");
    return kExitOk;
  }

  std::unique_ptr<load::S3Client> s3;
  if (needs_s3) {
    auto client = load::S3Client::from_environment();
    if (!client) {
      context.report(client.error());
      return kExitFailure;
    }
    s3 = std::move(client).value();
  }
  adapter::duckdb::Settings settings;
  settings.path = project.target.path;
  // The profile's DuckDB settings (memory_limit, temp_directory, ...) apply to the load too.
  for (auto it = project.target.settings.begin(); it != project.target.settings.end(); ++it)
    settings.extra[it.key()] = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
  auto adapter = adapter::duckdb::DuckDBAdapter::open(settings);
  if (!adapter) {
    context.report(adapter.error());
    return kExitFailure;
  }
  request.full_refresh = options.full_refresh;
  request.threads = options.project.threads > 0 ? options.project.threads : std::max(1, project.target.threads);
  request.s3 = s3.get();
  request.temp_dir = (std::filesystem::temp_directory_path() / ("strata-load-" + session->invocation_id)).string();
  request.on_event = [&context](const load::FileEvent& event) { print_event(event, context); };
  auto summary = load::run_load(**adapter, request);
  std::error_code ec;
  std::filesystem::remove_all(request.temp_dir, ec);
  if (!summary) {
    context.report(summary.error());
    return kExitFailure;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  print_summary(*summary, seconds, context);
  // A file skipped or changed is a failure under --warn-error (after the other files loaded).
  return summary->ok() && context.promoted_warnings() == 0 ? kExitOk : kExitFailure;
}

}  // namespace

Command add_load_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<LoadOptions>();
  CLI::App* app = parent.add_subcommand(
      "load", "Load the files of sources with an external location (local or s3://) into their tables");
  add_project_options(app, options->project);
  add_selection_options(app, options->selection);
  app->add_flag("--full-refresh", options->full_refresh,
                "Reload every file: rebuild each table and swap it in atomically");
  return {app, [options, &context]() -> int { return run_load_command(*options, context); }};
}

}  // namespace strata::cli
