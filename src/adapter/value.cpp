#include "adapter/value.h"

#include <strings.h>

#include <cmath>
#include <cstdio>

namespace strata::adapter {

std::string cell_to_string(const Cell& cell) {
  struct Visitor {
    std::string operator()(std::monostate) const { return "NULL"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      if (std::isnan(d)) return "nan";
      if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
      char buf[64];
      // Shortest text that reads back as the same double, as DuckDB prints.
      for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, d);
        if (std::strtod(buf, nullptr) == d) break;
      }
      std::string s = buf;
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
      return s;
    }
    std::string operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visitor{}, cell);
}

size_t QueryResult::column_index(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (strcasecmp(columns[i].name.c_str(), name.c_str()) == 0) return i;
  return static_cast<size_t>(-1);
}

}  // namespace strata::adapter
