#pragma once
// One incremental step inside the caller's transaction: stage the new rows into
// a temporary table, check the contract, apply on_schema_change, run the strategy, drop
// the staging table. Shared by incremental runs and each microbatch batch.
#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "context/relation.h"
#include "exec/models/model_config.h"
#include "exec/models/model_sql.h"
#include "exec/node_context.h"

namespace strata::exec::models {

// Returns the rows the strategy wrote (inserted, or merged).
Result<int64_t> apply_incremental(NodeContext& ctx, const ModelConfig& config, const context::Relation& target,
                                  const RelationState& state, const std::string& sql, const std::string& strategy,
                                  const std::optional<BatchWindow>& window);

}  // namespace strata::exec::models
