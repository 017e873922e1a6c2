#include "exec/run_node_context.h"

namespace strata::exec {

RunNodeContext::RunNodeContext(const parser::LoadedProject& project, const parser::Compiler& compiler,
                               const RunFlags& flags, const adapter::Adapter& warehouse,
                               adapter::Connection& connection, manifest::NodeId node, RelationCache* relations)
    : project_(project),
      compiler_(compiler),
      flags_(flags),
      warehouse_(warehouse),
      connection_(connection),
      node_(node),
      relations_(relations) {}

KnownRelation RunNodeContext::known_relation(const context::Relation& relation) const {
  if (!relations_ || touched_) return {};
  return relations_->lookup(relation);
}

void RunNodeContext::touch() {
  if (touched_ || !relations_) return;
  touched_ = true;
  // This node builds its own relation (and temp); later nodes must not trust the snapshot.
  context::Relation target = relation_of(node_);
  relations_->forget(target);
  target.identifier += "__strata_tmp";
  relations_->forget(target);
}

context::Relation RunNodeContext::relation_of(manifest::NodeId id) const {
  const manifest::Node& n = project_.manifest.node(id);
  if (n.type == manifest::ResourceType::Source) {
    context::Relation r;
    r.database = n.database;
    r.schema = n.schema;
    r.identifier = n.identifier.empty() ? n.name : n.identifier;
    r.type = "table";
    return r;
  }
  return compiler_.resolver().relation_of(n);
}

parser::CompileOptions RunNodeContext::options() {
  parser::CompileOptions options;
  options.connection = &connection_;
  options.on_sql = [this](std::string_view sql) {
    touch();
    statements_.emplace_back(sql);
  };
  options.empty = flags_.empty;
  return options;
}

Result<std::string> RunNodeContext::compile(manifest::NodeId id, const CompileRequest& request) {
  parser::CompileOptions opts = options();
  opts.is_incremental = request.is_incremental;
  if (request.batch) opts.event_time_window = std::make_pair(request.batch->start, request.batch->end);
  opts.replace_parents = request.replace_parents;
  if (!request.var_overrides.empty()) opts.var_overrides = &request.var_overrides;
  if (!request.env_overrides.empty()) opts.env_overrides = &request.env_overrides;
  auto sql = compiler_.compile(id, opts);
  if (sql && id == node_) {
    compiled_code_ = *sql;
    incremental_ = request.is_incremental;
  }
  return sql;
}

Result<std::string> RunNodeContext::render(const std::string& jinja_sql) {
  parser::CompileOptions opts = options();
  opts.is_incremental = incremental_;
  return compiler_.render_text(jinja_sql, node().original_file_path, &node(), opts);
}

std::vector<std::string> hook_sql(const manifest::Json& value) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_array()) {
    for (const auto& item : value) {
      auto nested = hook_sql(item);
      out.insert(out.end(), nested.begin(), nested.end());
    }
  } else if (value.is_object() && value.contains("sql")) {
    out.push_back(value["sql"].is_string() ? value["sql"].get<std::string>() : value["sql"].dump());
  }
  return out;
}

Status RunNodeContext::run_hooks(HookPhase phase) {
  const char* key = phase == HookPhase::Pre ? "pre-hook" : "post-hook";
  if (!node().config.contains(key)) return {};
  for (const auto& text : hook_sql(node().config[key])) {
    auto sql = render(text);
    if (!sql) return std::move(sql).error();
    bool blank = sql->find_first_not_of(" \t\r\n;") == std::string::npos;
    if (!blank) STRATA_TRY(execute(*sql));
  }
  return {};
}

std::string RunNodeContext::package_file_path(const manifest::Node& n) const {
  if (n.package_name == project_.root.name) return (project_.root.root / n.original_file_path).string();
  for (const auto& package : project_.packages)
    if (package.name == n.package_name) return (package.root / n.original_file_path).string();
  return (project_.root.root / n.original_file_path).string();
}

Status RunNodeContext::execute(std::string_view sql) {
  touch();
  statements_.emplace_back(sql);
  return connection_.execute(sql);
}

Result<adapter::QueryResult> RunNodeContext::query(std::string_view sql) {
  touch();
  statements_.emplace_back(sql);
  return connection_.query(sql);
}

}  // namespace strata::exec
