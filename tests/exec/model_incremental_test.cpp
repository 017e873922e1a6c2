// Incremental models over real DuckDB, dbt adapter-conformance style: append, merge and
// delete+insert with single and composite keys, incremental_predicates, every
// on_schema_change mode, full refreshes, and failures that leave the table as it was.
#include <gtest/gtest.h>

#include "model_test_support.h"

namespace strata::exec::testing {
namespace {

class ModelIncrementalTest : public ::testing::Test {
 protected:
  // The model reads `first_sql` on its first (non-incremental) build, then `next_sql`.
  void add_model(manifest::Json config, std::string first_sql, std::string next_sql) {
    auto node = model_node("target", "incremental", std::move(config));
    id = ctx.add(std::move(node), [first_sql, next_sql](const CompileRequest& r) {
      return r.is_incremental ? next_sql : first_sql;
    });
    ctx.set_current(id);
  }
  NodeOutcome run_ok() {
    NodeOutcome out = run(ctx);
    EXPECT_EQ(out.status, NodeStatus::Success) << error_text(out);
    return out;
  }
  Rows all(const std::string& order = "1") { return text_rows(ctx, "select * from main.target order by " + order); }
  manifest::Node& node() { return const_cast<manifest::Manifest&>(ctx.manifest()).node(id); }

