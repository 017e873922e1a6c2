// strata: runs dbt-format analytics projects against DuckDB.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#ifdef STRATA_MIMALLOC
#include <mimalloc.h>
#endif

#include "adapter/duckdb/database.h"
#include "cli/commands.h"
#include "cli/version.h"

namespace {

void configure_allocator() {
#ifdef STRATA_MIMALLOC
  // Large OS pages: page faults are a large share of a big parse's time on VMs, and
  // 2 MiB pages cut their number by 512 (measured: 10k-model parse 5.5 s -> 3.9 s).
  mi_option_enable(mi_option_large_os_pages);
#endif
}

int run(strata::cli::CliContext& context, int argc, char** argv) {
  using namespace strata::cli;
  CLI::App app{"strata: a fast engine for dbt-format analytics projects, with DuckDB embedded", "strata"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version,-V",
                       [] { return version_line(strata::adapter::duckdb::library_version()); });

  std::string log_format = "text";
  app.add_option("--log-format", log_format, "Log output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_flag("--no-color", context.options.no_color, "Never colour output");
  app.add_flag("-q,--quiet", context.options.quiet, "Only print errors and requested results");
  bool warn_error = false;
  std::string warn_error_options;
  auto* warn_error_flag = app.add_flag("--warn-error", warn_error, "Treat every warning as an error")
                              ->envname("DBT_WARN_ERROR");
  app.add_option("--warn-error-options", warn_error_options,
                 "Which warnings are errors, warnings or silenced, as YAML: "
                 "'{error: all|[names], warn: [names], silence: [names]}'")
      ->envname("DBT_WARN_ERROR_OPTIONS")
      ->excludes(warn_error_flag);
  // Global flags may also follow the command, as dbt allows (`strata build --warn-error`).
  app.fallthrough();

  std::vector<Command> commands;
  for (CommandFactory factory : kCommands) commands.push_back(factory(app, context));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    std::cerr << "strata: " << e.what() << "\n";
    std::cerr << "Run 'strata --help' for usage.\n";
    return kExitUsage;
  }
  context.options.log_format = log_format == "json" ? LogFormat::Json : LogFormat::Text;
  auto policy = WarnErrorPolicy::parse(warn_error, warn_error_options);
  if (!policy) {
    context.report(policy.error());
    return kExitUsage;
  }
  context.warn_error = std::move(policy).value();
  context.warn_error_from_command_line = warn_error || !warn_error_options.empty();

  for (const Command& command : commands)
    if (command.app->parsed()) return command.run();
  std::cout << app.help();
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  configure_allocator();
  try {
    strata::cli::CliContext context;
    int code = run(context, argc, argv);
    if (context.has_objects_freed_at_exit()) {
      // Freeing a loaded project object by object takes longer than the whole process
      // exit; the memory goes back to the OS either way. Output is flushed first.
      std::cout.flush();
      std::cerr.flush();
      std::fflush(nullptr);
      std::_Exit(code);
    }
    return code;
  } catch (const std::exception& e) {
    std::cerr << "strata: internal error: " << e.what() << "\n";
    return strata::cli::kExitUsage;
  }
}
