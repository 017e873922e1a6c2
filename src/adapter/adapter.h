#pragma once
// The warehouse seam. Everything strata does to a warehouse goes through these
// interfaces, which are injected (never global) so a fake can serve unit tests and other
// warehouses can plug in beside DuckDB.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapter/value.h"
#include "common/result.h"

namespace strata::adapter {

struct RelationRef {
  std::string database;  // empty = current
  std::string schema;
  std::string identifier;
};

enum class RelationKind { Table, View, External, Unknown };

struct RelationInfo {
  RelationRef ref;
  RelationKind kind = RelationKind::Unknown;
};

// Bound parameters of a prepared statement are 1-based, as in SQL.
class PreparedStatement {
 public:
  virtual ~PreparedStatement() = default;
  virtual size_t parameter_count() const = 0;
  virtual Status bind(size_t index, const Cell& value) = 0;
  virtual Result<QueryResult> execute() = 0;
};

// Bulk row insertion, far faster than INSERT statements.
class Appender {
 public:
  virtual ~Appender() = default;
  virtual Status append_row(const std::vector<Cell>& row) = 0;
  virtual Status flush() = 0;
  virtual Status close() = 0;  // flushes; the appender is unusable afterwards
};

using ChunkCallback = std::function<Status(const ResultChunk&)>;

// One session with the warehouse. Not thread-safe except interrupt(): one per worker thread.
class Connection {
 public:
  virtual ~Connection() = default;

  virtual Result<QueryResult> query(std::string_view sql) = 0;
  // Runs a statement, discarding any rows; several ';'-separated statements are allowed.
  virtual Status execute(std::string_view sql) = 0;
  // Streams a result chunk by chunk; the callback's error stops the stream and is returned.
  virtual Status stream(std::string_view sql, const ChunkCallback& on_chunk) = 0;
  virtual Result<std::unique_ptr<PreparedStatement>> prepare(std::string_view sql) = 0;
  virtual Result<std::unique_ptr<Appender>> appender(const RelationRef& table) = 0;

  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual Status rollback() = 0;

  // Safe to call from any thread: the running query on this connection fails promptly
  // with ErrorCode::Interrupted.
  virtual void interrupt() = 0;

  // Introspection. An empty schema lists all schemas.
  virtual Result<std::vector<RelationInfo>> list_relations(const std::string& database,
                                                           const std::string& schema) = 0;
  virtual Result<std::optional<RelationInfo>> get_relation(const RelationRef& ref) = 0;
  virtual Result<std::vector<ColumnInfo>> get_columns(const RelationRef& ref) = 0;
};

struct Capabilities {
  bool transactional_ddl = false;  // CREATE/DROP/RENAME inside a transaction
  bool supports_appender = false;
  bool supports_interrupt = false;
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  virtual std::string type() const = 0;           // "duckdb"
  virtual std::string server_version() const = 0; // e.g. "v1.4.4", read from the warehouse
  virtual Capabilities capabilities() const = 0;
  virtual Result<std::unique_ptr<Connection>> connect() = 0;
  // Quote an identifier the way this warehouse does.
  virtual std::string quote(std::string_view identifier) const = 0;
};

}  // namespace strata::adapter
