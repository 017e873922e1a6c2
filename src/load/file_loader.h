#pragma once
// Loads one file into one table, atomically: its rows, its rejected rows (on_error:
// continue) and its load-history row commit together, or nothing does.
#include <string>

#include "adapter/adapter.h"
#include "load/load_spec.h"
#include "load/source_files.h"

namespace strata::load {

struct FileTask {
  const LoadSpec* spec = nullptr;
  SourceFile file;
  std::string table;        // identifier being written (the final one, or the full-refresh build)
  std::string history_key;  // schema.table recorded in the load history
  bool create_table = false;  // first file of a table that does not exist yet
};

enum class FileStatus { Loaded, Skipped, Failed };

struct FileOutcome {
  FileStatus status = FileStatus::Failed;
  int64_t rows = 0;
  int64_t rejected = 0;
  Error error;     // Skipped / Failed: why (with the file and line when known)
  double seconds = 0;
};

// The name of a table's rejected-rows table.
std::string rejected_table_name(const std::string& table);

// CREATE TABLE IF NOT EXISTS for the rejected-rows table of `table`.
Status ensure_rejected_table(adapter::Connection& connection, const std::string& schema, const std::string& table);

// Reads `local_path` (the file itself, or an S3 object's downloaded copy) into the table.
FileOutcome load_file(adapter::Connection& connection, const FileTask& task, const std::string& local_path);

}  // namespace strata::load
