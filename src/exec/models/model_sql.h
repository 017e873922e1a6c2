#pragma once
// Small SQL and introspection helpers shared by the model materializations: relation
// names, column lists, and what the warehouse currently holds.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapter/adapter.h"
#include "common/result.h"
#include "context/relation.h"
#include "exec/node_context.h"

namespace strata::exec::models {

// The same schema and database with another identifier (the temp relation of a build).
context::Relation with_identifier(const context::Relation& relation, std::string identifier);
context::Relation temp_relation_of(const context::Relation& target);
// Where an incremental build stages its new rows: a temporary table of the connection
// ("temp"."main"."<name>__strata_tmp"), as dbt-duckdb stages them (`create temp table`).
// DuckDB keeps it in memory: the rows are not compressed into the database file and
// written to its WAL only to be dropped before the commit.
context::Relation staging_relation_of(const context::Relation& target);
adapter::RelationRef ref_of(const context::Relation& relation);

// Compiled code as a subquery body: trailing whitespace and semicolons removed, so
// `create table x as (<sql>)` works for code written with a final ';'.
std::string as_subquery_body(std::string_view sql);

std::string quote_column(std::string_view name);
std::string quoted_csv(const std::vector<std::string>& names);  // "a", "b"
std::vector<std::string> names_of(const std::vector<adapter::ColumnInfo>& columns);

bool same_name(std::string_view a, std::string_view b);  // DuckDB identifiers: case-insensitive
const adapter::ColumnInfo* find_column(const std::vector<adapter::ColumnInfo>& columns, std::string_view name);

// "table" / "view" for DDL; Unknown and External are dropped as tables.
const char* kind_keyword(adapter::RelationKind kind);

// What exists at a relation's name now (inside the current transaction), if anything.
// One catalog query for several relations of one schema: DuckDB's catalog functions cost
// time per relation in the database, so builds ask once.
Result<std::vector<std::optional<adapter::RelationKind>>> existing_kinds(
    NodeContext& ctx, const std::vector<context::Relation>& same_schema);
Result<std::optional<adapter::RelationKind>> existing_kind(NodeContext& ctx, const context::Relation& relation);
// What is at a build's target and temp names, learned before its transaction by cheap
// probes (a failing probe would abort a transaction): `select rowid` binds only on a
// table; otherwise the catalog's views are asked (its functions cost time per relation in
// the database, so tables, the common case, skip them).
struct RelationState {
  std::optional<adapter::RelationKind> target;
  std::optional<adapter::RelationKind> temp;
};
Result<RelationState> probe_relations(NodeContext& ctx, const context::Relation& target);

// Columns of an existing relation (DESCRIBE: cheap, and sees the current transaction).
Result<std::vector<adapter::ColumnInfo>> columns_of(NodeContext& ctx, const context::Relation& relation);
// Column names and types of a query without running it (DuckDB DESCRIBE).
Result<std::vector<adapter::ColumnInfo>> columns_of_query(NodeContext& ctx, std::string_view sql);

// Rows a statement reported: DuckDB's changed-row count, or the Count column of a CTAS.
int64_t rows_reported(const adapter::QueryResult& result);

}  // namespace strata::exec::models
