#pragma once
// Reads DuckDB data chunks into adapter Cells, column by column, without the deprecated
// per-value API. Nested and temporal types are rendered as DuckDB's own text would be.
#include <duckdb.h>

#include <string>
#include <vector>

#include "adapter/value.h"

namespace strata::adapter::duckdb {

// SQL spelling of a logical type, e.g. DECIMAL(10,2), VARCHAR[], STRUCT(a INTEGER).
std::string type_name(duckdb_logical_type type);

// Appends chunk's rows (converted) to rows. types[i] describes column i.
void read_chunk(duckdb_data_chunk chunk, const std::vector<duckdb_logical_type>& types,
                std::vector<std::vector<Cell>>& rows);

}  // namespace strata::adapter::duckdb
