#include "parser/compiler.h"

#include <cctype>
#include <set>
#include <strings.h>
#include <functional>

#include "parser/generated_test_errors.h"

namespace strata::parser {

using manifest::Node;
using manifest::NodeId;

namespace {

std::string cte_name(const Node& node) { return "__dbt__cte__" + node.name; }

bool is_ephemeral(const Node& node) { return node.config.value("materialized", "") == "ephemeral"; }

// Skips whitespace and SQL comments from position i.
size_t skip_space_and_comments(const std::string& s, size_t i) {
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (s.compare(i, 2, "--") == 0) {
      size_t nl = s.find('\n', i);
      i = nl == std::string::npos ? s.size() : nl + 1;
    } else if (s.compare(i, 2, "/*") == 0) {
      size_t end = s.find("*/", i + 2);
      i = end == std::string::npos ? s.size() : end + 2;
    } else {
      break;
    }
  }
  return i;
}

}  // namespace

std::string inject_cte_sql(const std::string& sql, const std::vector<std::pair<std::string, std::string>>& ctes) {
  if (ctes.empty()) return sql;
  std::string defs;
  for (size_t i = 0; i < ctes.size(); ++i) defs += (i ? ", " : "") + ctes[i].first + " as (\n" + ctes[i].second + "\n)";
  size_t start = skip_space_and_comments(sql, 0);
  bool has_with = sql.size() >= start + 4 && strncasecmp(sql.c_str() + start, "with", 4) == 0 &&
                  (start + 4 == sql.size() || !std::isalnum(static_cast<unsigned char>(sql[start + 4])) );
  if (has_with) {
    size_t after = start + 4;
    size_t next = skip_space_and_comments(sql, after);
    // WITH RECURSIVE keeps its keyword first.
    if (sql.size() >= next + 9 && strncasecmp(sql.c_str() + next, "recursive", 9) == 0) after = next + 9;
    return sql.substr(0, after) + " " + defs + "," + sql.substr(after);
  }
  return sql.substr(0, start) + "with " + defs + "\n" + sql.substr(start);
}

Result<context::Relation> ManifestResolver::ref(const Node* from, const manifest::RefCall& call) const {
  NodeId id = index_.find_ref(from ? from->package_name : project_.manifest.project_name, call);
  if (id == manifest::kNoNode)
    return Error(ErrorCode::Compilation, "ref to '" + call.name + "' was not found", call.span)
        .with_hint("refs inside code that only runs at execution time must still name existing models");
  return relation_of(project_.manifest.node(id));
}

Result<context::Relation> ManifestResolver::source(const Node*, const manifest::SourceCall& call) const {
  NodeId id = index_.find_source(call.source_name, call.table_name);
  if (id == manifest::kNoNode)
    return Error(ErrorCode::Compilation, "source '" + call.source_name + "." + call.table_name + "' was not found", call.span);
  const Node& n = project_.manifest.node(id);
  context::Relation r;
  r.database = n.database;
  r.schema = n.schema;
  r.identifier = n.identifier;
  r.type = "table";
  return r;
}

context::Relation ManifestResolver::relation_of(const Node& node) const {
  context::Relation r;
  if (is_ephemeral(node)) {
    r.identifier = cte_name(node);
    r.type = "cte";
    return r;
  }
  r.database = node.database;
  r.schema = node.schema;
  r.identifier = node.alias.empty() ? node.name : node.alias;
  std::string materialized = node.config.value("materialized", "view");
  r.type = materialized == "view" ? "view" : "table";
  return r;
}

// Refs and sources that compile to a CTE instead of their relation: unit-test fixtures,
// --empty and microbatch windows. CTEs keep the model's own aliases valid
// (`from {{ ref('x') }} as x` still parses), which a subquery would not.
class Compiler::Substitutions final : public context::Resolver {
 public:
  Substitutions(const LoadedProject& project, const ManifestResolver& base, const CompileOptions& options)
      : project_(project), base_(base), options_(options) {}

  Result<context::Relation> ref(const Node* from, const manifest::RefCall& call) const override {
    auto relation = base_.ref(from, call);
    if (!relation || relation->is_cte()) return relation;
    NodeId id = base_.index().find_ref(from ? from->package_name : project_.manifest.project_name, call);
    return substitute(id, std::move(relation).value());
  }
  Result<context::Relation> source(const Node* from, const manifest::SourceCall& call) const override {
    auto relation = base_.source(from, call);
    if (!relation) return relation;
    return substitute(base_.index().find_source(call.source_name, call.table_name), std::move(relation).value());
  }
  context::Relation relation_of(const Node& node) const override { return base_.relation_of(node); }

  // The CTE definitions used so far, in first-use order.
  std::vector<std::pair<std::string, std::string>> ctes() const { return ctes_; }

 private:
  context::Relation substitute(NodeId id, context::Relation relation) const {
    if (id == manifest::kNoNode) return relation;
    const Node& parent = project_.manifest.node(id);
    std::string sql;
    std::string prefix;
    if (auto it = options_.replace_parents.find(id); it != options_.replace_parents.end()) {
      sql = it->second;
      prefix = "__dbt__fixture__";
    } else if (options_.empty) {
      sql = "select * from " + relation.render() + " where false limit 0";
      prefix = "__dbt__empty__";
    } else if (options_.event_time_window && parent.config.contains("event_time") &&
               parent.config["event_time"].is_string()) {
      const std::string column = parent.config["event_time"].get<std::string>();
      sql = "select * from " + relation.render() + " where " + context::quoted(column) + " >= cast('" +
            options_.event_time_window->first + "' as timestamp) and " + context::quoted(column) + " < cast('" +
            options_.event_time_window->second + "' as timestamp)";
      prefix = "__dbt__batch__";
    } else {
      return relation;
    }
    std::string name = prefix + (parent.type == manifest::ResourceType::Source ? parent.source_name + "__" + parent.name : parent.name);
    bool seen = false;
    for (const auto& [n, _] : ctes_) seen = seen || n == name;
    if (!seen) ctes_.emplace_back(name, sql);
    context::Relation cte;
    cte.identifier = name;
    cte.type = "cte";
    return cte;
  }

