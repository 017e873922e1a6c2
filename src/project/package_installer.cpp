#include "project/package_installer.h"

#include <stdlib.h>

#include <deque>
#include <map>
#include <set>

#include "project/package_git.h"
#include "project/package_lock.h"

namespace strata::project {

namespace fs = std::filesystem;

namespace {

// Records what each installed directory came from, so an unchanged run can prove it is
// up to date without touching git or the network.
constexpr const char* kStateFile = ".strata-deps.json";
constexpr const char* kStagingPrefix = ".strata-staging-";

struct Resolved {
  PackageEntry entry;          // as locked: `name` set; git `revision` is the pinned commit
  std::string requested;       // git: the revision as written (empty: default branch)
  std::string declared_in;     // file:line:col of the entry that asked for it
  std::string identity;        // source + pinned revision: equal identity = same install
  fs::path local_dir;          // local: the source directory
  fs::path staged_dir;         // git: the checked-out package directory (empty until fetched)
};

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

std::string describe(const Resolved& r) {
  if (r.entry.source == PackageSource::Local) return "local " + r.entry.location;
  std::string out = "git " + r.entry.location;
  if (!r.entry.subdirectory.empty()) out += " (subdirectory " + r.entry.subdirectory + ")";
  std::string asked = r.requested.empty() ? "the default branch" : r.requested;
  out += " at " + short_sha(asked);
  if (asked != r.entry.revision) out += " (" + short_sha(r.entry.revision) + ")";
  return out;
}

class StagingDir {
 public:
  static Result<StagingDir> create(const fs::path& parent) {
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) return Error(ErrorCode::Io, "cannot create " + parent.string() + ": " + ec.message());
    // Folders left by an interrupted run.
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code ignored;
      if (it->path().filename().string().rfind(kStagingPrefix, 0) == 0) fs::remove_all(it->path(), ignored);
    }
    std::string pattern = (parent / (std::string(kStagingPrefix) + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr)
      return Error(ErrorCode::Io, "cannot create a staging directory in " + parent.string());
    return StagingDir(pattern);
  }
  StagingDir(StagingDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  StagingDir(const StagingDir&) = delete;
  ~StagingDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  explicit StagingDir(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

// dbt's rule for project names; it also keeps <install path>/<name> inside the install path.
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
        .with_hint("a package is a dbt project: point the entry at the folder holding its dbt_project.yml"
                   " (for git, use `subdirectory:` when it is not at the repository root)");
  auto content = files.read(path);
  if (!content) return std::move(content).error();
  auto source = std::make_shared<const SourceText>(SourceText{display + "dbt_project.yml", std::move(content).value()});
  auto doc = parse_yaml(source);
  if (!doc) return std::move(doc).error();
  YAML::Node name = doc->root.IsMap() ? doc->root["name"] : YAML::Node();
  if (!name || !name.IsScalar() || name.Scalar().empty()) {
    SourceSpan span;
    span.source = source;
    span.line = 1;
    span.column = 1;
    return Error(ErrorCode::Config, source->path + " has no 'name'", span).with_hint("the package's dbt_project.yml needs `name:`");
  }
  if (!valid_package_name(name.Scalar()))
    return doc->error_at(name, "package name '" + name.Scalar() + "' is not a valid identifier")
        .with_hint("a dbt project name has letters, digits and underscores and does not start with a digit");
  return name.Scalar();
}

Error hub_error(const PackageEntry& entry, const std::string& required_by) {
  std::string version = entry.version.is_null() ? "" : entry.version.is_string() ? entry.version.get<std::string>()
                                                                                   : entry.version.dump();
  std::string message = "package '" + entry.location + "' comes from the dbt Hub registry (hub.getdbt.com), "
                        "which strata does not reach";
  if (!required_by.empty()) message += " (required by " + required_by + ")";
  return Error(ErrorCode::Config, message, entry.location_span)
      .with_hint("replace it with a `git:` entry for the package's repository and `revision:` set to the tag of "
                 "version " + (version.empty() ? std::string("you need") : version) +
                 ", or a `local:` entry pointing at a checkout; strata makes no network call for hub packages");
}

class Resolver {
 public:
  Resolver(const DepsOptions& options, const DepsLog& log, const fs::path& staging, const GitClient& git)
      : options_(options), log_(log), staging_(staging), git_(git) {}

  // Full resolution from packages.yml: fetches every git package and follows each
  // package's own packages.yml.
  Result<std::vector<Resolved>> resolve(const std::vector<PackageEntry>& roots) {
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
        const Resolved& earlier = out_[it->second];
        if (entry.source == PackageSource::Git && earlier.requested != entry.revision)
          return Error(ErrorCode::Config,
                       "repository " + entry.location + " is required at two revisions: '" + display_rev(earlier.requested) +
                           "' (" + earlier.declared_in + ") and '" + display_rev(entry.revision) + "'",
                       entry.revision_span)
              .reached_from("first required", earlier.entry.revision_span)
              .with_hint("require the same revision everywhere (pin it in the root project's packages.yml)");
        continue;  // the same package, already resolved
      }
      auto resolved = fetch(entry, pending.required_by);
      if (!resolved) return std::move(resolved).error();
      Resolved r = std::move(resolved).value();
      if (auto it = by_name_.find(r.entry.name); it != by_name_.end()) {
        const Resolved& earlier = out_[it->second];
        return Error(ErrorCode::Config,
                     "package '" + r.entry.name + "' is required from two sources: " + describe(earlier) + " (" +
                         earlier.declared_in + ") and " + describe(r),
                     entry.span)
            .reached_from("first required", earlier.entry.span)
            .with_hint("keep one entry for '" + r.entry.name + "' (in the root project's packages.yml)");
      }
      if (r.entry.name == options_.project_name)
        return Error(ErrorCode::Config, "package at " + describe(r) + " has the root project's name '" + r.entry.name + "'",
                     entry.span)
            .with_hint("a project cannot install itself as a package");
      if (entry.source == PackageSource::Git && entry.warn_unpinned && pending.required_by.empty()) {
        if (entry.revision.empty())
          log_.warning(Error(ErrorCode::Config, "git package " + entry.location + " is not pinned, using the default branch",
                             entry.location_span)
                           .with_hint("add `revision:` with a tag or commit sha for reproducible installs, or "
                                      "`warn-unpinned: false` to silence this"));
        else if (entry.revision == "main" || entry.revision == "master")
          log_.warning(Error(ErrorCode::Config, "git package " + entry.location + " is pinned to the '" + entry.revision +
                                                    "' branch",
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
  Result<std::vector<Resolved>> from_lock(const std::vector<PackageEntry>& locked) {
    std::vector<Resolved> out;
    for (const auto& entry : locked) {
      if (entry.source == PackageSource::Hub) return hub_error(entry, "package-lock.yml");
      if (entry.source != PackageSource::Local && entry.source != PackageSource::Git)
        return Error(ErrorCode::Config, std::string(package_source_name(entry.source)) + " packages are not supported by strata",
                     entry.location_span);
      if (!valid_package_name(entry.name))
        return Error(ErrorCode::Config, "package-lock.yml names a package '" + entry.name + "', which is not a valid name",
                     entry.span)
            .with_hint("delete package-lock.yml and rerun `strata deps`");
      Resolved r;
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
  Status fetch_locked(Resolved& r) {
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

 private:
  struct Pending {
    PackageEntry entry;
    std::string required_by;  // empty for the root project's own entries
  };

  // Hub, tarball and private entries: strata installs none of them.
  static Status refuse(const PackageEntry& entry, const std::string& required_by) {
    switch (entry.source) {
      case PackageSource::Hub: return hub_error(entry, required_by);
      case PackageSource::Tarball:
        return Error(ErrorCode::Config, "tarball packages are not supported by strata", entry.location_span)
            .with_hint("download and unpack the archive, then install it with a `local:` entry");
      case PackageSource::Private:
        return Error(ErrorCode::Config, "`private:` packages (dbt Cloud git integrations) are not supported by strata",
                     entry.location_span)
            .with_hint("use a `git:` entry with the repository URL instead");
      case PackageSource::Local:
      case PackageSource::Git: break;
    }
    return {};
  }

  static std::string display_rev(const std::string& revision) { return revision.empty() ? "HEAD" : revision; }

  std::string identity_key(const PackageEntry& entry) const {
    if (entry.source == PackageSource::Local) return "local:" + absolute_local(options_.project_dir, entry.location).string();
    return "git:" + entry.location + "//" + entry.subdirectory;
  }

  std::string display_dir(const Resolved& r) const {
    if (r.entry.source == PackageSource::Local) {
      std::string rel = r.local_dir.lexically_relative(options_.project_dir).generic_string();
      return (rel.empty() ? r.local_dir.generic_string() : rel) + "/";
    }
    return options_.packages_install_path + "/" + r.entry.name + "/";
  }

  Result<Resolved> fetch(const PackageEntry& entry, const std::string& required_by) {
    Resolved r;
    r.entry = entry;
    r.requested = entry.revision;
    r.declared_in = entry.span.location();
    fs::path package_dir;
    std::string display;
    if (entry.source == PackageSource::Local) {
      r.local_dir = absolute_local(options_.project_dir, entry.location);
      std::error_code ec;
      if (!fs::is_directory(r.local_dir, ec))
        return Error(ErrorCode::Config,
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
        return Error(ErrorCode::Config, "subdirectory '" + entry.subdirectory + "' must stay inside the repository", entry.span);
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

  const DepsOptions& options_;
  const DepsLog& log_;
  fs::path staging_;
  const GitClient& git_;
  RealFileSystem files_;
  std::vector<Resolved> out_;
  std::map<std::string, size_t> by_key_, by_name_;
  int fetch_count_ = 0;
};

// ---- install state ----

using InstallState = std::map<std::string, std::string>;  // package name -> identity

InstallState read_state(const RealFileSystem& files, const fs::path& install_root) {
  InstallState state;
  auto content = files.read(install_root / kStateFile);
  if (!content) return state;
  Json json = Json::parse(*content, nullptr, false);
  if (!json.is_object() || !json.contains("packages") || !json["packages"].is_object()) return state;
  for (const auto& item : json["packages"].items())
    if (item.value().is_string()) state[item.key()] = item.value().get<std::string>();
  return state;
}

std::string render_state(const InstallState& state) {
  Json json = {{"written_by", "strata deps"}, {"packages", Json::object()}};
  for (const auto& [name, identity] : state) json["packages"][name] = identity;
  return json.dump(2) + "\n";
}

bool entry_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

// Directory entries of the install root that are neither packages nor strata's own files.
std::vector<std::string> installed_names(const fs::path& install_root) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(install_root, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name == kStateFile || name.rfind(kStagingPrefix, 0) == 0) continue;
    out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool installed_as_resolved(const std::vector<Resolved>& resolved, const InstallState& state, const fs::path& install_root) {
  if (state.size() != resolved.size()) return false;
  std::vector<std::string> names;
  for (const auto& r : resolved) {
    auto it = state.find(r.entry.name);
    std::error_code ec;
    if (it == state.end() || it->second != r.identity || !fs::exists(install_root / r.entry.name, ec)) return false;
    names.push_back(r.entry.name);
  }
  std::sort(names.begin(), names.end());
  return names == installed_names(install_root);
}

Status copy_tree(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
  if (ec) return Error(ErrorCode::Io, "cannot copy " + from.string() + " to " + to.string() + ": " + ec.message());
  return {};
}

Status place(const Resolved& r, const fs::path& dest) {
  std::error_code ec;
  if (entry_exists(dest)) fs::remove_all(dest, ec);  // a symlink is removed, not followed
  if (ec) return Error(ErrorCode::Io, "cannot remove " + dest.string() + ": " + ec.message());
  if (r.entry.source == PackageSource::Local) {
    // As dbt: a symlink keeps edits to the local package live; copy where links fail.
    fs::create_directory_symlink(r.local_dir, dest, ec);
    if (!ec) return {};
    return copy_tree(r.local_dir, dest);
  }
  fs::rename(r.staged_dir, dest, ec);
  if (!ec) return {};
  return copy_tree(r.staged_dir, dest);
}

Status write_if_changed(const RealFileSystem& files, const fs::path& path, const std::string& text, bool& written) {
  auto old = files.read(path);
  if (old && *old == text) return {};
  written = true;
  return files.write(path, text);
}

}  // namespace

Result<DepsOutcome> run_deps(const DepsOptions& options, const DepsLog& log) {
  RealFileSystem files;
  DepsOutcome outcome;
  const fs::path& root = options.project_dir;
  fs::path install_root = fs::path(options.packages_install_path).is_absolute()
                              ? fs::path(options.packages_install_path)
                              : root / options.packages_install_path;
  {
    std::error_code ec;
    fs::path canonical_install = fs::weakly_canonical(install_root, ec);
    fs::path canonical_root = fs::weakly_canonical(root, ec);
    auto rel = canonical_root.lexically_relative(canonical_install);
    if (!rel.empty() && *rel.begin() != "..")  // the install path is the project or one of its parents
      return Error(ErrorCode::Config, "packages-install-path '" + options.packages_install_path +
                                          "' would hold the project itself; strata deps removes unlisted entries there")
          .with_hint("set packages-install-path in dbt_project.yml to a folder of its own, such as dbt_packages");
  }

  auto spec = load_packages_file(files, root, "", options.env);
  if (!spec) return std::move(spec).error();
  std::vector<PackageEntry> roots;
  if (*spec) {
    for (const auto& warning : (*spec)->warnings) log.warning(warning);
    roots = (*spec)->packages;
  }
  auto lock = read_package_lock(files, root);
  if (!lock) return std::move(lock).error().with_hint("fix package-lock.yml, or delete it and rerun `strata deps`");

  if (roots.empty()) {
    log.info("No packages found in packages.yml or dependencies.yml");
    for (const auto& name : installed_names(install_root)) {
      std::error_code ec;
      fs::remove_all(install_root / name, ec);
      outcome.removed.push_back(name);
      log.info("Removed " + options.packages_install_path + "/" + name + " (no longer listed)");
    }
    std::error_code ec;
    fs::remove(install_root / kStateFile, ec);
    if (*lock && !options.lock_only) fs::remove(root / kPackageLockFile, ec);
    outcome.up_to_date = outcome.removed.empty();
    return outcome;
  }

  const std::string hash = packages_spec_hash(roots);
  bool use_lock = *lock && (*lock)->sha1_hash == hash && !options.upgrade;
  std::vector<PackageEntry> locked_entries;
  if (use_lock) {
    auto entries = package_lock_entries(**lock, options.env);
    if (!entries) return std::move(entries).error().with_hint("fix package-lock.yml, or delete it and rerun `strata deps`");
    locked_entries = std::move(entries).value();
    for (const auto& entry : locked_entries) use_lock = use_lock && !entry.name.empty();
    if (!use_lock) log.info("package-lock.yml has no package names (an older dbt wrote it); resolving again");
  }

  GitClient git(root, options.git_timeout);
  InstallState state = read_state(files, install_root);
  std::vector<Resolved> resolved;
  std::optional<StagingDir> staging;
  auto ensure_staging = [&]() -> Status {
    if (staging) return {};
    auto created = StagingDir::create(install_root);
    if (!created) return std::move(created).error();
    staging.emplace(std::move(created).value());
    return {};
  };

  if (use_lock) {
    Resolver locked(options, log, fs::path(), git);
    auto from_lock = locked.from_lock(locked_entries);
    if (!from_lock) return std::move(from_lock).error();
    resolved = std::move(from_lock).value();
    if (options.lock_only || installed_as_resolved(resolved, state, install_root)) {
      outcome.up_to_date = true;
      for (const auto& r : resolved) outcome.kept.push_back(r.entry.name);
      std::string count = std::to_string(resolved.size()) + " package" + (resolved.size() == 1 ? "" : "s");
      log.info(options.lock_only ? "Up to date: package-lock.yml matches packages.yml (" + count + ")"
                                 : "Up to date: " + count + " installed as in package-lock.yml");
      return outcome;
    }
  } else {
    STRATA_TRY(ensure_staging());
    Resolver resolver(options, log, staging->path(), git);
    auto full = resolver.resolve(roots);
    if (!full) return std::move(full).error();
    resolved = std::move(full).value();
  }

  if (!options.lock_only) {
    std::error_code ec;
    fs::create_directories(install_root, ec);
    if (ec) return Error(ErrorCode::Io, "cannot create " + install_root.string() + ": " + ec.message());
    InstallState new_state;
    for (auto& r : resolved) {
      fs::path dest = install_root / r.entry.name;
      new_state[r.entry.name] = r.identity;
      auto it = state.find(r.entry.name);
      if (it != state.end() && it->second == r.identity && fs::exists(dest, ec)) {
        outcome.kept.push_back(r.entry.name);
        continue;
      }
      if (r.entry.source == PackageSource::Git && r.staged_dir.empty()) {
        STRATA_TRY(ensure_staging());
        Resolver fetcher(options, log, staging->path(), git);
        STRATA_TRY(fetcher.fetch_locked(r));
      }
      log.info("Installing " + r.entry.name + " from " + describe(r));
      STRATA_TRY(place(r, dest));
      outcome.installed.push_back(r.entry.name);
    }
    std::set<std::string> wanted;
    for (const auto& r : resolved) wanted.insert(r.entry.name);
    for (const auto& name : installed_names(install_root)) {
      if (wanted.count(name)) continue;
      fs::remove_all(install_root / name, ec);
      if (ec) return Error(ErrorCode::Io, "cannot remove " + (install_root / name).string() + ": " + ec.message());
      outcome.removed.push_back(name);
      log.info("Removed " + options.packages_install_path + "/" + name + " (no longer listed)");
    }
    bool state_written = false;
    STRATA_TRY(write_if_changed(files, install_root / kStateFile, render_state(new_state), state_written));
  }

  if (options.lock_only) {
    for (const auto& r : resolved) outcome.kept.push_back(r.entry.name);
    staging.reset();
    std::error_code ec;
    if (fs::is_empty(install_root, ec)) fs::remove(install_root, ec);  // only the staging area made it
  }
  std::vector<PackageEntry> locked;
  for (const auto& r : resolved) locked.push_back(r.entry);
  STRATA_TRY(write_if_changed(files, root / kPackageLockFile, render_package_lock(locked, hash), outcome.lock_written));
  if (outcome.lock_written) log.info("Wrote package-lock.yml");
  outcome.up_to_date = outcome.installed.empty() && outcome.removed.empty() && !outcome.lock_written;
  if (outcome.up_to_date)
    log.info("Up to date: " + std::to_string(resolved.size()) + " package" + (resolved.size() == 1 ? "" : "s") +
             " already installed as resolved");
  return outcome;
}

}  // namespace strata::project
