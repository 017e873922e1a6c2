#pragma once
// dbt's data-test semantics without the Jinja: the configs of a test, the query that
// counts its failures (dbt's get_test_sql), and the verdict from that count.
#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "exec/node_outcome.h"
#include "exec/run_flags.h"
#include "manifest/node.h"

namespace strata::exec::data_tests {

enum class StoreAs { None, Table, View };

struct TestConfig {
  bool severity_error = true;  // severity: error (default) or warn
  std::string fail_calc = "count(*)";
  std::string warn_if = "!= 0";
  std::string error_if = "!= 0";
  std::optional<int64_t> limit;
  StoreAs store = StoreAs::None;  // where failing rows are kept, if anywhere
  bool warn_is_error = false;     // --warn-error: a warning verdict becomes a failure
};

// Reads the node's configs; store_failures_as wins over store_failures, which wins over
// the --store-failures flag (dbt's order).
Result<TestConfig> read_test_config(const manifest::Node& node, const RunFlags& flags);

// select <fail_calc> as failures, <fail_calc> <warn_if> as should_warn, ... from (sql).
std::string failure_count_sql(const std::string& main_sql, const TestConfig& config);
// The SQL whose rows are stored: the test's rows, limited like the count.
std::string stored_failures_sql(const std::string& sql, const TestConfig& config);

struct FailureCount {
  int64_t failures = 0;
  bool should_warn = false;
  bool should_error = false;
};

// Pass, Warn or Fail with dbt's message ("Got 3 results, configured to fail if != 0").
NodeOutcome verdict(const TestConfig& config, const FailureCount& count);

}  // namespace strata::exec::data_tests
