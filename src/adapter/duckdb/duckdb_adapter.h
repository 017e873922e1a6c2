#pragma once
// The embedded DuckDB warehouse: one database handle, any number of connections.
#include <memory>

#include "adapter/adapter.h"
#include "adapter/duckdb/database.h"

namespace strata::adapter::duckdb {

class DuckDBAdapter final : public Adapter {
 public:
  static Result<std::unique_ptr<DuckDBAdapter>> open(const Settings& settings);

  std::string type() const override { return "duckdb"; }
  std::string server_version() const override { return library_version(); }
  Capabilities capabilities() const override { return {true, true, true}; }
  Result<std::unique_ptr<Connection>> connect() override;
  std::string quote(std::string_view identifier) const override;

  const Settings& settings() const { return settings_; }

 private:
  DuckDBAdapter(Database db, Settings settings) : db_(std::move(db)), settings_(std::move(settings)) {}
  Database db_;
  Settings settings_;
};

}  // namespace strata::adapter::duckdb
