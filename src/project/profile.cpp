#include "project/profile.h"

namespace strata::project {

namespace fs = std::filesystem;

std::vector<fs::path> profile_search_path(const ProfileRequest& request,
                                          const std::function<const char*(const char*)>& getenv) {
  std::vector<fs::path> out;
  if (request.profiles_dir) out.push_back(*request.profiles_dir);
  if (const char* d = getenv("STRATA_PROFILES_DIR"); d && *d) out.emplace_back(d);
  if (const char* d = getenv("DBT_PROFILES_DIR"); d && *d) out.emplace_back(d);
  out.push_back(request.project_dir);
  if (const char* home = getenv("HOME"); home && *home) out.push_back(fs::path(home) / ".dbt");
  return out;
}

namespace {

std::string as_text(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

Result<Target> load_target(const FileSystem& files, const ProfileRequest& request, const ValueRenderer& render,
                           const std::function<const char*(const char*)>& getenv) {
  std::vector<fs::path> search = profile_search_path(request, getenv);
  fs::path found;
  for (const auto& dir : search)
    if (files.exists(dir / "profiles.yml")) {
      found = dir / "profiles.yml";
      break;
    }
  if (found.empty()) {
    std::string where;
    for (const auto& dir : search) where += "\n  " + dir.string();
    return Error(ErrorCode::Config, "no profiles.yml found; looked in:" + where)
        .with_hint("create profiles.yml with a '" + request.profile_name +
                   "' profile in the project directory, or pass --profiles-dir");
  }
  auto content = files.read(found);
  if (!content) return std::move(content).error();
  auto source = std::make_shared<const SourceText>(SourceText{found.string(), std::move(content).value()});
  auto parsed = parse_yaml(source);
  if (!parsed) return std::move(parsed).error();
  const YamlDocument& doc = *parsed;

  if (!doc.root.IsMap()) {
    SourceSpan span;
    span.source = source;
    span.line = 1;
    return Error(ErrorCode::Config, "profiles.yml must be a mapping of profile names", span);
  }
  yaml::Node profile = doc.root[request.profile_name];
  if (!profile) {
    std::string names;
    for (const auto& entry : doc.root)
      if (entry.first.Scalar() != "config") names += (names.empty() ? "" : ", ") + entry.first.Scalar();
    SourceSpan span;
    span.source = source;
    span.line = 1;
    return Error(ErrorCode::Config, "profile '" + request.profile_name + "' not found in " + found.string(), span)
        .with_hint(names.empty() ? "add it" : "profiles defined there: " + names);
  }
  if (!profile.IsMap() || !profile["outputs"] || !profile["outputs"].IsMap())
    return doc.error_at(profile, "profile '" + request.profile_name + "' needs an 'outputs' mapping");

  std::string target_name;
  if (request.target_name) {
    target_name = *request.target_name;
  } else if (profile["target"]) {
    auto t = render_yaml_to_json(doc, profile["target"], render);
    if (!t) return std::move(t).error();
    target_name = as_text(*t);
  } else {
    target_name = "default";
  }
  yaml::Node output = profile["outputs"][target_name];
  if (!output) {
    std::string names;
    for (const auto& entry : profile["outputs"]) names += (names.empty() ? "" : ", ") + entry.first.Scalar();
    return doc.error_at(profile["outputs"], "target '" + target_name + "' not found in profile '" +
                                                request.profile_name + "'")
        .with_hint("targets defined: " + names);
  }
  auto rendered = render_yaml_to_json(doc, output, render);
  if (!rendered) return std::move(rendered).error();
  Json raw = std::move(rendered).value();
  if (!raw.is_object()) return doc.error_at(output, "target '" + target_name + "' must be a mapping");

  Target target;
  target.profile_name = request.profile_name;
  target.name = target_name;
  target.profiles_file = found.string();
  target.type = raw.value("type", "");
  if (target.type != "duckdb") {
    yaml::Node where = output["type"] ? output["type"] : output;
    return doc.error_at(where, target.type.empty() ? "target '" + target_name + "' has no 'type'"
                                                   : "unsupported warehouse type '" + target.type + "'")
        .with_hint("strata supports type: duckdb");
  }
  if (raw.contains("threads")) {
    if (!raw["threads"].is_number_integer() || raw["threads"].get<int>() < 1)
      return doc.error_at(output["threads"], "'threads' must be a positive integer");
    target.threads = raw["threads"].get<int>();
  }
  if (request.threads) target.threads = *request.threads;
  target.path = raw.contains("path") ? as_text(raw["path"]) : ":memory:";
  if (target.path != ":memory:" && fs::path(target.path).is_relative())
    target.path = (request.project_dir / target.path).lexically_normal().string();
  if (raw.contains("schema")) target.schema = as_text(raw["schema"]);
  if (raw.contains("database")) {
    target.database = as_text(raw["database"]);
  } else {
    target.database = target.path == ":memory:" ? "memory" : fs::path(target.path).stem().string();
  }
  if (raw.contains("settings")) {
    if (!raw["settings"].is_object()) return doc.error_at(output["settings"], "'settings' must be a mapping");
    target.settings = raw["settings"];
  }
  if (raw.contains("extensions")) {
    if (!raw["extensions"].is_array()) return doc.error_at(output["extensions"], "'extensions' must be a list");
    for (const auto& e : raw["extensions"]) target.extensions.push_back(e.is_string() ? e.get<std::string>() : e.value("name", ""));
  }
  if (raw.contains("attach")) {
    if (!raw["attach"].is_array()) return doc.error_at(output["attach"], "'attach' must be a list");
    size_t i = 0;
    for (const auto& a : raw["attach"]) {
      if (!a.is_object() || !a.contains("path"))
        return doc.error_at(output["attach"][i], "each attach entry needs a 'path'");
      AttachSpec spec;
      spec.path = as_text(a["path"]);
      if (fs::path(spec.path).is_relative() && spec.path != ":memory:")
        spec.path = (request.project_dir / spec.path).lexically_normal().string();
      spec.alias = a.contains("alias") ? as_text(a["alias"]) : fs::path(spec.path).stem().string();
      spec.type = a.contains("type") ? as_text(a["type"]) : "";
      spec.read_only = a.value("read_only", false);
      target.attach.push_back(std::move(spec));
      ++i;
    }
  }
  target.raw = std::move(raw);
  target.raw["name"] = target.name;
  target.raw["profile_name"] = target.profile_name;
  target.raw["threads"] = target.threads;
  target.raw["schema"] = target.schema;
  target.raw["database"] = target.database;
  target.raw["type"] = target.type;
  return target;
}

}  // namespace strata::project
