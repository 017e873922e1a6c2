// Snapshots over real DuckDB: timestamp and check strategies across several source
// changes, each hard_deletes mode, dbt_valid_to_current, custom meta column names, and
// the guards (duplicate keys, reruns that change nothing).
#include <gtest/gtest.h>

#include "exec/materializations.h"
#include "exec/snapshots/snapshot_sql.h"
#include "test_node_context.h"

namespace strata::exec {
namespace {

using testing::TestNodeContext;

class SnapshotTest : public ::testing::Test {
 protected:
  manifest::NodeId add_snapshot(manifest::Json config, const std::string& sql = "select * from main.src",
                                const std::string& name = "snap") {
    manifest::Node node;
    node.type = manifest::ResourceType::Snapshot;
    node.name = name;
    node.alias = "snap";
    node.raw_code = sql;
    node.config = std::move(config);
    node.config["materialized"] = "snapshot";
    auto id = ctx_.add(std::move(node));
    ctx_.set_current(id);
    return id;
  }
  NodeOutcome run() {
    auto r = run_snapshot(ctx_);
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return {};
    EXPECT_EQ(r->status, NodeStatus::Success) << r->message;
    return std::move(r).value();
  }
  int64_t count(const std::string& where = "true") {
    auto r = ctx_.rows("select count(*) from main.snap where " + where);
    return std::get<int64_t>(r.rows[0][0]);
  }
  // Rows as text, one string per row, for exact comparisons.
  std::vector<std::string> lines(const std::string& sql) {
    auto r = ctx_.rows(sql);
    std::vector<std::string> out;
    for (const auto& row : r.rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) line += (i ? "|" : "") + adapter::cell_to_string(row[i]);
      out.push_back(line);
    }
    return out;
  }
  TestNodeContext ctx_;
};

TEST_F(SnapshotTest, TimestampStrategyVersionsChangedRows) {
  ctx_.rows(
      "create table src as select * from (values (1, 'a', timestamp '2024-01-01'), "
      "(2, 'b', timestamp '2024-01-01')) t(id, name, updated_at)");
  add_snapshot({{"strategy", "timestamp"}, {"unique_key", "id"}, {"updated_at", "updated_at"}});
  EXPECT_EQ(run().rows_affected, 2);
  EXPECT_EQ(
      lines("select id, name, dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to from snap order by id"),
      (std::vector<std::string>{"1|a|8bd6037542377309505ab720e545f24e|2024-01-01 00:00:00|2024-01-01 00:00:00|NULL",
                                "2|b|f8e4dcba7004839b9c5b44a77923cd0a|2024-01-01 00:00:00|2024-01-01 00:00:00|NULL"}));

  // No change: nothing added.
  EXPECT_EQ(run().rows_affected, 0);
  EXPECT_EQ(count(), 2);

  // id 1 changes, id 3 appears.
  ctx_.rows("update src set name = 'a2', updated_at = timestamp '2024-02-01' where id = 1");
  ctx_.rows("insert into src values (3, 'c', timestamp '2024-02-01')");
  EXPECT_EQ(run().rows_affected, 2);
  EXPECT_EQ(lines("select id, name, dbt_scd_id, dbt_valid_from, dbt_valid_to from snap order by id, dbt_valid_from"),
            (std::vector<std::string>{"1|a|8bd6037542377309505ab720e545f24e|2024-01-01 00:00:00|2024-02-01 00:00:00",
                                      "1|a2|2e82cee106c704e5a20fc8fbc5618f48|2024-02-01 00:00:00|NULL",
                                      "2|b|f8e4dcba7004839b9c5b44a77923cd0a|2024-01-01 00:00:00|NULL",
                                      "3|c|1913da23d3ad71835692dc8bdbc52c55|2024-02-01 00:00:00|NULL"}));
  EXPECT_EQ(run().rows_affected, 0);
  EXPECT_EQ(count(), 4);
}

TEST_F(SnapshotTest, CheckAllColumnsAcrossSeveralChanges) {
  ctx_.rows("create table src as select * from (values (1, 'a', 'x'), (2, 'b', 'y')) t(id, name, city)");
  add_snapshot({{"strategy", "check"}, {"unique_key", "id"}, {"check_cols", "all"}});
  run();
  EXPECT_EQ(count(), 2);
  EXPECT_EQ(count("dbt_valid_to is null and dbt_valid_from = dbt_updated_at"), 2);

  ctx_.rows("update src set name = 'a2' where id = 1");
  EXPECT_EQ(run().rows_affected, 1);
  ctx_.rows("update src set city = 'z' where id = 2");
  EXPECT_EQ(run().rows_affected, 1);
  ctx_.rows("update src set city = null where id = 1");  // to null is a change too
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(run().rows_affected, 0);
  EXPECT_EQ(count(), 5);
  EXPECT_EQ(lines("select id, name, coalesce(city, '-'), dbt_valid_to is null from snap order by id, dbt_valid_from"),
            (std::vector<std::string>{"1|a|x|false", "1|a2|x|false", "1|a2|-|true", "2|b|y|false", "2|b|z|true"}));
  // Each closed version ends exactly when the next one starts.
  EXPECT_EQ(count("dbt_valid_to is not null and dbt_valid_to not in (select dbt_valid_from from snap s2 "
                  "where s2.id = snap.id)"),
            0);
  EXPECT_EQ(ctx_.rows("select count(*) from (select id from snap where dbt_valid_to is null group by id "
                      "having count(*) > 1)")
                .rows[0][0],
            adapter::Cell(int64_t{0}));
}

TEST_F(SnapshotTest, CheckColsSubsetIgnoresOtherColumns) {
  ctx_.rows("create table src as select * from (values (1, 'a', 'x'), (2, 'b', 'y')) t(id, name, city)");
  add_snapshot({{"strategy", "check"}, {"unique_key", "id"}, {"check_cols", {"name"}}});
  run();
  ctx_.rows("update src set city = 'changed'");
  EXPECT_EQ(run().rows_affected, 0);
  EXPECT_EQ(count(), 2);
  ctx_.rows("update src set name = 'b2' where id = 2");
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(count(), 3);
  EXPECT_EQ(lines("select id, name, city, dbt_valid_to is null from snap order by id, dbt_valid_from"),
            (std::vector<std::string>{"1|a|x|true", "2|b|y|false", "2|b2|changed|true"}));
}

TEST_F(SnapshotTest, HardDeletesIgnoreKeepsDeletedRowsCurrent) {
  ctx_.rows("create table src as select * from (values (1, 'a'), (2, 'b')) t(id, name)");
  add_snapshot({{"strategy", "check"}, {"unique_key", "id"}, {"check_cols", "all"}});
  run();
  ctx_.rows("delete from src where id = 2");
  EXPECT_EQ(run().rows_affected, 0);
  EXPECT_EQ(count("dbt_valid_to is null"), 2);
}

// A snapshot whose select returns only recent rows (as an incremental pipeline's tag
// history does): the current versions of keys outside the select are left alone and are
// not carried through the staging joins (hard_deletes ignore reads only the selected keys).
TEST_F(SnapshotTest, SelectOfRecentRowsVersionsOnlyThoseKeys) {
  ctx_.rows(
      "create table src as select * from (values (1, 'x', 'a', 10), (2, 'x', 'b', 10), (2, 'y', 'c', 10)) "
      "t(id, part, name, version)");
  add_snapshot({{"strategy", "check"}, {"unique_key", {"id", "part"}}, {"check_cols", {"name"}}},
               "select * from main.src where version >= (select max(version) from main.src)");
  EXPECT_EQ(run().rows_affected, 3);
  ctx_.rows("update src set version = 11, name = 'c2' where id = 2 and part = 'y'");
  ctx_.rows("insert into src values (3, 'x', 'd', 11)");
  EXPECT_EQ(run().rows_affected, 2);  // new versions: (2, y) changed, (3, x) new
  EXPECT_EQ(lines("select id, part, name, dbt_valid_to is null from snap order by id, part, name"),
            (std::vector<std::string>{"1|x|a|true", "2|x|b|true", "2|y|c|false", "2|y|c2|true", "3|x|d|true"}));
  bool semi_join = false;
  for (const auto& sql : ctx_.executed())
    if (sql.find("semi join (select id as dbt_unique_key_1, part as dbt_unique_key_2 from snapshot_query)") !=
        std::string::npos)
      semi_join = true;
  EXPECT_TRUE(semi_join);
}

TEST_F(SnapshotTest, HardDeletesInvalidateClosesDeletedRows) {
  ctx_.rows("create table src as select * from (values (1, 'a'), (2, 'b')) t(id, name)");
  add_snapshot({{"strategy", "check"}, {"unique_key", "id"}, {"check_cols", "all"}, {"hard_deletes", "invalidate"}});
  run();
  ctx_.rows("delete from src where id = 2");
  EXPECT_EQ(run().rows_affected, 0);
  EXPECT_EQ(count(), 2);
  EXPECT_EQ(lines("select id, dbt_valid_to is null from snap order by id"),
            (std::vector<std::string>{"1|true", "2|false"}));
  EXPECT_EQ(run().rows_affected, 0);
  EXPECT_EQ(count(), 2);
  // It comes back: a new current version.
  ctx_.rows("insert into src values (2, 'b')");
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(lines("select id, dbt_valid_to is null from snap order by id, dbt_valid_from"),
            (std::vector<std::string>{"1|true", "2|false", "2|true"}));
}

TEST_F(SnapshotTest, LegacyInvalidateHardDeletes) {
  ctx_.rows("create table src as select * from (values (1, timestamp '2024-01-01')) t(id, updated_at)");
  add_snapshot({{"strategy", "timestamp"},
                {"unique_key", "id"},
                {"updated_at", "updated_at"},
                {"invalidate_hard_deletes", true}});
  run();
  ctx_.rows("delete from src");
  run();
  EXPECT_EQ(count("dbt_valid_to is not null"), 1);
}

TEST_F(SnapshotTest, HardDeletesNewRecordAddsDeletionVersions) {
  ctx_.rows("create table src as select * from (values (1, 'a'), (2, 'b')) t(id, name)");
  add_snapshot({{"strategy", "check"}, {"unique_key", "id"}, {"check_cols", "all"}, {"hard_deletes", "new_record"}});
  run();
  EXPECT_EQ(lines("select id, dbt_is_deleted from snap order by id"), (std::vector<std::string>{"1|False", "2|False"}));
  ctx_.rows("delete from src where id = 2");
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(lines("select id, name, dbt_is_deleted, dbt_valid_to is null from snap order by id, dbt_valid_from"),
            (std::vector<std::string>{"1|a|False|true", "2|b|False|false", "2|b|True|true"}));
  EXPECT_EQ(run().rows_affected, 0);  // still deleted: nothing new
  EXPECT_EQ(count(), 3);
  ctx_.rows("insert into src values (2, 'b')");
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(lines("select id, dbt_is_deleted, dbt_valid_to is null from snap order by id, dbt_valid_from, "
                  "dbt_is_deleted desc"),
            (std::vector<std::string>{"1|False|true", "2|False|false", "2|True|false", "2|False|true"}));
}

TEST_F(SnapshotTest, NewRecordWithValidToCurrentAndCompositeKey) {
  ctx_.rows("create table src as select * from (values (1, 'x', 'a'), (1, 'y', 'b')) t(id, part, name)");
  add_snapshot({{"strategy", "check"},
                {"unique_key", {"id", "part"}},
                {"check_cols", {"name"}},
                {"hard_deletes", "new_record"},
                {"dbt_valid_to_current", "timestamp '9999-12-31'"}});
  run();
  ctx_.rows("delete from src where part = 'y'");
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(run().rows_affected, 0);
  ctx_.rows("insert into src values (1, 'y', 'b2')");
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(lines("select part, name, dbt_is_deleted, dbt_valid_to = timestamp '9999-12-31' from snap "
                  "order by part, dbt_valid_from, dbt_is_deleted desc"),
            (std::vector<std::string>{"x|a|False|true", "y|b|False|false", "y|b|True|false", "y|b2|False|true"}));
  EXPECT_EQ(count("dbt_valid_to is null"), 0);
}

TEST_F(SnapshotTest, SwitchingToNewRecordAddsTheIsDeletedColumn) {
  ctx_.rows("create table src as select * from (values (1, 'a'), (2, 'b')) t(id, name)");
  add_snapshot({{"strategy", "check"}, {"unique_key", "id"}, {"check_cols", "all"}});
  run();
  add_snapshot({{"strategy", "check"}, {"unique_key", "id"}, {"check_cols", "all"}, {"hard_deletes", "new_record"}},
               "select * from main.src", "snap_v2");
  ctx_.rows("delete from src where id = 1");
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(lines("select id, coalesce(dbt_is_deleted, '-'), dbt_valid_to is null from snap order by id, dbt_valid_from"),
            (std::vector<std::string>{"1|False|false", "1|True|true", "2|False|true"}));
}

TEST_F(SnapshotTest, ValidToCurrentMarksOpenRows) {
  ctx_.rows("create table src as select * from (values (1, 'a', timestamp '2024-01-01')) t(id, name, updated_at)");
  add_snapshot({{"strategy", "timestamp"},
                {"unique_key", "id"},
                {"updated_at", "updated_at"},
                {"dbt_valid_to_current", "timestamp '9999-12-31'"}});
  run();
  EXPECT_EQ(lines("select dbt_valid_to from snap"), (std::vector<std::string>{"9999-12-31 00:00:00"}));
  ctx_.rows("update src set name = 'b', updated_at = timestamp '2024-03-01'");
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(lines("select name, dbt_valid_to from snap order by dbt_valid_from"),
            (std::vector<std::string>{"a|2024-03-01 00:00:00", "b|9999-12-31 00:00:00"}));
  EXPECT_EQ(run().rows_affected, 0);
}

TEST(SnapshotSql, CurrentVersionsAreReadWithTheComparedColumnsOnly) {
  // Without hard deletes the current versions are read for the comparison and the update
  // alone: the key, dbt_scd_id, dbt_valid_from and the checked columns, never `*` (a wide
  // snapshot would otherwise be read whole every run).
  snapshots::SnapshotConfig c;
  c.unique_key = {"id"};
  c.strategy = snapshots::Strategy::Check;
  snapshots::StagingInput in;
  in.source_sql = "select * from main.src";
  in.target = "main.snap";
  in.compared_columns = {"\"name\""};
  in.row_changed = snapshots::row_changed_sql(c, in.compared_columns, false);
  std::string sql = snapshots::staging_sql(c, in);
  size_t from = sql.find("snapshotted_data as ("), to = sql.find("insertions_source_data as (");
  ASSERT_NE(from, std::string::npos);
  std::string current = sql.substr(from, to - from);
  EXPECT_NE(current.find("select \"dbt_scd_id\", \"dbt_valid_from\", \"name\", id as dbt_unique_key"), std::string::npos)
      << current;
  EXPECT_EQ(current.find("select *"), std::string::npos) << current;
}

TEST_F(SnapshotTest, CheckColumnsNeedingQuotesAndAKeyExpression) {
  // The current versions are read with only the key, the meta columns and the checked
  // columns: those must come through quoted, and an expression key computed from the table.
  ctx_.rows("create table src as select * from (values (1, 'a', 'x'), (2, 'b', 'y')) t(id, \"first name\", city)");
  add_snapshot({{"strategy", "check"}, {"unique_key", "id * 10"}, {"check_cols", {"\"first name\""}}});
  run();
  ctx_.rows("update src set city = 'changed'");
  EXPECT_EQ(run().rows_affected, 0);
  ctx_.rows("update src set \"first name\" = 'b2' where id = 2");
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(lines("select id, \"first name\", city, dbt_valid_to is null from snap order by id, dbt_valid_from"),
            (std::vector<std::string>{"1|a|x|true", "2|b|y|false", "2|b2|changed|true"}));
}

TEST_F(SnapshotTest, CustomMetaColumnNamesAndCompositeKey) {
  ctx_.rows(
      "create table src as select * from (values (1, 'x', 'a', timestamp '2024-01-01')) t(id, part, name, updated_at)");
  add_snapshot({{"strategy", "timestamp"},
                {"unique_key", {"id", "part"}},
                {"updated_at", "updated_at"},
                {"snapshot_meta_column_names",
                 {{"dbt_valid_from", "valid_from"},
                  {"dbt_valid_to", "valid_to"},
                  {"dbt_scd_id", "scd_id"},
                  {"dbt_updated_at", "changed_at"}}}});
  run();
  EXPECT_EQ(
      lines("select scd_id, changed_at, valid_from, valid_to from snap"),
      (std::vector<std::string>{"699493e369b2f460d4c598f6104b4b27|2024-01-01 00:00:00|2024-01-01 00:00:00|NULL"}));
  ctx_.rows("update src set name = 'b', updated_at = timestamp '2024-02-01'");
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(lines("select name, valid_to from snap order by valid_from"),
            (std::vector<std::string>{"a|2024-02-01 00:00:00", "b|NULL"}));
}

TEST_F(SnapshotTest, NewSourceColumnIsAddedToTheTable) {
  ctx_.rows("create table src as select * from (values (1, 'a', timestamp '2024-01-01')) t(id, name, updated_at)");
  add_snapshot({{"strategy", "timestamp"}, {"unique_key", "id"}, {"updated_at", "updated_at"}});
  run();
  ctx_.rows("alter table src add column tier varchar");
  ctx_.rows("update src set tier = 'gold', updated_at = timestamp '2024-02-01'");
  EXPECT_EQ(run().rows_affected, 1);
  EXPECT_EQ(lines("select name, coalesce(tier, '-'), dbt_valid_to is null from snap order by dbt_valid_from"),
            (std::vector<std::string>{"a|-|false", "a|gold|true"}));
}

TEST_F(SnapshotTest, CheckAllTreatsANewColumnAsAChangeOfEveryRow) {
  // dbt's snapshot_check_all_get_existing_columns: a checked column missing from the table
  // makes every current row count as changed.
  ctx_.rows("create table src as select * from (values (1, 'a'), (2, 'b')) t(id, name)");
  add_snapshot({{"strategy", "check"}, {"unique_key", "id"}, {"check_cols", "all"}});
  run();
  ctx_.rows("alter table src add column tier varchar default 'x'");
  EXPECT_EQ(run().rows_affected, 2);
  EXPECT_EQ(lines("select id, coalesce(tier, '-'), dbt_valid_to is null from snap order by id, dbt_valid_from"),
            (std::vector<std::string>{"1|-|false", "1|x|true", "2|-|false", "2|x|true"}));
  EXPECT_EQ(run().rows_affected, 0);
}

TEST_F(SnapshotTest, DuplicateOrNullKeysAreErrorsAndWriteNothing) {
  ctx_.rows("create table src as select * from (values (1, 'a'), (2, 'b')) t(id, name)");
  add_snapshot({{"strategy", "check"}, {"unique_key", "id"}, {"check_cols", "all"}});
  run();
  ctx_.rows("insert into src values (2, 'b-dup')");
  auto r = run_snapshot(ctx_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, NodeStatus::Error);
  EXPECT_NE(r->message.find("is not unique: id = 2 appears in 2 rows"), std::string::npos) << r->message;
  EXPECT_EQ(count(), 2);
  ctx_.rows("delete from src where name = 'b-dup'");
  ctx_.rows("insert into src values (null, 'n')");
  r = run_snapshot(ctx_);
  EXPECT_EQ(r->status, NodeStatus::Error);
  EXPECT_NE(r->message.find("is null in 1 row"), std::string::npos) << r->message;
}

TEST_F(SnapshotTest, ConfigErrors) {
  ctx_.rows("create table src as select 1 as id");
  add_snapshot({{"strategy", "check"}, {"unique_key", "id"}});
  auto r = run_snapshot(ctx_);
  EXPECT_EQ(r->status, NodeStatus::Error);
  EXPECT_NE(r->message.find("check_cols"), std::string::npos);
  add_snapshot({{"strategy", "timestamp"},
                {"unique_key", "id"},
                {"updated_at", "id"},
                {"hard_deletes", "invalidate"},
                {"invalidate_hard_deletes", true}});
  EXPECT_EQ(run_snapshot(ctx_)->status, NodeStatus::Error);
}

TEST_F(SnapshotTest, FailedUpdateLeavesTheSnapshotUntouched) {
  ctx_.rows("create table src as select * from (values (1, 'a', timestamp '2024-01-01')) t(id, name, updated_at)");
  add_snapshot({{"strategy", "timestamp"}, {"unique_key", "id"}, {"updated_at", "updated_at"}});
  run();
  ctx_.rows("update src set name = 'b', updated_at = timestamp '2024-02-01'");
  ctx_.hooks[HookPhase::Post] = {"select * from no_such_table"};
  auto r = run_snapshot(ctx_);
  EXPECT_EQ(r->status, NodeStatus::Error);
  EXPECT_EQ(lines("select name, dbt_valid_to from snap"), (std::vector<std::string>{"a|NULL"}));
}

}  // namespace
}  // namespace strata::exec