  TestNodeContext ctx;
  manifest::NodeId id = 0;
};

TEST_F(ModelIncrementalTest, AppendTenThenTwenty) {
  ctx.rows("create table main.events as select range::integer as id from range(1, 11)");
  add_model({{"incremental_strategy", "append"}}, "select id from main.events",
            "select id from main.events where id > (select max(id) from main.target)");
  NodeOutcome first = run_ok();
  EXPECT_EQ(first.rows_affected, 10);
  EXPECT_EQ(text_rows(ctx, "select count(*), sum(id) from main.target"), (Rows{{"10", "55"}}));

  ctx.rows("insert into main.events select range::integer from range(11, 21)");
  NodeOutcome second = run_ok();
  EXPECT_EQ(second.rows_affected, 10);
  EXPECT_EQ(second.message, "OK");
  EXPECT_EQ(text_rows(ctx, "select count(*), sum(id), count(distinct id) from main.target"), (Rows{{"20", "210", "20"}}));
  // staged in a temporary table, as dbt-duckdb does: never written to the database file
  EXPECT_TRUE(executed_contains(ctx, "create temporary table \"target__strata_tmp\" as ("));
  EXPECT_TRUE(executed_contains(ctx, "insert into \"main\".\"target\" (\"id\")\nselect \"id\" from \"temp\".\"main\".\"target__strata_tmp\""));
  EXPECT_EQ(kind_of(ctx, "target__strata_tmp"), "");
  EXPECT_EQ(text_rows(ctx, "select count(*) from duckdb_tables() where table_name = 'target__strata_tmp'"), (Rows{{"0"}}));
}

const char* kFirst = "select * from (values (1, 'a'), (2, 'b'), (3, 'c')) as t(id, v)";
const char* kNext = "select * from (values (2, 'bb'), (4, 'd')) as t(id, v)";

TEST_F(ModelIncrementalTest, MergeSingleKey) {
  add_model({{"incremental_strategy", "merge"}, {"unique_key", "id"}}, kFirst, kNext);
  run_ok();
  NodeOutcome out = run_ok();
  EXPECT_EQ(out.rows_affected, 2);
  EXPECT_EQ(all(), (Rows{{"1", "a"}, {"2", "bb"}, {"3", "c"}, {"4", "d"}}));
  EXPECT_TRUE(executed_contains(ctx, "merge into \"main\".\"target\" as DBT_INTERNAL_DEST"));
}

TEST_F(ModelIncrementalTest, DeleteInsertSingleKey) {
  add_model({{"incremental_strategy", "delete+insert"}, {"unique_key", "id"}}, kFirst, kNext);
  run_ok();
  NodeOutcome out = run_ok();
  EXPECT_EQ(out.rows_affected, 2);
  EXPECT_EQ(all(), (Rows{{"1", "a"}, {"2", "bb"}, {"3", "c"}, {"4", "d"}}));
  EXPECT_TRUE(executed_contains(ctx, "delete from \"main\".\"target\"\nwhere (id) in (select distinct (id) from"));
}

// A key that is not unique (several rows per user): every old row of a staged key goes,
// every staged row comes in, rows of other keys stay.
TEST_F(ModelIncrementalTest, DeleteInsertKeyWithManyRowsPerKey) {
  add_model({{"incremental_strategy", "delete+insert"}, {"unique_key", "id"}},
            "select * from (values (1, 'a'), (1, 'b'), (2, 'c'), (3, 'd'), (3, 'e')) as t(id, v)",
            "select * from (values (1, 'x'), (1, 'y'), (1, 'z'), (3, 'f')) as t(id, v)");
  run_ok();
  NodeOutcome out = run_ok();
  EXPECT_EQ(out.rows_affected, 4);
  EXPECT_EQ(all("1, 2"), (Rows{{"1", "x"}, {"1", "y"}, {"1", "z"}, {"2", "c"}, {"3", "f"}}));
}

TEST_F(ModelIncrementalTest, DefaultStrategyIsDeleteInsert) {
  add_model({{"unique_key", "id"}}, kFirst, kNext);
  run_ok();
  run_ok();
  EXPECT_EQ(all(), (Rows{{"1", "a"}, {"2", "bb"}, {"3", "c"}, {"4", "d"}}));
  EXPECT_TRUE(executed_contains(ctx, "delete from \"main\".\"target\""));
}

TEST_F(ModelIncrementalTest, NoUniqueKeyAppendsForEveryStrategy) {
  for (const char* strategy : {"merge", "delete+insert"}) {
    ctx.rows("drop table if exists main.target");
    add_model({{"incremental_strategy", strategy}}, kFirst, kNext);
    run_ok();
    run_ok();
    EXPECT_EQ(text_rows(ctx, "select count(*) from main.target"), (Rows{{"5"}})) << strategy;
  }
}

const char* kFirstComposite =
    "select * from (values (1, 'x', 10), (1, 'y', 20), (2, 'x', 30)) as t(k1, k2, amount)";
const char* kNextComposite = "select * from (values (1, 'y', 21), (2, 'y', 40)) as t(k1, k2, amount)";
const Rows kCompositeResult = {{"1", "x", "10"}, {"1", "y", "21"}, {"2", "x", "30"}, {"2", "y", "40"}};

TEST_F(ModelIncrementalTest, MergeCompositeKey) {
  add_model({{"incremental_strategy", "merge"}, {"unique_key", {"k1", "k2"}}}, kFirstComposite, kNextComposite);
  run_ok();
  NodeOutcome out = run_ok();
  EXPECT_EQ(out.rows_affected, 2);
  EXPECT_EQ(all("k1, k2"), kCompositeResult);
}

TEST_F(ModelIncrementalTest, DeleteInsertCompositeKey) {
  add_model({{"incremental_strategy", "delete+insert"}, {"unique_key", {"k1", "k2"}}}, kFirstComposite,
            kNextComposite);
  run_ok();
  run_ok();
  EXPECT_EQ(all("k1, k2"), kCompositeResult);
  EXPECT_TRUE(executed_contains(ctx, "as DBT_INCREMENTAL_TARGET\nusing"));
}

TEST_F(ModelIncrementalTest, IncrementalPredicatesLimitWhatIsReplaced) {
  // Only target rows with id >= 2 may be matched: id 1 is inserted again as a new row.
  const char* next = "select * from (values (1, 'aa'), (2, 'bb')) as t(id, v)";
  add_model({{"incremental_strategy", "merge"},
             {"unique_key", "id"},
             {"incremental_predicates", {"DBT_INTERNAL_DEST.id >= 2"}}},
            kFirst, next);
  run_ok();
  run_ok();
  EXPECT_EQ(all("id, v"), (Rows{{"1", "a"}, {"1", "aa"}, {"2", "bb"}, {"3", "c"}}));

  ctx.rows("drop table main.target");
  add_model({{"incremental_strategy", "delete+insert"}, {"unique_key", "id"}, {"incremental_predicates", {"id >= 2"}}},
            kFirst, next);
  run_ok();
  run_ok();
  EXPECT_EQ(all("id, v"), (Rows{{"1", "a"}, {"1", "aa"}, {"2", "bb"}, {"3", "c"}}));
}

TEST_F(ModelIncrementalTest, MergeUpdateColumnsAndExclude) {
  const char* first = "select * from (values (1, 'a', 'keep')) as t(id, v, note)";
  const char* next = "select * from (values (1, 'b', 'changed')) as t(id, v, note)";
  add_model({{"incremental_strategy", "merge"}, {"unique_key", "id"}, {"merge_exclude_columns", {"note"}}}, first, next);
  run_ok();
  run_ok();
  EXPECT_EQ(all(), (Rows{{"1", "b", "keep"}}));
}

const char* kNarrow = "select * from (values (1, 10)) as t(id, v)";
const char* kWider = "select * from (values (2, 'twenty', true)) as t(id, v, flag)";

TEST_F(ModelIncrementalTest, OnSchemaChangeIgnoreKeepsTargetColumns) {
  // The new query adds `flag` and turns v into text: ignore writes the target's columns.
  add_model({{"incremental_strategy", "append"}, {"on_schema_change", "ignore"}}, kNarrow,
            "select * from (values (2, 20, true)) as t(id, v, flag)");
  run_ok();
  run_ok();
  EXPECT_EQ(text_rows(ctx, "select column_name from information_schema.columns where table_name = 'target' order by ordinal_position"),
            (Rows{{"id"}, {"v"}}));
  EXPECT_EQ(all(), (Rows{{"1", "10"}, {"2", "20"}}));
}

TEST_F(ModelIncrementalTest, OnSchemaChangeFailListsTheColumnsAndLeavesTable) {
  add_model({{"incremental_strategy", "append"}, {"on_schema_change", "fail"}}, kNarrow, kWider);
  run_ok();
  NodeOutcome out = run(ctx);
  ASSERT_EQ(out.status, NodeStatus::Error);
  std::string message = error_text(out);
  EXPECT_NE(message.find("out of sync"), std::string::npos) << message;
  EXPECT_NE(message.find("Source columns not in target: flag BOOLEAN"), std::string::npos) << message;
  EXPECT_NE(message.find("Target columns not in source: (none)"), std::string::npos) << message;
  EXPECT_NE(message.find("New column types: v INTEGER -> VARCHAR"), std::string::npos) << message;
  EXPECT_FALSE(out.error->hint.empty());
  EXPECT_EQ(all(), (Rows{{"1", "10"}}));
  EXPECT_EQ(kind_of(ctx, "target__strata_tmp"), "");
}

TEST_F(ModelIncrementalTest, OnSchemaChangeAppendNewColumns) {
  add_model({{"incremental_strategy", "append"}, {"on_schema_change", "append_new_columns"}}, kNarrow,
            "select * from (values (2, 20, true)) as t(id, v, flag)");
  run_ok();
  run_ok();
  EXPECT_EQ(all(), (Rows{{"1", "10", "NULL"}, {"2", "20", "true"}}));
  // A column dropped from the query stays, filled with NULL.
  node();
  ctx.rows("insert into main.target values (3, 30, false)");
  auto dropped = ctx.add(
      [] {
        auto n = model_node("target", "incremental", {{"incremental_strategy", "append"}, {"on_schema_change", "append_new_columns"}});
        n.unique_id = "model.test.target_dropped";
        return n;
      }(),
      [](const CompileRequest&) { return std::string("select 4 as id, true as flag"); });
  ctx.set_current(dropped);
  run_ok();
  EXPECT_EQ(all(), (Rows{{"1", "10", "NULL"}, {"2", "20", "true"}, {"3", "30", "false"}, {"4", "NULL", "true"}}));
}

TEST_F(ModelIncrementalTest, OnSchemaChangeSyncAllColumns) {
  // Adds flag, drops nothing... then a query without v drops it, and a type change alters it.
  add_model({{"incremental_strategy", "append"}, {"on_schema_change", "sync_all_columns"}},
            "select * from (values (1, 10, 'x')) as t(id, v, gone)", kWider);
  run_ok();
  run_ok();
  EXPECT_EQ(text_rows(ctx, "select column_name, data_type from information_schema.columns where table_name = 'target' order by ordinal_position"),
            (Rows{{"id", "INTEGER"}, {"v", "VARCHAR"}, {"flag", "BOOLEAN"}}));
  EXPECT_EQ(all(), (Rows{{"1", "10", "NULL"}, {"2", "twenty", "true"}}));
}

TEST_F(ModelIncrementalTest, OnSchemaChangeFullRefreshRebuildsWhenColumnsChange) {
  add_model({{"incremental_strategy", "append"}, {"on_schema_change", "full_refresh"}}, kNarrow,
            "select * from (values (2, 20)) as t(id, v)");
  run_ok();
  run_ok();  // same columns: incremental
  EXPECT_EQ(all(), (Rows{{"1", "10"}, {"2", "20"}}));
  node();
  auto changed = ctx.add(
      [] {
        auto n = model_node("target", "incremental", {{"incremental_strategy", "append"}, {"on_schema_change", "full_refresh"}});
        n.unique_id = "model.test.target_changed";
        return n;
      }(),
      [](const CompileRequest& r) {
        return std::string(r.is_incremental ? "select 99 as id, 'new' as label" : "select 1 as id, 'rebuilt' as label");
      });
  ctx.set_current(changed);
  run_ok();
  EXPECT_EQ(all(), (Rows{{"1", "rebuilt"}}));
}

TEST_F(ModelIncrementalTest, FullRefreshFlagAndConfig) {
  add_model({{"incremental_strategy", "append"}}, kFirst, kNext);
  run_ok();
  ctx.mutable_flags().full_refresh = true;
  run_ok();
  EXPECT_EQ(all(), (Rows{{"1", "a"}, {"2", "b"}, {"3", "c"}}));
  // full_refresh: false in the config wins over the flag.
  node().config["full_refresh"] = false;
  run_ok();
  EXPECT_EQ(text_rows(ctx, "select count(*) from main.target"), (Rows{{"5"}}));
  // full_refresh: true in the config rebuilds without the flag.
  ctx.mutable_flags().full_refresh = false;
  node().config["full_refresh"] = true;
  run_ok();
  EXPECT_EQ(text_rows(ctx, "select count(*) from main.target"), (Rows{{"3"}}));
}

TEST_F(ModelIncrementalTest, ViewIsReplacedByTable) {
  ctx.rows("create view main.target as select 1 as id");
  add_model({{"incremental_strategy", "append"}}, kFirst, kNext);
  run_ok();
  EXPECT_EQ(kind_of(ctx, "target"), "table");
  EXPECT_EQ(text_rows(ctx, "select count(*) from main.target"), (Rows{{"3"}}));
}

TEST_F(ModelIncrementalTest, FailingIncrementalLeavesTableExactly) {
  // New ids that are not integers: the insert fails after the staging table was built.
  add_model({{"incremental_strategy", "merge"}, {"unique_key", "id"}}, kFirst,
            "select * from (values ('1', 'x'), ('one', 'y')) as t(id, v)");
  run_ok();
  NodeOutcome out = run(ctx);
  EXPECT_EQ(out.status, NodeStatus::Error);
  EXPECT_EQ(ctx.executed().back(), "rollback");
  EXPECT_EQ(all(), (Rows{{"1", "a"}, {"2", "b"}, {"3", "c"}}));
  EXPECT_EQ(kind_of(ctx, "target__strata_tmp"), "");

  // A query error half-way through the rows.
  ctx.rows("drop table main.target");
  add_model({{"unique_key", "id"}}, kFirst, "select range as id, case when range = 3 then error('bad row') else 'v' end as v from range(5)");
  run_ok();
  NodeOutcome failed = run(ctx);
  EXPECT_EQ(failed.status, NodeStatus::Error);
  EXPECT_NE(error_text(failed).find("bad row"), std::string::npos);
  EXPECT_EQ(all(), (Rows{{"1", "a"}, {"2", "b"}, {"3", "c"}}));
}

TEST_F(ModelIncrementalTest, PersistDocsOnIncrementalRuns) {
  auto n = model_node("target", "incremental",
                      {{"incremental_strategy", "append"}, {"persist_docs", {{"relation", true}, {"columns", true}}}});
  n.description = "incremental docs";
  n.columns.push_back(column("v", "the value"));
  id = ctx.add(std::move(n), [](const CompileRequest& r) {
    return std::string(r.is_incremental ? kNext : kFirst);
  });
  ctx.set_current(id);
  run_ok();
  run_ok();
  EXPECT_EQ(text_rows(ctx, "select comment from duckdb_tables() where table_name = 'target'"), (Rows{{"incremental docs"}}));
  EXPECT_EQ(text_rows(ctx, "select comment from duckdb_columns() where table_name = 'target' and column_name = 'v'"),
            (Rows{{"the value"}}));
  EXPECT_EQ(text_rows(ctx, "select count(*) from main.target"), (Rows{{"5"}}));
}

TEST_F(ModelIncrementalTest, UnsupportedStrategyIsAConfigError) {
  // Checked before anything is built, on the first run too.
  add_model({{"incremental_strategy", "insert_overwrite"}}, kFirst, kNext);
  NodeOutcome out = run(ctx);
  EXPECT_EQ(kind_of(ctx, "target"), "");
  EXPECT_EQ(out.status, NodeStatus::Error);
  EXPECT_NE(error_text(out).find("'insert_overwrite' is not supported"), std::string::npos);
  EXPECT_EQ(out.error->code, ErrorCode::Config);
}

}  // namespace
}  // namespace strata::exec::testing
