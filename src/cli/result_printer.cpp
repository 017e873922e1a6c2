#include "cli/result_printer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace strata::cli {

bool parse_result_format(const std::string& text, ResultFormat& out) {
  if (text == "table") out = ResultFormat::Table;
  else if (text == "csv") out = ResultFormat::Csv;
  else if (text == "json") out = ResultFormat::Json;
  else return false;
  return true;
}

namespace {

// Display width in terminal columns: counts UTF-8 code points, not bytes.
size_t display_width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_numeric(const adapter::Cell& c) {
  return std::holds_alternative<int64_t>(c) || std::holds_alternative<double>(c);
}

void print_table(std::ostream& out, const adapter::QueryResult& result) {
  size_t n = result.columns.size();
  std::vector<std::vector<std::string>> text(result.rows.size(), std::vector<std::string>(n));
  std::vector<size_t> width(n);
  for (size_t c = 0; c < n; ++c)
    width[c] = std::max(display_width(result.columns[c].name), display_width(result.columns[c].type));
  for (size_t r = 0; r < result.rows.size(); ++r)
    for (size_t c = 0; c < n; ++c) {
      text[r][c] = adapter::cell_to_string(result.rows[r][c]);
      // One line per row: show embedded newlines escaped.
      std::string& t = text[r][c];
      for (size_t p = 0; (p = t.find('\n', p)) != std::string::npos; p += 2) t.replace(p, 1, "\\n");
      width[c] = std::max(width[c], display_width(t));
    }
  auto pad = [&](const std::string& s, size_t w, bool right) {
    std::string fill(w - display_width(s), ' ');
    return right ? fill + s : s + fill;
  };
  auto rule = [&]() {
    out << "+";
    for (size_t c = 0; c < n; ++c) out << std::string(width[c] + 2, '-') << "+";
    out << "\n";
  };
  rule();
  out << "|";
  for (size_t c = 0; c < n; ++c) out << " " << pad(result.columns[c].name, width[c], false) << " |";
  out << "\n|";
  for (size_t c = 0; c < n; ++c) out << " " << pad(result.columns[c].type, width[c], false) << " |";
  out << "\n";
  rule();
  for (size_t r = 0; r < result.rows.size(); ++r) {
    out << "|";
    for (size_t c = 0; c < n; ++c) out << " " << pad(text[r][c], width[c], is_numeric(result.rows[r][c])) << " |";
    out << "\n";
  }
  rule();
  out << "(" << result.rows.size() << (result.rows.size() == 1 ? " row" : " rows") << ")\n";
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void print_csv(std::ostream& out, const adapter::QueryResult& result) {
  for (size_t c = 0; c < result.columns.size(); ++c) out << (c ? "," : "") << csv_field(result.columns[c].name);
  out << "\n";
  for (const auto& row : result.rows) {
    for (size_t c = 0; c < row.size(); ++c)
      out << (c ? "," : "") << (adapter::is_null(row[c]) ? std::string() : csv_field(adapter::cell_to_string(row[c])));
    out << "\n";
  }
}

nlohmann::ordered_json cell_json(const adapter::Cell& cell) {
  if (adapter::is_null(cell)) return nullptr;
  if (auto* b = std::get_if<bool>(&cell)) return *b;
  if (auto* i = std::get_if<int64_t>(&cell)) return *i;
  if (auto* d = std::get_if<double>(&cell)) return *d;
  return std::get<std::string>(cell);
}

void print_json(std::ostream& out, const adapter::QueryResult& result) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& row : result.rows) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (size_t c = 0; c < row.size(); ++c) object[result.columns[c].name] = cell_json(row[c]);
    rows.push_back(std::move(object));
  }
  // Invalid UTF-8 from the warehouse must not abort the dump.
  out << rows.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace

void print_result(std::ostream& out, const adapter::QueryResult& result, ResultFormat format) {
  switch (format) {
    case ResultFormat::Table: print_table(out, result); break;
    case ResultFormat::Csv: print_csv(out, result); break;
    case ResultFormat::Json: print_json(out, result); break;
  }
}

}  // namespace strata::cli
