#include "project/packages_spec.h"

#include <openssl/evp.h>

#include <algorithm>
#include <set>

namespace strata::project {

namespace fs = std::filesystem;

const char* package_source_name(PackageSource source) {
  switch (source) {
    case PackageSource::Local: return "local";
    case PackageSource::Git: return "git";
    case PackageSource::Hub: return "package";
    case PackageSource::Tarball: return "tarball";
    case PackageSource::Private: return "private";
  }
  return "unknown";
}

namespace {

struct EntryShape {
  PackageSource source;
  const char* key;
  std::vector<std::string> allowed;  // besides `key`
};

const std::vector<EntryShape>& entry_shapes() {
  static const std::vector<EntryShape> shapes = {
      {PackageSource::Local, "local", {}},
      {PackageSource::Git, "git", {"revision", "warn-unpinned", "subdirectory"}},
      {PackageSource::Hub, "package", {"version", "install-prerelease"}},
      {PackageSource::Tarball, "tarball", {"name"}},
      {PackageSource::Private, "private", {"provider", "revision", "warn-unpinned", "subdirectory"}},
  };
  return shapes;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "'" : ", '") + item + "'";
  return out;
}

class EntryParser {
 public:
  EntryParser(const YamlDocument& doc, const EnvLookup& env, PackagesFileKind kind) : doc_(doc), env_(env), kind_(kind) {}

  Result<PackageEntry> parse(const yaml::Node& node) {
    if (!node.IsMap())
      return doc_.error_at(node, "a package entry must be a mapping such as `- local: path` or `- git: url`")
          .with_hint("each item under 'packages:' needs one of 'local:', 'git:', 'package:'");
    const EntryShape* shape = nullptr;
    for (const auto& candidate : entry_shapes()) {
      if (!node[candidate.key]) continue;
      if (shape != nullptr)
        return doc_.error_at(node, std::string("a package entry has both '") + shape->key + "' and '" + candidate.key + "'")
            .with_hint("split it into two entries, one per package");
      shape = &candidate;
    }
    if (shape == nullptr)
      return doc_.error_at(node, "a package entry needs one of 'local:', 'git:', 'package:' or 'tarball:'")
          .with_hint("e.g. `- local: ../my_package` or `- git: https://host/org/repo.git` with `revision: v1.0`");

    PackageEntry entry;
    entry.source = shape->source;
    entry.span = doc_.span(node);
    entry.revision_span = entry.span;
    for (const auto& item : node) {
      const std::string key = item.first.Scalar();
      const yaml::Node& value = item.second;
      bool known = key == shape->key || std::find(shape->allowed.begin(), shape->allowed.end(), key) != shape->allowed.end() ||
                   (kind_ == PackagesFileKind::Lock && key == "name");
      if (!known) {
        std::vector<std::string> valid{shape->key};
        valid.insert(valid.end(), shape->allowed.begin(), shape->allowed.end());
        return doc_.error_at(item.first, "unknown key '" + key + "' in a " + shape->key + " package entry")
            .with_hint("valid keys here: " + join(valid));
      }
      if (key == "version") {
        if (!value.IsScalar() && !value.IsSequence())
          return doc_.error_at(value, "'version' must be a version or a list of version ranges");
        entry.version = yaml_to_json(value);
        entry.spec[key] = entry.version;
        continue;
      }
      if (key == "warn-unpinned" || key == "install-prerelease") {
        Json flag = value.IsScalar() ? scalar_to_json(value) : Json();
        if (!flag.is_boolean()) return doc_.error_at(value, "'" + key + "' must be true or false");
        if (key == "warn-unpinned") entry.warn_unpinned = flag.get<bool>();
        entry.spec[key] = flag;
        continue;
      }
      if (!value.IsScalar() || value.Scalar().empty())
        return doc_.error_at(value.IsNull() || !value.IsDefined() ? item.first : value, "'" + key + "' must be a non-empty string");
      auto rendered = render_env_vars(value.Scalar(), env_, content_span(value));
      if (!rendered) return std::move(rendered).error();
      std::string text = std::move(rendered).value();
      if (key == shape->key) {
        entry.location = text;
        entry.location_unrendered = value.Scalar();
        entry.location_span = doc_.span(value);
      } else if (key == "revision") {
        entry.revision = text;
        entry.revision_span = doc_.span(value);
      } else if (key == "subdirectory") {
        entry.subdirectory = text;
      } else if (key == "name") {
        entry.name = text;
      }
      if (key == "name" && kind_ == PackagesFileKind::Lock && shape->source != PackageSource::Tarball) continue;
      // Keep a revision such as `1.0` as YAML typed it (a float), as dbt hashes it.
      Json typed = scalar_to_json(value);
      entry.spec[key] = typed.is_string() || text != value.Scalar() ? Json(text) : typed;
    }
    return entry;
  }

 private:
  // Where a scalar's text starts: past the opening quote of a quoted scalar.
  SourceSpan content_span(const yaml::Node& value) const {
    SourceSpan span = doc_.span(value);
    if (span.source && span.line > 0 && span.column > 0) {
      std::string line = source_line(span.source->content, span.line);
      if (span.column <= line.size() && (line[span.column - 1] == '"' || line[span.column - 1] == '\''))
        ++span.column;
    }
    return span;
  }