  const LoadedProject& project_;
  const ManifestResolver& base_;
  const CompileOptions& options_;
  mutable std::vector<std::pair<std::string, std::string>> ctes_;
};

Result<std::string> Compiler::render(const Node& node, const jinja::Template& tmpl, std::vector<NodeId>& ephemerals,
                                     const CompileOptions& options, Substitutions& substitutions) const {
  context::RenderState state;
  state.mode = options.connection ? context::RenderMode::Execute : context::RenderMode::Compile;
  state.project = project_.context.get();
  state.resolver = options.plain() ? static_cast<const context::Resolver*>(&resolver_) : &substitutions;
  state.node = &node;
  // The node does not change while it compiles: `model` is built only if a template reads it.
  state.node_alive = std::make_shared<char>(0);
  state.package = node.package_name;
  state.is_incremental = options.is_incremental;
  state.connection = options.connection;
  state.on_sql = options.on_sql;
  state.var_overrides = options.var_overrides;
  state.env_overrides = options.env_overrides;
  auto sql = project_.env->render(tmpl, state);
  if (options.read_volatile && state.read_volatile) *options.read_volatile = true;
  if (options.env_vars_read) options.env_vars_read->insert(state.env_vars_read.begin(), state.env_vars_read.end());
  if (!sql) return at_test_entry(std::move(sql).error(), node);
  for (const auto& ref : state.refs) {
    NodeId id = resolver_.index().find_ref(node.package_name, ref);
    if (id != manifest::kNoNode && is_ephemeral(project_.manifest.node(id)) && !options.replace_parents.count(id))
      ephemerals.push_back(id);
  }
  return sql;
}

Result<std::string> Compiler::inject_ctes(std::string sql, const std::vector<NodeId>& direct, const CompileOptions& options,
                                          Substitutions& substitutions) const {
  // Depth-first over ephemeral parents so each CTE comes after the CTEs it reads.
  std::vector<std::pair<std::string, std::string>> ctes;
  std::set<NodeId> done;
  std::function<Status(NodeId)> visit = [&](NodeId id) -> Status {
    if (done.count(id)) return {};
    done.insert(id);
    const Node& eph = project_.manifest.node(id);
    const auto& tmpl = project_.templates[id];
    if (!tmpl) return {};
    std::vector<NodeId> nested;
    auto body = render(eph, *tmpl, nested, options, substitutions);
    if (!body) return std::move(body).error();
    for (NodeId n : nested) STRATA_TRY(visit(n));
    ctes.emplace_back(cte_name(eph), std::move(body).value());
    return {};
  };
  for (NodeId id : direct) STRATA_TRY(visit(id));
  // Substituted relations come first: ephemerals may read them.
  auto substituted = substitutions.ctes();
  substituted.insert(substituted.end(), ctes.begin(), ctes.end());
  return inject_cte_sql(sql, substituted);
}

Result<std::string> Compiler::compile(NodeId id, const CompileOptions& options) const {
  const Node& node = project_.manifest.node(id);
  const auto& tmpl = project_.templates[id];
  if (!tmpl) return std::string();
  Substitutions substitutions(project_, resolver_, options);
  std::vector<NodeId> ephemerals;
  auto sql = render(node, *tmpl, ephemerals, options, substitutions);
  if (!sql) return sql;
  return inject_ctes(std::move(sql).value(), ephemerals, options, substitutions);
}

Result<std::string> Compiler::render_text(const std::string& text, const std::string& origin, const Node* node,
                                          const CompileOptions& options) const {
  auto tmpl = project_.env->parse(text, origin);
  if (!tmpl) return std::move(tmpl).error();
  Substitutions substitutions(project_, resolver_, options);
  context::RenderState state;
  state.mode = options.connection ? context::RenderMode::Execute : context::RenderMode::Compile;
  state.project = project_.context.get();
  state.resolver = &resolver_;
  state.node = node;
  state.package = node ? node->package_name : project_.manifest.project_name;
  state.is_incremental = options.is_incremental;
  state.connection = options.connection;
  state.on_sql = options.on_sql;
  return project_.env->render(**tmpl, state);
}

Result<std::string> Compiler::compile_inline(const std::string& sql, const std::string& name,
                                             const CompileOptions& options) const {
  Node node;
  node.type = manifest::ResourceType::Model;
  node.name = name;
  node.package_name = project_.manifest.project_name;
  node.unique_id = "sql_operation." + node.package_name + "." + name;
  node.config = manifest::Json::object();
  auto tmpl = project_.env->parse(sql, "<inline>");
  if (!tmpl) return std::move(tmpl).error();
  Substitutions substitutions(project_, resolver_, options);
  std::vector<NodeId> ephemerals;
  auto rendered = render(node, **tmpl, ephemerals, options, substitutions);
  if (!rendered) return rendered;
  return inject_ctes(std::move(rendered).value(), ephemerals, options, substitutions);
}

std::string compiled_path(const Node& node) {
  if (node.test_metadata) return "compiled/" + node.package_name + "/" + node.original_file_path + "/" + node.name + ".sql";
  return "compiled/" + node.package_name + "/" + node.original_file_path;
}

}  // namespace strata::parser
