#include "exec/models/model_sql.h"

#include <cctype>

#include "common/sql_quote.h"
#include "exec/materializations.h"

namespace strata::exec::models {

context::Relation with_identifier(const context::Relation& relation, std::string identifier) {
  context::Relation out = relation;
  out.identifier = std::move(identifier);
  return out;
}

context::Relation temp_relation_of(const context::Relation& target) {
  return with_identifier(target, target.identifier + kTempSuffix);
}

context::Relation staging_relation_of(const context::Relation& target) {
  context::Relation staged;
  staged.database = "temp";
  staged.schema = "main";
  staged.identifier = target.identifier + kTempSuffix;
  staged.type = "table";
  return staged;
}

adapter::RelationRef ref_of(const context::Relation& relation) {
  return {relation.database, relation.schema, relation.identifier};
}

std::string as_subquery_body(std::string_view sql) {
  size_t end = sql.size();
  while (end > 0 && (std::isspace(static_cast<unsigned char>(sql[end - 1])) || sql[end - 1] == ';')) --end;
  return std::string(sql.substr(0, end));
}

std::string quote_column(std::string_view name) { return sql_identifier(name); }

std::string quoted_csv(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += quote_column(n);
  }
  return out;
}

std::vector<std::string> names_of(const std::vector<adapter::ColumnInfo>& columns) {
  std::vector<std::string> out;
  out.reserve(columns.size());
  for (const auto& c : columns) out.push_back(c.name);
  return out;
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

const adapter::ColumnInfo* find_column(const std::vector<adapter::ColumnInfo>& columns, std::string_view name) {
  for (const auto& c : columns)
    if (same_name(c.name, name)) return &c;
  return nullptr;
}

const char* kind_keyword(adapter::RelationKind kind) {
  return kind == adapter::RelationKind::View ? "view" : "table";
}

Result<std::vector<std::optional<adapter::RelationKind>>> existing_kinds(
    NodeContext& ctx, const std::vector<context::Relation>& same_schema) {
  std::vector<std::optional<adapter::RelationKind>> out(same_schema.size());
  if (same_schema.empty()) return out;
  const context::Relation& first = same_schema.front();
  std::string names;
  for (const auto& r : same_schema) names += (names.empty() ? "" : ", ") + sql_literal(r.identifier);
  std::string where = "schema_name = " + sql_literal(first.schema.empty() ? "main" : first.schema);
  if (!first.database.empty()) where += " and database_name = " + sql_literal(first.database);
  auto result = ctx.connection().query(
      "select view_name, 'view' from duckdb_views() where not internal and " + where + " and view_name in (" + names +
      ") union all select table_name, 'table' from duckdb_tables() where " + where + " and table_name in (" + names +
      ")");
  if (!result.ok()) return std::move(result).error();
  for (const auto& row : result->rows) {
    std::string name = adapter::cell_to_string(row[0]);
    auto kind = adapter::cell_to_string(row[1]) == "view" ? adapter::RelationKind::View : adapter::RelationKind::Table;
    for (size_t i = 0; i < same_schema.size(); ++i)
      if (same_name(same_schema[i].identifier, name)) out[i] = kind;
  }
  return out;
}

Result<std::optional<adapter::RelationKind>> existing_kind(NodeContext& ctx, const context::Relation& relation) {
  auto kinds = existing_kinds(ctx, {relation});
  if (!kinds.ok()) return std::move(kinds).error();
  return kinds->front();
}

Result<RelationState> probe_relations(NodeContext& ctx, const context::Relation& target) {
  RelationState state;
  const context::Relation temp = temp_relation_of(target);
  // The run's catalog snapshot answers a node's first look without touching the catalog.
  KnownRelation known_target = ctx.known_relation(target);
  KnownRelation known_temp = ctx.known_relation(temp);
  if (known_target.known && known_temp.known) {
    if (known_target.exists) state.target = known_target.kind;
    if (known_temp.exists) state.temp = known_temp.kind;
    return state;
  }
  adapter::Connection& conn = ctx.connection();
  auto table_probe = conn.query("select rowid from " + target.render() + " limit 0");
  // A Ctrl-C landing on a probe must stop the build, not read as "no table".
  if (!table_probe.ok() && table_probe.error().code == ErrorCode::Interrupted) return std::move(table_probe).error();
  if (table_probe.ok()) {
    state.target = adapter::RelationKind::Table;
  } else {
    // A view (working or not) or nothing: only views are left to look up in the catalog.
    std::string where = "schema_name = " + sql_literal(target.schema.empty() ? "main" : target.schema) +
                        " and view_name = " + sql_literal(target.identifier);
    if (!target.database.empty()) where += " and database_name = " + sql_literal(target.database);
    auto views = conn.query("select count(*) from duckdb_views() where not internal and " + where);
    if (!views.ok()) return std::move(views).error();
    if (!views->rows.empty() && adapter::cell_to_string(views->rows[0][0]) != "0")
      state.target = adapter::RelationKind::View;
  }
  // strata never commits a temp relation; one is only there if something else made it.
  auto temp_probe = conn.query("select 1 from " + temp.render() + " limit 0");
  if (!temp_probe.ok() && temp_probe.error().code == ErrorCode::Interrupted) return std::move(temp_probe).error();
  if (temp_probe.ok()) {
    auto kind = existing_kind(ctx, temp);
    if (!kind.ok()) return std::move(kind).error();
    state.temp = *kind;
  }
  return state;
}

Result<std::vector<adapter::ColumnInfo>> columns_of(NodeContext& ctx, const context::Relation& relation) {
  auto described = ctx.connection().query("describe " + relation.render());
  if (!described.ok()) return std::move(described).error();
  std::vector<adapter::ColumnInfo> out;
  for (const auto& row : described->rows) {
    if (row.size() < 2) continue;
    out.push_back({adapter::cell_to_string(row[0]), adapter::cell_to_string(row[1])});
  }
  return out;
}

Result<std::vector<adapter::ColumnInfo>> columns_of_query(NodeContext& ctx, std::string_view sql) {
  auto described = ctx.connection().query("describe (\n" + as_subquery_body(sql) + "\n)");
  if (!described.ok()) return std::move(described).error();
  std::vector<adapter::ColumnInfo> out;
  for (const auto& row : described->rows) {
    if (row.size() < 2) continue;
    out.push_back({adapter::cell_to_string(row[0]), adapter::cell_to_string(row[1])});
  }
  return out;
}

int64_t rows_reported(const adapter::QueryResult& result) {
  if (result.columns.size() == 1 && result.rows.size() == 1 && result.columns[0].name == "Count") {
    const auto& cell = result.rows[0][0];
    if (const auto* n = std::get_if<int64_t>(&cell)) return *n;
  }
  return result.rows_changed;
}

}  // namespace strata::exec::models
