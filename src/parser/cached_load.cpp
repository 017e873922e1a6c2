// The loader's side of the parse cache: the cache key, loading an unchanged project's
// nodes, re-parsing only changed model/analysis/singular-test files, and saving.
#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "common/hash.h"
#include "common/parallel.h"
#include "parser/global_project.h"
#include "parser/loader_state.h"
#include "parser/pending_cache_save.h"
#include "parser/yaml_values.h"

namespace strata::parser {

namespace fs = std::filesystem;
using manifest::NodeId;
using manifest::ResourceType;

ParseCacheKey parse_cache_key(const LoadOptions& options, const LoadedProject& out) {
  ParseCacheKey key;
  key.strata_version = options.strata_version;
  key.vars_yaml = options.vars_yaml;
  Json target = out.target.raw;
  target["__profile"] = out.target.profile_name;
  target["__profiles_file"] = out.target.profiles_file;
  key.target_json = target.dump();
  key.project_dir = out.root.root.string();
  std::string builtin;
  for (const auto& file : global_project_files()) {
    builtin += file.path;
    builtin += '\0';
    builtin += file.content;
    builtin += '\0';
  }
  key.builtin_macros_hash = content_hash(builtin);
  return key;
}

std::vector<FileAccess> distinct_accesses(std::vector<FileAccess> all) {
  // Listings and probes of the same path are checked once; every read is kept.
  std::set<std::pair<FileAccess::Kind, std::string>> seen;
  std::vector<FileAccess> out;
  for (auto& a : all)
    if (a.kind == FileAccess::Kind::Read || seen.emplace(a.kind, a.path).second) out.push_back(std::move(a));
  return out;
}

namespace {

// Parses every node's template that is not parsed yet (compile needs them).
bool parse_templates(LoadState& state, const ParseCacheRecord& record) {
  auto& out = state.out;
  auto& nodes = out.manifest.nodes();
  out.templates.resize(nodes.size());
  if (!state.options.need_templates) return true;
  std::vector<char> failed(nodes.size(), 0);
  unsigned threads = state.options.parse_threads ? state.options.parse_threads : std::thread::hardware_concurrency();
  parallel_for(nodes.size(), threads, [&](size_t i) {
    const auto& node = nodes[i];
    if (out.templates[i] || node.raw_code.empty() || node.type == ResourceType::Source) return;
    auto tmpl = out.env->parse_node_code(node.raw_code, record.template_names[i]);
    if (tmpl)
      out.templates[i] = std::move(tmpl).value();
    else
      failed[i] = 1;
  });
  return std::find(failed.begin(), failed.end(), 1) == failed.end();
}

const PackageScope* package_of(const LoadState& state, const manifest::Node& node) { return state.package(node.package_name); }

// The nodes made from the changed files, when every changed file is the SQL file of
// exactly one model, analysis or singular test (not versioned, not also a macro file).
// Anything else (a macro, a properties file, a snapshot, dbt_project.yml, a seed) needs a
// full parse.
std::optional<std::vector<NodeId>> nodes_of_changed_files(const LoadState& state, const std::vector<std::string>& changed) {
  std::map<std::string, std::vector<NodeId>> by_file;
  for (const auto& n : state.out.manifest.nodes()) {
    const PackageScope* package = package_of(state, n);
    if (!package || !n.span.source || n.original_file_path.empty()) continue;
    by_file[(package->root / n.original_file_path).string()].push_back(n.id);
  }
  std::set<std::string> macro_files;
  for (const auto& m : state.out.manifest.macros)
    if (const PackageScope* package = state.package(m.package_name))
      macro_files.insert((package->root / m.original_file_path).string());
  std::vector<NodeId> ids;
  for (const auto& file : changed) {
    auto found = by_file.find(file);
    if (found == by_file.end() || found->second.size() != 1 || macro_files.count(file)) return std::nullopt;
    const auto& node = state.out.manifest.node(found->second.front());
    bool kind_ok = node.type == ResourceType::Model || node.type == ResourceType::Analysis ||
                   (node.type == ResourceType::Test && !node.test_metadata);
    if (!kind_ok || node.version || node.raw_code != node.span.source->content) return std::nullopt;
    ids.push_back(node.id);
  }
  return ids;
}

// Re-renders the changed files' nodes on top of the cached manifest. nullopt on success.
std::optional<std::string> reparse_changed(LoadState& state, const FileSystem& fs, ParseCacheRecord& record,
                                           const std::vector<NodeId>& ids) {
  auto& manifest = state.out.manifest;
  size_t count = manifest.size();
  state.sources.assign(count, nullptr);
  state.yaml_config.assign(count, Json::object());
  state.render_inputs = std::move(record.render_inputs);
  for (const auto& n : manifest.nodes()) state.yaml_config[n.id] = state.render_inputs[n.id].yaml_config;
  for (NodeId id : ids) {
    auto& node = manifest.node(id);
    const PackageScope* package = package_of(state, node);
    auto content = fs.read(package->root / node.original_file_path);
    if (!content) return "cannot re-read " + node.original_file_path;
    auto source = std::make_shared<const SourceText>(SourceText{node.span.source->path, std::move(content).value()});
    // Back to the state the full parse renders from: the file's node plus its YAML.
    node.raw_code = source->content;
    node.checksum = sha256_hex(source->content);
    node.span.source = source;
    node.config = Json::object();
    node.tags = state.render_inputs[id].tags;
    node.meta = state.render_inputs[id].meta;
    node.refs.clear();
    node.sources.clear();
    node.depends_on.clear();
    node.database.clear();
    node.schema.clear();
    node.alias.clear();
    node.relation_name.clear();
    node.attached_node = manifest::kNoNode;
    state.sources[id] = source;
  }
  if (!rerender_nodes(state, ids)) return "re-rendering the changed files failed";
  for (NodeId id : ids)
    if (!manifest.node(id).config.value("enabled", true)) return manifest.node(id).original_file_path + " was disabled";
  // Dependencies of every node again: another node may ref a changed node's new name.
  if (!resolve_dependencies(state)) return "resolving refs after the change failed";
  // A changed test that reads a disabled node is disabled too, which renumbers the nodes.
  if (manifest.size() != count) return "a changed test reads a disabled node";
  return std::nullopt;
}

}  // namespace

CachedLoad load_from_parse_cache(LoadState& state, const FileSystem& fs, const fs::path& cache_path,
                                 const ParseCacheKey& key, int64_t started_at_ns) {
  auto& out = state.out;
  auto lap_start = std::chrono::steady_clock::now();
  auto lap = [&](const char* what) {
    auto now = std::chrono::steady_clock::now();
    out.timings.emplace_back(what, std::chrono::duration<double, std::milli>(now - lap_start).count());
    lap_start = now;
  };
  if (!fs.exists(cache_path)) return {"no parse cache"};
  auto bytes = fs.read(cache_path);
  if (!bytes) return {"the parse cache cannot be read"};
  auto cache = ParseCache::decode(std::move(bytes).value());
  if (!cache) return {"the parse cache is from another strata version or damaged"};
  lap("  read cache");
  CacheCheck check = cache->check(key, fs, state.options.getenv);
  lap("  check inputs");
  if (check.full_parse_reason && !check.only_contents_changed()) return {check.full_parse_reason};

  ParseCacheRecord record;
  manifest::Manifest cached;
  if (!cache->load_nodes(cached, record)) return {"the parse cache is damaged"};
  lap("  decode nodes");
  // Macros and docs blocks were loaded before the cache was consulted.
  cached.project_name = out.root.name;
  cached.macros = std::move(out.manifest.macros);
  cached.docs = std::move(out.manifest.docs);
  for (auto& m : cached.macros)
    if (auto d = record.macro_descriptions.find(m.unique_id); d != record.macro_descriptions.end()) m.description = d->second;
  out.manifest = std::move(cached);
  out.templates.assign(out.manifest.size(), nullptr);

  if (!check.full_parse_reason) {
    if (!parse_templates(state, record)) return {"a cached template no longer parses", true};
    for (auto& w : record.warnings) out.warnings.push_back(std::move(w));
    out.parse_status = "parse cache: unchanged, " + std::to_string(out.manifest.size()) + " nodes loaded";
    out.from_parse_cache = true;
    return {};
  }

  // Only file contents changed: re-parse just those files if they are model-like SQL.
  auto ids = nodes_of_changed_files(state, check.changed_files);
  if (!ids) return {*check.full_parse_reason, true};
  size_t project_warnings = out.warnings.size();
  if (auto failed = reparse_changed(state, fs, record, *ids)) return {*check.full_parse_reason, true};
  if (!parse_templates(state, record)) return {*check.full_parse_reason, true};

  // Warnings: the cached ones, with the changed nodes' render warnings replaced in place.
  std::set<std::string> changed_uids;
  for (NodeId id : *ids) changed_uids.insert(out.manifest.node(id).unique_id);
  std::vector<Error> fresh(std::make_move_iterator(out.warnings.begin() + static_cast<std::ptrdiff_t>(project_warnings)),
                           std::make_move_iterator(out.warnings.end()));
  std::vector<std::string> fresh_owners;
  for (size_t i = project_warnings; i < project_warnings + fresh.size(); ++i) fresh_owners.push_back(state.warning_owner[i]);
  out.warnings.resize(project_warnings);
  state.warning_owner.clear();
  bool inserted = false;
  auto insert_fresh = [&] {
    for (size_t i = 0; i < fresh.size(); ++i) {
      state.warning_owner[out.warnings.size()] = fresh_owners[i];
      out.warnings.push_back(std::move(fresh[i]));
    }
    inserted = true;
  };
  for (size_t i = 0; i < record.warnings.size(); ++i) {
    const std::string& owner = record.warning_owners[i];
    if (changed_uids.count(owner)) {
      if (!inserted) insert_fresh();
      continue;
    }
    if (!owner.empty()) state.warning_owner[out.warnings.size()] = owner;
    out.warnings.push_back(std::move(record.warnings[i]));
  }
  if (!inserted) insert_fresh();
  // Env vars read by the nodes not re-rendered still count.
  for (const auto& v : cache->header().env_vars) state.env_vars_read.insert(v.name);
  state.macro_descriptions = record.macro_descriptions;
  state.cached_template_names = record.template_names;

  std::string files;
  for (size_t i = 0; i < check.changed_shown.size(); ++i) files += (i ? ", " : "") + check.changed_shown[i];
  out.parse_status = "partial parse: re-parsed " + files;
  out.from_parse_cache = true;
  save_parse_cache(state, fs, cache_path, key, started_at_ns, std::move(check.refreshed), project_warnings);
  return {};
}

bool save_parse_cache(LoadState& state, const FileSystem& fs, const fs::path& cache_path, ParseCacheKey key,
                      int64_t started_at_ns, std::vector<FileAccess> accesses, size_t project_warnings) {
  const LoadedProject& out = state.out;
  ParseCacheRecord record;
  record.key = std::move(key);
  record.started_at_ns = started_at_ns;
  record.accesses = std::move(accesses);
  // Env vars read by renders, and by YAML values (a partial re-parse renders some again).
  std::set<std::string> env_vars = state.env_vars_read;
  if (state.yaml_values) {
    auto from_yaml = state.yaml_values->env_vars_read();
    env_vars.insert(from_yaml.begin(), from_yaml.end());
  }
  for (const auto& name : env_vars) {
    const char* value = state.options.getenv ? state.options.getenv(name.c_str()) : nullptr;
    record.env_vars.push_back({name, value ? std::optional<std::string>(value) : std::nullopt});
  }
  record.macro_descriptions = state.macro_descriptions;
  for (size_t i = project_warnings; i < out.warnings.size(); ++i) {
    record.warnings.push_back(out.warnings[i]);
    auto owner = state.warning_owner.find(i);
    record.warning_owners.push_back(owner == state.warning_owner.end() ? std::string() : owner->second);
  }
  for (NodeId id = 0; id < out.manifest.size(); ++id) {
    const auto& source = id < state.sources.size() ? state.sources[id] : nullptr;
    if (source)
      record.template_names.push_back(source->path);
    else if (id < state.cached_template_names.size())
      record.template_names.push_back(state.cached_template_names[id]);
    else
      record.template_names.push_back(out.manifest.node(id).original_file_path);
  }
  record.render_inputs = std::move(state.render_inputs);  // the save is the load's last step
  if (state.options.defer_cache_save) {
    state.out.pending_cache_save = std::make_unique<PendingCacheSave>(fs, cache_path, std::move(record));
    return true;
  }
  PendingCacheSave save(fs, cache_path, std::move(record));
  return save.finish(out.manifest);
}

}  // namespace strata::parser
