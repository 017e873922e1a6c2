#pragma once
// The SQL that reads a source's files with DuckDB's own readers (read_csv, read_parquet,
// read_json), plus quoting helpers for the load statements.
#include <string>

#include "load/load_spec.h"

namespace strata::load {

std::string sql_literal(const std::string& text);      // 'it''s'
std::string sql_identifier(const std::string& name);   // "a""b"
std::string qualified(const std::string& schema, const std::string& table);  // "s"."t"

// DuckDB's temp tables that read_csv's store_rejects fills on a connection.
inline constexpr const char* kRejectsTable = "strata_reject_errors";
inline constexpr const char* kRejectScansTable = "strata_reject_scans";

struct ReaderOptions {
  bool store_rejects = false;  // csv only: bad rows go to the rejects temp tables
};

// `path_expr` is a SQL expression naming the file(s): a literal path, glob or list.
std::string reader_sql(const LoadSpec& spec, const std::string& path_expr, const ReaderOptions& options = {});

// CREATE TABLE column list from declared columns: ("a" integer, "b" varchar).
std::string declared_columns_sql(const LoadSpec& spec);

}  // namespace strata::load