  const YamlDocument& doc_;
  const EnvLookup& env_;
  PackagesFileKind kind_;
};

SourceSpan file_start(std::shared_ptr<const SourceText> source) {
  SourceSpan span;
  span.source = std::move(source);
  span.line = 1;
  span.column = 1;
  return span;
}

// Python's json.dumps(value, sort_keys=True): ", " and ": " separators, ASCII escapes.
std::string python_json(const Json& value) {
  if (value.is_object()) {
    std::vector<std::string> keys;
    for (const auto& item : value.items()) keys.push_back(item.key());
    std::sort(keys.begin(), keys.end());
    std::string out = "{";
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i > 0) out += ", ";
      out += Json(keys[i]).dump(-1, ' ', true) + ": " + python_json(value.at(keys[i]));
    }
    return out + "}";
  }
  if (value.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < value.size(); ++i) out += (i > 0 ? ", " : "") + python_json(value[i]);
    return out + "]";
  }
  return value.dump(-1, ' ', true);
}

std::string sha1_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha1(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xf];
  }
  return out;
}

}  // namespace

Result<PackagesFile> parse_packages_file(std::shared_ptr<const SourceText> source, const EnvLookup& env,
                                         PackagesFileKind kind) {
  auto parsed = parse_yaml(source);
  if (!parsed) return std::move(parsed).error();
  const YamlDocument& doc = *parsed;
  PackagesFile file;
  file.source = source;
  if (doc.root.IsNull() || !doc.root.IsDefined()) return file;  // an empty file lists nothing
  if (!doc.root.IsMap())
    return Error(ErrorCode::Config, source->path + " must be a mapping with a 'packages:' list", file_start(source))
        .with_hint("start the file with `packages:` followed by `- local: ...` or `- git: ...` items");

  for (const auto& item : doc.root) {
    const std::string key = item.first.Scalar();
    const yaml::Node& value = item.second;
    if (key == "packages") {
      if (value.IsNull()) continue;
      if (!value.IsSequence())
        return doc.error_at(value, "'packages' must be a list of package entries")
            .with_hint("write each package as a list item: `- local: ../my_package`");
      EntryParser parser(doc, env, kind);
      for (const auto& node : value) {
        auto entry = parser.parse(node);
        if (!entry) return std::move(entry).error();
        file.packages.push_back(std::move(entry).value());
      }
    } else if (key == "projects" && kind == PackagesFileKind::Spec) {
      if (!value.IsNull() && !(value.IsSequence() && value.size() == 0))
        file.warnings.push_back(
            doc.error_at(item.first, "cross-project references ('projects:') are not supported by strata; ignored")
                .with_hint("dbt Mesh projects resolve through dbt Cloud; install the other project as a `local:` or "
                           "`git:` package instead"));
    } else if (key == "sha1_hash" && kind == PackagesFileKind::Lock) {
      continue;
    } else {
      return doc.error_at(item.first, "unknown key '" + key + "' in " + source->path)
          .with_hint(kind == PackagesFileKind::Lock ? "package-lock.yml has 'packages' and 'sha1_hash'; "
                                                      "delete it and rerun `strata deps` to regenerate it"
                                                    : "the file takes 'packages:' (and 'projects:' in dependencies.yml)");
    }
  }
  return file;
}

Result<std::optional<PackagesFile>> load_packages_file(const FileSystem& files, const fs::path& dir,
                                                       const std::string& display_prefix, const EnvLookup& env) {
  std::optional<PackagesFile> chosen;
  for (const char* name : {"packages.yml", "dependencies.yml"}) {
    fs::path path = dir / name;
    if (!files.exists(path)) continue;
    auto content = files.read(path);
    if (!content) return std::move(content).error();
    auto source = std::make_shared<const SourceText>(SourceText{display_prefix + name, std::move(content).value()});
    auto parsed = parse_packages_file(source, env);
    if (!parsed) return std::move(parsed).error();
    parsed->path = path;
    if (!chosen) {
      chosen = std::move(parsed).value();
    } else if (!parsed->packages.empty() && !chosen->packages.empty()) {
      return Error(ErrorCode::Config,
                   "packages are declared in both packages.yml and dependencies.yml",
                   parsed->packages.front().span)
          .with_hint("keep the 'packages:' list in one of the two files");
    } else if (chosen->packages.empty()) {
      // dependencies.yml holds the packages (and maybe projects); packages.yml is empty.
      for (auto& warning : chosen->warnings) parsed->warnings.push_back(std::move(warning));
      chosen = std::move(parsed).value();
    } else {
      for (auto& warning : parsed->warnings) chosen->warnings.push_back(std::move(warning));
    }
  }
  return chosen;
}

std::string packages_spec_hash(const std::vector<PackageEntry>& packages) {
  std::vector<std::string> lines;
  for (const auto& entry : packages) lines.push_back(python_json(entry.spec));
  std::sort(lines.begin(), lines.end());
  std::string joined;
  for (size_t i = 0; i < lines.size(); ++i) joined += (i > 0 ? "\n" : "") + lines[i];
  return sha1_hex(joined);
}

}  // namespace strata::project
