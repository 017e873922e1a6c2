#include "exec/snapshots/snapshot_sql.h"

#include <algorithm>

#include "common/sql_quote.h"

namespace strata::exec::snapshots {

namespace {

std::string q(const std::string& name) { return sql_identifier(name); }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  for (const auto& n : names)
    if (lower(n) == lower(name)) return true;
  return false;
}

// dbt's unique_key_fields: the key as dbt_unique_key, or each key as dbt_unique_key_<i>.
std::string key_fields(const SnapshotConfig& c) {
  if (!c.unique_key_is_list) return c.unique_key[0] + " as dbt_unique_key";
  std::string out;
  for (size_t i = 0; i < c.unique_key.size(); ++i)
    out += (i ? ", " : "") + c.unique_key[i] + " as dbt_unique_key_" + std::to_string(i + 1);
  return out;
}

std::string key_join(const SnapshotConfig& c, const std::string& left, const std::string& right) {
  if (!c.unique_key_is_list) return left + ".dbt_unique_key = " + right + ".dbt_unique_key";
  std::string out;
  for (size_t i = 0; i < c.unique_key.size(); ++i) {
    std::string k = "dbt_unique_key_" + std::to_string(i + 1);
    out += (i ? " and " : "") + left + "." + k + " = " + right + "." + k;
  }
  return out;
}

std::string key_is_null(const SnapshotConfig& c, const std::string& rel) {
  return rel + (c.unique_key_is_list ? ".dbt_unique_key_1" : ".dbt_unique_key") + " is null";
}

std::string key_is_not_null(const SnapshotConfig& c, const std::string& rel) {
  return rel + (c.unique_key_is_list ? ".dbt_unique_key_1" : ".dbt_unique_key") + " is not null";
}

std::string scd_id(const SnapshotConfig& c) {
  std::vector<std::string> args = c.unique_key;
  args.push_back(updated_at_sql(c));
  return hash_arguments(args);
}

// An open version: valid_to null, or the configured dbt_valid_to_current.
std::string is_current(const SnapshotConfig& c, const std::string& rel) {
  std::string col = (rel.empty() ? "" : rel + ".") + q(c.columns.valid_to);
  if (c.valid_to_current) return "(" + col + " = " + *c.valid_to_current + " or " + col + " is null)";
  return col + " is null";
}

std::string valid_to_of_new_version(const SnapshotConfig& c) {
  std::string u = updated_at_sql(c);
  std::string expr = "nullif(" + u + ", " + u + ")";
  if (c.valid_to_current) expr = "coalesce(" + expr + ", " + *c.valid_to_current + ")";
  return expr + " as " + q(c.columns.valid_to);
}

}  // namespace

std::string hash_arguments(const std::vector<std::string>& args) {
  std::string out = "md5(";
  for (size_t i = 0; i < args.size(); ++i)
    out += (i ? " || '|' || " : "") + std::string("coalesce(cast(") + args[i] + " as varchar), '')";
  return out + ")";
}

std::string updated_at_sql(const SnapshotConfig& config) {
  return config.updated_at.empty() ? kSnapshotTime : config.updated_at;
}

std::string first_build_sql(const SnapshotConfig& c, const std::string& source_sql) {
  const std::string u = updated_at_sql(c);
  std::string sql = "select *,\n  " + scd_id(c) + " as " + q(c.columns.scd_id) + ",\n  " + u + " as " +
                    q(c.columns.updated_at) + ",\n  " + u + " as " + q(c.columns.valid_from) + ",\n  " +
                    valid_to_of_new_version(c);
  if (c.hard_deletes == HardDeletes::NewRecord) sql += ",\n  'False' as " + q(c.columns.is_deleted);
  return sql + "\nfrom (\n" + source_sql + "\n) sbq";
}

std::string row_changed_sql(const SnapshotConfig& c, const std::vector<std::string>& check_columns, bool column_added) {
  if (c.strategy == Strategy::Timestamp)
    return "(snapshotted_data." + q(c.columns.valid_from) + " < source_data." + c.updated_at + ")";
  if (column_added) return "(TRUE)";
  std::string out = "(";
  for (size_t i = 0; i < check_columns.size(); ++i) {
    const std::string s = "snapshotted_data." + check_columns[i], n = "source_data." + check_columns[i];
    out += (i ? " or " : "") + s + " != " + n + " or ((" + s + " is null) and not (" + n + " is null)) or ((not " + s +
           " is null) and (" + n + " is null))";
  }
  return out + ")";
}

