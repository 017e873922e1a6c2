#include "parser/project_loader.h"

#include <algorithm>
#include <chrono>

#include "context/json_value.h"
#include "parser/loader_state.h"
#include "parser/parse_cache.h"
#include "parser/recording_file_system.h"
#include "parser/yaml_values.h"

namespace strata::parser {

namespace fs = std::filesystem;

namespace {

class Stopwatch {
 public:
  double lap() {
    auto now = std::chrono::steady_clock::now();
    double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

Result<Json> parse_cli_vars(const std::string& text) {
  if (text.empty()) return Json::object();
  auto source = std::make_shared<const SourceText>(SourceText{"--vars", text});
  auto doc = project::parse_yaml(source);
  if (!doc) return std::move(doc).error();
  Json vars = project::yaml_to_json(doc->root);
  if (!vars.is_object())
    return Error(ErrorCode::Usage, "--vars must be a YAML mapping, e.g. --vars '{key: value}'", doc->span(doc->root));
  return vars;
}

std::shared_ptr<context::ProjectContext> base_context(const LoadOptions& options, const project::ProjectConfig& root,
                                                      const Json& cli_vars) {
  auto ctx = std::make_shared<context::ProjectContext>();
  ctx->root_package = root.name;
  ctx->root_vars = root.vars;
  ctx->cli_vars = cli_vars;
  ctx->flags = root.flags;
  // The invocation's own flags (FULL_REFRESH, WHICH, ...) as dbt's `flags` shows them.
  for (auto it = options.flags.begin(); it != options.flags.end(); ++it) ctx->flags[it.key()] = it.value();
  ctx->invocation_id = options.invocation_id;
  ctx->run_started_at = options.run_started_at;
  ctx->strata_version = options.strata_version;
  ctx->getenv = options.getenv;
  ctx->log = options.log;
  ctx->warn = options.warn;
  ctx->packages[root.name] = {root.name, root.vars};
  return ctx;
}

// Renders profile values with a minimal dbt context (env_var, var) before the target exists.
project::ValueRenderer profile_renderer(const context::DbtEnvironment& env, std::shared_ptr<const context::ProjectContext> ctx) {
  return [&env, ctx](const std::string& text, const SourceSpan& where) -> Result<Json> {
    return render_yaml_value(env, ctx.get(), text, where, nullptr);
  };
}

// Only trees holding Jinja are converted again (most hold none, and the conversion at load
// merged a `tests:` and a `data_tests:` tree, which one YAML node cannot redo).
bool holds_jinja(const Json& value) {
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    return s.find("{{") != std::string::npos || s.find("{%") != std::string::npos;
  }
  if (value.is_structured())
    for (const auto& item : value)
      if (holds_jinja(item)) return true;
  return false;
}

// dbt_project.yml's resource config trees with their Jinja rendered (hooks as written),
// with the vars of the project that owns the file.
Status render_config_trees(const YamlValues& values, project::ProjectConfig& config) {
  for (const auto& [tree, node] : config.config_tree_nodes) {
    if (node.IsNull() || !config.config_trees.contains(tree) || !holds_jinja(config.config_trees[tree])) continue;
    auto rendered = values.json(config.document, node, config.name);
    if (!rendered) return std::move(rendered).error();
    config.config_trees[tree] = std::move(rendered).value();
  }
  return {};
}

Status load_packages(LoadState& state) {
  const auto& root = state.out.root;
  fs::path install = root.root / root.packages_install_path;
  if (!state.fs.is_directory(install)) return {};
  auto files = state.fs.list_files(install);
  if (!files) return std::move(files).error();
  std::set<std::string> dirs;
  for (const auto& f : *files) {
    size_t slash = f.relative_path.find('/');
    if (slash != std::string::npos && f.relative_path.substr(slash + 1) == "dbt_project.yml")
      dirs.insert(f.relative_path.substr(0, slash));
  }
  for (const auto& dir : dirs) {
    auto config = project::load_project_config(state.fs, install / dir);
    if (!config) {
      Error e = std::move(config).error();
      e.message = "in package " + dir + ": " + e.message;
      return e;
    }
    state.out.packages.push_back(std::move(config).value());
  }
  return {};
}

// dbt_project.yml, --vars and the profile's target: where every load starts.
Status load_project_and_target(const FileSystem& fs, const LoadOptions& options, LoadedProject& out, Json& cli_vars_out) {
  auto root = project::load_project_config(fs, options.project_dir);
  if (!root) return std::move(root).error();
  out.root = std::move(root).value();
  for (auto& w : out.root.warnings) out.warnings.push_back(std::move(w));
  for (auto& w : unknown_config_keys(out.root)) out.warnings.push_back(std::move(w));

  auto cli_vars = parse_cli_vars(options.vars_yaml);
  if (!cli_vars) return std::move(cli_vars).error();

  // The profile is rendered with a bootstrap environment (no target, no macros yet).
  {
    auto boot_ctx = base_context(options, out.root, *cli_vars);
    context::DbtEnvironment boot(boot_ctx);
    project::ProfileRequest request;
    request.profile_name = out.root.profile.empty() ? out.root.name : out.root.profile;
    request.target_name = options.target;
    request.profiles_dir = options.profiles_dir;
    request.project_dir = options.project_dir;
    request.threads = options.threads;
    auto target = project::load_target(fs, request, profile_renderer(boot, boot_ctx), options.getenv);
    if (!target) return std::move(target).error();
    out.target = std::move(target).value();
  }
  cli_vars_out = std::move(cli_vars).value();
  return {};
}

}  // namespace

Result<ParseCacheProbe> probe_parse_cache(const FileSystem& fs, const LoadOptions& options,
                                          const std::function<bool(const ParseCacheProbe&)>& worth_checking) {
  LoadedProject out;
  Json cli_vars;
  STRATA_TRY(load_project_and_target(fs, options, out, cli_vars));
  ParseCacheProbe probe;
  probe.cache_path = out.root.root / out.root.target_path / kParseCacheFile;
  probe.target_dir = out.root.root / out.root.target_path;
  probe.project_warnings = out.warnings.size();
  if (!options.partial_parse || !fs.exists(probe.cache_path)) return probe;
  if (worth_checking && !worth_checking(probe)) return probe;
  auto bytes = fs.read(probe.cache_path);
  if (!bytes) return probe;
  auto cache = ParseCache::decode(std::move(bytes).value());
  if (!cache) return probe;
  probe.unchanged = !cache->check(parse_cache_key(options, out), fs, options.getenv).full_parse_reason;
  return probe;
}

Result<LoadedProject> load_project(const FileSystem& real_fs, const LoadOptions& options) {
  LoadedProject out;
  Stopwatch clock;
  // Every file-system answer is recorded for the parse cache.
  RecordingFileSystem fs(real_fs);
  int64_t started_at_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              std::chrono::system_clock::now().time_since_epoch()).count();  // the epoch of st_mtim
  Json cli_vars;
  STRATA_TRY(load_project_and_target(fs, options, out, cli_vars));
  out.timings.emplace_back("project and profile", clock.lap());

