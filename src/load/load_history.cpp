#include "load/load_history.h"

#include "load/reader_sql.h"

namespace strata::load {

std::string history_table_sql() { return qualified(kHistorySchema, kHistoryTable); }

Status ensure_history_table(adapter::Connection& connection) {
  return connection.execute("CREATE SCHEMA IF NOT EXISTS " + sql_identifier(kHistorySchema) +
                            "; CREATE TABLE IF NOT EXISTS " + history_table_sql() +
                            " (table_name VARCHAR NOT NULL, file_uri VARCHAR NOT NULL, file_size BIGINT,"
                            " file_version VARCHAR, rows_loaded BIGINT, rows_rejected BIGINT, status VARCHAR,"
                            " loaded_at TIMESTAMP)");
}

Result<std::map<std::string, LoadedFile>> loaded_files(adapter::Connection& connection, const std::string& table) {
  auto result = connection.query("SELECT file_uri, file_size, file_version, rows_loaded FROM " + history_table_sql() +
                                 " WHERE table_name = " + sql_literal(table));
  if (!result) return std::move(result).error();
  std::map<std::string, LoadedFile> out;
  for (const auto& row : result->rows) {
    LoadedFile file;
    if (auto* size = std::get_if<int64_t>(&row[1])) file.size = static_cast<uint64_t>(*size);
    else if (auto* text = std::get_if<std::string>(&row[1])) file.size = std::stoull(*text);
    if (auto* version = std::get_if<std::string>(&row[2])) file.version = *version;
    if (auto* rows = std::get_if<int64_t>(&row[3])) file.rows = *rows;
    out[adapter::cell_to_string(row[0])] = file;
  }
  return out;
}

std::string insert_history_sql(const HistoryRow& row) {
  return "INSERT INTO " + history_table_sql() + " VALUES (" + sql_literal(row.table) + ", " +
         sql_literal(row.file->uri) + ", " + std::to_string(row.file->size) + ", " + sql_literal(row.file->version) +
         ", " + std::to_string(row.rows) + ", " + std::to_string(row.rejected) + ", " + sql_literal(row.status) +
         ", now()::TIMESTAMP)";
}

}  // namespace strata::load
