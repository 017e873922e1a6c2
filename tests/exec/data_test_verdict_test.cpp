// Data tests over real DuckDB: failure counts, severities, warn_if/error_if, fail_calc,
// limit, and stored failures as a table or a view.
#include <gtest/gtest.h>

#include "exec/materializations.h"
#include "test_node_context.h"

namespace strata::exec {
namespace {

using testing::TestNodeContext;

const char* kNotNull = "select id from main.orders where id is null";
// dbt's built-in unique test, as compiled.
const char* kUnique =
    "select\n    id as unique_field,\n    count(*) as n_records\n\nfrom main.orders\nwhere id is not null\n"
    "group by id\nhaving count(*) > 1\n";

class DataTestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_.rows(
        "create table orders as select * from (values (1,'a'),(2,'b'),(2,'b2'),(3,'c'),(3,'c2'),(3,'c3'),"
        "(null,'x'),(null,'y'),(null,'z')) t(id, name)");
  }
  manifest::NodeId add_test(const std::string& name, const std::string& sql,
                            manifest::Json config = manifest::Json::object()) {
    manifest::Node node;
    node.type = manifest::ResourceType::Test;
    node.name = name;
    node.schema = "main_dbt_test__audit";
    node.raw_code = sql;
    node.config = {{"materialized", "test"},  {"severity", "ERROR"},       {"warn_if", "!= 0"}, {"error_if", "!= 0"},
                   {"fail_calc", "count(*)"}, {"store_failures", nullptr}, {"limit", nullptr}};
    node.config.update(config);
    auto id = ctx_.add(std::move(node));
    ctx_.set_current(id);
    return id;
  }
  NodeOutcome run() {
    auto r = run_data_test(ctx_);
    EXPECT_TRUE(r.ok());
    return r.ok() ? std::move(r).value() : NodeOutcome{};
  }
  TestNodeContext ctx_;
};

TEST_F(DataTestTest, NotNullFailsWithTheNullCount) {
  add_test("not_null_orders_id", kNotNull);
  NodeOutcome o = run();
  EXPECT_EQ(o.status, NodeStatus::Fail);
  EXPECT_EQ(o.failures, 3);
  EXPECT_EQ(o.message, "Got 3 results, configured to fail if != 0");
}

TEST_F(DataTestTest, UniqueCountsDuplicatedValuesAndFailCalcSumsRows) {
  add_test("unique_orders_id", kUnique);
  NodeOutcome o = run();
  EXPECT_EQ(o.status, NodeStatus::Fail);
  EXPECT_EQ(o.failures, 2);  // ids 2 and 3
  add_test("unique_orders_id_rows", kUnique, {{"fail_calc", "sum(n_records)"}});
  o = run();
  EXPECT_EQ(o.failures, 5);
  EXPECT_EQ(o.message, "Got 5 results, configured to fail if != 0");
}

TEST_F(DataTestTest, PassingTestHasNoFailures) {
  add_test("ok", "select * from main.orders where name is null");
  NodeOutcome o = run();
  EXPECT_EQ(o.status, NodeStatus::Pass);
  EXPECT_EQ(o.failures, 0);
}

TEST_F(DataTestTest, SeverityWarnWarnsInsteadOfFailing) {
  add_test("nn", kNotNull, {{"severity", "warn"}});
  NodeOutcome o = run();
  EXPECT_EQ(o.status, NodeStatus::Warn);
  EXPECT_EQ(o.failures, 3);
  EXPECT_EQ(o.message, "Got 3 results, configured to warn if != 0");
}

TEST_F(DataTestTest, WarnErrorTurnsAWarningIntoAFailureButLeavesPassesAlone) {
  ctx_.mutable_flags().test_warn_is_error = true;
  add_test("nn", kNotNull, {{"severity", "warn"}});
  NodeOutcome o = run();
  EXPECT_EQ(o.status, NodeStatus::Fail);
  EXPECT_EQ(o.failures, 3);
  EXPECT_EQ(o.message, "Got 3 results, configured to warn if != 0 (an error under --warn-error)");
  add_test("below_warn", kNotNull, {{"severity", "warn"}, {"warn_if", ">10"}});
  EXPECT_EQ(run().status, NodeStatus::Pass);
}

TEST_F(DataTestTest, ErrorIfAndWarnIfThresholds) {
  add_test("t1", kNotNull, {{"warn_if", ">1"}, {"error_if", ">5"}});
  NodeOutcome o = run();
  EXPECT_EQ(o.status, NodeStatus::Warn);
  EXPECT_EQ(o.message, "Got 3 results, configured to warn if >1");
  add_test("t2", kNotNull, {{"warn_if", ">1"}, {"error_if", ">2"}});
  o = run();
  EXPECT_EQ(o.status, NodeStatus::Fail);
  EXPECT_EQ(o.message, "Got 3 results, configured to fail if >2");
  add_test("t3", kNotNull, {{"warn_if", ">10"}, {"error_if", ">10"}});
  o = run();
  EXPECT_EQ(o.status, NodeStatus::Pass);
  EXPECT_EQ(o.failures, 0);
}