  LoadState state(fs, options, out);
  STRATA_TRY(load_packages(state));

  auto ctx = base_context(options, out.root, cli_vars);
  ctx->target = out.target.raw;
  for (const auto& p : out.packages) ctx->packages[p.name] = {p.name, p.vars};
  for (const auto& d : out.root.dispatch) ctx->dispatch_order[d.macro_namespace] = d.search_order;
  out.context = ctx;
  out.env = std::make_unique<context::DbtEnvironment>(ctx);
  out.manifest.project_name = out.root.name;
  // Jinja in YAML values (dbt_project.yml's config trees here, properties files below).
  YamlValues yaml_values(*out.env, ctx.get());
  state.yaml_values = &yaml_values;
  STRATA_TRY(render_config_trees(yaml_values, out.root));
  for (auto& p : out.packages) STRATA_TRY(render_config_trees(yaml_values, p));

  state.packages.push_back({&out.root, out.root.name, out.root.root, true});
  for (const auto& p : out.packages) state.packages.push_back({&p, p.name, p.root, false});

  STRATA_TRY(load_macros(state));
  out.manifest.macros = out.env->macros();
  for (auto& m : out.manifest.macros)
    if (auto d = state.macro_descriptions.find(m.unique_id); d != state.macro_descriptions.end()) m.description = d->second;
  out.timings.emplace_back("macros", clock.lap());

  ParseCacheKey key = parse_cache_key(options, out);
  fs::path cache_path = out.root.root / out.root.target_path / kParseCacheFile;
  size_t project_warnings = out.warnings.size();
  if (!options.partial_parse) {
    out.parse_status = "full parse: --no-partial-parse";
  } else {
    auto cached = load_from_parse_cache(state, real_fs, cache_path, key, started_at_ns);
    out.timings.emplace_back("parse cache", clock.lap());
    if (!cached.full_parse_reason) {
      state.yaml_values = nullptr;
      return out;
    }
    out.parse_status = "full parse: " + *cached.full_parse_reason;
    // A failed partial re-parse may have left cached nodes behind: start again clean.
    if (cached.touched_state) {
      state.reset_nodes();
      out.warnings.resize(project_warnings);
    }
  }

  STRATA_TRY(scan_resource_files(state));
  out.timings.emplace_back("resource files", clock.lap());
  STRATA_TRY(parse_property_files(state));
  out.timings.emplace_back("properties files", clock.lap());
  STRATA_TRY(apply_patches(state));
  // The YAML trees are read by nothing after the patches (errors keep their own source
  // text): freeing them here lets the render reuse the memory instead of faulting in more.
  state.patches.clear();
  state.property_files.clear();
  out.timings.emplace_back("patches and tests", clock.lap());

  STRATA_TRY(resolve_configs_and_render(state));
  out.timings.emplace_back("render", clock.lap());
  STRATA_TRY(resolve_dependencies(state));
  for (auto& m : out.manifest.macros)
    if (auto d = state.macro_descriptions.find(m.unique_id); d != state.macro_descriptions.end()) m.description = d->second;
  out.timings.emplace_back("dependencies", clock.lap());

  if (options.partial_parse) {
    // A cache that cannot be written only costs the next run a full parse.
    if (!save_parse_cache(state, real_fs, cache_path, key, started_at_ns, distinct_accesses(fs.accesses()), project_warnings))
      out.parse_status += " (could not save the parse cache)";
    if (!options.defer_cache_save) out.timings.emplace_back("save parse cache", clock.lap());
  }
  state.yaml_values = nullptr;
  return out;
}

}  // namespace strata::parser
