#pragma once
// `strata deps`: resolves packages.yml (or the matching package-lock.yml) into a set of
// named packages, installs them under <project>/<packages-install-path>/<name>, removes
// what is no longer listed and writes package-lock.yml. An unchanged spec, lock and
// install directory make it a no-op that starts no process and writes nothing.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "project/package_env_var.h"
#include "project/packages_spec.h"

namespace strata::project {

struct DepsOptions {
  std::filesystem::path project_dir;        // holds dbt_project.yml
  std::string project_name;                 // the root project's name (a package may not reuse it)
  std::string packages_install_path = "dbt_packages";
  bool upgrade = false;                     // re-resolve from packages.yml even if the lock matches
  bool lock_only = false;                   // resolve and write package-lock.yml, install nothing
  std::chrono::milliseconds git_timeout{std::chrono::minutes(5)};
  EnvLookup env = process_env();
};

struct DepsOutcome {
  bool up_to_date = false;
  std::vector<std::string> installed;  // package names (re)installed
  std::vector<std::string> kept;       // already installed as resolved
  std::vector<std::string> removed;    // no longer listed
  bool lock_written = false;
};

// Progress lines ("Installing dbt_utils ...") and warnings (unpinned git packages,
// unsupported `projects:`), reported as they happen.
struct DepsLog {
  std::function<void(const std::string&)> info = [](const std::string&) {};
  std::function<void(const Error&)> warning = [](const Error&) {};
};

Result<DepsOutcome> run_deps(const DepsOptions& options, const DepsLog& log);

}  // namespace strata::project
