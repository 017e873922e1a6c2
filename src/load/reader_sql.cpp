#include "load/reader_sql.h"

#include "common/sql_quote.h"

namespace strata::load {

std::string sql_literal(const std::string& text) { return strata::sql_literal(text); }

std::string sql_identifier(const std::string& name) { return strata::sql_identifier(name); }

std::string qualified(const std::string& schema, const std::string& table) {
  return sql_identifier(schema) + "." + sql_identifier(table);
}

namespace {

std::string option_value(const Json& value) {
  if (value.is_string()) return sql_literal(value.get<std::string>());
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_null()) return "NULL";
  return value.dump();  // numbers
}

std::string columns_struct(const LoadSpec& spec) {
  std::string out = "{";
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    if (i) out += ", ";
    out += sql_literal(spec.columns[i].name) + ": " + sql_literal(spec.columns[i].type);
  }
  return out + "}";
}

}  // namespace

std::string reader_sql(const LoadSpec& spec, const std::string& path_expr, const ReaderOptions& options) {
  std::string function;
  switch (spec.format) {
    case FileFormat::Csv: function = "read_csv"; break;
    case FileFormat::Parquet: function = "read_parquet"; break;
    case FileFormat::Json: function = "read_json"; break;
  }
  std::string sql = function + "(" + path_expr;
  Json reader_options = spec.options;
  if (spec.format == FileFormat::Csv && !reader_options.contains("header")) reader_options["header"] = true;
  for (auto it = reader_options.begin(); it != reader_options.end(); ++it)
    sql += ", " + it.key() + " = " + option_value(it.value());
  if (!spec.columns.empty() && spec.format != FileFormat::Parquet) sql += ", columns = " + columns_struct(spec);
  if (options.store_rejects && spec.format == FileFormat::Csv)
    sql += std::string(", store_rejects = true, rejects_table = ") + sql_literal(kRejectsTable) +
           ", rejects_scan = " + sql_literal(kRejectScansTable);
  return sql + ")";
}

std::string declared_columns_sql(const LoadSpec& spec) {
  std::string out = "(";
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    if (i) out += ", ";
    out += sql_identifier(spec.columns[i].name) + " " + spec.columns[i].type;
  }
  return out + ")";
}

}  // namespace strata::load
