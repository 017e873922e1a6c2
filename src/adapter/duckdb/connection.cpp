#include "adapter/duckdb/connection.h"

#include <chrono>
#include <string>
#include <thread>

#include "adapter/duckdb/chunk_reader.h"
#include "adapter/duckdb/database.h"

namespace strata::adapter::duckdb {

namespace {

// Owns a duckdb_result and its column types.
class ResultHandle {
 public:
  ResultHandle() = default;
  ~ResultHandle() {
    for (auto& t : types_) duckdb_destroy_logical_type(&t);
    duckdb_destroy_result(&result_);
  }
  ResultHandle(const ResultHandle&) = delete;
  ResultHandle& operator=(const ResultHandle&) = delete;

  duckdb_result* get() { return &result_; }
  void reset() {
    for (auto& t : types_) duckdb_destroy_logical_type(&t);
    types_.clear();
    duckdb_destroy_result(&result_);
    result_ = {};
  }

  Error error() {
    const char* message = duckdb_result_error(&result_);
    return database_error(message ? message : "unknown DuckDB error", duckdb_result_error_type(&result_));
  }

  std::vector<ColumnInfo> columns() {
    std::vector<ColumnInfo> out;
    idx_t n = duckdb_column_count(&result_);
    types_.reserve(n);
    for (idx_t i = 0; i < n; ++i) {
      duckdb_logical_type t = duckdb_column_logical_type(&result_, i);
      types_.push_back(t);
      out.push_back({duckdb_column_name(&result_, i), type_name(t)});
    }
    return out;
  }
  const std::vector<duckdb_logical_type>& types() const { return types_; }

  // Calls on_rows for each chunk's rows; returns the first error.
  template <class F>
  Status for_each_chunk(F&& on_rows) {
    while (true) {
      duckdb_data_chunk chunk = duckdb_fetch_chunk(result_);
      if (!chunk) {
        // A streaming result may fail mid-way (e.g. interrupted).
        const char* message = duckdb_result_error(&result_);
        if (message && *message) return error();
        return {};
      }
      std::vector<std::vector<Cell>> rows;
      read_chunk(chunk, types_, rows);
      duckdb_destroy_data_chunk(&chunk);
      STRATA_TRY(on_rows(std::move(rows)));
    }
  }

