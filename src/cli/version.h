#pragma once
#include <string>

namespace strata::cli {

// "strata 0.1.0 (DuckDB v1.4.4)": the DuckDB part is whatever library was loaded.
std::string version_line(const std::string& duckdb_version);
std::string strata_version();

}  // namespace strata::cli
