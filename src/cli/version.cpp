#include "cli/version.h"

#ifndef STRATA_VERSION
#error "STRATA_VERSION must be defined by the build"
#endif

namespace strata::cli {

std::string strata_version() { return STRATA_VERSION; }

std::string version_line(const std::string& duckdb_version) {
  return "strata " + strata_version() + " (DuckDB " + duckdb_version + ")";
}

}  // namespace strata::cli
