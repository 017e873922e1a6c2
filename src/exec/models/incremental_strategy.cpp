#include "exec/models/incremental_strategy.h"

#include <algorithm>

#include "common/sql_quote.h"
#include "exec/models/model_sql.h"

namespace strata::exec::models {

namespace {

Error strategy_error(const manifest::Node& node, const std::string& message, const std::string& hint) {
  return Error(ErrorCode::Config, "model '" + node.name + "': " + message, node.span).with_hint(hint);
}

std::string and_predicates(const std::vector<std::string>& predicates) {
  std::string out;
  for (const auto& p : predicates) out += "\n  and (" + p + ")";
  return out;
}

Statement insert_all(const StrategyInput& in, const std::string& where = "") {
  std::string cols = quoted_csv(in.dest_columns);
  return {"insert into " + in.target.render() + " (" + cols + ")\nselect " + cols + " from " + in.staged.render() + where,
          true};
}

std::vector<Statement> delete_insert(const ModelConfig& config, const StrategyInput& in) {
  std::vector<Statement> out;
  const auto& keys = config.unique_key;
  if (!keys.empty()) {
    const std::string target = in.target.render();
    const std::string staged = in.staged.render();
    if (config.unique_key_is_list) {
      // Composite key: match row by row (as dbt-duckdb's `delete ... using`).
      std::string match;
      for (const auto& k : keys) match += std::string(match.empty() ? "" : "\n  and ") + staged + "." + k + " = DBT_INCREMENTAL_TARGET." + k;
      out.push_back({"delete from " + target + " as DBT_INCREMENTAL_TARGET\nusing " + staged + "\nwhere (\n  " +
                         match + and_predicates(config.incremental_predicates) + "\n)",
                     false});
    } else {
      // `distinct`: a key that stands for many rows (a user's rows, say) is probed once. The
      // same rows are deleted; at 20M MovieLens ratings the probe of a 485k-row stage with
      // 26k distinct keys fell from 0.09-0.16 s to 0.04 s.
      out.push_back({"delete from " + target + "\nwhere (" + keys[0] + ") in (select distinct (" + keys[0] + ") from " +
                         staged + ")" + and_predicates(config.incremental_predicates),
                     false});
    }
  }
  out.push_back(insert_all(in));
  return out;
}

std::vector<Statement> merge(const ModelConfig& config, const StrategyInput& in) {
  std::vector<std::string> on;
  for (const auto& k : config.unique_key) on.push_back("DBT_INTERNAL_SOURCE." + k + " = DBT_INTERNAL_DEST." + k);
  if (on.empty()) on.push_back("FALSE");  // no key: every row is new
  for (const auto& p : config.incremental_predicates) on.push_back(p);
  std::string condition;
  for (const auto& c : on) condition += std::string(condition.empty() ? "(" : ") and (") + c;
  condition += ")";

  std::vector<std::string> update = in.dest_columns;
  if (!config.merge_update_columns.empty()) update = config.merge_update_columns;
  if (!config.merge_exclude_columns.empty()) {
    std::erase_if(update, [&](const std::string& c) {
      return std::any_of(config.merge_exclude_columns.begin(), config.merge_exclude_columns.end(),
                         [&](const std::string& e) { return same_name(e, c); });
    });
  }
  std::string set;
  for (const auto& c : update)
    set += std::string(set.empty() ? "" : ", ") + quote_column(c) + " = DBT_INTERNAL_SOURCE." + quote_column(c);
  std::string values;
  for (const auto& c : in.dest_columns) values += std::string(values.empty() ? "" : ", ") + "DBT_INTERNAL_SOURCE." + quote_column(c);

  std::string sql = "merge into " + in.target.render() + " as DBT_INTERNAL_DEST\nusing " + in.staged.render() +
                    " as DBT_INTERNAL_SOURCE\non " + condition;
  if (!set.empty()) sql += "\nwhen matched then update set " + set;
  sql += "\nwhen not matched then insert (" + quoted_csv(in.dest_columns) + ") values (" + values + ")";
  return {{sql, true}};
}

Result<std::vector<Statement>> microbatch(const manifest::Node& node, const ModelConfig& config,
                                          const StrategyInput& in) {
  if (config.event_time.empty())
    return strategy_error(node, "the microbatch strategy needs an 'event_time' config",
                          "set event_time to the column that holds each row's time");
  if (!config.unique_key.empty())
    return strategy_error(node, "the microbatch strategy does not use 'unique_key'",
                          "remove unique_key (each batch replaces its time window), or use incremental_strategy: merge");
  if (!in.window)
    return Error(ErrorCode::Internal, "microbatch strategy applied without a batch window");
  std::string where = "\nwhere " + config.event_time + " >= cast(" + sql_literal(in.window->start) +
                      " as timestamp)\n  and " + config.event_time + " < cast(" + sql_literal(in.window->end) +
                      " as timestamp)" + and_predicates(config.incremental_predicates);
  std::vector<Statement> out;
  out.push_back({"delete from " + in.target.render() + where, false});
  out.push_back(insert_all(in, where));
  return out;
}

}  // namespace

std::string effective_strategy(const ModelConfig& config) {
  if (config.incremental_strategy.empty() || config.incremental_strategy == "default") return "delete+insert";
  return config.incremental_strategy;
}

Result<std::vector<Statement>> strategy_statements(const manifest::Node& node, const ModelConfig& config,
                                                   const std::string& strategy, const StrategyInput& input) {
  if (strategy == "append") return std::vector<Statement>{insert_all(input)};
  if (strategy == "delete+insert") return delete_insert(config, input);
  if (strategy == "merge") return merge(config, input);
  if (strategy == "microbatch") return microbatch(node, config, input);
  return strategy_error(node, "incremental_strategy '" + strategy + "' is not supported on DuckDB",
                        "use one of: append, delete+insert, merge, microbatch");
}

}  // namespace strata::exec::models