std::string staging_sql(const SnapshotConfig& c, const StagingInput& in) {
  const MetaColumns& m = c.columns;
  const std::string u = updated_at_sql(c);
  const bool deletes = c.hard_deletes != HardDeletes::Ignore;
  const bool new_record = c.hard_deletes == HardDeletes::NewRecord;
  const std::string deleted_again = new_record ? " or snapshotted_data." + q(m.is_deleted) + " = 'True'" : "";

  std::string sql = "with snapshot_query as (\n" + in.source_sql + "\n),\n";
  if (deletes) {
    sql += "snapshotted_data as (\n  select *, " + key_fields(c) + "\n  from " + in.target + "\n  where " +
           is_current(c, "") + "\n),\n";
  } else {
    // Without hard-delete handling only the current versions of keys in the source can
    // change: the others are skipped here rather than carried through both joins (a
    // snapshot that selects only recent rows then costs what those rows cost). Only the
    // columns the comparison and the update read are taken: the CTE is read twice, so
    // DuckDB materializes it, and a `*` would read every column of every current version.
    std::vector<std::string> columns = {q(m.scd_id), q(m.valid_from)};
    for (const auto& col : in.compared_columns)
      if (!contains(columns, col)) columns.push_back(col);
    std::string list;
    for (const auto& col : columns) list += col + ", ";
    sql += "snapshotted_data as (\n  select current_versions.* from (\n    select " + list + key_fields(c) +
           "\n    from " + in.target + "\n    where " + is_current(c, "") +
           "\n  ) as current_versions\n  semi join (select " + key_fields(c) +
           " from snapshot_query) as source_keys\n    on " + key_join(c, "current_versions", "source_keys") +
           "\n),\n";
  }
  sql += "insertions_source_data as (\n  select *, " + key_fields(c) + ",\n    " + u + " as " + q(m.updated_at) +
         ",\n    " + u + " as " + q(m.valid_from) + ",\n    " + valid_to_of_new_version(c) + ",\n    " + scd_id(c) +
         " as " + q(m.scd_id) + "\n  from snapshot_query\n),\n";
  sql += "updates_source_data as (\n  select *, " + key_fields(c) + ",\n    " + u + " as " + q(m.updated_at) +
         ",\n    " + u + " as " + q(m.valid_from) + ",\n    " + u + " as " + q(m.valid_to) +
         "\n  from snapshot_query\n),\n";
  if (deletes) sql += "deletes_source_data as (\n  select *, " + key_fields(c) + "\n  from snapshot_query\n),\n";

  sql += "insertions as (\n  select 'insert' as dbt_change_type, source_data.*";
  if (new_record) sql += ", 'False' as " + q(m.is_deleted);
  sql += "\n  from insertions_source_data as source_data\n  left outer join snapshotted_data on " +
         key_join(c, "snapshotted_data", "source_data") + "\n  where " + key_is_null(c, "snapshotted_data") +
         "\n    or (" + key_is_not_null(c, "snapshotted_data") + " and (" + in.row_changed + deleted_again + "))\n),\n";

  sql += "updates as (\n  select 'update' as dbt_change_type, source_data.*, snapshotted_data." + q(m.scd_id);
  if (new_record) sql += ", snapshotted_data." + q(m.is_deleted);
  sql += "\n  from updates_source_data as source_data\n  join snapshotted_data on " +
         key_join(c, "snapshotted_data", "source_data") + "\n  where (" + in.row_changed + deleted_again + ")\n)";

  const std::string not_already_deleted =
      "not (snapshotted_data." + q(m.is_deleted) + " = 'True' and " + is_current(c, "snapshotted_data") + ")";
  if (deletes) {
    sql += ",\ndeletes as (\n  select 'delete' as dbt_change_type, source_data.*, " + std::string(kSnapshotTime) +
           " as " + q(m.valid_from) + ", " + kSnapshotTime + " as " + q(m.updated_at) + ", " + kSnapshotTime + " as " +
           q(m.valid_to) + ", snapshotted_data." + q(m.scd_id);
    if (new_record) sql += ", snapshotted_data." + q(m.is_deleted);
    sql += "\n  from snapshotted_data\n  left join deletes_source_data as source_data on " +
           key_join(c, "snapshotted_data", "source_data") + "\n  where " + key_is_null(c, "source_data");
    if (new_record) sql += "\n    and " + not_already_deleted;
    sql += "\n)";
  }
  if (new_record) {
    // The deleted key's last values, as a new current version marked deleted.
    sql += ",\ndeletion_records as (\n  select 'insert' as dbt_change_type";
    for (const auto& col : in.source_columns)
      sql += ", " + (contains(in.target_columns, col) ? "snapshotted_data." + q(col) : std::string("NULL")) + " as " +
             q(col);
    if (c.unique_key_is_list) {
      for (size_t i = 0; i < c.unique_key.size(); ++i)
        sql += ", snapshotted_data.dbt_unique_key_" + std::to_string(i + 1) + " as dbt_unique_key_" +
               std::to_string(i + 1);
    } else {
      sql += ", snapshotted_data.dbt_unique_key as dbt_unique_key";
    }
    sql += ", " + std::string(kSnapshotTime) + " as " + q(m.valid_from) + ", " + kSnapshotTime + " as " +
           q(m.updated_at) + ", snapshotted_data." + q(m.valid_to) + " as " + q(m.valid_to) + ", " +
           hash_arguments({"snapshotted_data." + q(m.scd_id), kSnapshotTime}) + " as " + q(m.scd_id) + ", 'True' as " +
           q(m.is_deleted) + "\n  from snapshotted_data\n  left join deletes_source_data as source_data on " +
           key_join(c, "snapshotted_data", "source_data") + "\n  where " + key_is_null(c, "source_data") +
           "\n    and " + not_already_deleted + "\n)";
  }
  sql += "\nselect * from insertions\nunion all\nselect * from updates";
  if (deletes) sql += "\nunion all\nselect * from deletes";
  if (new_record) sql += "\nunion all\nselect * from deletion_records";
  return sql;
}

