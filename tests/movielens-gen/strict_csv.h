#pragma once
// A strict reader for the MovieLens CSV dialect, used to check the generator's output:
// every record ends with CRLF, quotes appear only around whole fields, a quoted field must
// actually need quoting (RFC 4180 quoting only where needed), inner quotes are doubled.
#include <string>
#include <string_view>
#include <vector>

namespace mlgen_test {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  size_t quoted_fields = 0;
};

// Parses `text`; on a format violation returns false and sets `error` to "line N: why".
bool parse_strict_csv(std::string_view text, CsvTable& table, std::string& error);

// Serialises fields back the way the official files do (for round-trip checks).
std::string serialise_csv_row(const std::vector<std::string>& fields);

std::string read_file(const std::string& path);

}  // namespace mlgen_test