 private:
  duckdb_result result_{};
  std::vector<duckdb_logical_type> types_;
};

Result<QueryResult> materialize(ResultHandle& handle) {
  QueryResult out;
  out.columns = handle.columns();
  out.rows_changed = static_cast<int64_t>(duckdb_rows_changed(handle.get()));
  Status status = handle.for_each_chunk([&](std::vector<std::vector<Cell>>&& rows) -> Status {
    if (out.rows.empty()) {
      out.rows = std::move(rows);
    } else {
      for (auto& row : rows) out.rows.push_back(std::move(row));
    }
    return {};
  });
  if (!status) return std::move(status).error();
  return out;
}

// Runs a prepared statement to completion, its result (or error) in `handle`, without
// busy-waiting: DuckDB's own loop (duckdb_query, duckdb_execute_prepared) polls its task
// queue while other threads run the statement's last tasks, burning a core that another
// worker's statement could use (5.9% of an incremental 20M MovieLens build's CPU samples, 0.5% after).
Status execute_without_spinning(duckdb_prepared_statement stmt, ResultHandle& handle) {
  duckdb_pending_result pending = nullptr;
  if (duckdb_pending_prepared(stmt, &pending) != DuckDBSuccess) {
    const char* message = duckdb_pending_error(pending);
    Error error = database_error(message ? message : "could not start the statement");
    duckdb_destroy_pending(&pending);
    return error;
  }
  while (true) {
    duckdb_pending_state state = duckdb_pending_execute_task(pending);
    if (state == DUCKDB_PENDING_RESULT_READY || state == DUCKDB_PENDING_ERROR) break;
    // The statement's remaining tasks run on other threads: wait for them off the CPU.
    if (state == DUCKDB_PENDING_NO_TASKS_AVAILABLE) std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
  duckdb_state state = duckdb_execute_pending(pending, handle.get());  // the error, typed, too
  duckdb_destroy_pending(&pending);
  if (state != DuckDBSuccess) return handle.error();
  return {};
}

// Runs every statement of `sql` in order, as duckdb_query does; `handle` keeps the last
// statement's result, or the error that stopped the run.
Status run_statements(duckdb_connection conn, const std::string& sql, ResultHandle& handle) {
  duckdb_extracted_statements extracted = nullptr;
  idx_t count = duckdb_extract_statements(conn, sql.c_str(), &extracted);
  if (count == 0) {  // a parse error or no statement: duckdb_query words it the usual way
    duckdb_destroy_extracted(&extracted);
    if (duckdb_query(conn, sql.c_str(), handle.get()) != DuckDBSuccess) return handle.error();
    return {};
  }
  Status status;
  for (idx_t i = 0; i < count && status; ++i) {
    duckdb_prepared_statement stmt = nullptr;
    if (duckdb_prepare_extracted_statement(conn, extracted, i, &stmt) != DuckDBSuccess) {
      const char* message = duckdb_prepare_error(stmt);
      status = database_error(message ? message : "prepare failed");
    } else {
      handle.reset();
      status = execute_without_spinning(stmt, handle);
    }
    duckdb_destroy_prepare(&stmt);
  }
  duckdb_destroy_extracted(&extracted);
  return status;
}

Status bind_cell(duckdb_prepared_statement stmt, size_t index, const Cell& value) {
  duckdb_state state = DuckDBError;
  struct Binder {
    duckdb_prepared_statement stmt;
    idx_t index;
    duckdb_state operator()(std::monostate) const { return duckdb_bind_null(stmt, index); }
    duckdb_state operator()(bool b) const { return duckdb_bind_boolean(stmt, index, b); }
    duckdb_state operator()(int64_t i) const { return duckdb_bind_int64(stmt, index, i); }
    duckdb_state operator()(double d) const { return duckdb_bind_double(stmt, index, d); }
    duckdb_state operator()(const std::string& s) const {
      return duckdb_bind_varchar_length(stmt, index, s.data(), s.size());
    }
  };
  state = std::visit(Binder{stmt, static_cast<idx_t>(index)}, value);
  if (state != DuckDBSuccess) {
    const char* message = duckdb_prepare_error(stmt);
    return Error(ErrorCode::Database, "cannot bind parameter " + std::to_string(index) +
                                          (message ? std::string(": ") + message : std::string()));
  }
  return {};
}

class DuckDBPreparedStatement final : public PreparedStatement {
 public:
  explicit DuckDBPreparedStatement(duckdb_prepared_statement stmt) : stmt_(stmt) {}
  ~DuckDBPreparedStatement() override { duckdb_destroy_prepare(&stmt_); }
  size_t parameter_count() const override { return duckdb_nparams(stmt_); }
  Status bind(size_t index, const Cell& value) override { return bind_cell(stmt_, index, value); }
  Result<QueryResult> execute() override {
    ResultHandle handle;
    STRATA_TRY(execute_without_spinning(stmt_, handle));
    return materialize(handle);
  }

 private:
  duckdb_prepared_statement stmt_;
};

class DuckDBAppender final : public Appender {
 public:
  explicit DuckDBAppender(duckdb_appender appender) : appender_(appender) {}
  ~DuckDBAppender() override {
    if (appender_) duckdb_appender_destroy(&appender_);
  }
  Status append_row(const std::vector<Cell>& row) override {
    for (const Cell& cell : row) {
      duckdb_state state = std::visit(
          [&](const auto& v) -> duckdb_state {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) return duckdb_append_null(appender_);
            else if constexpr (std::is_same_v<T, bool>) return duckdb_append_bool(appender_, v);
            else if constexpr (std::is_same_v<T, int64_t>) return duckdb_append_int64(appender_, v);
            else if constexpr (std::is_same_v<T, double>) return duckdb_append_double(appender_, v);
            else return duckdb_append_varchar_length(appender_, v.data(), v.size());
          },
          cell);
      if (state != DuckDBSuccess) return failure("append a value");
    }
    if (duckdb_appender_end_row(appender_) != DuckDBSuccess) return failure("end a row");
    return {};
  }
  Status flush() override {
    if (duckdb_appender_flush(appender_) != DuckDBSuccess) return failure("flush");
    return {};
  }
  Status close() override {
    if (!appender_) return {};
    duckdb_state state = duckdb_appender_close(appender_);
    Status result = state == DuckDBSuccess ? Status() : failure("close");
    duckdb_appender_destroy(&appender_);
    appender_ = nullptr;
    return result;
  }

 private:
  Status failure(const char* what) {
    const char* message = duckdb_appender_error(appender_);
    return database_error(std::string("appender could not ") + what + ": " + (message ? message : "unknown error"));
  }
  duckdb_appender appender_;
};

RelationKind relation_kind(const std::string& table_type) {
  if (table_type == "VIEW") return RelationKind::View;
  if (table_type == "BASE TABLE" || table_type == "LOCAL TEMPORARY") return RelationKind::Table;
  return RelationKind::Unknown;
}

}  // namespace

DuckDBConnection::~DuckDBConnection() { duckdb_disconnect(&handle_); }

Result<QueryResult> DuckDBConnection::query(std::string_view sql) {
  ResultHandle handle;
  STRATA_TRY(run_statements(handle_, std::string(sql), handle));
  return materialize(handle);
}

Status DuckDBConnection::execute(std::string_view sql) {
  ResultHandle handle;
  return run_statements(handle_, std::string(sql), handle);
}

Status DuckDBConnection::stream(std::string_view sql, const ChunkCallback& on_chunk) {
  duckdb_prepared_statement raw = nullptr;
  std::string text(sql);
  if (duckdb_prepare(handle_, text.c_str(), &raw) != DuckDBSuccess) {
    Error error = database_error(duckdb_prepare_error(raw) ? duckdb_prepare_error(raw) : "prepare failed");
    duckdb_destroy_prepare(&raw);
    return error;
  }
  ResultHandle handle;
  duckdb_state state = duckdb_execute_prepared_streaming(raw, handle.get());
  duckdb_destroy_prepare(&raw);
  if (state != DuckDBSuccess) return handle.error();
  std::vector<ColumnInfo> columns = handle.columns();
  return handle.for_each_chunk([&](std::vector<std::vector<Cell>>&& rows) -> Status {
    ResultChunk chunk{&columns, std::move(rows)};
    return on_chunk(chunk);
  });
}

Result<std::unique_ptr<PreparedStatement>> DuckDBConnection::prepare(std::string_view sql) {
  duckdb_prepared_statement stmt = nullptr;
  std::string text(sql);
  if (duckdb_prepare(handle_, text.c_str(), &stmt) != DuckDBSuccess) {
    const char* message = duckdb_prepare_error(stmt);
    Error error = database_error(message ? message : "prepare failed");
    duckdb_destroy_prepare(&stmt);
    return error;
  }
  return std::unique_ptr<PreparedStatement>(new DuckDBPreparedStatement(stmt));
}

Result<std::unique_ptr<Appender>> DuckDBConnection::appender(const RelationRef& table) {
  duckdb_appender appender = nullptr;
  const char* catalog = table.database.empty() ? nullptr : table.database.c_str();
  const char* schema = table.schema.empty() ? nullptr : table.schema.c_str();
  if (duckdb_appender_create_ext(handle_, catalog, schema, table.identifier.c_str(), &appender) != DuckDBSuccess) {
    const char* message = duckdb_appender_error(appender);
    Error error = database_error(std::string("cannot append to ") + table.identifier + ": " +
                                 (message ? message : "unknown error"));
    duckdb_appender_destroy(&appender);
    return error;
  }
  return std::unique_ptr<Appender>(new DuckDBAppender(appender));
}

Result<std::vector<RelationInfo>> DuckDBConnection::list_relations(const std::string& database,
                                                                   const std::string& schema) {
  auto stmt = prepare(
      "select table_catalog, table_schema, table_name, table_type from information_schema.tables "
      "where ($1 = '' or table_catalog = $1) and ($2 = '' or table_schema = $2) "
      "order by table_catalog, table_schema, table_name");
  if (!stmt) return std::move(stmt).error();
  STRATA_TRY((*stmt)->bind(1, database));
  STRATA_TRY((*stmt)->bind(2, schema));
  auto result = (*stmt)->execute();
  if (!result) return std::move(result).error();
  std::vector<RelationInfo> out;
  for (auto& row : result->rows) {
    RelationInfo info;
    info.ref = {std::get<std::string>(row[0]), std::get<std::string>(row[1]), std::get<std::string>(row[2])};
    info.kind = relation_kind(std::get<std::string>(row[3]));
    out.push_back(std::move(info));
  }
  return out;
}

Result<std::optional<RelationInfo>> DuckDBConnection::get_relation(const RelationRef& ref) {
  auto stmt = prepare(
      "select table_catalog, table_schema, table_name, table_type from information_schema.tables "
      "where ($1 = '' or table_catalog = $1) and table_schema = $2 and table_name = $3");
  if (!stmt) return std::move(stmt).error();
  STRATA_TRY((*stmt)->bind(1, ref.database));
  STRATA_TRY((*stmt)->bind(2, ref.schema.empty() ? std::string("main") : ref.schema));
  STRATA_TRY((*stmt)->bind(3, ref.identifier));
  auto result = (*stmt)->execute();
  if (!result) return std::move(result).error();
  if (result->rows.empty()) return std::optional<RelationInfo>();
  auto& row = result->rows.front();
  RelationInfo info;
  info.ref = {std::get<std::string>(row[0]), std::get<std::string>(row[1]), std::get<std::string>(row[2])};
  info.kind = relation_kind(std::get<std::string>(row[3]));
  return std::optional<RelationInfo>(std::move(info));
}

Result<std::vector<ColumnInfo>> DuckDBConnection::get_columns(const RelationRef& ref) {
  auto stmt = prepare(
      "select column_name, data_type from information_schema.columns "
      "where ($1 = '' or table_catalog = $1) and table_schema = $2 and table_name = $3 "
      "order by ordinal_position");
  if (!stmt) return std::move(stmt).error();
  STRATA_TRY((*stmt)->bind(1, ref.database));
  STRATA_TRY((*stmt)->bind(2, ref.schema.empty() ? std::string("main") : ref.schema));
  STRATA_TRY((*stmt)->bind(3, ref.identifier));
  auto result = (*stmt)->execute();
  if (!result) return std::move(result).error();
  std::vector<ColumnInfo> out;
  for (auto& row : result->rows) out.push_back({std::get<std::string>(row[0]), std::get<std::string>(row[1])});
  return out;
}

}  // namespace strata::adapter::duckdb
