// run_model: the view, table, incremental and ephemeral materializations of dbt-duckdb,
// natively. Every build runs in one transaction (see transaction.h).
#include <functional>
#include <optional>

#include "exec/materializations.h"
#include "exec/models/build_relation.h"
#include "exec/models/custom_strategy.h"
#include "exec/models/incremental.h"
#include "exec/models/incremental_strategy.h"
#include "exec/models/microbatch.h"
#include "exec/models/model_config.h"
#include "exec/models/model_sql.h"
#include "exec/models/outcome.h"
#include "exec/models/transaction.h"

namespace strata::exec {

namespace {

using models::ModelConfig;

bool should_full_refresh(const NodeContext& ctx, const ModelConfig& config) {
  // As dbt: a model's full_refresh config, when set, wins over the --full-refresh flag.
  return config.full_refresh.value_or(ctx.flags().full_refresh);
}

// Pre-hooks, the build, post-hooks: inside one transaction (dbt's default for hooks).
Result<NodeOutcome> build_in_transaction(NodeContext& ctx, const ModelConfig& config,
                                         const std::function<Result<int64_t>()>& build) {
  int64_t rows = -1;
  Status status = models::run_in_transaction(ctx, [&]() -> Status {
    STRATA_TRY(ctx.run_hooks(HookPhase::Pre));
    STRATA_TRY(models::run_sql_header(ctx, config));
    auto built = build();
    if (!built.ok()) return std::move(built).error();
    rows = *built;
    return ctx.run_hooks(HookPhase::Post);
  });
  if (!status.ok()) return models::error_outcome(std::move(status).error());
  return models::success_outcome(rows);
}

Result<NodeOutcome> run_relation(NodeContext& ctx, const ModelConfig& config, const models::RelationState& state,
                                 adapter::RelationKind kind) {
  auto sql = ctx.compile(ctx.node().id, CompileRequest{});
  if (!sql.ok()) return models::error_outcome(std::move(sql).error());
  const context::Relation target = ctx.relation_of(ctx.node().id);
  return build_in_transaction(ctx, config,
                              [&] { return models::build_and_swap(ctx, config, target, state, *sql, kind); });
}

// on_schema_change: full_refresh rebuilds when the new query's column names differ.
Result<bool> columns_changed(NodeContext& ctx, const std::string& sql, const context::Relation& target) {
  auto fresh = models::columns_of_query(ctx, sql);
  if (!fresh.ok()) return std::move(fresh).error();
  auto existing = models::columns_of(ctx, target);
  if (!existing.ok()) return std::move(existing).error();
  if (fresh->size() != existing->size()) return true;
  for (const auto& c : *fresh)
    if (!models::find_column(*existing, c.name)) return true;
  return false;
}

Result<NodeOutcome> run_incremental(NodeContext& ctx, const ModelConfig& config, const models::RelationState& state) {
  const manifest::Node& node = ctx.node();
  const context::Relation target = ctx.relation_of(node.id);
  // An existing view is replaced by a table, as dbt does.
  bool full_refresh = !state.target || *state.target == adapter::RelationKind::View || should_full_refresh(ctx, config);

  const std::string strategy = models::effective_strategy(config);
  if (strategy == "microbatch") return models::run_microbatch(ctx, config, !full_refresh);
  if (!models::is_builtin_strategy(strategy)) {
    // dbt's custom strategies: a macro get_incremental_<name>_sql in the project.
    auto custom = models::has_custom_strategy(ctx, strategy);
    if (!custom.ok()) return models::error_outcome(std::move(custom).error());
    if (!*custom) {
      return models::error_outcome(
          Error(ErrorCode::Config, "model '" + node.name + "': incremental_strategy '" + strategy +
                                       "' is not supported on DuckDB", node.span)
              .with_hint("use one of: append, delete+insert, merge, microbatch, or define a macro " +
                         models::custom_strategy_macro(strategy) + "(arg_dict) for a custom strategy"));
    }
  }

  std::optional<std::string> incremental_sql;
  if (!full_refresh) {
    CompileRequest request;
    request.is_incremental = true;
    auto sql = ctx.compile(node.id, request);
    if (!sql.ok()) return models::error_outcome(std::move(sql).error());
    incremental_sql = std::move(sql).value();
    if (config.on_schema_change == "full_refresh") {
      auto changed = columns_changed(ctx, *incremental_sql, target);
      if (!changed.ok()) return models::error_outcome(std::move(changed).error());
      full_refresh = *changed;
    }
  }
  if (full_refresh) return run_relation(ctx, config, state, adapter::RelationKind::Table);
  return build_in_transaction(ctx, config, [&] {
    return models::apply_incremental(ctx, config, target, state, *incremental_sql, strategy, std::nullopt);
  });
}

}  // namespace

Result<NodeOutcome> run_model(NodeContext& ctx) {
  auto config = models::read_model_config(ctx.node());
  if (!config.ok()) return models::error_outcome(std::move(config).error());
  const std::string& m = config->materialized;
  // dbt never runs ephemeral models: they are inlined as CTEs where they are used.
  if (m == "ephemeral") return models::success_outcome(-1);
  const manifest::Node& node = ctx.node();
  if (node.language != "sql") {
    return models::error_outcome(
        Error(ErrorCode::Config, "model '" + node.name + "': " + node.language + " models are not supported", node.span)
            .with_hint("write the model in SQL"));
  }
  if (m == "view" || m == "table" || m == "incremental") {
    const context::Relation target = ctx.relation_of(node.id);
    auto state = models::probe_relations(ctx, target);
    if (!state.ok()) return models::error_outcome(std::move(state).error());
    if (!state->target) {  // a relation there implies its schema
      Status schema = models::ensure_schema(ctx, target);
      if (!schema.ok()) return models::error_outcome(std::move(schema).error());
    }
    if (m == "view") return run_relation(ctx, *config, *state, adapter::RelationKind::View);
    if (m == "table") return run_relation(ctx, *config, *state, adapter::RelationKind::Table);
    return run_incremental(ctx, *config, *state);
  }
  return models::error_outcome(
      Error(ErrorCode::Config, "model '" + node.name + "': materialization '" + m + "' is not supported", node.span)
          .with_hint("use one of: view, table, incremental, ephemeral"));
}

}  // namespace strata::exec
