#include "project/package_lock.h"

#include <map>

namespace strata::project {

namespace fs = std::filesystem;

namespace {

bool plain_safe_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_./:@+~-=,").find(c) != std::string_view::npos;
}

// A scalar written plain when YAML reads it back as the same string, single-quoted otherwise.
std::string yaml_scalar(const std::string& text) {
  bool plain = !text.empty() && (std::isalnum(static_cast<unsigned char>(text.front())) || text.front() == '.' || text.front() == '/' || text.front() == '_');
  for (char c : text) plain = plain && plain_safe_char(c);
  if (plain && text.find(": ") == std::string::npos) {
    yaml::ParseResult parsed = yaml::parse(text);
    yaml::Node node = parsed.tree ? parsed.tree->root() : yaml::Node();
    plain = node.IsScalar() && node.Scalar() == text && scalar_to_json(node).is_string();
  }
  if (plain) return text;
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string yaml_value(const Json& value) {
  if (value.is_string()) return yaml_scalar(value.get<std::string>());
  if (value.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < value.size(); ++i) out += (i > 0 ? ", " : "") + yaml_value(value[i]);
    return out + "]";
  }
  return value.dump();
}

// The lock entry as dbt writes it: the pinned source plus the installed project's name.
Json lock_entry(const PackageEntry& entry) {
  Json out = Json::object();
  switch (entry.source) {
    case PackageSource::Local: out["local"] = entry.location_unrendered; break;
    case PackageSource::Git:
    case PackageSource::Private:
      out[package_source_name(entry.source)] = entry.location_unrendered;
      out["revision"] = entry.revision;
      if (!entry.subdirectory.empty()) out["subdirectory"] = entry.subdirectory;
      break;
    case PackageSource::Hub:
      out["package"] = entry.location;
      out["version"] = entry.version;
      break;
    case PackageSource::Tarball: out["tarball"] = entry.location_unrendered; break;
  }
  out["name"] = entry.name;
  return out;
}

}  // namespace

Result<std::optional<PackageLock>> read_package_lock(const FileSystem& files, const fs::path& project_dir) {
  fs::path path = project_dir / kPackageLockFile;
  if (!files.exists(path)) return std::optional<PackageLock>();
  auto content = files.read(path);
  if (!content) return std::move(content).error();
  PackageLock lock;
  lock.source = std::make_shared<const SourceText>(SourceText{kPackageLockFile, std::move(content).value()});
  auto doc = parse_yaml(lock.source);
  if (!doc) return std::move(doc).error();
  if (doc->root.IsMap() && doc->root["sha1_hash"] && doc->root["sha1_hash"].IsScalar())
    lock.sha1_hash = doc->root["sha1_hash"].Scalar();
  return std::optional<PackageLock>(std::move(lock));
}

Result<std::vector<PackageEntry>> package_lock_entries(const PackageLock& lock, const EnvLookup& env) {
  auto parsed = parse_packages_file(lock.source, env, PackagesFileKind::Lock);
  if (!parsed) return std::move(parsed).error();
  return std::move(parsed->packages);
}

std::string render_package_lock(const std::vector<PackageEntry>& packages, const std::string& sha1_hash) {
  std::string out = "packages:\n";
  for (const auto& entry : packages) {
    // Keys sorted, as PyYAML's dump writes them.
    std::map<std::string, Json> sorted;
    const Json fields = lock_entry(entry);
    for (const auto& item : fields.items()) sorted[item.key()] = item.value();
    bool first = true;
    for (const auto& [key, value] : sorted) {
      out += first ? "  - " : "    ";
      out += key + ": " + yaml_value(value) + "\n";
      first = false;
    }
  }
  out += "sha1_hash: " + sha1_hash + "\n";
  return out;
}

}  // namespace strata::project