std::string close_versions_sql(const SnapshotConfig& c, const std::string& target, const std::string& staging) {
  const MetaColumns& m = c.columns;
  return "update " + target + " as DBT_INTERNAL_TARGET\nset " + q(m.valid_to) + " = DBT_INTERNAL_SOURCE." +
         q(m.valid_to) + "\nfrom " + staging + " as DBT_INTERNAL_SOURCE\nwhere DBT_INTERNAL_SOURCE." + q(m.scd_id) +
         "::text = DBT_INTERNAL_TARGET." + q(m.scd_id) +
         "::text\n  and DBT_INTERNAL_SOURCE.dbt_change_type::text in ('update', 'delete')\n  and " +
         is_current(c, "DBT_INTERNAL_TARGET");
}

std::string insert_versions_sql(const std::string& target, const std::string& staging,
                                const std::vector<std::string>& quoted_columns) {
  std::string list, select;
  for (size_t i = 0; i < quoted_columns.size(); ++i) {
    list += (i ? ", " : "") + quoted_columns[i];
    select += (i ? ", " : "") + std::string("DBT_INTERNAL_SOURCE.") + quoted_columns[i];
  }
  return "insert into " + target + " (" + list + ")\nselect " + select + "\nfrom " + staging +
         " as DBT_INTERNAL_SOURCE\nwhere DBT_INTERNAL_SOURCE.dbt_change_type::text = 'insert'";
}

std::string duplicate_key_sql(const SnapshotConfig& c, const std::string& source_sql) {
  std::string keys, groups, nulls;
  for (size_t i = 0; i < c.unique_key.size(); ++i) {
    const std::string alias = "strata_key_" + std::to_string(i + 1);
    keys += c.unique_key[i] + " as " + alias + ", ";
    groups += (i ? ", " : "") + std::to_string(i + 1);
    nulls += " or " + alias + " is null";
  }
  // A null key never matches its current version, so it would gain a version every run.
  return "select * from (select " + keys + "count(*) as strata_rows from (\n" + source_sql +
         "\n) snapshot_query group by " + groups + ") keys where strata_rows > 1" + nulls + " limit 1";
}

bool is_staging_only_column(const std::string& name) {
  std::string n = lower(name);
  return n == "dbt_change_type" || n == "dbt_unique_key" || n.rfind("dbt_unique_key_", 0) == 0;
}

}  // namespace strata::exec::snapshots
