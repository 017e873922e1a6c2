#pragma once
// Values that cross the adapter boundary: one cell of a result or one bound parameter.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace strata::adapter {

// Temporal, decimal-beyond-double, nested and other types arrive as their SQL text
// rendering (as the warehouse's own CLI would print them); the column's type says what
// they are.
using Cell = std::variant<std::monostate, bool, int64_t, double, std::string>;

inline bool is_null(const Cell& c) { return std::holds_alternative<std::monostate>(c); }

// Text of a cell as a table printer or CSV writer wants it; nulls are "NULL".
std::string cell_to_string(const Cell& cell);

struct ColumnInfo {
  std::string name;
  std::string type;  // SQL type as the warehouse spells it, e.g. INTEGER, DECIMAL(10,2), VARCHAR[]
};

// A fully materialised result (for small results: show, run_query, introspection).
struct QueryResult {
  std::vector<ColumnInfo> columns;
  std::vector<std::vector<Cell>> rows;
  int64_t rows_changed = 0;  // for DML; 0 otherwise

  size_t column_index(const std::string& name) const;  // npos if absent (case-insensitive)
};

// A slice of a streamed result; valid only during the callback that receives it.
struct ResultChunk {
  const std::vector<ColumnInfo>* columns = nullptr;
  std::vector<std::vector<Cell>> rows;
};

}  // namespace strata::adapter
