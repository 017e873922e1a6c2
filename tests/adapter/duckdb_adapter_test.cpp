// The DuckDB adapter against real DuckDB, in memory and in files.
#include "adapter/duckdb/duckdb_adapter.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

namespace strata::adapter::duckdb {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<DuckDBAdapter> open_db(const std::string& path = "") {
  Settings settings;
  settings.path = path;
  auto adapter = DuckDBAdapter::open(settings);
  EXPECT_TRUE(adapter.ok()) << (adapter.ok() ? "" : adapter.error().message);
  return std::move(adapter).value();
}

std::unique_ptr<Connection> connect(DuckDBAdapter& adapter) {
  auto c = adapter.connect();
  EXPECT_TRUE(c.ok());
  return std::move(c).value();
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "strata-adapter-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

TEST(DuckDBAdapter, ReportsTheLoadedLibraryVersion) {
  auto db = open_db();
  EXPECT_EQ(db->server_version(), std::string(duckdb_library_version()));
  EXPECT_EQ(db->server_version().rfind("v1.", 0), 0u);
}

TEST(DuckDBAdapter, QueryReturnsTypedCells) {
  auto db = open_db();
  auto conn = connect(*db);
  auto result = conn->query(
      "select 42 as answer, 'x' as s, null::int as n, 2.5::double as d, true as b, "
      "date '2024-03-01' as dt, 12.34::decimal(10,2) as dec, [1, 2] as l");
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->columns.size(), 8u);
  EXPECT_EQ(result->columns[0].name, "answer");
  EXPECT_EQ(result->columns[0].type, "INTEGER");
  EXPECT_EQ(result->columns[6].type, "DECIMAL(10,2)");
  EXPECT_EQ(result->columns[7].type, "INTEGER[]");
  ASSERT_EQ(result->rows.size(), 1u);
  const auto& row = result->rows[0];
  EXPECT_EQ(std::get<int64_t>(row[0]), 42);
  EXPECT_EQ(std::get<std::string>(row[1]), "x");
  EXPECT_TRUE(is_null(row[2]));
  EXPECT_DOUBLE_EQ(std::get<double>(row[3]), 2.5);
  EXPECT_TRUE(std::get<bool>(row[4]));
  EXPECT_EQ(std::get<std::string>(row[5]), "2024-03-01");
  EXPECT_DOUBLE_EQ(std::get<double>(row[6]), 12.34);
  EXPECT_EQ(std::get<std::string>(row[7]), "[1, 2]");
}

TEST(DuckDBAdapter, ErrorsAreValuesWithDuckDBsMessage) {
  auto db = open_db();
  auto conn = connect(*db);
  auto result = conn->query("select * from no_such_table");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Database);
  EXPECT_NE(result.error().message.find("Table with name no_such_table does not exist"), std::string::npos);
  // The connection stays usable after an error.
  EXPECT_TRUE(conn->query("select 1").ok());
  // DuckDB 1.4 repeats the LINE context; we show it once.
  auto syntax = conn->query("selec 1");
  ASSERT_FALSE(syntax.ok());
  const std::string& m = syntax.error().message;
  EXPECT_EQ(m.find("LINE 1"), m.rfind("LINE 1"));
}

// Text of several statements runs them in order (strata splits and runs them one by one,
// waiting without spinning: connection.cpp), as duckdb_query does.
TEST(DuckDBAdapter, SeveralStatementsRunInOrderUntilOneFails) {
  auto db = open_db();
  auto conn = connect(*db);
  auto last = conn->query("create table t (x int); insert into t values (1), (2); select cast(sum(x) as bigint) as s from t");
  ASSERT_TRUE(last.ok()) << last.error().message;
  ASSERT_EQ(last->columns.size(), 1u);
  EXPECT_EQ(last->columns[0].name, "s");
  EXPECT_EQ(std::get<int64_t>(last->rows.at(0).at(0)), 3);

  auto changed = conn->query("insert into t values (3); insert into t values (4), (5)");
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->rows_changed, 2);  // the last statement's

  // The statements before the failing one took effect, those after it did not run.
  auto failed = conn->execute("insert into t values (6); insert into no_such_table values (1); insert into t values (7)");
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("no_such_table"), std::string::npos);
  auto rows = conn->query("select list(x order by x) from t");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(std::get<std::string>(rows->rows.at(0).at(0)), "[1, 2, 3, 4, 5, 6]");

  // A syntax error anywhere stops everything before it runs, as before.
  auto syntax = conn->execute("insert into t values (8); selec 1");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.error().message.find("syntax error"), std::string::npos);
  auto count = conn->query("select count(*) from t");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(std::get<int64_t>(count->rows.at(0).at(0)), 6);

  // A transaction spread over statements of one text.
  ASSERT_TRUE(conn->execute("begin transaction; delete from t where x > 3; commit").ok());
  auto kept = conn->query("select count(*) from t");
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(std::get<int64_t>(kept->rows.at(0).at(0)), 3);
}

