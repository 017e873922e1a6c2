#include "project/package_installer.h"

#include <stdlib.h>

#include <map>
#include <set>

#include "project/package_lock.h"
#include "project/package_resolver.h"

namespace strata::project {

namespace fs = std::filesystem;

namespace {

// Records what each installed directory came from, so an unchanged run can prove it is
// up to date without touching git or the network.
constexpr const char* kStateFile = ".strata-deps.json";
constexpr const char* kStagingPrefix = ".strata-staging-";

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

bool installed_as_resolved(const std::vector<ResolvedPackage>& resolved, const InstallState& state, const fs::path& install_root) {
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

Status place(const ResolvedPackage& r, const fs::path& dest) {
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
  std::vector<ResolvedPackage> resolved;
  std::optional<StagingDir> staging;
  auto ensure_staging = [&]() -> Status {
    if (staging) return {};
    auto created = StagingDir::create(install_root);
    if (!created) return std::move(created).error();
    staging.emplace(std::move(created).value());
    return {};
  };

  if (use_lock) {
    PackageResolver locked(options, log, fs::path(), git);
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
    PackageResolver resolver(options, log, staging->path(), git);
    auto full = resolver.resolve(roots);
    if (!full) return std::move(full).error();
    resolved = std::move(full).value();
  }

  if (!options.lock_only) {
    std::error_code ec;
    fs::create_directories(install_root, ec);
    if (ec) return Error(ErrorCode::Io, "cannot create " + install_root.string() + ": " + ec.message());
    // The record goes before the first change and comes back at the end: an interrupted
    // install then reinstalls everything rather than trusting a stale record.
    bool record_removed = false;
    auto before_change = [&] {
      if (!record_removed) fs::remove(install_root / kStateFile, ec);
      record_removed = true;
    };
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
        PackageResolver fetcher(options, log, staging->path(), git);
        STRATA_TRY(fetcher.fetch_locked(r));
      }
      log.info("Installing " + r.entry.name + " from " + describe_package(r));
      before_change();
      STRATA_TRY(place(r, dest));
      outcome.installed.push_back(r.entry.name);
    }
    std::set<std::string> wanted;
    for (const auto& r : resolved) wanted.insert(r.entry.name);
    for (const auto& name : installed_names(install_root)) {
      if (wanted.count(name)) continue;
      before_change();
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
