#pragma once
// Resolution for `strata deps`: turns packages.yml entries (or a matching package-lock.yml)
// into named packages ready to install. Git packages are cloned into a staging folder,
// each package's own packages.yml is followed, duplicates are merged and conflicts
// (one repository at two revisions, two sources for one name) are errors naming both.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "project/package_git.h"
#include "project/package_installer.h"

namespace strata::project {

struct ResolvedPackage {
  PackageEntry entry;                // as locked: `name` set; git `revision` is the pinned commit
  std::string requested;             // git: the revision as written (empty: default branch)
  std::string declared_in;           // file:line:col of the entry that asked for it
  std::string identity;              // source + pinned revision: equal identity = same install
  std::filesystem::path local_dir;   // local: the source directory
  std::filesystem::path staged_dir;  // git: the checked-out package directory (empty until fetched)
};

// "git <url> at v1.0 (1a2b3c4d5e)" / "local ../pkg", for progress lines and errors.
std::string describe_package(const ResolvedPackage& package);

class PackageResolver {
 public:
  // `staging` receives git checkouts (may be empty when only from_lock is used).
  PackageResolver(const DepsOptions& options, const DepsLog& log, std::filesystem::path staging, const GitClient& git)
      : options_(options), log_(log), staging_(std::move(staging)), git_(git) {}

  // Full resolution from packages.yml: fetches every git package and follows each
  // package's own packages.yml.
  Result<std::vector<ResolvedPackage>> resolve(const std::vector<PackageEntry>& roots);

  // From a matching package-lock.yml: no transitive walk (the lock lists every package)
  // and no fetch yet (git packages are fetched only when not already installed).
  Result<std::vector<ResolvedPackage>> from_lock(const std::vector<PackageEntry>& locked) const;

  // Checks out a locked git package into the staging folder.
  Status fetch_locked(ResolvedPackage& package);

 private:
  struct Pending {
    PackageEntry entry;
    std::string required_by;  // empty for the root project's own entries
  };

  std::string identity_key(const PackageEntry& entry) const;
  std::string display_dir(const ResolvedPackage& package) const;
  Result<ResolvedPackage> fetch(const PackageEntry& entry, const std::string& required_by);

  const DepsOptions& options_;
  const DepsLog& log_;
  std::filesystem::path staging_;
  const GitClient& git_;
  RealFileSystem files_;
  std::vector<ResolvedPackage> out_;
  std::map<std::string, size_t> by_key_, by_name_;
  int fetch_count_ = 0;
};

}  // namespace strata::project
