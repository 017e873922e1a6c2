#pragma once
// The SQL of dbt's snapshot macros (dbt-adapters' snapshot_staging_table,
// build_snapshot_table, the strategies, and dbt-duckdb's snapshot_merge_sql), written
// natively so the meta columns come out exactly as dbt computes them.
#include <string>
#include <vector>

#include "exec/snapshots/snapshot_config.h"

namespace strata::exec::snapshots {

// dbt-duckdb's snapshot_get_time(): the transaction's start time as a timestamp.
inline constexpr const char* kSnapshotTime = "now()::timestamp";

// md5 of the arguments cast to text and joined by '|' (dbt's snapshot_hash_arguments).
std::string hash_arguments(const std::vector<std::string>& args);

// The expression a version's valid_from/updated_at come from.
std::string updated_at_sql(const SnapshotConfig& config);

// First run: the query plus the meta columns, every row current.
std::string first_build_sql(const SnapshotConfig& config, const std::string& source_sql);

// Whether a current row differs from its source row. For check: `check_columns` are the
// (quoted or as-written) columns to compare; `column_added` when a checked column is not
// yet in the table (then every row counts as changed, as in dbt).
std::string row_changed_sql(const SnapshotConfig& config, const std::vector<std::string>& check_columns,
                            bool column_added);

struct StagingInput {
  std::string source_sql;
  std::string target;                       // rendered snapshot relation
  std::string row_changed;                  // from row_changed_sql
  std::vector<std::string> compared_columns;  // the quoted check columns row_changed reads
  std::vector<std::string> source_columns;  // column names of the source query
  std::vector<std::string> target_columns;  // column names of the snapshot table
};

// The changes to apply: rows with dbt_change_type insert/update/delete.
std::string staging_sql(const SnapshotConfig& config, const StagingInput& input);

// Closes the current versions the staging rows update or delete.
std::string close_versions_sql(const SnapshotConfig& config, const std::string& target, const std::string& staging);
// Inserts the staging rows marked insert into the listed (quoted) columns.
std::string insert_versions_sql(const std::string& target, const std::string& staging,
                                const std::vector<std::string>& quoted_columns);

// One unique key of the source query that is duplicated or null, if any: the key values
// then the row count.
std::string duplicate_key_sql(const SnapshotConfig& config, const std::string& source_sql);

// Staging columns that are not snapshot columns (dbt_change_type, dbt_unique_key...).
bool is_staging_only_column(const std::string& name);

}  // namespace strata::exec::snapshots
