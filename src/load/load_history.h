#pragma once
// strata_meta.load_history: one row per file loaded into a table (COPY INTO's load
// metadata). A file whose URI is recorded for the table is not loaded again; a recorded
// file whose size or version (ETag / mtime) changed is reported, and reloaded only by
// --full-refresh. Rows are written in the same transaction as the file's data.
#include <map>
#include <string>

#include "adapter/adapter.h"
#include "load/source_files.h"

namespace strata::load {

inline constexpr const char* kHistorySchema = "strata_meta";
inline constexpr const char* kHistoryTable = "load_history";

struct LoadedFile {
  uint64_t size = 0;
  std::string version;
  int64_t rows = 0;
};

struct HistoryRow {
  std::string table;  // schema.identifier as recorded
  const SourceFile* file = nullptr;
  int64_t rows = 0;
  int64_t rejected = 0;
  std::string status;  // loaded | loaded_with_rejects
};

std::string history_table_sql();  // "strata_meta"."load_history"

Status ensure_history_table(adapter::Connection& connection);

// URI -> what was loaded, for one table key.
Result<std::map<std::string, LoadedFile>> loaded_files(adapter::Connection& connection, const std::string& table);

std::string insert_history_sql(const HistoryRow& row);

}  // namespace strata::load