TEST_F(DataTestTest, SingularFailureIsPlural) {
  add_test("one", "select 1 as x;  ");
  NodeOutcome o = run();
  EXPECT_EQ(o.message, "Got 1 result, configured to fail if != 0");
}

TEST_F(DataTestTest, LimitCapsTheCount) {
  add_test("lim", kNotNull, {{"limit", 2}});
  EXPECT_EQ(run().failures, 2);
}

TEST_F(DataTestTest, SqlErrorIsAnErrorOutcome) {
  add_test("broken", "select * from main.no_such_table");
  NodeOutcome o = run();
  EXPECT_EQ(o.status, NodeStatus::Error);
  ASSERT_TRUE(o.error);
  EXPECT_NE(o.error->message.find("no_such_table"), std::string::npos);
}

TEST_F(DataTestTest, TrailingLineCommentDoesNotBreakTheWrapper) {
  add_test("comment", "select id from main.orders where id is null -- nulls");
  EXPECT_EQ(run().failures, 3);
}

TEST_F(DataTestTest, StoreFailuresAsTableKeepsTheRowsInTheAuditSchema) {
  add_test("nn_store", kNotNull, {{"store_failures", true}});
  NodeOutcome o = run();
  EXPECT_EQ(o.status, NodeStatus::Fail);
  EXPECT_EQ(o.failures, 3);
  auto rel = ctx_.rows(
      "select table_type from information_schema.tables where table_schema = 'main_dbt_test__audit' "
      "and table_name = 'nn_store'");
  ASSERT_EQ(rel.rows.size(), 1u);
  EXPECT_EQ(adapter::cell_to_string(rel.rows[0][0]), "BASE TABLE");
  EXPECT_EQ(ctx_.rows("select count(*) from main_dbt_test__audit.nn_store").rows[0][0], adapter::Cell(int64_t{3}));
  // A rerun replaces the stored rows.
  ctx_.rows("update orders set id = 9 where name = 'x'");
  EXPECT_EQ(run().failures, 2);
  EXPECT_EQ(ctx_.rows("select count(*) from main_dbt_test__audit.nn_store").rows[0][0], adapter::Cell(int64_t{2}));
}

TEST_F(DataTestTest, StoreFailuresAsViewFollowsTheData) {
  add_test("nn_view", kNotNull, {{"store_failures_as", "view"}});
  EXPECT_EQ(run().failures, 3);
  auto rel = ctx_.rows("select table_type from information_schema.tables where table_name = 'nn_view'");
  ASSERT_EQ(rel.rows.size(), 1u);
  EXPECT_EQ(adapter::cell_to_string(rel.rows[0][0]), "VIEW");
  ctx_.rows("delete from orders where id is null");
  EXPECT_EQ(ctx_.rows("select count(*) from main_dbt_test__audit.nn_view").rows[0][0], adapter::Cell(int64_t{0}));
}

TEST_F(DataTestTest, StoreFailuresFlagAndEphemeralOverride) {
  ctx_.mutable_flags().store_failures = true;
  add_test("by_flag", kNotNull);
  run();
  EXPECT_EQ(ctx_.rows("select count(*) from main_dbt_test__audit.by_flag").rows[0][0], adapter::Cell(int64_t{3}));
  add_test("not_stored", kNotNull, {{"store_failures", true}, {"store_failures_as", "ephemeral"}});
  EXPECT_EQ(run().failures, 3);
  EXPECT_TRUE(ctx_.rows("select * from information_schema.tables where table_name = 'not_stored'").rows.empty());
  add_test("off", kNotNull, {{"store_failures", false}});
  run();
  EXPECT_TRUE(ctx_.rows("select * from information_schema.tables where table_name = 'off'").rows.empty());
}

TEST_F(DataTestTest, InvalidConfigsAreErrors) {
  add_test("bad_sev", kNotNull, {{"severity", "fatal"}});
  EXPECT_EQ(run().status, NodeStatus::Error);
  add_test("bad_store", kNotNull, {{"store_failures_as", "incremental"}});
  NodeOutcome o = run();
  EXPECT_EQ(o.status, NodeStatus::Error);
  EXPECT_NE(o.message.find("not a valid value for store_failures_as"), std::string::npos);
  add_test("not_agg", kNotNull, {{"fail_calc", "id"}});
  EXPECT_EQ(run().status, NodeStatus::Error);
}

}  // namespace
}  // namespace strata::exec
