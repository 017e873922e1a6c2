#include "cli/project_command.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <random>

#include "artifacts/artifact_json.h"
#include "artifacts/artifacts_state.h"
#include "cli/version.h"
#include "exec/warehouse.h"
#include "common/file_system.h"
#include "graph/selectors_yaml.h"
#include "parser/parse_cache.h"

namespace strata::cli {

namespace fs = std::filesystem;

void add_project_options(CLI::App* app, ProjectOptions& options) {
  app->add_option("--project-dir", options.project_dir, "Directory holding dbt_project.yml (default: current)");
  app->add_option("--profiles-dir", options.profiles_dir, "Directory holding profiles.yml");
  app->add_option("--target,-t", options.target, "Target in profiles.yml to use");
  app->add_option("--vars", options.vars, "Variables as a YAML mapping, e.g. '{key: value}'");
  app->add_option("--threads", options.threads, "Number of threads")->check(CLI::PositiveNumber);
  app->add_flag("--no-partial-parse", options.no_partial_parse,
                "Ignore the parse cache (target/strata_partial_parse.bin) and do not save one");
}

void add_selection_options(CLI::App* app, SelectionOptions& options) {
  app->add_option("--select,-s,--models,-m", options.select, "Nodes to include (dbt selector syntax)")->take_all();
  app->add_option("--exclude", options.exclude, "Nodes to exclude")->take_all();
  app->add_option("--selector", options.selector, "A selector defined in selectors.yml");
  app->add_option("--indirect-selection", options.indirect_selection, "Test selection mode")
      ->check(CLI::IsMember({"eager", "cautious", "buildable", "empty"}));
  app->add_option("--state", options.state,
                  "A previous run's artifacts (its manifest.json, run_results.json) for state: and result: selectors")
      ->envname("DBT_STATE");
}

namespace {

std::string new_invocation_id() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  uint64_t a = gen(), b = gen();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-%04llx-%012llx", (unsigned long long)(a >> 32),
                (unsigned long long)((a >> 16) & 0xffff), (unsigned long long)(a & 0xfff),
                (unsigned long long)(((b >> 48) & 0x3fff) | 0x8000), (unsigned long long)(b & 0xffffffffffffULL));
  return buf;
}

parser::LoadOptions load_options(const ProjectOptions& options, const CliContext& context, const std::string& invocation_id) {
  parser::LoadOptions load;
  load.project_dir = fs::absolute(options.project_dir).lexically_normal();
  if (!options.profiles_dir.empty()) load.profiles_dir = fs::absolute(options.profiles_dir);
  if (!options.target.empty()) load.target = options.target;
  load.vars_yaml = options.vars;
  load.flags = options.flags;
  load.partial_parse = !options.no_partial_parse;
  load.need_templates = options.need_templates;
  if (options.threads > 0) load.threads = options.threads;
  load.getenv = [](const char* name) { return std::getenv(name); };
  load.invocation_id = invocation_id;
  load.run_started_at = artifacts::format_timestamp(std::chrono::system_clock::now());
  load.strata_version = strata_version();
  load.log = [&context](const std::string& level, const std::string& message) {
    if (level == "info") context.info(message);
  };
  load.warn = [&context](const Error& warning) {
    if (context.warn_error.is_error(warning_name::kJinjaWarning)) return true;  // the render fails with it
    context.warn(warning, warning_name::kJinjaWarning);
    return false;
  };
  return load;
}

}  // namespace

Error promoted_warnings_error(size_t count) {
  return Error(ErrorCode::Compilation, std::to_string(count) + (count == 1 ? " warning was" : " warnings were") +
                                           " treated as an error (--warn-error); nothing was run")
      .with_hint("fix the warnings above, or keep them as warnings with --warn-error-options '{\"warn\": [NAME]}'");
}

Status warn_unmatched_selection(const graph::Selection& selection, const CliContext& context) {
  size_t promoted = 0;
  for (const auto& warning : selection.warnings)
    promoted += context.warn(Error(ErrorCode::Usage, warning), warning_name::kNoNodesSelected);
  if (promoted > 0) return promoted_warnings_error(promoted);
  return {};
}

