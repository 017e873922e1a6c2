#pragma once
// RAII ownership of a DuckDB database handle, opened with strata's settings.
#include <duckdb.h>

#include <map>
#include <string>

#include "common/result.h"

namespace strata::adapter::duckdb {

struct Settings {
  std::string path;            // empty or ":memory:" = in-memory
  int threads = 0;             // 0 = DuckDB's default
  std::string memory_limit;    // e.g. "4GB"; empty = default
  std::string temp_directory;  // empty = default
  bool read_only = false;
  std::map<std::string, std::string> extra;  // any other DuckDB option, set at open
};

// The DuckDB version of the library actually loaded, e.g. "v1.4.4".
std::string library_version();

class Database {
 public:
  static Result<Database> open(const Settings& settings);
  Database(Database&& other) noexcept : handle_(other.handle_) { other.handle_ = nullptr; }
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  duckdb_database handle() const { return handle_; }

 private:
  explicit Database(duckdb_database handle) : handle_(handle) {}
  duckdb_database handle_ = nullptr;
};

// Turns DuckDB's error text into an Error with the right code (locks, interrupts) and hint.
Error database_error(std::string message, duckdb_error_type type = DUCKDB_ERROR_INVALID);

}  // namespace strata::adapter::duckdb
