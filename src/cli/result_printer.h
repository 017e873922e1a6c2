#pragma once
// Prints a query result as an aligned table, CSV or JSON.
#include <ostream>
#include <string>

#include "adapter/value.h"

namespace strata::cli {

enum class ResultFormat { Table, Csv, Json };

// Parses "table" | "csv" | "json".
bool parse_result_format(const std::string& text, ResultFormat& out);

void print_result(std::ostream& out, const adapter::QueryResult& result, ResultFormat format);

}  // namespace strata::cli
