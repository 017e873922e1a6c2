#include "exec/data_tests/test_verdict.h"

#include <algorithm>

#include "exec/data_common/relation_build.h"

namespace strata::exec::data_tests {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

Status read_text(const manifest::Node& node, const char* key, std::string& out) {
  if (!node.config.contains(key) || node.config[key].is_null()) return {};
  const auto& v = node.config[key];
  if (v.is_string())
    out = v.get<std::string>();
  else if (v.is_number())
    out = v.dump();
  else
    return Error(ErrorCode::Config, "test '" + node.name + "': " + key + " must be a string", node.span);
  return {};
}

}  // namespace

Result<TestConfig> read_test_config(const manifest::Node& node, const RunFlags& flags) {
  TestConfig config;
  const auto& c = node.config;
  std::string severity = "error";
  STRATA_TRY(read_text(node, "severity", severity));
  severity = lower(severity);
  if (severity != "error" && severity != "warn")
    return Error(ErrorCode::Config, "test '" + node.name + "': severity must be error or warn, not '" + severity + "'",
                 node.span);
  config.severity_error = severity == "error";
  config.warn_is_error = flags.test_warn_is_error;
  STRATA_TRY(read_text(node, "fail_calc", config.fail_calc));
  STRATA_TRY(read_text(node, "warn_if", config.warn_if));
  STRATA_TRY(read_text(node, "error_if", config.error_if));
  if (c.contains("limit") && !c["limit"].is_null()) {
    if (!c["limit"].is_number_integer())
      return Error(ErrorCode::Config, "test '" + node.name + "': limit must be an integer", node.span);
    config.limit = c["limit"].get<int64_t>();
  }

  std::optional<bool> store_failures;
  if (c.contains("store_failures") && c["store_failures"].is_boolean())
    store_failures = c["store_failures"].get<bool>();
  std::string store_as;
  STRATA_TRY(read_text(node, "store_failures_as", store_as));
  store_as = lower(store_as);
  if (!store_as.empty() && store_as != "table" && store_as != "view" && store_as != "ephemeral")
    return Error(
        ErrorCode::Config,
        "test '" + node.name + "': '" + store_as +
            "' is not a valid value for store_failures_as. Accepted values are: ['ephemeral', 'table', 'view']",
        node.span);
  if (store_as == "table")
    config.store = StoreAs::Table;
  else if (store_as == "view")
    config.store = StoreAs::View;
  else if (store_as == "ephemeral")
    config.store = StoreAs::None;
  else if (store_failures.value_or(flags.store_failures))
    config.store = StoreAs::Table;
  return config;
}

std::string failure_count_sql(const std::string& main_sql, const TestConfig& config) {
  // Newlines keep a trailing line comment in the test's SQL from swallowing what follows.
  std::string sql = "select\n  " + config.fail_calc + " as failures,\n  " + config.fail_calc + " " + config.warn_if +
                    " as should_warn,\n  " + config.fail_calc + " " + config.error_if + " as should_error\nfrom (\n" +
                    data::trimmed_sql(main_sql) + "\n";
  if (config.limit) sql += "limit " + std::to_string(*config.limit) + "\n";
  return sql + ") dbt_internal_test";
}

std::string stored_failures_sql(const std::string& sql, const TestConfig& config) {
  if (!config.limit) return data::trimmed_sql(sql) + "\n";
  return "select * from (\n" + data::trimmed_sql(sql) + "\n) dbt_limit_subq limit " + std::to_string(*config.limit);
}

NodeOutcome verdict(const TestConfig& config, const FailureCount& count) {
  NodeOutcome outcome;
  const std::string got = "Got " + std::to_string(count.failures) + (count.failures == 1 ? " result" : " results");
  if (config.severity_error && count.should_error) {
    outcome.status = NodeStatus::Fail;
    outcome.message = got + ", configured to fail if " + config.error_if;
    outcome.failures = count.failures;
  } else if (count.should_warn) {
    outcome.status = config.warn_is_error ? NodeStatus::Fail : NodeStatus::Warn;
    outcome.message = got + ", configured to warn if " + config.warn_if;
    if (config.warn_is_error) outcome.message += " (an error under --warn-error)";
    outcome.failures = count.failures;
  } else {
    outcome.status = NodeStatus::Pass;
    outcome.failures = 0;
  }
  return outcome;
}

}  // namespace strata::exec::data_tests