// Statements that take many parallel tasks finish with the right answer when both
// connections of a two-thread database run at once (each caller waits, sleeping, for
// the tasks the other threads took).
TEST(DuckDBAdapter, ConcurrentParallelStatementsComplete) {
  Settings settings;
  settings.threads = 2;
  auto adapter = DuckDBAdapter::open(settings);
  ASSERT_TRUE(adapter.ok()) << adapter.error().message;
  std::vector<std::thread> workers;
  std::atomic<int> right{0};
  for (int w = 0; w < 2; ++w) {
    workers.emplace_back([&] {
      auto conn = (*adapter)->connect();
      if (!conn.ok()) return;
      for (int i = 0; i < 5; ++i) {
        auto r = (*conn)->query("select count(distinct x % 100003) from range(3000000) t(x)");
        if (r.ok() && std::get<int64_t>(r->rows.at(0).at(0)) == 100003) ++right;
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(right.load(), 10);
}

TEST(DuckDBAdapter, PreparedStatementsBindParameters) {
  auto db = open_db();
  auto conn = connect(*db);
  auto stmt = conn->prepare("select $1::int + 1 as a, $2 as b, $3 is null as c");
  ASSERT_TRUE(stmt.ok());
  EXPECT_EQ((*stmt)->parameter_count(), 3u);
  ASSERT_TRUE((*stmt)->bind(1, int64_t{41}).ok());
  ASSERT_TRUE((*stmt)->bind(2, std::string("it's")).ok());
  ASSERT_TRUE((*stmt)->bind(3, std::monostate{}).ok());
  auto result = (*stmt)->execute();
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(std::get<int64_t>(result->rows[0][0]), 42);
  EXPECT_EQ(std::get<std::string>(result->rows[0][1]), "it's");
  EXPECT_TRUE(std::get<bool>(result->rows[0][2]));
  auto bad = conn->prepare("select from where");
  EXPECT_FALSE(bad.ok());
}

TEST(DuckDBAdapter, AppenderAndIntrospection) {
  auto db = open_db();
  auto conn = connect(*db);
  ASSERT_TRUE(conn->execute("create schema raw; create table raw.t (id bigint, name varchar, score double)").ok());
  auto appender = conn->appender({"", "raw", "t"});
  ASSERT_TRUE(appender.ok()) << appender.error().message;
  for (int64_t i = 0; i < 5000; ++i)
    ASSERT_TRUE((*appender)->append_row({i, std::string("n") + std::to_string(i), i * 0.5}).ok());
  ASSERT_TRUE((*appender)->close().ok());
  auto count = conn->query("select count(*), sum(id) from raw.t");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(std::get<int64_t>(count->rows[0][0]), 5000);

  ASSERT_TRUE(conn->execute("create view raw.v as select id from raw.t").ok());
  auto relations = conn->list_relations("", "raw");
  ASSERT_TRUE(relations.ok());
  ASSERT_EQ(relations->size(), 2u);
  EXPECT_EQ((*relations)[0].ref.identifier, "t");
  EXPECT_EQ((*relations)[0].kind, RelationKind::Table);
  EXPECT_EQ((*relations)[1].kind, RelationKind::View);

  auto columns = conn->get_columns({"", "raw", "t"});
  ASSERT_TRUE(columns.ok());
  ASSERT_EQ(columns->size(), 3u);
  EXPECT_EQ((*columns)[1].name, "name");
  EXPECT_EQ((*columns)[1].type, "VARCHAR");

  auto missing = conn->get_relation({"", "raw", "nope"});
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());

  auto wrong_table = conn->appender({"", "raw", "nope"});
  EXPECT_FALSE(wrong_table.ok());
}

TEST(DuckDBAdapter, StreamsLargeResultsInChunks) {
  auto db = open_db();
  auto conn = connect(*db);
  size_t chunks = 0, rows = 0;
  int64_t sum = 0;
  Status status = conn->stream("select range as i from range(100000)", [&](const ResultChunk& chunk) -> Status {
    ++chunks;
    rows += chunk.rows.size();
    for (const auto& r : chunk.rows) sum += std::get<int64_t>(r[0]);
    EXPECT_EQ((*chunk.columns)[0].name, "i");
    return {};
  });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(rows, 100000u);
  EXPECT_GT(chunks, 10u);
  EXPECT_EQ(sum, int64_t{100000} * 99999 / 2);

  // The callback's error stops the stream and comes back.
  Status stopped = conn->stream("select * from range(100000)",
                                [](const ResultChunk&) -> Status { return Error(ErrorCode::Load, "stop"); });
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.error().message, "stop");
}

TEST(DuckDBAdapter, TransactionsCommitAndRollBack) {
  auto db = open_db();
  auto conn = connect(*db);
  ASSERT_TRUE(conn->execute("create table t (i int)").ok());
  ASSERT_TRUE(conn->begin().ok());
  ASSERT_TRUE(conn->execute("insert into t values (1)").ok());
  ASSERT_TRUE(conn->rollback().ok());
  ASSERT_TRUE(conn->begin().ok());
  ASSERT_TRUE(conn->execute("insert into t values (2)").ok());
  ASSERT_TRUE(conn->commit().ok());
  auto r = conn->query("select list(i) from t");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::get<std::string>(r->rows[0][0]), "[2]");
}

TEST(DuckDBAdapter, FileDatabasePersists) {
  TempDir dir;
  std::string path = (dir / "w.duckdb").string();
  {
    auto db = open_db(path);
    auto conn = connect(*db);
    ASSERT_TRUE(conn->execute("create table t as select 7 as x").ok());
  }
  auto db = open_db(path);
  auto conn = connect(*db);
  auto r = conn->query("select x from t");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::get<int64_t>(r->rows[0][0]), 7);
}

