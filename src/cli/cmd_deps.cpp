// strata deps [--project-dir DIR] [--upgrade] [--lock]: installs the packages listed in
// packages.yml / dependencies.yml into the packages-install-path and writes package-lock.yml.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "project/package_installer.h"
#include "project/project_config.h"

namespace strata::cli {

namespace {
struct DepsCliOptions {
  std::string project_dir = ".";
  bool upgrade = false;
  bool lock_only = false;
};

// render_error's layout with "warning" in place of "error".
std::string render_warning(const Error& warning, bool color) {
  std::string text = render_error(warning, {color});
  size_t at = text.find("error: ");
  if (at != std::string::npos) text.replace(at, 7, "warning: ");
  return text;
}

std::string plural(size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }
}  // namespace

Command add_deps_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<DepsCliOptions>();
  CLI::App* app = parent.add_subcommand("deps", "Install the packages listed in packages.yml into dbt_packages/");
  app->add_option("--project-dir", options->project_dir, "The dbt project directory (default: current directory)");
  app->add_flag("--upgrade", options->upgrade, "Resolve packages.yml again even when package-lock.yml matches it");
  app->add_flag("--lock", options->lock_only, "Only resolve and write package-lock.yml; install nothing");

  return {app, [options, &context]() -> int {
            RealFileSystem files;
            std::error_code ec;
            std::filesystem::path dir = std::filesystem::absolute(options->project_dir, ec).lexically_normal();
            auto project = project::load_project_config(files, dir);
            if (!project) {
              context.report(project.error());
              return kExitFailure;
            }
            project::DepsOptions deps;
            deps.project_dir = dir;
            deps.project_name = project->name;
            deps.packages_install_path = project->packages_install_path;
            deps.upgrade = options->upgrade;
            deps.lock_only = options->lock_only;
            project::DepsLog log;
            log.info = [&context](const std::string& line) { context.info(line); };
            log.warning = [&context](const Error& warning) {
              if (context.options.log_format == LogFormat::Json) {
                nlohmann::ordered_json event = {{"level", "warning"}, {"msg", warning.message}};
                if (warning.span.known()) {
                  event["file"] = warning.span.file();
                  event["line"] = warning.span.line;
                  event["column"] = warning.span.column;
                }
                if (!warning.hint.empty()) event["hint"] = warning.hint;
                std::cerr << event.dump() << "\n";
                return;
              }
              std::cerr << render_warning(warning, context.color_stderr());
            };
            auto outcome = project::run_deps(deps, log);
            if (!outcome) {
              context.report(outcome.error());
              return kExitFailure;
            }
            if (outcome->up_to_date) return kExitOk;  // run_deps said so
            if (options->lock_only) {
              context.info("Resolved " + plural(outcome->kept.size() + outcome->installed.size(), "package") +
                           " into package-lock.yml");
              return kExitOk;
            }
            context.info("Installed " + plural(outcome->installed.size(), "package") + ", kept " +
                         std::to_string(outcome->kept.size()) + ", removed " + std::to_string(outcome->removed.size()));
            return kExitOk;
          }};
}

}  // namespace strata::cli
