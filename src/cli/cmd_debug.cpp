// strata debug: checks the project file, the profile and the warehouse connection, like
// dbt debug, and says which part is broken.
#include <cstdlib>
#include <iostream>

#include "adapter/duckdb/duckdb_adapter.h"
#include "cli/commands.h"
#include "cli/project_command.h"
#include "cli/version.h"
#include "common/file_system.h"

namespace strata::cli {

Command add_debug_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<ProjectOptions>();
  CLI::App* app = parent.add_subcommand("debug", "Check the project, the profile and the warehouse connection");
  add_project_options(app, *options);
  return {app, [options, &context]() -> int {
            std::cout << version_line(adapter::duckdb::library_version()) << "\n";
            auto session = open_project(*options, context);
            if (!session) {
              std::cout << "project and profile: ERROR\n";
              context.report(session.error());
              return kExitFailure;
            }
            const auto& project = *session->project;
            std::cout << "project: " << project.root.name << " (" << (project.root.root / "dbt_project.yml").string()
                      << ")  OK\n";
            std::cout << "profile: " << project.target.profile_name << ", target " << project.target.name << " ("
                      << project.target.profiles_file << ")  OK\n";
            std::cout << "  type: " << project.target.type << "\n  path: " << project.target.path
                      << "\n  schema: " << project.target.schema << "\n  threads: " << project.target.threads << "\n";
            adapter::duckdb::Settings settings;
            settings.path = project.target.path;
            auto adapter = adapter::duckdb::DuckDBAdapter::open(settings);
            if (!adapter) {
              std::cout << "connection: ERROR\n";
              context.report(adapter.error());
              return kExitFailure;
            }
            auto connection = (*adapter)->connect();
            auto result = connection ? (*connection)->query("select 1") : Result<adapter::QueryResult>(connection.error());
            if (!result) {
              std::cout << "connection: ERROR\n";
              context.report(result.error());
              return kExitFailure;
            }
            std::cout << "connection: OK (DuckDB " << (*adapter)->server_version() << ")\n";
            std::cout << "All checks passed!\n";
            return kExitOk;
          }};
}

}  // namespace strata::cli
