#pragma once
// The NodeContext of a real run: the loaded project's compiler, the worker's connection,
// and a log of every statement executed (written to target/run/).
#include <string>
#include <vector>

#include "exec/node_context.h"
#include "exec/relation_cache.h"
#include "parser/compiler.h"

namespace strata::exec {

class RunNodeContext final : public NodeContext {
 public:
  RunNodeContext(const parser::LoadedProject& project, const parser::Compiler& compiler, const RunFlags& flags,
                 const adapter::Adapter& warehouse, adapter::Connection& connection, manifest::NodeId node,
                 RelationCache* relations = nullptr);

  const manifest::Manifest& manifest() const override { return project_.manifest; }
  const manifest::Node& node() const override { return project_.manifest.node(node_); }
  const RunFlags& flags() const override { return flags_; }
  adapter::Connection& connection() override { return connection_; }
  std::string quote(std::string_view identifier) const override { return warehouse_.quote(identifier); }
  context::Relation relation_of(manifest::NodeId id) const override;
  Result<std::string> compile(manifest::NodeId id, const CompileRequest& request) override;
  Result<std::string> render(const std::string& jinja_sql) override;
  Status run_hooks(HookPhase phase) override;
  std::string package_file_path(const manifest::Node& node) const override;
  KnownRelation known_relation(const context::Relation& relation) const override;
  Status execute(std::string_view sql) override;
  Result<adapter::QueryResult> query(std::string_view sql) override;

  // Every statement run for this node, in order.
  const std::vector<std::string>& statements() const { return statements_; }
  // The node's main compiled SQL (the last compile of the node itself).
  const std::string& compiled_code() const { return compiled_code_; }

  // Options for rendering in execute mode on this node's connection, recording SQL.
  parser::CompileOptions options();
  const parser::Compiler& compiler() const { return compiler_; }

 private:

  const parser::LoadedProject& project_;
  const parser::Compiler& compiler_;
  const RunFlags& flags_;
  const adapter::Adapter& warehouse_;
  adapter::Connection& connection_;
  manifest::NodeId node_;
  std::vector<std::string> statements_;
  std::string compiled_code_;
  // Whether the node's own SQL was last compiled as an incremental run: its hooks render
  // with the same is_incremental() (dbt renders hooks in the model's runtime context).
  bool incremental_ = false;
  RelationCache* relations_;
  bool touched_ = false;  // ran a statement: the snapshot may be out of date for this node
  void touch();
};

// The SQL texts of a hook config value: a string, a list of strings, or dicts with `sql`.
std::vector<std::string> hook_sql(const manifest::Json& value);

}  // namespace strata::exec