Result<ProjectSession> open_project(const ProjectOptions& options, const CliContext& context) {
  static RealFileSystem files;
  ProjectSession session;
  session.context = &context;
  session.invocation_id = new_invocation_id();
  parser::LoadOptions load = load_options(options, context, session.invocation_id);
  load.defer_cache_save = true;
  auto loaded = parser::load_project(files, load);
  if (!loaded) return std::move(loaded).error();
  session.project = std::make_unique<parser::LoadedProject>(std::move(loaded).value());
  // Commands only add compiled code to nodes, which the cache does not hold.
  if (auto& save = session.project->pending_cache_save) save->start(session.project->manifest);
  // dbt_project.yml `flags: {warn_error: ..., warn_error_options: ...}` when the command
  // line and environment said nothing.
  const auto& flags = session.project->root.flags;
  if (!context.warn_error_from_command_line && flags.is_object() &&
      (flags.contains("warn_error") || flags.contains("warn_error_options"))) {
    bool all = flags.contains("warn_error") && flags["warn_error"].is_boolean() && flags["warn_error"].get<bool>();
    std::string options = flags.contains("warn_error_options") ? flags["warn_error_options"].dump() : "";
    auto policy = WarnErrorPolicy::parse(all, options, "dbt_project.yml flags.warn_error_options");
    if (!policy) return std::move(policy).error();
    context.warn_error = std::move(policy).value();
  }
  size_t promoted = 0;
  for (const auto& warning : session.project->warnings) {
    bool from_template = warning.code == ErrorCode::TemplateRuntime || warning.code == ErrorCode::Compilation;
    promoted += context.warn(warning, from_template ? warning_name::kJinjaWarning : warning_name::kProjectWarning);
  }
  if (promoted > 0) return promoted_warnings_error(promoted);
  return session;
}

Result<std::vector<manifest::ResourceType>> parse_resource_types(const std::vector<std::string>& names) {
  std::vector<manifest::ResourceType> types;
  for (const auto& name : names) {
    if (name == "all" || name == "default") continue;
    auto parsed = manifest::parse_resource_type(name);
    if (!parsed)
      return Error(ErrorCode::Usage, "unknown resource type '" + name + "'")
          .with_hint("use model, seed, snapshot, test, unit_test, analysis, source, exposure");
    types.push_back(*parsed);
  }
  return types;
}

Result<graph::Selection> select(ProjectSession& session, const SelectionOptions& options,
                                const std::vector<manifest::ResourceType>& types) {
  if (!session.graph) {
    auto g = graph::Graph::build(session.project->manifest);
    if (!g) return std::move(g).error();
    session.graph.emplace(std::move(g).value());
  }
  graph::SelectionRequest request;
  request.select = options.select;
  request.exclude = options.exclude;
  request.selector = options.selector;
  request.indirect_selection = *graph::parse_indirect_selection(options.indirect_selection);
  request.resource_types = types;

  std::optional<graph::SelectorDefinitions> selectors;
  fs::path selectors_file = session.project->root.root / "selectors.yml";
  RealFileSystem files;
  if (files.exists(selectors_file)) {
    auto content = files.read(selectors_file);
    if (!content) return std::move(content).error();
    auto source = std::make_shared<const SourceText>(SourceText{"selectors.yml", std::move(content).value()});
    auto doc = project::parse_yaml(source);
    if (!doc) return std::move(doc).error();
    auto defs = graph::parse_selectors_yaml(doc->root, source);
    if (!defs) return std::move(defs).error();
    selectors = std::move(defs).value();
  }
  if (options.defer && options.state.empty())
    return Error(ErrorCode::Usage, "--defer needs --state DIR, the artifacts of the run to defer to")
        .with_hint("e.g. --defer --state prod-target/ (a copy of production's target/ folder)");
  if (!options.state.empty()) {
    auto loaded = artifacts::ArtifactsState::load(files, fs::absolute(options.state), session.project->manifest,
                                                  target_dir(session));
    if (!loaded) return std::move(loaded).error();
    session.previous_state = std::move(loaded).value();
    request.state = session.previous_state.get();
  }
  return graph::select_nodes(*session.graph, request, selectors ? &*selectors : nullptr);
}

void add_defer_options(CLI::App* app, SelectionOptions& options) {
  app->add_flag("--defer", options.defer,
                "Read unselected parents this target has not built from the --state run's relations")
      ->envname("DBT_DEFER");
  app->add_flag("--favor-state", options.favor_state, "With --defer: use the --state relations even when built here")
      ->envname("DBT_FAVOR_STATE");
}