TEST(DuckDBAdapter, TwoThreadsQueryThroughTheirOwnConnections) {
  TempDir dir;
  auto db = open_db((dir / "t.duckdb").string());
  auto setup = connect(*db);
  ASSERT_TRUE(setup->execute("create table a (i int); create table b (i int)").ok());
  std::atomic<int> failures{0};
  auto worker = [&](const char* table) {
    auto conn = connect(*db);
    for (int i = 0; i < 200; ++i) {
      std::string sql = std::string("insert into ") + table + " values (" + std::to_string(i) + ")";
      if (!conn->execute(sql).ok()) ++failures;
      if (!conn->query(std::string("select count(*) from ") + table).ok()) ++failures;
    }
  };
  std::thread t1(worker, "a"), t2(worker, "b");
  t1.join();
  t2.join();
  EXPECT_EQ(failures.load(), 0);
  auto r = setup->query("select (select count(*) from a), (select count(*) from b)");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::get<int64_t>(r->rows[0][0]), 200);
  EXPECT_EQ(std::get<int64_t>(r->rows[0][1]), 200);
}

TEST(DuckDBAdapter, InterruptStopsALongQueryPromptly) {
  auto db = open_db();
  auto conn = connect(*db);
  std::atomic<bool> done{false};
  Result<QueryResult> result = Error(ErrorCode::Internal, "not run");
  auto start = std::chrono::steady_clock::now();
  std::thread runner([&] {
    // Minutes of work if not interrupted.
    result = conn->query("select count(*) from range(10000000000) a where a.range % 7 = 3");
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(done.load());
  conn->interrupt();
  runner.join();
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::Interrupted) << result.error().message;
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 5000);
}

TEST(DuckDBAdapter, LockedFileNamesTheHoldingProcess) {
  TempDir dir;
  std::string path = (dir / "locked.duckdb").string();
  int ready[2], release[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(release), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Hold the database open until the parent is done.
    Settings settings;
    settings.path = path;
    auto holder = DuckDBAdapter::open(settings);
    char c = holder.ok() ? 'y' : 'n';
    (void)!write(ready[1], &c, 1);
    (void)!read(release[0], &c, 1);
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  Settings settings;
  settings.path = path;
  auto second = DuckDBAdapter::open(settings);
  (void)!write(release[1], &c, 1);
  waitpid(child, nullptr, 0);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::DatabaseLocked);
  EXPECT_NE(second.error().message.find("lock"), std::string::npos);
  EXPECT_NE(second.error().message.find(path), std::string::npos);
  EXPECT_NE(second.error().message.find("PID " + std::to_string(child)), std::string::npos) << second.error().message;
  EXPECT_FALSE(second.error().hint.empty());
}

TEST(DuckDBAdapter, SettingsAreApplied) {
  TempDir dir;
  Settings settings;
  settings.threads = 1;
  settings.memory_limit = "256MB";
  settings.temp_directory = (dir / "spill").string();
  auto adapter = DuckDBAdapter::open(settings);
  ASSERT_TRUE(adapter.ok()) << adapter.error().message;
  auto conn = connect(**adapter);
  auto r = conn->query(
      "select current_setting('threads'), current_setting('memory_limit'), "
      "current_setting('autoload_known_extensions'), current_setting('autoinstall_known_extensions'), "
      "current_setting('temp_directory')");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(std::get<int64_t>(r->rows[0][0]), 1);
  EXPECT_EQ(std::get<std::string>(r->rows[0][1]), "244.1 MiB");
  EXPECT_FALSE(std::get<bool>(r->rows[0][2]));
  EXPECT_FALSE(std::get<bool>(r->rows[0][3]));
  EXPECT_EQ(std::get<std::string>(r->rows[0][4]), settings.temp_directory);

  Settings bad;
  bad.extra["no_such_setting"] = "1";
  auto rejected = DuckDBAdapter::open(bad);
  ASSERT_FALSE(rejected.ok());
  EXPECT_NE(rejected.error().message.find("no_such_setting"), std::string::npos);
}

}  // namespace
}  // namespace strata::adapter::duckdb
