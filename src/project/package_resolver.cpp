#include "project/package_resolver.h"

#include <deque>

namespace strata::project {

namespace fs = std::filesystem;

namespace {

std::string short_sha(const std::string& sha) { return looks_like_sha(sha) ? sha.substr(0, 10) : sha; }

fs::path absolute_local(const fs::path& root, const std::string& location) {
  std::error_code ec;
  fs::path path = fs::path(location).is_absolute() ? fs::path(location) : root / location;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path.lexically_normal() : canonical;
}

std::string identity_of(const PackageEntry& entry, const fs::path& root) {
  if (entry.source == PackageSource::Local) return "local:" + absolute_local(root, entry.location).string();
  std::string id = "git:" + entry.location + "@" + entry.revision;
  if (!entry.subdirectory.empty()) id += "//" + entry.subdirectory;
  return id;
}

bool valid_package_name(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

Result<std::string> read_package_name(const RealFileSystem& files, const fs::path& dir, const std::string& display,
                                      const SourceSpan& where) {
  fs::path path = dir / "dbt_project.yml";
  if (!files.exists(path))
    return Error(ErrorCode::Config, "package at " + display + " has no dbt_project.yml", where)
        .with_hint(
            "a package is a dbt project: point the entry at the folder holding its dbt_project.yml"
            " (for git, use `subdirectory:` when it is not at the repository root)");
  auto content = files.read(path);
  if (!content) return std::move(content).error();
  auto source = std::make_shared<const SourceText>(SourceText{display + "dbt_project.yml", std::move(content).value()});
  auto doc = parse_yaml(source);
  if (!doc) return std::move(doc).error();
  yaml::Node name = doc->root.IsMap() ? doc->root["name"] : yaml::Node();
  if (!name || !name.IsScalar() || name.Scalar().empty()) {
    SourceSpan span;
    span.source = source;
    span.line = 1;
    span.column = 1;
    return Error(ErrorCode::Config, source->path + " has no 'name'", span)
        .with_hint("the package's dbt_project.yml needs `name:`");
  }
  if (!valid_package_name(name.Scalar()))
    return doc->error_at(name, "package name '" + name.Scalar() + "' is not a valid identifier")
        .with_hint("a dbt project name has letters, digits and underscores and does not start with a digit");
  return name.Scalar();
}

Error hub_error(const PackageEntry& entry, const std::string& required_by) {
  std::string version = entry.version.is_null()     ? ""
                        : entry.version.is_string() ? entry.version.get<std::string>()
                                                    : entry.version.dump();
  std::string message = "package '" + entry.location +
                        "' comes from the dbt Hub registry (hub.getdbt.com), which strata does not reach";
  if (!required_by.empty()) message += " (required by " + required_by + ")";
  std::string wanted = version.empty() ? std::string("the version you need") : "version " + version;
  return Error(ErrorCode::Config, message, entry.location_span)
      .with_hint("replace it with a `git:` entry for the package's repository with `revision:` set to the tag of " +
                 wanted + ", or a `local:` entry pointing at a checkout; strata makes no network call for hub packages");
}

// Hub, tarball and private entries: strata installs none of them.
Status refuse(const PackageEntry& entry, const std::string& required_by) {
  switch (entry.source) {
    case PackageSource::Hub:
      return hub_error(entry, required_by);
    case PackageSource::Tarball:
      return Error(ErrorCode::Config, "tarball packages are not supported by strata", entry.location_span)
          .with_hint("download and unpack the archive, then install it with a `local:` entry");
    case PackageSource::Private:
      return Error(ErrorCode::Config, "`private:` packages (dbt Cloud git integrations) are not supported by strata",
                   entry.location_span)
          .with_hint("use a `git:` entry with the repository URL instead");
    case PackageSource::Local:
    case PackageSource::Git:
      break;
  }
  return {};
}

std::string display_rev(const std::string& revision) { return revision.empty() ? "HEAD" : revision; }

}  // namespace

std::string describe_package(const ResolvedPackage& r) {
  if (r.entry.source == PackageSource::Local) return "local " + r.entry.location;
  std::string out = "git " + r.entry.location;
  if (!r.entry.subdirectory.empty()) out += " (subdirectory " + r.entry.subdirectory + ")";
  std::string asked = r.requested.empty() ? "the default branch" : r.requested;
  out += " at " + short_sha(asked);
  if (asked != r.entry.revision) out += " (" + short_sha(r.entry.revision) + ")";
  return out;
}

// Full resolution from packages.yml: fetches every git package and follows each
// package's own packages.yml.
Result<std::vector<ResolvedPackage>> PackageResolver::resolve(const std::vector<PackageEntry>& roots) {
  std::deque<Pending> queue;
  for (const auto& entry : roots) {
    // Fail on what cannot be installed before cloning anything.
    if (entry.source != PackageSource::Local && entry.source != PackageSource::Git) {
      auto refused = refuse(entry, "");
      if (!refused) return std::move(refused).error();
    }
    queue.push_back({entry, ""});
  }
  std::vector<Pending> hubs;
  while (!queue.empty()) {
    Pending pending = std::move(queue.front());
    queue.pop_front();
    const PackageEntry& entry = pending.entry;
    if (entry.source == PackageSource::Hub && !pending.required_by.empty()) {
      hubs.push_back(std::move(pending));  // a git/local package of the same name may satisfy it
      continue;
    }
    if (entry.source != PackageSource::Local && entry.source != PackageSource::Git) {
      auto refused = refuse(entry, pending.required_by);
      if (!refused) return std::move(refused).error();
    }
    std::string key = identity_key(entry);
    if (auto it = by_key_.find(key); it != by_key_.end()) {
      const ResolvedPackage& earlier = out_[it->second];
      if (entry.source == PackageSource::Git && earlier.requested != entry.revision)
        return Error(ErrorCode::Config,
                     "repository " + entry.location + " is required at two revisions: '" +
                         display_rev(earlier.requested) + "' (" + earlier.declared_in + ") and '" +
                         display_rev(entry.revision) + "'",
                     entry.revision_span)
            .reached_from("first required", earlier.entry.revision_span)
            .with_hint("require the same revision everywhere (pin it in the root project's packages.yml)");
      continue;  // the same package, already resolved
    }
    auto resolved = fetch(entry, pending.required_by);
    if (!resolved) return std::move(resolved).error();
    ResolvedPackage r = std::move(resolved).value();
    if (auto it = by_name_.find(r.entry.name); it != by_name_.end()) {
      const ResolvedPackage& earlier = out_[it->second];
      return Error(ErrorCode::Config,
                   "package '" + r.entry.name + "' is required from two sources: " + describe_package(earlier) + " (" +
                       earlier.declared_in + ") and " + describe_package(r),
                   entry.span)
          .reached_from("first required", earlier.entry.span)
          .with_hint("keep one entry for '" + r.entry.name + "' (in the root project's packages.yml)");
    }
    if (r.entry.name == options_.project_name)
      return Error(ErrorCode::Config,
                   "package at " + describe_package(r) + " has the root project's name '" + r.entry.name + "'",
                   entry.span)
          .with_hint("a project cannot install itself as a package");
    if (entry.source == PackageSource::Git && entry.warn_unpinned && pending.required_by.empty()) {
      if (entry.revision.empty())
        log_.warning(Error(ErrorCode::Config,
                           "git package " + entry.location + " is not pinned, using the default branch",
                           entry.location_span)
                         .with_hint("add `revision:` with a tag or commit sha for reproducible installs, or "
                                    "`warn-unpinned: false` to silence this"));
      else if (entry.revision == "main" || entry.revision == "master")
        log_.warning(Error(ErrorCode::Config,
                           "git package " + entry.location + " is pinned to the '" + entry.revision + "' branch",
                           entry.revision_span)
                         .with_hint("pin a tag or commit sha for reproducible installs, or `warn-unpinned: false`"));
    }
    fs::path package_dir = r.entry.source == PackageSource::Local ? r.local_dir : r.staged_dir;
    std::string display = display_dir(r);
    std::string name = r.entry.name;
    by_key_[key] = out_.size();
    by_name_[name] = out_.size();
    out_.push_back(std::move(r));

    auto nested = load_packages_file(files_, package_dir, display, options_.env);
    if (!nested) return std::move(nested).error();
    if (*nested) {
      for (const auto& warning : (*nested)->warnings) log_.warning(warning);
      for (const auto& child : (*nested)->packages) queue.push_back({child, name});
    }
  }
  for (const auto& hub : hubs) {
    std::string guess = hub.entry.location.substr(hub.entry.location.rfind('/') + 1);
    if (by_name_.count(guess) == 0) return hub_error(hub.entry, hub.required_by);
    log_.info("  " + hub.entry.location + " (required by " + hub.required_by + ") is provided by the installed '" +
              guess + "'");
  }
  return std::move(out_);
}

// Resolution from a matching package-lock.yml: no transitive walk (the lock lists every
// package) and no fetch yet (git packages are fetched only if not already installed).
Result<std::vector<ResolvedPackage>> PackageResolver::from_lock(const std::vector<PackageEntry>& locked) const {
  std::vector<ResolvedPackage> out;
  for (const auto& entry : locked) {
    if (entry.source == PackageSource::Hub) return hub_error(entry, "package-lock.yml");
    if (entry.source != PackageSource::Local && entry.source != PackageSource::Git)
      return Error(ErrorCode::Config,
                   std::string(package_source_name(entry.source)) + " packages are not supported by strata",
                   entry.location_span);
    if (!valid_package_name(entry.name))
      return Error(ErrorCode::Config,
                   "package-lock.yml names a package '" + entry.name + "', which is not a valid name", entry.span)
          .with_hint("delete package-lock.yml and rerun `strata deps`");
    ResolvedPackage r;
    r.entry = entry;
    r.requested = entry.revision;
    r.declared_in = entry.span.location();
    r.identity = identity_of(entry, options_.project_dir);
    if (entry.source == PackageSource::Local) r.local_dir = absolute_local(options_.project_dir, entry.location);
    out.push_back(std::move(r));
  }
  return out;
}

// Checks out a locked git package into the staging area.
Status PackageResolver::fetch_locked(ResolvedPackage& r) {
  auto fetched = fetch(r.entry, "");
  if (!fetched) return std::move(fetched).error();
  if (fetched->entry.name != r.entry.name)
    return Error(ErrorCode::Config,
                 "package-lock.yml names this package '" + r.entry.name + "' but its dbt_project.yml says '" +
                     fetched->entry.name + "'",
                 r.entry.span)
        .with_hint("run `strata deps --upgrade` to re-resolve the lock");
  r.staged_dir = fetched->staged_dir;
  return {};
}

std::string PackageResolver::identity_key(const PackageEntry& entry) const {
  if (entry.source == PackageSource::Local)
    return "local:" + absolute_local(options_.project_dir, entry.location).string();
  return "git:" + entry.location + "//" + entry.subdirectory;
}

std::string PackageResolver::display_dir(const ResolvedPackage& r) const {
  if (r.entry.source == PackageSource::Local) {
    std::string rel = r.local_dir.lexically_relative(options_.project_dir).generic_string();
    return (rel.empty() ? r.local_dir.generic_string() : rel) + "/";
  }
  return options_.packages_install_path + "/" + r.entry.name + "/";
}

Result<ResolvedPackage> PackageResolver::fetch(const PackageEntry& entry, const std::string& required_by) {
  ResolvedPackage r;
  r.entry = entry;
  r.requested = entry.revision;
  r.declared_in = entry.span.location();
  fs::path package_dir;
  std::string display;
  if (entry.source == PackageSource::Local) {
    r.local_dir = absolute_local(options_.project_dir, entry.location);
    std::error_code ec;
    if (!fs::is_directory(r.local_dir, ec))
      return Error(
                 ErrorCode::Config,
                 "local package path '" + entry.location + "' does not exist (looked for " + r.local_dir.string() + ")",
                 entry.location_span)
          .with_hint(std::string("fix the path; local package paths are relative to the root project's directory") +
                     (required_by.empty() ? "" : " (as in dbt), also in packages required by other packages"));
    package_dir = r.local_dir;
    std::string rel = r.local_dir.lexically_relative(options_.project_dir).generic_string();
    display = (rel.empty() ? r.local_dir.generic_string() : rel) + "/";
  } else {
    fs::path subdir = fs::path(entry.subdirectory).lexically_normal();
    if (!entry.subdirectory.empty() && (subdir.is_absolute() || *subdir.begin() == ".."))
      return Error(ErrorCode::Config, "subdirectory '" + entry.subdirectory + "' must stay inside the repository",
                   entry.span);
    fs::path checkout = staging_ / ("git-" + std::to_string(++fetch_count_));
    auto cloned = git_.clone_at(entry.location, entry.revision, checkout, entry.location_span, entry.revision_span);
    if (!cloned) return std::move(cloned).error();
    r.entry.revision = cloned->sha;  // the lock pins the commit
    std::error_code ec;
    fs::remove_all(checkout / ".git", ec);
    package_dir = entry.subdirectory.empty() ? checkout : checkout / subdir;
    if (!fs::is_directory(package_dir, ec))
      return Error(ErrorCode::Config,
                   "subdirectory '" + entry.subdirectory + "' not found in " + entry.location + " at " +
                       display_rev(entry.revision),
                   entry.span)
          .with_hint("check the folder name inside the repository at that revision");
    r.staged_dir = package_dir;
    display = entry.location + (entry.subdirectory.empty() ? "" : "//" + entry.subdirectory) + ": ";
  }
  auto name = read_package_name(files_, package_dir, display, entry.span);
  if (!name) return std::move(name).error();
  r.entry.name = *name;
  r.identity = identity_of(r.entry, options_.project_dir);
  return r;
}

}  // namespace strata::project
