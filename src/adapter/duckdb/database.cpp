#include "adapter/duckdb/database.h"

#include <memory>

namespace strata::adapter::duckdb {

std::string library_version() { return duckdb_library_version(); }

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (handle_) duckdb_close(&handle_);
    handle_ = other.handle_;
    other.handle_ = nullptr;
  }
  return *this;
}

Database::~Database() {
  if (handle_) duckdb_close(&handle_);
}

namespace {

struct ConfigDeleter {
  void operator()(duckdb_config config) const { duckdb_destroy_config(&config); }
};
using ConfigPtr = std::unique_ptr<std::remove_pointer_t<duckdb_config>, ConfigDeleter>;

}  // namespace

namespace {
// DuckDB 1.4 repeats the "LINE n: ... ^" context block of parser and binder errors.
void drop_repeated_context(std::string& message) {
  const std::string marker = "\n\nLINE ";
  size_t first = message.find(marker);
  if (first == std::string::npos) return;
  size_t second = message.find(marker, first + 1);
  if (second == std::string::npos) return;
  if (message.compare(first, second - first, message, second, std::string::npos) == 0) message.erase(second);
}
}  // namespace

Error database_error(std::string message, duckdb_error_type type) {
  drop_repeated_context(message);
  if (type == DUCKDB_ERROR_INTERRUPT || message.find("INTERRUPT Error") != std::string::npos)
    return Error(ErrorCode::Interrupted, std::move(message));
  // DuckDB: 'IO Error: Could not set lock on file "x": Conflicting lock is held in
  // /usr/bin/prog (PID 123) by user root. See also https://...'
  if (message.find("Could not set lock on file") != std::string::npos) {
    Error error(ErrorCode::DatabaseLocked, std::move(message));
    error.hint = "another process has this DuckDB file open; stop it (or use a different file) and retry";
    return error;
  }
  return Error(ErrorCode::Database, std::move(message));
}

Result<Database> Database::open(const Settings& settings) {
  duckdb_config raw_config = nullptr;
  if (duckdb_create_config(&raw_config) != DuckDBSuccess)
    return Error(ErrorCode::Internal, "could not allocate a DuckDB configuration");
  ConfigPtr config(raw_config);

  std::map<std::string, std::string> options = {
      // No network: extensions are built in or not available at all.
      {"autoinstall_known_extensions", "false"},
      {"autoload_known_extensions", "false"},
  };
  if (settings.threads > 0) options["threads"] = std::to_string(settings.threads);
  if (!settings.memory_limit.empty()) options["memory_limit"] = settings.memory_limit;
  if (!settings.temp_directory.empty()) options["temp_directory"] = settings.temp_directory;
  if (settings.read_only) options["access_mode"] = "READ_ONLY";
  for (const auto& [key, value] : settings.extra) options[key] = value;

  for (const auto& [key, value] : options) {
    if (duckdb_set_config(config.get(), key.c_str(), value.c_str()) != DuckDBSuccess)
      return Error(ErrorCode::Config, "DuckDB rejected setting " + key + " = '" + value + "'")
          .with_hint("check the setting's name and value against DuckDB's configuration reference");
  }

  const std::string& path = settings.path;
  const char* c_path = (path.empty() || path == ":memory:") ? nullptr : path.c_str();
  duckdb_database db = nullptr;
  char* error = nullptr;
  if (duckdb_open_ext(c_path, &db, config.get(), &error) != DuckDBSuccess) {
    std::string message = error ? error : "unknown error";
    if (error) duckdb_free(error);
    Error result = database_error("cannot open DuckDB database '" + (c_path ? path : std::string(":memory:")) +
                                  "': " + message);
    return result;
  }
  return Database(db);
}

}  // namespace strata::adapter::duckdb
