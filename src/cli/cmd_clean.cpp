// strata clean [--project-dir DIR] [--no-clean-project-files-only]: deletes the folders in
// dbt_project.yml's clean-targets (dbt's default: the target path only), refusing source
// folders and, unless told otherwise, anything outside the project directory.
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "project/project_config.h"

namespace strata::cli {

namespace {

namespace fs = std::filesystem;

struct CleanOptions {
  std::string project_dir = ".";
  bool project_files_only = true;
};

// Inside `root` (strictly): `root` itself or its parents are not.
bool strictly_inside(const fs::path& path, const fs::path& root) {
  fs::path rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != ".." && rel != ".";
}

// The YAML node of clean-targets[i] (or the key) for error locations.
yaml::Node target_node(const project::ProjectConfig& config, size_t i) {
  yaml::Node list = config.document.root["clean-targets"];
  if (list && list.IsSequence() && i < list.size()) return list[i];
  if (list) return list;
  return config.document.root;
}

Status check_target(const project::ProjectConfig& config, const fs::path& root, const std::string& target, size_t index,
                    bool project_files_only) {
  fs::path path = (fs::path(target).is_absolute() ? fs::path(target) : root / target).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();
  std::error_code ec;
  // The folder holding the target, with symlinks resolved: a link must not lead outside.
  fs::path real_parent = fs::weakly_canonical(path.parent_path(), ec);
  fs::path real_root = fs::weakly_canonical(root, ec);
  bool explicit_targets = static_cast<bool>(config.document.root["clean-targets"]);
  auto located = [&](std::string message) {
    Error error = explicit_targets ? config.document.error_at(target_node(config, index), std::move(message))
                                   : Error(ErrorCode::Config, std::move(message));
    return error;
  };

  std::vector<std::string> sources;
  for (const auto* paths : {&config.model_paths, &config.seed_paths, &config.test_paths, &config.analysis_paths,
                            &config.macro_paths, &config.snapshot_paths})
    sources.insert(sources.end(), paths->begin(), paths->end());
  for (const auto& source : sources) {
    fs::path source_path = (root / source).lexically_normal();
    if (source_path.filename().empty()) source_path = source_path.parent_path();
    if (source_path == path || strictly_inside(source_path, path))
      return located("strata clean will not delete '" + target + "': it holds the project's source folder '" + source + "'")
          .with_hint("remove '" + target + "' from clean-targets in dbt_project.yml");
  }
  bool inside = strictly_inside(path, root) && (real_parent == real_root || strictly_inside(real_parent, real_root));
  if (!inside && project_files_only)
    return located("clean-targets path '" + target + "' is outside the project directory (" + root.string() +
                   "); strata clean will not delete it")
        .with_hint("remove it from clean-targets, or pass --no-clean-project-files-only to allow deleting it");
  return {};
}

}  // namespace

Command add_clean_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<CleanOptions>();
  CLI::App* app = parent.add_subcommand("clean", "Delete the folders listed in clean-targets (target/ by default)");
  app->add_option("--project-dir", options->project_dir, "The dbt project directory (default: current directory)");
  app->add_flag("--clean-project-files-only,!--no-clean-project-files-only", options->project_files_only,
                "Refuse to delete paths outside the project directory (default: on)");

  return {app, [options, &context]() -> int {
            RealFileSystem files;
            std::error_code ec;
            fs::path root = fs::absolute(options->project_dir, ec).lexically_normal();
            if (root.filename().empty()) root = root.parent_path();
            auto config = project::load_project_config(files, root);
            if (!config) {
              context.report(config.error());
              return kExitFailure;
            }
            // dbt's default when clean-targets is absent is the target path alone.
            std::vector<std::string> targets = config->document.root["clean-targets"]
                                                   ? config->clean_targets
                                                   : std::vector<std::string>{config->target_path};
            // Check every path before deleting any, so a bad entry deletes nothing.
            for (size_t i = 0; i < targets.size(); ++i) {
              auto checked = check_target(*config, root, targets[i], i, options->project_files_only);
              if (!checked) {
                context.report(checked.error());
                return kExitFailure;
              }
            }
            int removed = 0;
            for (const auto& target : targets) {
              fs::path path = (fs::path(target).is_absolute() ? fs::path(target) : root / target).lexically_normal();
              if (path.filename().empty()) path = path.parent_path();
              if (!fs::exists(fs::symlink_status(path, ec))) {
                context.info("Nothing to remove at " + target + " (not present)");
                continue;
              }
              fs::remove_all(path, ec);  // a symlink is removed, not followed
              if (ec) {
                context.report(Error(ErrorCode::Io, "cannot remove " + path.string() + ": " + ec.message()));
                return kExitFailure;
              }
              ++removed;
              context.info("Removed " + target);
            }
            context.info("Finished cleaning: removed " + std::to_string(removed) + " of " +
                         std::to_string(targets.size()) + " clean-targets path" + (targets.size() == 1 ? "" : "s"));
            return kExitOk;
          }};
}

}  // namespace strata::cli
