#include "artifacts/artifacts_state.h"

#include <set>

#include "artifacts/json_stream.h"
#include "artifacts/manifest_node_json.h"

namespace strata::artifacts {

using graph::StateAspect;
using manifest::Node;
using manifest::ResourceType;

namespace {

Result<Json> read_json(const FileSystem& files, const std::filesystem::path& path) {
  auto text = files.read(path);
  if (!text) return std::move(text).error();
  Json json = Json::parse(*text, nullptr, false);
  if (json.is_discarded() || !json.is_object())
    return Error(ErrorCode::Config, path.string() + " is not a JSON object")
        .with_hint("--state must name a folder holding the manifest.json of a previous strata or dbt run");
  return json;
}

const Json& member(const Json& object, const char* key) {
  static const Json null;
  auto it = object.find(key);
  return it == object.end() ? null : *it;
}

// Whether any of `keys` differs, counting only keys the current entry has.
bool differs(const Json& now, const Json& before, std::initializer_list<const char*> keys) {
  for (const char* key : keys)
    if (now.contains(key) && member(now, key) != member(before, key)) return true;
  return false;
}

// {column name: what `field` holds for it}.
std::map<std::string, Json> column_field(const Json& entry, const char* field) {
  std::map<std::string, Json> out;
  for (const auto& [name, column] : member(entry, "columns").items()) out[name] = member(column, field);
  return out;
}

bool persist_docs(const Json& entry, const char* which) {
  const Json& value = member(member(member(entry, "config"), "persist_docs"), which);
  return value.is_boolean() && value.get<bool>();
}

using LoadedAt = std::unordered_map<std::string, std::string>;

// sources.json's max_loaded_at per source that was checked without error.
Result<std::optional<LoadedAt>> read_loaded_at(const FileSystem& files, const std::filesystem::path& path) {
  if (path.empty() || !files.exists(path)) return std::optional<LoadedAt>();
  auto json = read_json(files, path);
  if (!json) return std::move(json).error();
  LoadedAt out;
  for (const auto& result : member(*json, "results"))
    if (member(result, "unique_id").is_string() && member(result, "max_loaded_at").is_string() &&
        member(result, "status") != "runtime error")
      out[result["unique_id"].get<std::string>()] = result["max_loaded_at"].get<std::string>();
  return std::optional<LoadedAt>(std::move(out));
}

}  // namespace

ArtifactsState::ArtifactsState(const manifest::Manifest& current)
    : current_(current), writer_(std::make_unique<NodeJsonWriter>(current, NodeJsonOptions{})) {}

ArtifactsState::~ArtifactsState() = default;

Result<std::unique_ptr<ArtifactsState>> ArtifactsState::load(const FileSystem& files, const std::filesystem::path& dir,
                                                             const manifest::Manifest& current,
                                                             const std::filesystem::path& current_target) {
  std::filesystem::path manifest_path = dir / "manifest.json";
  if (!files.exists(manifest_path))
    return Error(ErrorCode::Usage, "--state " + dir.string() + ": no manifest.json there")
        .with_hint("--state names the target folder of a previous run (or a copy of it), e.g. --state prod-artifacts/");
  std::unique_ptr<ArtifactsState> state(new ArtifactsState(current));
  auto manifest = read_json(files, manifest_path);
  if (!manifest) return std::move(manifest).error();
  state->manifest_ = std::move(manifest).value();
  if (files.exists(dir / "run_results.json")) {
    auto results = read_json(files, dir / "run_results.json");
    if (!results) return std::move(results).error();
    for (const auto& result : member(*results, "results"))
      if (result.is_object() && member(result, "unique_id").is_string() && member(result, "status").is_string())
        state->statuses_[result["unique_id"].get<std::string>()] = result["status"].get<std::string>();
  }
  for (const auto& macro : current.macros) state->current_macros_.emplace(macro.unique_id, &macro);
  state->state_dir_ = dir.string();
  auto previous = read_loaded_at(files, dir / "sources.json");
  if (!previous) return std::move(previous).error();
  state->previous_loaded_at_ = std::move(previous).value();
  auto now = read_loaded_at(files, current_target.empty() ? current_target : current_target / "sources.json");
  if (!now) return std::move(now).error();
  state->current_loaded_at_ = std::move(now).value();
  return state;
}

const Json* ArtifactsState::previous(const Node& node) const {
  for (const char* section : {"nodes", "sources", "exposures", "unit_tests"}) {
    const Json& entries = member(manifest_, section);
    auto it = entries.find(node.unique_id);
    if (it != entries.end()) return &*it;
  }
  return nullptr;
}

const Json& ArtifactsState::current_json(const Node& node) const {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  auto& slot = current_json_[node.unique_id];
  if (!slot) {
    std::string text;
    JsonStream out(text);
    writer_->node(out, node);
    slot = std::make_unique<Json>(Json::parse(text));
  }
  return *slot;
}

bool ArtifactsState::existed(const Node& node) const { return previous(node) != nullptr; }

bool ArtifactsState::macros_modified(const Node& node) const {
  const Json& before = member(manifest_, "macros");
  std::set<std::string> seen;
  std::vector<std::string> pending(node.depends_on_macros.begin(), node.depends_on_macros.end());
  while (!pending.empty()) {
    std::string uid = std::move(pending.back());
    pending.pop_back();
    if (!seen.insert(uid).second) continue;
    auto now = current_macros_.find(uid);
    auto it = before.find(uid);
    if (now == current_macros_.end()) return it != before.end();  // removed since
    if (it == before.end() || member(*it, "macro_sql") != Json(now->second->macro_sql)) return true;
    for (const auto& called : now->second->depends_on_macros) pending.push_back(called);
  }
  return false;
}

bool ArtifactsState::modified(const Node& node, StateAspect aspect) const {
  const Json* before = previous(node);
  if (!before) return true;
  const Json& now = current_json(node);
  auto body = [&] {
    const Json& checksum = member(now, "checksum");
    return member(checksum, "name") != "none" && checksum != member(*before, "checksum");
  };
  auto configs = [&] { return member(now, "config") != member(*before, "config"); };
  auto relation = [&] { return differs(now, *before, {"database", "schema", "alias", "identifier"}); };
  auto descriptions = [&] {
    return (persist_docs(now, "relation") && member(now, "description") != member(*before, "description")) ||
           (persist_docs(now, "columns") && column_field(now, "description") != column_field(*before, "description"));
  };
  auto contract = [&] {
    const Json& enforced = member(member(now, "contract"), "enforced");
    bool is_enforced = enforced.is_boolean() && enforced.get<bool>();
    return member(now, "contract") != member(*before, "contract") ||
           (is_enforced && column_field(now, "data_type") != column_field(*before, "data_type"));
  };

  switch (node.type) {
    case ResourceType::Source:
      // dbt's SourceDefinition.same_contents: where it is, how fresh it must be, its config.
      if (aspect == StateAspect::Configs) return configs();
      if (aspect == StateAspect::Relation) return relation();
      if (aspect != StateAspect::Any) return false;
      return differs(now, *before, {"database", "schema", "identifier", "fqn", "config", "quoting", "freshness",
                                    "external", "loaded_at_field", "loaded_at_query"});
    case ResourceType::Exposure:
    case ResourceType::UnitTest:
      if (aspect == StateAspect::Configs) return configs();
      if (aspect != StateAspect::Any) return false;
      return differs(now, *before, {"fqn", "config", "depends_on", "owner", "maturity", "url", "type", "label",
                                    "description", "model", "given", "expect", "overrides"});
    default:
      break;
  }
  switch (aspect) {
    case StateAspect::Body: return body();
    case StateAspect::Configs: return configs();
    case StateAspect::Relation: return relation();
    case StateAspect::PersistedDescriptions: return descriptions();
    case StateAspect::Macros: return macros_modified(node);
    case StateAspect::Contract: return contract();
    case StateAspect::Any:
      return body() || configs() || relation() || descriptions() || contract() ||
             member(now, "fqn") != member(*before, "fqn") || macros_modified(node);
  }
  return false;
}

std::optional<ArtifactsState::PreviousRelation> ArtifactsState::previous_relation(const Node& node) const {
  const Json* before = previous(node);
  if (!before) return std::nullopt;
  auto text = [&](const char* key) {
    const Json& value = member(*before, key);
    return value.is_string() ? value.get<std::string>() : std::string();
  };
  PreviousRelation relation{text("database"), text("schema"), text("alias")};
  if (relation.identifier.empty()) relation.identifier = text("name");
  if (relation.schema.empty() || relation.identifier.empty()) return std::nullopt;
  return relation;
}

bool ArtifactsState::fresher(const Node& node) const {
  if (!previous_loaded_at_ || !current_loaded_at_) return false;
  auto now = current_loaded_at_->find(node.unique_id);
  if (now == current_loaded_at_->end()) return false;
  auto before = previous_loaded_at_->find(node.unique_id);
  // ISO-8601 UTC timestamps in one format compare as text; a source new since is fresher.
  return before == previous_loaded_at_->end() || now->second > before->second;
}

std::optional<std::string> ArtifactsState::freshness_missing() const {
  if (!previous_loaded_at_) return "--state " + state_dir_ + " holds no sources.json";
  if (!current_loaded_at_) return "this target holds no sources.json";
  return std::nullopt;
}

std::optional<std::string> ArtifactsState::result_status(const Node& node) const {
  auto it = statuses_.find(node.unique_id);
  if (it == statuses_.end()) return std::nullopt;
  return it->second;
}

}  // namespace strata::artifacts
