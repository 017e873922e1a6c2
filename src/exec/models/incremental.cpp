#include "exec/models/incremental.h"

#include "exec/models/build_relation.h"
#include "exec/models/contract.h"
#include "exec/models/custom_strategy.h"
#include "exec/models/incremental_strategy.h"
#include "exec/models/model_sql.h"
#include "exec/models/persist_docs.h"
#include "exec/models/schema_change.h"

namespace strata::exec::models {

Result<int64_t> apply_incremental(NodeContext& ctx, const ModelConfig& config, const context::Relation& target,
                                  const RelationState& /*state: a leftover <name>__strata_tmp beside the target is not used*/,
                                  const std::string& sql, const std::string& strategy,
                                  const std::optional<BatchWindow>& window) {
  const manifest::Node& node = ctx.node();
  // Staged in a temporary table (per connection; one left by a failed build is dropped).
  const context::Relation staged = staging_relation_of(target);
  STRATA_TRY(ctx.execute("drop table if exists " + staged.render()));
  STRATA_TRY(ctx.execute("create temporary table " + quote_column(staged.identifier) + " as (\n" +
                         as_subquery_body(sql) + "\n)"));
  if (config.contract_enforced) {
    auto columns = columns_of(ctx, staged);
    if (!columns.ok()) return std::move(columns).error();
    STRATA_TRY(check_contract(ctx, node, *columns));
  }
  auto dest_columns = process_schema_changes(ctx, config.on_schema_change, staged, target);
  if (!dest_columns.ok()) return std::move(dest_columns).error();

  StrategyInput input{target, staged, std::move(dest_columns).value(), window};
  Result<std::vector<Statement>> statements = std::vector<Statement>{};
  if (is_builtin_strategy(strategy)) {
    statements = strategy_statements(node, config, strategy, input);
  } else {
    auto sql = custom_strategy_sql(ctx, config, strategy, input);
    if (!sql.ok()) return std::move(sql).error();
    statements = std::vector<Statement>{{*sql, true}};
  }
  if (!statements.ok()) return std::move(statements).error();
  int64_t rows = 0;
  for (const auto& statement : *statements) {
    auto result = ctx.query(statement.sql);
    if (!result.ok()) return std::move(result).error();
    if (statement.counts_rows) rows += rows_reported(*result);
  }
  STRATA_TRY(ctx.execute("drop table " + staged.render()));
  STRATA_TRY(persist_docs(ctx, config, target, adapter::RelationKind::Table));
  return rows;
}

}  // namespace strata::exec::models
