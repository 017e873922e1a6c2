#pragma once
// dbt's custom incremental strategies: `incremental_strategy: <name>` with a project (or
// package) macro get_incremental_<name>_sql(arg_dict) that returns the SQL applying the
// staged rows to the target. arg_dict as dbt passes it: target_relation, temp_relation,
// unique_key, dest_columns (Column objects), incremental_predicates.
#include <string>

#include "common/result.h"
#include "exec/models/incremental_strategy.h"
#include "exec/models/model_config.h"
#include "exec/node_context.h"

namespace strata::exec::models {

// append, delete+insert, merge, microbatch: the strategies strata writes itself.
bool is_builtin_strategy(const std::string& strategy);

// get_incremental_<strategy>_sql
std::string custom_strategy_macro(const std::string& strategy);

// Whether the project defines the strategy's macro (false for a name that cannot be one).
Result<bool> has_custom_strategy(NodeContext& ctx, const std::string& strategy);

// The macro's SQL for these staged rows (one or more statements).
Result<std::string> custom_strategy_sql(NodeContext& ctx, const ModelConfig& config, const std::string& strategy,
                                        const StrategyInput& input);

}  // namespace strata::exec::models