Result<std::vector<DeferredNode>> apply_defer(ProjectSession& session, const SelectionOptions& options,
                                              const graph::Selection& selection, adapter::Connection* connection) {
  std::vector<DeferredNode> deferred;
  if (!options.defer || !session.previous_state) return deferred;
  manifest::Manifest& manifest = session.project->manifest;
  // Unselected parents, looking through unselected ephemerals: their SQL is inlined, so
  // the refs inside them read relations too.
  auto is_ephemeral = [](const manifest::Node& node) {
    return node.type == manifest::ResourceType::Model && node.config.value("materialized", "") == "ephemeral";
  };
  std::set<manifest::NodeId> parents, seen;
  std::vector<manifest::NodeId> pending;
  selection.nodes.for_each([&](manifest::NodeId id) { pending.push_back(id); });
  while (!pending.empty()) {
    manifest::NodeId id = pending.back();
    pending.pop_back();
    for (manifest::NodeId parent : manifest.node(id).depends_on) {
      if (parent >= manifest.size() || selection.nodes.contains(parent) || !seen.insert(parent).second) continue;
      if (is_ephemeral(manifest.node(parent))) pending.push_back(parent);
      else parents.insert(parent);
    }
  }
  for (manifest::NodeId id : parents) {
    manifest::Node& node = manifest.node(id);
    bool buildable = node.type == manifest::ResourceType::Model || node.type == manifest::ResourceType::Seed ||
                     node.type == manifest::ResourceType::Snapshot;
    if (!buildable) continue;
    auto previous = session.previous_state->previous_relation(node);
    if (!previous) continue;  // new since that run: only this target can have it
    if (!options.favor_state && connection) {
      auto here = connection->get_relation(
          adapter::RelationRef{node.database, node.schema, node.alias.empty() ? node.name : node.alias});
      if (!here) return std::move(here).error();
      if (here->has_value()) continue;  // built here: dbt prefers it
    }
    deferred.push_back({id, node.database, node.schema, node.alias});
    node.database = previous->database;
    node.schema = previous->schema;
    node.alias = previous->identifier;
  }
  return deferred;
}

void undo_defer(ProjectSession& session, const std::vector<DeferredNode>& deferred) {
  for (const auto& d : deferred) {
    manifest::Node& node = session.project->manifest.node(d.id);
    node.database = d.database;
    node.schema = d.schema;
    node.alias = d.alias;
  }
}

std::string defer_summary(const std::vector<DeferredNode>& deferred, const SelectionOptions& options) {
  return "Deferred " + std::to_string(deferred.size()) + (deferred.size() == 1 ? " parent" : " parents") +
         " to the relations of --state " + options.state;
}

Result<WarehouseConnection> connect_warehouse(const ProjectSession& session) {
  const parser::LoadedProject& project = *session.project;
  auto warehouse = exec::open_warehouse(project.target, project.root.root);
  if (!warehouse) return std::move(warehouse).error();
  auto connection = (*warehouse)->connect();
  if (!connection) return std::move(connection).error();
  return WarehouseConnection{std::move(warehouse).value(), std::move(connection).value()};
}

exec::ReporterOptions reporter_options(const ProjectSession& session, const CliContext& context) {
  exec::ReporterOptions options;
  options.json = context.options.log_format == LogFormat::Json;
  options.color = context.color_stdout();
  options.quiet = context.options.quiet;
  options.log_file = session.project->root.root / "logs" / "strata.log";
  options.invocation_id = session.invocation_id;
  return options;
}

fs::path target_dir(const ProjectSession& session) {
  return session.project->root.root / session.project->root.target_path;
}

}  // namespace strata::cli

namespace strata::cli {

std::optional<OutputsRecord> reuse_unchanged_outputs(const ProjectOptions& options, const CliContext& context,
                                                     const std::string& command, const std::string& inputs) {
  if (options.no_partial_parse) return std::nullopt;
  RealFileSystem files;
  std::string invocation_id = new_invocation_id();
  // The record is checked first: without a matching one, re-checking every input of the
  // parse cache here would only repeat what loading the project does next.
  std::optional<OutputsRecord> record;
  std::optional<FileStamp> cache;
  auto probe = parser::probe_parse_cache(files, load_options(options, context, invocation_id),
                                         [&](const parser::ParseCacheProbe& where) {
                                           if (where.project_warnings) return false;
                                           record = read_outputs_record(where.target_dir);
                                           cache = stamp_of(where.cache_path);
                                           return record && cache &&
                                                  record_matches(where.target_dir, *record, command, inputs, *cache);
                                         });
  if (!probe || !probe->unchanged || !record || !cache) return std::nullopt;
  if (!reuse_outputs(probe->target_dir, *record, command, inputs, *cache,
                     artifacts::format_timestamp(artifacts::Clock::now()), invocation_id))
    return std::nullopt;
  return record;
}

bool finish_cache_save(const ProjectSession& session) {
  auto& save = session.project->pending_cache_save;
  return !save || save->finish(session.project->manifest);
}

void record_outputs(const ProjectSession& session, OutputsRecord record, bool not_reusable) {
  fs::path target = target_dir(session);
  finish_cache_save(session);
  auto cache = stamp_of(target / parser::kParseCacheFile);
  if (not_reusable || !session.project->warnings.empty() || !cache) {
    forget_outputs_record(target);
    return;
  }
  record.parse_cache = *cache;
  record.node_count = record.node_count ? record.node_count : session.project->manifest.size();
  record.macro_count = session.project->manifest.macros.size();
  save_outputs_record(target, std::move(record));
}

}  // namespace strata::cli
