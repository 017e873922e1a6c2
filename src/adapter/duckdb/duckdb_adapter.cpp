#include "adapter/duckdb/duckdb_adapter.h"

#include "adapter/duckdb/connection.h"
#include "common/sql_quote.h"

namespace strata::adapter::duckdb {

Result<std::unique_ptr<DuckDBAdapter>> DuckDBAdapter::open(const Settings& settings) {
  auto db = Database::open(settings);
  if (!db) return std::move(db).error();
  return std::unique_ptr<DuckDBAdapter>(new DuckDBAdapter(std::move(db).value(), settings));
}

Result<std::unique_ptr<Connection>> DuckDBAdapter::connect() {
  duckdb_connection handle = nullptr;
  if (duckdb_connect(db_.handle(), &handle) != DuckDBSuccess)
    return Error(ErrorCode::Database, "cannot open a connection to DuckDB database '" + settings_.path + "'");
  return std::unique_ptr<Connection>(new DuckDBConnection(handle));
}

std::string DuckDBAdapter::quote(std::string_view identifier) const { return sql_identifier(identifier); }

}  // namespace strata::adapter::duckdb
