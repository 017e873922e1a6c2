// show: compiles one selected node (or --inline SQL), runs it against the warehouse with
// a row limit, and prints the rows — without building anything.
#include <iostream>

#include "cli/commands.h"
#include "cli/project_command.h"
#include "cli/result_printer.h"
#include "exec/warehouse.h"
#include "parser/compiler.h"

namespace strata::cli {

namespace {

struct ShowOptions {
  ProjectOptions project;
  SelectionOptions selection;
  std::string inline_sql;
  int limit = 5;
  std::string output = "table";
};

int run_show(const ShowOptions& options, const CliContext& context) {
  if (options.inline_sql.empty() == options.selection.select.empty()) {
    context.report(Error(ErrorCode::Usage, "show needs exactly one of --select and --inline")
                       .with_hint("e.g. strata show --select dim_movies, or strata show --inline \"select 1\""));
    return kExitUsage;
  }
  ResultFormat format;
  parse_result_format(options.output, format);
  auto session = open_project(options.project, context);
  if (!session) {
    context.report(session.error());
    return kExitUsage;
  }
  const parser::LoadedProject& project = *session->project;
  manifest::NodeId node = manifest::kNoNode;
  std::optional<graph::Selection> selected;
  if (options.selection.defer && !options.inline_sql.empty()) {
    context.report(Error(ErrorCode::Usage, "--defer works with --select, not with --inline")
                       .with_hint("show the model whose parents should come from --state with --select"));
    return kExitUsage;
  }
  if (options.inline_sql.empty()) {
    auto selection = select(*session, options.selection, {});
    if (!selection) {
      context.report(selection.error());
      return kExitUsage;
    }
    selected = *selection;
    // Indirectly selected tests do not count: `show -s model` shows the model.
    std::vector<manifest::NodeId> candidates;
    for (bool tests : {false, true}) {
      for (manifest::NodeId id : selection->ordered) {
        auto type = project.manifest.node(id).type;
        bool shown_type = type == manifest::ResourceType::Model || type == manifest::ResourceType::Analysis ||
                          type == manifest::ResourceType::Seed || type == manifest::ResourceType::Snapshot;
        if (tests ? type == manifest::ResourceType::Test : shown_type) candidates.push_back(id);
      }
      if (!candidates.empty()) break;
    }
    if (candidates.size() > 1) {
      context.report(Error(ErrorCode::Usage, "--select matched " + std::to_string(candidates.size()) +
                                                 " nodes; show prints one")
                         .with_hint("narrow the selection to a single model or analysis"));
      return kExitUsage;
    }
    if (!candidates.empty()) node = candidates[0];
    if (node == manifest::kNoNode) {
      context.report(Error(ErrorCode::Usage, "--select matched no model, analysis, seed, snapshot or test"));
      return kExitUsage;
    }
  }
  auto opened = connect_warehouse(*session);
  if (!opened) {
    context.report(opened.error());
    return kExitFailure;
  }
  adapter::Connection* conn = opened->connection.get();
  if (selected && options.selection.defer) {
    auto deferred = apply_defer(*session, options.selection, *selected, conn);
    if (!deferred) {
      context.report(deferred.error());
      return kExitFailure;
    }
    context.info(defer_summary(*deferred, options.selection));
  }
  parser::Compiler compiler(project);
  parser::CompileOptions compile;
  compile.connection = conn;
  Result<std::string> sql = std::string();
  const manifest::Node* shown = node == manifest::kNoNode ? nullptr : &project.manifest.node(node);
  if (shown && (shown->type == manifest::ResourceType::Seed || shown->type == manifest::ResourceType::Snapshot)) {
    sql = "select * from " + compiler.resolver().relation_of(*shown).render();
  } else if (shown) {
    sql = compiler.compile(node, compile);
  } else {
    sql = compiler.compile_inline(options.inline_sql, "inline_query", compile);
  }
  if (!sql) {
    context.report(sql.error());
    return kExitFailure;
  }
  std::string query = "select * from (\n" + *sql + "\n) as strata_show_subquery";
  if (options.limit >= 0) query += " limit " + std::to_string(options.limit);
  auto result = conn->query(query);
  if (!result) {
    context.report(result.error());
    return kExitFailure;
  }
  if (format == ResultFormat::Table && !context.options.quiet)
    std::cout << "Previewing " << (shown ? "node '" + shown->name + "'" : std::string("inline node")) << ":\n";
  print_result(std::cout, *result, format);
  return kExitOk;
}

}  // namespace

Command add_show_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<ShowOptions>();
  CLI::App* app = parent.add_subcommand("show", "Run a model, analysis or inline query and print its first rows");
  add_project_options(app, options->project);
  add_selection_options(app, options->selection);
  add_defer_options(app, options->selection);
  app->add_option("--inline", options->inline_sql, "SQL (with Jinja) to run instead of a selected node");
  app->add_option("--limit", options->limit, "Rows to print; -1 for all")->capture_default_str();
  app->add_option("--output,-o", options->output, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  return {app, [options, &context]() -> int { return run_show(*options, context); }};
}

}  // namespace strata::cli
