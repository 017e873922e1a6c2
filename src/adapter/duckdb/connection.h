#pragma once
// A DuckDB connection behind the adapter's Connection interface. One per worker thread.
#include <duckdb.h>

#include <memory>

#include "adapter/adapter.h"

namespace strata::adapter::duckdb {

class DuckDBConnection final : public Connection {
 public:
  explicit DuckDBConnection(duckdb_connection handle) : handle_(handle) {}
  ~DuckDBConnection() override;
  DuckDBConnection(const DuckDBConnection&) = delete;
  DuckDBConnection& operator=(const DuckDBConnection&) = delete;

  Result<QueryResult> query(std::string_view sql) override;
  Status execute(std::string_view sql) override;
  Status stream(std::string_view sql, const ChunkCallback& on_chunk) override;
  Result<std::unique_ptr<PreparedStatement>> prepare(std::string_view sql) override;
  Result<std::unique_ptr<Appender>> appender(const RelationRef& table) override;

  Status begin() override { return execute("BEGIN TRANSACTION"); }
  Status commit() override { return execute("COMMIT"); }
  Status rollback() override { return execute("ROLLBACK"); }
  void interrupt() override { duckdb_interrupt(handle_); }

  Result<std::vector<RelationInfo>> list_relations(const std::string& database, const std::string& schema) override;
  Result<std::optional<RelationInfo>> get_relation(const RelationRef& ref) override;
  Result<std::vector<ColumnInfo>> get_columns(const RelationRef& ref) override;

  duckdb_connection handle() const { return handle_; }

 private:
  duckdb_connection handle_;
};

}  // namespace strata::adapter::duckdb
