// strata ls: lists selected nodes like dbt ls.
#include <iostream>

#include "artifacts/manifest_node_json.h"
#include "cli/commands.h"
#include "cli/project_command.h"
#include "graph/ls_output.h"

namespace strata::cli {

namespace {
struct LsCommandOptions {
  ProjectOptions project;
  SelectionOptions selection;
  std::vector<std::string> resource_types;
  std::string output = "selector";
  std::vector<std::string> output_keys;
};
}  // namespace

Command add_ls_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<LsCommandOptions>();
  CLI::App* app = parent.add_subcommand("ls", "List the selected resources");
  parent.add_subcommand("list", "Same as ls")->group("");
  add_project_options(app, options->project);
  add_selection_options(app, options->selection);
  app->add_option("--resource-type,--resource-types", options->resource_types, "Only these resource types")->take_all();
  app->add_option("--output,-o", options->output, "name, path, json or selector")
      ->check(CLI::IsMember({"name", "path", "json", "selector"}));
  app->add_option("--output-keys", options->output_keys, "Keys of --output json")->take_all();
  return {app, [options, &context]() -> int {
            auto session = open_project(options->project, context);
            if (!session) {
              context.report(session.error());
              return kExitFailure;
            }
            auto types = parse_resource_types(options->resource_types);
            if (!types) {
              context.report(types.error());
              return kExitUsage;
            }
            auto selection = select(*session, options->selection, *types);
            if (!selection) {
              context.report(selection.error());
              return kExitFailure;
            }
            if (auto warned = warn_unmatched_selection(*selection, context); !warned) {
              context.report(warned.error());
              return kExitFailure;
            }
            graph::LsOptions ls;
            ls.output = *graph::parse_ls_output(options->output);
            ls.output_keys = options->output_keys;
            for (const auto& line : graph::ls_lines(*session->graph, selection->ordered, ls)) std::cout << line << "\n";
            if (selection->nothing_to_do()) context.info("No nodes selected!");
            return kExitOk;
          }};
}

}  // namespace strata::cli
