#pragma once
// package-lock.yml: every package `strata deps` installed (transitive ones too), pinned
// (git entries carry the resolved commit sha), plus the sha1_hash of the packages spec it
// was resolved from. Same layout as dbt's, so either tool can read the other's lock.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "project/packages_spec.h"

namespace strata::project {

inline constexpr const char* kPackageLockFile = "package-lock.yml";

struct PackageLock {
  std::shared_ptr<const SourceText> source;
  std::string sha1_hash;
};

// nullopt when the project has no package-lock.yml. Only the YAML and sha1_hash are read
// here: entries may use env_var() (git urls are locked unrendered), so they are rendered
// only when the lock is used.
Result<std::optional<PackageLock>> read_package_lock(const FileSystem& files, const std::filesystem::path& project_dir);

// The locked packages, each with `name`, rendered with `env`.
Result<std::vector<PackageEntry>> package_lock_entries(const PackageLock& lock, const EnvLookup& env);

// The lock's text for the resolved packages (each `name` set; git `revision` a sha).
std::string render_package_lock(const std::vector<PackageEntry>& packages, const std::string& sha1_hash);

}  // namespace strata::project
