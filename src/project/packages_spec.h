#pragma once
// packages.yml / dependencies.yml (and the entries of package-lock.yml, which share their
// shape): what a project asks `strata deps` to install, with the YAML position of every
// entry so a bad entry is reported at file:line:col.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/file_system.h"
#include "project/package_env_var.h"
#include "project/yaml_document.h"

namespace strata::project {

enum class PackageSource { Local, Git, Hub, Tarball, Private };

const char* package_source_name(PackageSource source);

struct PackageEntry {
  PackageSource source = PackageSource::Local;
  std::string location;             // rendered: local path, git url, hub "org/name", tarball url
  std::string location_unrendered;  // as written (the lock keeps git urls unrendered, as dbt)
  std::string revision;             // git: branch, tag or sha; empty = the default branch
  std::string subdirectory;         // git: the package's folder inside the repository
  bool warn_unpinned = true;
  Json version;                     // hub: a string or a list of ranges
  std::string name;                 // only in package-lock.yml (and tarball entries)
  Json spec = Json::object();       // the rendered entry, hashed into the lock's sha1_hash
  SourceSpan span;                  // the whole entry
  SourceSpan location_span;         // its local:/git:/package:/tarball: value
  SourceSpan revision_span;         // its revision: value (or the entry when absent)
};

struct PackagesFile {
  std::filesystem::path path;  // on disk
  std::shared_ptr<const SourceText> source;
  std::vector<PackageEntry> packages;
  std::vector<Error> warnings;  // e.g. `projects:` (cross-project refs) that strata ignores
};

enum class PackagesFileKind { Spec, Lock };

// Parses the text of a packages file. `kind` Lock also accepts each entry's `name:` and the
// top-level `sha1_hash:`.
Result<PackagesFile> parse_packages_file(std::shared_ptr<const SourceText> source, const EnvLookup& env,
                                         PackagesFileKind kind = PackagesFileKind::Spec);

// Reads <dir>/packages.yml or <dir>/dependencies.yml (as dbt: packages.yml first; both
// declaring packages is an error). nullopt when the project has neither. `display_prefix`
// is prepended to file names in messages (e.g. "dbt_packages/utils/").
Result<std::optional<PackagesFile>> load_packages_file(const FileSystem& files, const std::filesystem::path& dir,
                                                       const std::string& display_prefix, const EnvLookup& env);

// dbt's sha1_hash of a package list: sha1 of the sorted, newline-joined, key-sorted JSON of
// each rendered entry.
std::string packages_spec_hash(const std::vector<PackageEntry>& packages);

}  // namespace strata::project
