// Snapshots (type-2 slowly changing dimensions) with dbt's semantics: the first run
// creates the table; later runs close changed versions and insert new ones, all in one
// transaction.
#include <algorithm>

#include "common/sql_quote.h"
#include "exec/data_common/relation_build.h"
#include "exec/materializations.h"
#include "exec/snapshots/snapshot_config.h"
#include "exec/snapshots/snapshot_sql.h"

namespace strata::exec {

namespace {

using snapshots::SnapshotConfig;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool has_column(const std::vector<adapter::ColumnInfo>& columns, const std::string& name) {
  return std::any_of(columns.begin(), columns.end(), [&](const auto& c) { return lower(c.name) == lower(name); });
}

int64_t count_of(const adapter::QueryResult& result) {
  return result.rows.empty() ? result.rows_changed : data::first_int(result);
}

// Errors when a unique key is duplicated or null in the snapshot query: either would
// leave two current versions of one key.
Status check_unique_key(NodeContext& ctx, const manifest::Node& node, const SnapshotConfig& config,
                        const std::string& source) {
  auto found = ctx.query(snapshots::duplicate_key_sql(config, source));
  if (!found.ok()) return std::move(found).error();
  if (found->rows.empty()) return {};
  const auto& row = found->rows[0];
  std::string key, names;
  for (size_t i = 0; i < config.unique_key.size(); ++i) {
    key += (i ? ", " : "") + config.unique_key[i] + " = " + adapter::cell_to_string(row[i]);
    names += (i ? ", " : "") + config.unique_key[i];
  }
  const int64_t rows = data::first_int(adapter::QueryResult{{}, {{row.back()}}, 0});
  bool null_key = false;
  for (size_t i = 0; i < config.unique_key.size(); ++i) null_key = null_key || adapter::is_null(row[i]);
  std::string what = null_key ? "is null in " + std::to_string(rows) + (rows == 1 ? " row" : " rows")
                              : "is not unique: " + key + " appears in " + std::to_string(rows) + " rows";
  return Error(ErrorCode::Database,
               "snapshot '" + node.name + "': unique_key (" + names + ") " + what + (null_key ? " (" + key + ")" : "") +
                   " of the snapshot query",
               node.span)
      .with_hint(
          "every row of a snapshot query needs its own non-null unique_key; deduplicate the query or add "
          "columns to unique_key (nothing was written)");
}

// Columns of a query, by running it with no rows.
Result<std::vector<adapter::ColumnInfo>> query_columns(NodeContext& ctx, const std::string& select_sql) {
  auto r = ctx.query("select * from (\n" + select_sql + "\n) strata_columns limit 0");
  if (!r.ok()) return std::move(r).error();
  return r->columns;
}

Status first_build(NodeContext& ctx, const SnapshotConfig& config, const context::Relation& target,
                   const std::string& source, int64_t& rows) {
  return data::in_transaction(ctx, [&]() -> Status {
    STRATA_TRY(ctx.run_hooks(HookPhase::Pre));
    auto built = data::build_and_swap(ctx, target, data::BuildKind::Table, snapshots::first_build_sql(config, source));
    if (!built.ok()) return std::move(built).error();
    rows = *built;
    return ctx.run_hooks(HookPhase::Post);
  });
}

Status update_snapshot(NodeContext& ctx, const manifest::Node& node, const SnapshotConfig& config,
                       const context::Relation& target, const std::string& source, int64_t& rows) {
  auto target_columns = ctx.connection().get_columns(data::ref_of(target));
  if (!target_columns.ok()) return std::move(target_columns).error();
  const auto& m = config.columns;
  for (const std::string* meta : {&m.scd_id, &m.updated_at, &m.valid_from, &m.valid_to})
    if (!has_column(*target_columns, *meta))
      return Error(ErrorCode::Database,
                   "snapshot '" + node.name + "': " + target.render() + " has no column " + *meta +
                       ", so it is not a snapshot table (or its meta columns have other names)",
                   node.span)
          .with_hint("drop the table to rebuild the snapshot, or set snapshot_meta_column_names to its column names");

  auto source_columns = query_columns(ctx, source);
  if (!source_columns.ok()) return std::move(source_columns).error();

  std::vector<std::string> check_columns;
  bool column_added = false;
  if (config.strategy == snapshots::Strategy::Check) {
    std::vector<adapter::ColumnInfo> checked;
    if (config.check_all) {
      checked = *source_columns;
    } else {
      std::string list;
      for (const auto& c : config.check_cols) list += (list.empty() ? "" : ", ") + c;
      auto r = query_columns(ctx, "select " + list + " from (\n" + source + "\n) subq");
      if (!r.ok()) return std::move(r).error();
      checked = std::move(r).value();
    }
    for (const auto& c : checked) {
      if (has_column(*target_columns, c.name))
        check_columns.push_back(sql_identifier(c.name));
      else
        column_added = true;
    }
  }

  snapshots::StagingInput input;
  input.source_sql = source;
  input.target = target.render();
  input.row_changed = snapshots::row_changed_sql(config, check_columns, column_added);
  input.compared_columns = check_columns;
  for (const auto& c : *source_columns) input.source_columns.push_back(c.name);
  for (const auto& c : *target_columns) input.target_columns.push_back(c.name);
  const std::string staging = "temp." + sql_identifier(target.identifier + "__strata_snapshot_staging");

  return data::in_transaction(ctx, [&]() -> Status {
    STRATA_TRY(ctx.run_hooks(HookPhase::Pre));
    if (config.hard_deletes == snapshots::HardDeletes::NewRecord && !has_column(*target_columns, m.is_deleted)) {
      // Existing versions were not deletion records: 'False' (a NULL would never compare
      // equal, so their deletions would go unrecorded). A DEFAULT, not an UPDATE: DuckDB
      // cannot alter a table later in a transaction that updated it.
      STRATA_TRY(ctx.execute("alter table " + target.render() + " add column " + sql_identifier(m.is_deleted) +
                             " varchar default 'False'"));
      input.target_columns.push_back(m.is_deleted);
    }
    STRATA_TRY(ctx.execute("create or replace temp table " +
                           sql_identifier(target.identifier + "__strata_snapshot_staging") + " as\n" +
                           snapshots::staging_sql(config, input)));
    auto staged = ctx.query("select * from " + staging + " limit 0");
    if (!staged.ok()) return std::move(staged).error();
    // New source columns are added to the snapshot table (older versions hold NULL).
    std::vector<std::string> insert_columns;
    for (const auto& c : staged->columns) {
      if (snapshots::is_staging_only_column(c.name)) continue;
      insert_columns.push_back(sql_identifier(c.name));
      if (!has_column(*target_columns, c.name) &&
          std::find(input.target_columns.begin(), input.target_columns.end(), c.name) == input.target_columns.end())
        STRATA_TRY(
            ctx.execute("alter table " + target.render() + " add column " + sql_identifier(c.name) + " " + c.type));
    }
    STRATA_TRY(ctx.execute(snapshots::close_versions_sql(config, target.render(), staging)));
    auto inserted = ctx.query(snapshots::insert_versions_sql(target.render(), staging, insert_columns));
    if (!inserted.ok()) return std::move(inserted).error();
    rows = count_of(*inserted);
    STRATA_TRY(ctx.execute("drop table if exists " + staging));
    return ctx.run_hooks(HookPhase::Post);
  });
}

}  // namespace

Result<NodeOutcome> run_snapshot(NodeContext& ctx) {
  const manifest::Node& node = ctx.node();
  auto config = snapshots::read_snapshot_config(node);
  if (!config.ok()) return data::error_outcome(std::move(config).error(), node);
  auto compiled = ctx.compile(node.id, {});
  if (!compiled.ok()) return data::error_outcome(std::move(compiled).error(), node);
  const std::string source = data::trimmed_sql(*compiled);

  const context::Relation target = ctx.relation_of(node.id);
  auto current = data::existing(ctx, target);
  if (!current.ok()) return data::error_outcome(std::move(current).error(), node);
  if (*current && (*current)->kind == adapter::RelationKind::View)
    return data::error_outcome(
        Error(ErrorCode::Database, "cannot snapshot into " + target.render() + ", it is a view", node.span)
            .with_hint("drop the view, or give the snapshot another alias"),
        node);

  Status checked = check_unique_key(ctx, node, *config, source);
  if (!checked.ok()) return data::error_outcome(std::move(checked).error(), node);

  if (Status schema = data::ensure_schema(ctx, target); !schema.ok())
    return data::error_outcome(std::move(schema).error(), node);
  int64_t rows = 0;
  Status built = *current ? update_snapshot(ctx, node, *config, target, source, rows)
                          : first_build(ctx, *config, target, source, rows);
  if (!built.ok()) return data::error_outcome(std::move(built).error(), node);

  NodeOutcome outcome;
  outcome.status = NodeStatus::Success;
  outcome.message = "OK";  // dbt-duckdb's response message
  outcome.rows_affected = rows;
  outcome.adapter_response = {{"_message", "OK"}, {"rows_affected", rows}};
  return outcome;
}

}  // namespace strata::exec
